-- Purchased service projects (政府购买服务项目). A project belongs to the awarded organization's tenant
-- (tenant_id) and names its funding bureau (bureau_id, another tenant). Both parties may see it, so these
-- tables use a two-party policy: visible and writable when the bound tenant is either the organization or the
-- bureau. Everything else about them follows the rule of V1 (tenant_id leads keys; forced RLS; no DELETE).

create table project (
  tenant_id        uuid          not null references tenant (id),
  id               uuid          not null,
  bureau_id        uuid          not null references tenant (id),
  contract_number  varchar(64)   not null,
  title            varchar(200)  not null,
  budget           numeric(14,2) not null check (budget >= 0),
  period_start     date          not null,
  period_end       date          not null,
  covered_towns    varchar(2000) not null default '',
  target_groups    varchar(200)  not null default '',
  lock_days        integer       not null default 10 check (lock_days between 0 and 90),
  status           varchar(16)   not null check (status in ('DRAFT', 'ACTIVE', 'CLOSED', 'TERMINATED')),
  status_reason    varchar(500),
  created_at       timestamptz   not null,
  created_by       uuid,
  updated_at       timestamptz   not null,
  updated_by       uuid,
  version          bigint        not null default 0,
  primary key (tenant_id, id),
  constraint project_period check (period_end >= period_start),
  constraint project_terminated_has_reason check (status <> 'TERMINATED' or status_reason is not null)
);
-- A bureau numbers its contracts uniquely.
create unique index project_contract_number on project (bureau_id, contract_number);
create index project_by_bureau on project (bureau_id, status);

create table deliverable (
  tenant_id        uuid         not null,
  id               uuid         not null,
  project_id       uuid         not null,
  bureau_id        uuid         not null,
  position         integer      not null,
  service_kind     varchar(32)  not null,
  unit             varchar(16)  not null,
  target_quantity  integer      not null check (target_quantity > 0),
  target_group     varchar(32),
  minimum_per_beneficiary integer check (minimum_per_beneficiary > 0),
  cadence          varchar(16)  check (cadence in ('MONTH', 'QUARTER', 'YEAR')),
  description      varchar(500),
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id)
);
create index deliverable_by_project on deliverable (tenant_id, project_id);

create table payment_milestone (
  tenant_id           uuid         not null,
  id                  uuid         not null,
  project_id          uuid         not null,
  bureau_id           uuid         not null,
  kind                varchar(16)  not null check (kind in ('FIRST', 'INTERIM', 'FINAL')),
  label               varchar(100) not null,
  share_percent       numeric(5,2) not null check (share_percent > 0 and share_percent <= 100),
  due_date            date         not null,
  requires_evaluation boolean      not null,
  status              varchar(16)  not null check (status in ('PENDING', 'RELEASED', 'PAID')),
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id)
);
create index milestone_by_project on payment_milestone (tenant_id, project_id);

do $$
declare t text;
begin
  foreach t in array array['project', 'deliverable', 'payment_milestone'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy contract_parties on %I'
      || ' using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;
