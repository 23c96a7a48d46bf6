-- Background jobs on any node (#16 "stateless nodes") and no plaintext personal data outside the database (#14).
--
-- job is the queue every node polls: it holds only ids, a kind, the tenant a job works for and its lease, never
-- personal data, so it is platform-level (no row-level security) and a worker can claim from it before it knows
-- which tenant to bind. A node claims with FOR UPDATE SKIP LOCKED, stamps its id, a fresh lease token and
-- leased_until, renews the lease while it works, and re-checks its token in every transaction that commits work
-- (a node whose lease was taken over stops at its next batch). A QUEUED or RUNNING job whose lease has expired is
-- claimable again by any node: its node died. Times are the database's, so node clocks do not matter.
create table job (
  id            uuid         primary key,
  kind          varchar(32)  not null check (kind in ('LEDGER_IMPORT', 'RESEAL_PERSONAL_DATA')),
  tenant_id     uuid         references tenant (id),
  status        varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  attempts      integer      not null default 0 check (attempts >= 0),
  leased_by     varchar(64),
  lease_token   uuid,
  leased_until  timestamptz,
  progress      bigint       not null default 0 check (progress >= 0),
  failure_code  varchar(64),
  created_at    timestamptz  not null default now(),
  updated_at    timestamptz  not null default now(),
  finished_at   timestamptz,
  constraint job_lease check ((leased_by is null) = (lease_token is null) and (lease_token is null) = (leased_until is null)),
  constraint job_failure check ((status = 'FAILED') = (failure_code is not null)),
  constraint job_finished check ((status in ('DONE', 'FAILED')) = (finished_at is not null))
);
create index job_claimable on job (created_at) where status in ('QUEUED', 'RUNNING');

comment on table job is
  'Queue of background work claimed by any node (FOR UPDATE SKIP LOCKED + lease). Ids and leases only.';

grant select, insert, update on job to ${appRole};

-- The uploaded ledger, sealed, in chunks of at most 1 MiB (PersonalDataCipher, context
-- import_upload/<job id>/<chunk>): every node can read it, none keeps it on disk. Removed in the transaction that
-- ends its job. The one tenant table the application may DELETE from: a chunk is a transient copy of a file the
-- organization already holds, not a record, and keeping it after its job would keep children's data for nothing.
create table import_upload_chunk (
  tenant_id  uuid         not null references tenant (id),
  job_id     uuid         not null,
  chunk_no   integer      not null check (chunk_no >= 0),
  key_id     varchar(32)  not null,
  cipher     bytea        not null check (octet_length(cipher) > 28),
  primary key (tenant_id, job_id, chunk_no),
  foreign key (tenant_id, job_id) references import_job (tenant_id, id)
);

alter table import_upload_chunk enable row level security;
alter table import_upload_chunk force row level security;
create policy tenant_isolation on import_upload_chunk
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

grant select, insert, update, delete on import_upload_chunk to ${appRole};
