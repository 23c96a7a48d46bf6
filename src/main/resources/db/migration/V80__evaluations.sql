-- Performance evaluation (绩效评估, #5): the funding bureau scores a project mid-term and at the end on a weighted
-- indicator sheet; a passed, signed sheet releases its payment milestone. Satisfaction surveys feed one indicator.
-- Every table here is two-party data like project (V30): the rows live in the organization's tenant and carry the
-- project's bureau_id, and the policy admits exactly those two parties. Who may read or write what (the bureau
-- writes; the organization reads signed sheets) is the application's rule on top. Nothing is deleted.

-- The weights a project's evaluations use; absent means the defaults (40/30/20/10). Fixed once a sheet is opened.
create table evaluation_weights (
  tenant_id     uuid        not null,
  project_id    uuid        not null,
  bureau_id     uuid        not null,
  completion    integer     not null check (completion between 0 and 100),
  quality       integer     not null check (quality between 0 and 100),
  satisfaction  integer     not null check (satisfaction between 0 and 100),
  compliance    integer     not null check (compliance between 0 and 100),
  updated_by    uuid        not null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  version       bigint      not null default 0,
  primary key (tenant_id, project_id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  constraint evaluation_weights_sum check (completion + quality + satisfaction + compliance = 100)
);

create table evaluation (
  tenant_id     uuid         not null,
  id            uuid         not null,
  bureau_id     uuid         not null,
  project_id    uuid         not null,
  stage         varchar(16)  not null check (stage in ('MID_TERM', 'FINAL')),
  milestone_id  uuid,
  as_of         date         not null,
  status        varchar(16)  not null check (status in ('DRAFT', 'SIGNED')),
  total         numeric(5,2),
  grade         varchar(16)  check (grade in ('EXCELLENT', 'GOOD', 'PASS', 'FAIL')),
  conclusion    varchar(2000),
  opened_by     uuid         not null,
  signed_by     uuid,
  signed_at     timestamptz,
  created_at    timestamptz  not null,
  updated_at    timestamptz  not null,
  version       bigint       not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, milestone_id) references payment_milestone (tenant_id, id),
  constraint evaluation_signed_is_complete check (
    status <> 'SIGNED' or (total is not null and grade is not null and signed_by is not null and signed_at is not null))
);
-- One sheet in progress per project and stage; signed ones accumulate (a failed sheet may be followed by another).
create unique index evaluation_one_draft on evaluation (tenant_id, project_id, stage) where status = 'DRAFT';
create index evaluation_by_bureau on evaluation (bureau_id, status, created_at);
create index evaluation_by_project on evaluation (tenant_id, project_id, created_at);

create table evaluation_indicator (
  tenant_id       uuid          not null,
  id              uuid          not null,
  evaluation_id   uuid          not null,
  bureau_id       uuid          not null,
  code            varchar(16)   not null check (code in ('COMPLETION', 'QUALITY', 'SATISFACTION', 'COMPLIANCE')),
  position        integer       not null,
  weight          integer       not null check (weight between 0 and 100),
  prefilled       numeric(5,2)  check (prefilled between 0 and 100),
  prefill_basis   varchar(500),
  score           numeric(5,2)  check (score between 0 and 100),
  comment         varchar(1000),
  override_reason varchar(500),
  scored_by       uuid,
  scored_at       timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, evaluation_id) references evaluation (tenant_id, id),
  constraint evaluation_indicator_once unique (tenant_id, evaluation_id, code)
);

-- Satisfaction surveys (满意度): one respondent's answer, by type only (no personal data of the respondent).
create table satisfaction_survey (
  tenant_id        uuid          not null,
  id               uuid          not null,
  bureau_id        uuid          not null,
  project_id       uuid          not null,
  respondent       varchar(16)   not null check (respondent in ('BENEFICIARY', 'GUARDIAN', 'SCHOOL')),
  scale            varchar(16)   not null check (scale in ('FIVE_POINT', 'PERCENT')),
  score            numeric(5,2)  not null check (score between 0 and 100),
  surveyed_on      date          not null,
  comment          varchar(500),
  recorded_by      uuid          not null,
  recorded_by_tenant uuid        not null,
  void_reason      varchar(500),
  voided_by        uuid,
  voided_at        timestamptz,
  created_at       timestamptz   not null,
  updated_at       timestamptz   not null,
  version          bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  constraint satisfaction_survey_scale check (scale <> 'FIVE_POINT' or (score between 1 and 5 and score = trunc(score)))
);
create index satisfaction_survey_by_project on satisfaction_survey (tenant_id, project_id, surveyed_on);

do $$
declare t text;
begin
  foreach t in array array['evaluation_weights', 'evaluation', 'evaluation_indicator', 'satisfaction_survey'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy evaluation_parties on %I'
      || ' using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;

-- Counts of a project's service records per deliverable, for either party of the project: approved; considered
-- (handed to review: SUBMITTED, APPROVED or RETURNED); of those, flagged LATE_ENTRY, ever returned (a returned
-- record keeps its return comment), and either (flawed). The funding bureau
-- cannot read service_record (organization-only RLS), yet its evaluation and its exports need these aggregates.
-- This function is the one narrow door: it answers nothing unless the bound tenant is a party of the project (the
-- project's own two-party policy decides that), switches the transaction's tenant to the project's organization
-- only for the aggregate, and switches back before returning. Counts only, never a row. Summary tables kept by the
-- approval transaction (#5, reporting) will replace it; see contracts.control.DeliveryCounts.
create function shouhu_record_counts(p_project uuid)
returns table (deliverable_id uuid, approved bigint, considered bigint, late bigint, returned bigint, flawed bigint)
language plpgsql volatile as $$
declare
  caller text := current_setting('app.tenant_id', true);
  org uuid;
begin
  select p.tenant_id into org from project p where p.id = p_project;
  if org is null then
    return;
  end if;
  perform set_config('app.tenant_id', org::text, true);
  return query
    select d.id,
           count(r.id) filter (where r.status = 'APPROVED'),
           count(r.id) filter (where r.status in ('SUBMITTED', 'APPROVED', 'RETURNED')),
           count(r.id) filter (where r.status in ('SUBMITTED', 'APPROVED', 'RETURNED')
                                 and 'LATE_ENTRY' = any (string_to_array(r.flags, ','))),
           count(r.id) filter (where r.status in ('SUBMITTED', 'APPROVED', 'RETURNED') and r.return_comment is not null),
           count(r.id) filter (where r.status in ('SUBMITTED', 'APPROVED', 'RETURNED')
                                 and ('LATE_ENTRY' = any (string_to_array(r.flags, ',')) or r.return_comment is not null))
      from deliverable d
      left join service_record r on r.tenant_id = d.tenant_id and r.deliverable_id = d.id
     where d.tenant_id = org and d.project_id = p_project
     group by d.id, d.position
     order by d.position;
  perform set_config('app.tenant_id', caller, true);
end $$;
grant execute on function shouhu_record_counts(uuid) to ${appRole};
