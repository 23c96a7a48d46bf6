-- Ledger import (台账导入): an uploaded spreadsheet of beneficiaries, processed in the background in batches.
-- Same isolation rule as V1/V40: tenant_id leads every primary and foreign key, row-level security is ENABLED and
-- FORCED on app.tenant_id, and the application role gets no DELETE.
--
-- The uploaded file itself is never stored in the database: it lives in a temporary file while the job runs and
-- is deleted afterwards. Rejections name the row, the column and a stable code; their messages never quote a
-- cell's value (it may be a citizen identity number or a phone number).

create table import_job (
  tenant_id        uuid          not null references tenant (id),
  id               uuid          not null,
  file_name        varchar(255)  not null check (length(btrim(file_name)) > 0),
  format           varchar(8)    not null check (format in ('CSV', 'XLSX')),
  status           varchar(16)   not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  rows_total       integer       check (rows_total >= 0),
  rows_done        integer       not null default 0 check (rows_done >= 0),
  created_count    integer       not null default 0 check (created_count >= 0),
  updated_count    integer       not null default 0 check (updated_count >= 0),
  unchanged_count  integer       not null default 0 check (unchanged_count >= 0),
  rejected_count   integer       not null default 0 check (rejected_count >= 0),
  failure_message  varchar(1000),
  created_by       uuid          not null,
  created_at       timestamptz   not null,
  updated_at       timestamptz   not null,
  started_at       timestamptz,
  finished_at      timestamptz,
  version          bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, created_by) references app_user (tenant_id, id),
  constraint import_job_counts check (
    created_count + updated_count + unchanged_count + rejected_count = rows_done
    and (rows_total is null or rows_done <= rows_total)),
  constraint import_job_failure check ((status = 'FAILED') = (failure_message is not null)),
  constraint import_job_finished check ((status in ('DONE', 'FAILED')) = (finished_at is not null))
);
create index import_job_newest on import_job (tenant_id, created_at desc);

alter table import_job enable row level security;
alter table import_job force row level security;
create policy tenant_isolation on import_job
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

create table import_rejection (
  tenant_id   uuid          not null references tenant (id),
  id          uuid          not null,
  job_id      uuid          not null,
  row_number  integer       not null check (row_number >= 2),
  field       varchar(100)  not null,
  code        varchar(64)   not null,
  message     varchar(500)  not null,
  created_at  timestamptz   not null,
  updated_at  timestamptz   not null,
  version     bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, job_id) references import_job (tenant_id, id)
);
create index import_rejection_of_job on import_rejection (tenant_id, job_id, row_number);

alter table import_rejection enable row level security;
alter table import_rejection force row level security;
create policy tenant_isolation on import_rejection
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

grant select, insert, update on import_job to ${appRole};
grant select, insert on import_rejection to ${appRole};
