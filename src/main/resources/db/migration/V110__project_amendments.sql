-- #13 Award to payment. Two things the bureau's officer now does in the browser:
--
-- 1. A draft is revised until it is activated: its deliverables and milestones are replaced as a whole, so a DRAFT
--    project's parts may be deleted. Only a draft's: the restrictive policy below keeps every part of an active,
--    closed or terminated project (and anything service records point at) where it is.
-- 2. After activation a change of the contract's terms (a deliverable's target, the period, the covered towns) is an
--    amendment (合同变更): recorded with its reason, the day it takes effect, who made it and the values before and
--    after. Never edited, never deleted.

do $$
declare t text;
begin
  foreach t in array array['deliverable', 'payment_milestone'] loop
    execute format('grant delete on %I to ${appRole}', t);
    execute format('create policy only_draft_parts_deleted on %I as restrictive for delete'
      || ' using (exists (select 1 from project p where p.tenant_id = %I.tenant_id and p.id = %I.project_id'
      || ' and p.status = ''DRAFT''))', t, t, t);
  end loop;
end $$;

create table project_amendment (
  tenant_id       uuid          not null,
  id              uuid          not null,
  project_id      uuid          not null,
  bureau_id       uuid          not null,
  kind            varchar(16)   not null check (kind in ('TARGET', 'PERIOD', 'TOWNS')),
  deliverable_id  uuid,
  before_value    varchar(2000) not null,
  after_value     varchar(2000) not null,
  reason          varchar(500)  not null,
  effective_on    date          not null,
  created_by      uuid          not null,
  created_at      timestamptz   not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  constraint amendment_target_names_deliverable check ((kind = 'TARGET') = (deliverable_id is not null))
);
create index amendment_by_project on project_amendment (tenant_id, project_id, created_at);

alter table project_amendment enable row level security;
alter table project_amendment force row level security;
create policy contract_parties on project_amendment
  using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant());
grant select, insert on project_amendment to ${appRole};
