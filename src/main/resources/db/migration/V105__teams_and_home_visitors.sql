-- Teams and caseload transfer (#12). A social worker may be put in one supervisor's team: the supervisor's review
-- queue shows the team's records by default. Permissions do not change: a supervisor may still widen to all.
alter table app_user
  add column supervisor_id uuid,
  add constraint app_user_supervisor foreign key (tenant_id, supervisor_id) references app_user (tenant_id, id),
  add constraint app_user_not_own_supervisor check (supervisor_id is null or supervisor_id <> id);
create index app_user_by_supervisor on app_user (tenant_id, supervisor_id) where supervisor_id is not null;

-- Who visits an enrolled person under a project (家访责任人). Workers see every enrolled person and log visits to
-- whom they go; a person's home visitor is the worker who logged their latest home visit under the project, unless
-- a row here names another: a caseload transfer writes one row per person it moves, so the people due a visit
-- from a worker who leaves pass to the colleague who takes over, and stay with them whoever visits next.
create table home_visitor (
  tenant_id      uuid         not null,
  project_id     uuid         not null,
  beneficiary_id uuid         not null,
  worker_id      uuid         not null,
  assigned_by    uuid         not null,
  assigned_at    timestamptz  not null,
  reason         varchar(500) not null,
  primary key (tenant_id, project_id, beneficiary_id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  foreign key (tenant_id, worker_id) references app_user (tenant_id, id)
);
create index home_visitor_by_worker on home_visitor (tenant_id, worker_id);

alter table home_visitor enable row level security;
alter table home_visitor force row level security;
create policy tenant_isolation on home_visitor
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on home_visitor to ${appRole};
