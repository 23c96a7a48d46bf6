-- Administrative divisions (行政区划). Run by the owner role; the application role (${appRole}) gets only what it needs.
--
-- Global reference data, the same for every tenant: no tenant_id, no row-level security. Tenant-owned tables
-- store division codes and validate them against this table.
--
-- Provinces down to towns are loaded by the application at startup when the table is empty; villages are
-- imported one county at a time on request (org.shouhu.regions.control.VillageImport). Both run as the
-- application role, so it may INSERT; nothing ever rewrites or removes a division, so it gets no UPDATE and
-- no DELETE (a code that stored records point at must not silently change meaning).

create table region (
  code         varchar(12)  primary key,
  name         varchar(100) not null check (length(btrim(name)) > 0),
  level        varchar(8)   not null check (level in ('PROVINCE', 'CITY', 'COUNTY', 'TOWN', 'VILLAGE')),
  parent_code  varchar(12)  references region (code),
  constraint region_code_digits check (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
  -- 6 digits for the three GB/T 2260 levels, 9 for a town, 12 for a village: the length is the level's floor.
  constraint region_level_fits_code check (
    case level
      when 'TOWN' then length(code) = 9
      when 'VILLAGE' then length(code) = 12
      else length(code) = 6
    end),
  constraint region_only_provinces_are_roots check ((parent_code is null) = (level = 'PROVINCE')),
  -- Codes are hierarchical; a parent in another province would be a loading bug, not data.
  constraint region_parent_in_same_province check (parent_code is null or left(parent_code, 2) = left(code, 2))
);

comment on table region is
  'Administrative divisions (GB/T 2260 plus NBS 9/12-digit town and village codes). Global, not tenant-owned.';

-- Children of a division, in code order (the listing endpoint and the parent foreign key).
create index region_children on region (parent_code, code);
-- "Everything within 4290": a prefix LIKE on code, whatever the database collation is.
create index region_code_prefix on region (code varchar_pattern_ops);
-- No index for the name search: it is a "contains" match, which a btree cannot serve, and pg_trgm is not
-- guaranteed to be installable. A sequential scan over the ~45k base rows (plus imported villages) is cheap.

create table region_village_import (
  county_code    varchar(12) primary key references region (code),
  imported_at    timestamptz not null,
  village_count  integer     not null check (village_count >= 0),
  constraint region_village_import_six_digits check (length(county_code) = 6)
);

comment on table region_village_import is
  'Counties whose villages have been imported into region; a row here makes a repeated import a no-op.';

grant select, insert on region to ${appRole};
grant select, insert on region_village_import to ${appRole};
