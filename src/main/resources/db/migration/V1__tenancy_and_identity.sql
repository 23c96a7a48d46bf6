-- Tenancy and identity. Run by the owner role; the application role (${appRole}) gets only what it needs.
--
-- Isolation rule for every tenant-owned table in this schema:
--   * tenant_id leads the primary key and every foreign key (Citus-ready: tenant_id is the distribution column);
--   * row-level security is ENABLED and FORCED, with one policy keyed on the transaction-local setting
--     app.tenant_id; a connection that never set it sees nothing and can write nothing (fail closed);
--   * the application role gets no DELETE: records are voided, never deleted.

create function shouhu_current_tenant() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

comment on function shouhu_current_tenant() is
  'The tenant bound to the current transaction by set_config(''app.tenant_id'', id, true); null when none is bound.';

create table tenant (
  id             uuid primary key,
  slug           varchar(63)  not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  display_name   varchar(200) not null check (length(btrim(display_name)) > 0),
  kind           varchar(16)  not null check (kind in ('PLATFORM', 'ORGANIZATION', 'BUREAU')),
  status         varchar(16)  not null check (status in ('ACTIVE', 'SUSPENDED')),
  time_zone      varchar(64)  not null default 'Asia/Shanghai',
  credit_code    char(18)     unique,
  division_code  varchar(12),
  status_reason  varchar(500),
  created_at     timestamptz  not null,
  updated_at     timestamptz  not null,
  version        bigint       not null default 0,
  -- An organization is identified by its credit code; a bureau by the jurisdiction it funds services in.
  constraint tenant_organization_has_credit_code check (kind <> 'ORGANIZATION' or credit_code is not null),
  constraint tenant_bureau_has_division check (kind <> 'BUREAU' or division_code is not null)
);

comment on table tenant is 'Platform-level registry of tenants; not tenant-owned, readable by the application for login.';

create table app_user (
  tenant_id            uuid         not null references tenant (id),
  id                   uuid         not null,
  username             varchar(64)  not null check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name         varchar(100) not null,
  roles                varchar(200) not null,
  password_hash        varchar(255) not null,
  status               varchar(16)  not null check (status in ('ACTIVE', 'DISABLED')),
  failed_logins        integer      not null default 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz  not null,
  must_change_password boolean      not null default false,
  created_at           timestamptz  not null,
  created_by           uuid,
  updated_at           timestamptz  not null,
  updated_by           uuid,
  version              bigint       not null default 0,
  primary key (tenant_id, id),
  unique (tenant_id, username)
);

alter table app_user enable row level security;
alter table app_user force row level security;
create policy tenant_isolation on app_user
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

-- Who did what, per tenant. Append-only for the application: no UPDATE, no DELETE.
create table audit_event (
  tenant_id   uuid         not null references tenant (id),
  id          uuid         not null,
  occurred_at timestamptz  not null,
  actor_id    uuid,
  action      varchar(64)  not null,
  subject     varchar(64)  not null,
  subject_id  uuid,
  detail      varchar(1000),
  request_id  varchar(64),
  primary key (tenant_id, id)
);
create index audit_event_recent on audit_event (tenant_id, occurred_at desc);

alter table audit_event enable row level security;
alter table audit_event force row level security;
create policy tenant_isolation on audit_event
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

grant select, insert, update on tenant to ${appRole};
grant select, insert, update on app_user to ${appRole};
grant select, insert on audit_event to ${appRole};
grant execute on function shouhu_current_tenant() to ${appRole};
