-- Counseling cases (个案, #4): a case worker takes one client (a beneficiary enrolled in one of the organization's
-- active projects) from intake through assessment and a plan of goals to sessions and a closure with an outcome,
-- which a supervisor confirms; only a confirmed closure counts toward the project's CASE deliverable. Sessions are
-- ordinary service records of kind COUNSELING_SESSION (so every service rule, the review queue, period locking and
-- voiding apply unchanged), linked to their case with a number. What was said in a session is kept apart, sealed
-- (session_note): see docs/adr/0006-confidential-session-notes.md. Nothing is deleted: cases are voided with a
-- reason, goals dropped from a revised plan are marked.

create table counseling_case (
  tenant_id          uuid          not null,
  id                 uuid          not null,
  project_id         uuid          not null,
  -- The CASE deliverable a confirmed closure counts toward; a case may count toward none.
  deliverable_id     uuid,
  beneficiary_id     uuid          not null,
  worker_id          uuid          not null,
  status             varchar(16)   not null check (status in ('INTAKE', 'ASSESSED', 'PLANNED', 'CLOSING', 'CLOSED', 'VOIDED')),
  intake_on          date          not null,
  presenting_issue   varchar(2000) not null,
  assessment         varchar(4000),
  assessed_at        timestamptz,
  planned_at         timestamptz,
  -- Bumped with every session logged, so a closure proposed concurrently meets the optimistic lock.
  session_count      integer       not null default 0 check (session_count >= 0),
  outcome            varchar(16)   check (outcome in ('GOALS_MET', 'PARTLY_MET', 'REFERRED', 'WITHDRAWN')),
  closure_summary    varchar(2000),
  closure_proposed_at timestamptz,
  approved_sessions  integer,
  closure_comment    varchar(1000),
  closed_by          uuid,
  closed_at          timestamptz,
  void_reason        varchar(500),
  voided_by          uuid,
  voided_at          timestamptz,
  created_by         uuid          not null,
  created_at         timestamptz   not null,
  updated_at         timestamptz   not null,
  version            bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  constraint counseling_case_assessed check (status not in ('ASSESSED', 'PLANNED') or assessment is not null),
  constraint counseling_case_planned check (status <> 'PLANNED' or planned_at is not null),
  constraint counseling_case_closure check (status not in ('CLOSING', 'CLOSED') or (outcome is not null and closure_summary is not null)),
  constraint counseling_case_confirmed check (status <> 'CLOSED' or (closed_by is not null and closed_at is not null)),
  constraint counseling_case_voided_has_reason check (status <> 'VOIDED' or void_reason is not null)
);
create index counseling_case_by_worker on counseling_case (tenant_id, worker_id, status);
create index counseling_case_by_project on counseling_case (tenant_id, project_id, status);
-- At most one live case per client and project: a second intake is a duplicate, not a new case.
create unique index counseling_case_one_live on counseling_case (tenant_id, project_id, beneficiary_id)
  where status not in ('CLOSED', 'VOIDED');

-- The plan's goals in order. A revised plan rewrites goals in place by position; a goal beyond the new plan's
-- length is marked dropped, never deleted.
create table counseling_goal (
  tenant_id   uuid          not null,
  case_id     uuid          not null,
  position    integer       not null check (position between 1 and 10),
  goal        varchar(500)  not null,
  dropped_at  timestamptz,
  primary key (tenant_id, case_id, position),
  foreign key (tenant_id, case_id) references counseling_case (tenant_id, id)
);

-- A counseling session is a service record linked to its case and numbered in it (1, 2, ... in the order
-- logged; a voided session keeps its number). How it was held: face to face, by phone, ...
alter table service_record
  add column case_id        uuid,
  add column session_no     integer check (session_no > 0),
  add column session_method varchar(16) check (session_method in ('FACE_TO_FACE', 'PHONE', 'VIDEO', 'HOME_VISIT', 'SCHOOL', 'OTHER')),
  add constraint service_record_case foreign key (tenant_id, case_id) references counseling_case (tenant_id, id),
  add constraint service_record_counseling_session check (
    kind <> 'COUNSELING_SESSION' or (case_id is not null and session_no is not null and session_method is not null));
create unique index service_record_case_session on service_record (tenant_id, case_id, session_no) where case_id is not null;

-- The confidential note of one session (what the client said, the worker's clinical impressions): its own table
-- so that no query of service records can ever carry it, sealed with the personal-data cipher (AES-256-GCM,
-- context session_note.note/<record id>), read only through the audited note endpoint.
create table session_note (
  tenant_id    uuid         not null,
  record_id    uuid         not null,
  case_id      uuid         not null,
  note_cipher  bytea        not null check (octet_length(note_cipher) > 28),
  note_key     varchar(32)  not null,
  written_by   uuid         not null,
  written_at   timestamptz  not null,
  created_at   timestamptz  not null,
  updated_at   timestamptz  not null,
  version      bigint       not null default 0,
  primary key (tenant_id, record_id),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, case_id) references counseling_case (tenant_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['counseling_case', 'counseling_goal', 'session_note'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I'
      || ' using (tenant_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;
