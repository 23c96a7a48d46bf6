-- Counseling cases in the browser (#12). Intake records who referred the client and the client's (or, for a minor,
-- the guardian's) consent to counseling, in the register's consent shape (V40 beneficiary.consent_*). The plan's
-- goals say by when and how they are measured, and the plan how often sessions are meant to be held (what "next
-- session due" is computed from). A closure proposal rates every goal. Each counseling session records the
-- progress made toward the goals it worked on: a row per goal position, the goal's text copied as it read that
-- day, so the review queue shows what was judged without reading the case.

alter table counseling_case
  add column referral_source     varchar(24) check (referral_source in
    ('SELF', 'GUARDIAN', 'SCHOOL', 'CHILD_DIRECTOR', 'TOWN_SUPERVISOR', 'OTHER_ORGANIZATION', 'POLICE', 'OTHER')),
  add column consent_given_on    date,
  add column consent_given_by    varchar(100),
  add column consent_relationship varchar(16) check (consent_relationship in
    ('SELF', 'FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER')),
  add column consent_method      varchar(16) check (consent_method in ('WRITTEN', 'ORAL', 'ELECTRONIC')),
  add column session_every_days  integer check (session_every_days between 1 and 90),
  add constraint counseling_case_consent_whole check (
    (consent_given_on is null) = (consent_given_by is null)
    and (consent_given_on is null) = (consent_relationship is null)
    and (consent_given_on is null) = (consent_method is null));

alter table counseling_goal
  add column due_on   date,
  add column measure  varchar(500),
  -- The outcome proposed at closure; cleared when the closure is returned.
  add column outcome  varchar(16) check (outcome in ('ACHIEVED', 'PARTLY', 'NOT_ACHIEVED'));

create table session_goal_progress (
  tenant_id   uuid         not null,
  record_id   uuid         not null,
  position    integer      not null check (position between 1 and 10),
  goal        varchar(500) not null,
  -- Null: the goal was rated in an earlier revision of the session and is no longer (rows are not deleted).
  progress    varchar(16)  check (progress in ('NOT_STARTED', 'SOME_PROGRESS', 'ACHIEVED')),
  note        varchar(500),
  primary key (tenant_id, record_id, position),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id)
);

do $$
begin
  execute 'alter table session_goal_progress enable row level security';
  execute 'alter table session_goal_progress force row level security';
  execute 'create policy tenant_isolation on session_goal_progress'
    || ' using (tenant_id = shouhu_current_tenant())'
    || ' with check (tenant_id = shouhu_current_tenant())';
  execute 'grant select, insert, update on session_goal_progress to ${appRole}';
end $$;
