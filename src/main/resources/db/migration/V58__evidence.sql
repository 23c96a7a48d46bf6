-- Evidence files (佐证材料, #4): photos and sign-in sheets attached to a service record (school activities first;
-- the table names the record, not its kind, so other kinds can attach evidence later). Stored in PostgreSQL (ADR
-- 0007): the bytes share the record's transactions, row-level security and backups, and a file can never outlive
-- or escape its tenant.
--
-- Two-party rows like project and incident (V30, V53): they live in the organization's tenant and carry the
-- project's funding bureau, which downloads the evidence of its projects. The bureau cannot read service_record,
-- so the row keeps the little the bureau needs to find a file (the day, the school, the topic, the record's
-- status), copied from the record and kept in step with it by the trigger below; never a child's name or id.
-- Nothing is deleted: evidence is voided with a reason.

create table evidence (
  tenant_id       uuid          not null,
  id              uuid          not null,
  bureau_id       uuid          not null,
  project_id      uuid          not null,
  record_id       uuid          not null,
  file_name       varchar(200)  not null,
  content_type    varchar(100)  not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/heic',
                                  'application/pdf')),
  size_bytes      integer       not null check (size_bytes between 1 and 10485760),
  -- Of the bytes as stored (after location data was removed from a JPEG), lowercase hex: what a download hashes to.
  sha256          char(64)      not null check (sha256 ~ '^[0-9a-f]{64}$'),
  location_removed boolean      not null default false,
  -- The record's summary as the bureau may see it, refreshed by evidence_follows_record().
  record_kind     varchar(32)   not null,
  record_status   varchar(16)   not null,
  service_on      date          not null,
  school_name     varchar(100),
  school_topic    varchar(32),
  uploaded_by     uuid          not null,
  void_reason     varchar(500),
  voided_by       uuid,
  voided_at       timestamptz,
  created_at      timestamptz   not null,
  updated_at      timestamptz   not null,
  version         bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  constraint evidence_voided_has_reason check (voided_at is null or void_reason is not null)
);
-- The same bytes uploaded twice to one record are one file (a retried upload on a bad network).
create unique index evidence_once_per_record on evidence (tenant_id, record_id, sha256) where voided_at is null;
create index evidence_by_record on evidence (tenant_id, record_id, created_at);
create index evidence_by_bureau on evidence (bureau_id, project_id, service_on);

-- The bytes, apart from the metadata so that lists never read them. Already-compressed images and PDFs gain
-- nothing from TOAST compression: store them out of line uncompressed.
create table evidence_content (
  tenant_id    uuid   not null,
  evidence_id  uuid   not null,
  bureau_id    uuid   not null,
  bytes        bytea  not null,
  primary key (tenant_id, evidence_id),
  foreign key (tenant_id, evidence_id) references evidence (tenant_id, id)
);
alter table evidence_content alter column bytes set storage external;

do $$
declare t text;
begin
  foreach t in array array['evidence', 'evidence_content'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy evidence_parties on %I'
      || ' using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())', t);
  end loop;
end $$;
grant select, insert, update on evidence to ${appRole};
-- The bytes are written once and never changed.
grant select, insert on evidence_content to ${appRole};

-- Keeps the bureau's summary of a record's evidence in step with the record, whichever path changed it (revise,
-- submit, bulk review, void). Runs as the caller inside the caller's transaction, so row-level security applies
-- as to any other statement of the organization.
create function evidence_follows_record() returns trigger language plpgsql as $$
begin
  update evidence
     set record_status = new.status,
         service_on = (new.started_at at time zone 'Asia/Shanghai')::date,
         school_name = new.school_name,
         school_topic = new.school_topic
   where tenant_id = new.tenant_id and record_id = new.id;
  return new;
end $$;

create trigger evidence_follows_record after update of status, started_at, school_name, school_topic
  on service_record for each row execute function evidence_follows_record();
