-- Enrolment of a beneficiary in a purchased service project: the organization's record that this person is
-- served under this contract. Organization-owned (the bureau sees enrolments only as counts, in reports).
-- Voided with a reason, never deleted; at most one live enrolment per project and person.

create table enrolment (
  tenant_id      uuid         not null,
  id             uuid         not null,
  project_id     uuid         not null,
  beneficiary_id uuid         not null,
  enrolled_on    date         not null,
  enrolled_by    uuid,
  status         varchar(16)  not null check (status in ('ACTIVE', 'VOIDED')),
  void_reason    varchar(500),
  voided_by      uuid,
  voided_at      timestamptz,
  created_at     timestamptz  not null,
  updated_at     timestamptz  not null,
  version        bigint       not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  constraint enrolment_voided_has_reason check (status <> 'VOIDED' or void_reason is not null)
);
create unique index enrolment_live on enrolment (tenant_id, project_id, beneficiary_id) where status = 'ACTIVE';
create index enrolment_by_beneficiary on enrolment (tenant_id, beneficiary_id);

alter table enrolment enable row level security;
alter table enrolment force row level security;
create policy tenant_isolation on enrolment
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on enrolment to ${appRole};
