-- Service records (#4, first slice: home visits and their review). A record is the organization's account of one
-- piece of work done under one deliverable of one of its projects: who did it, when, where, for whom. Only
-- APPROVED records count toward deliverables. Records are voided with a reason, never deleted, so the app role has
-- no DELETE here either (participants removed while a record is being revised are marked, not deleted).

create table service_record (
  tenant_id       uuid          not null,
  id              uuid          not null,
  project_id      uuid          not null,
  deliverable_id  uuid          not null,
  kind            varchar(32)   not null,
  worker_id       uuid          not null,
  started_at      timestamptz   not null,
  ended_at        timestamptz   not null,
  -- A 12-digit village or 9-digit town code (GB/T 2260 extended); checked against regions by the application.
  place_code      varchar(12)   not null check (place_code ~ '^[0-9]{9}([0-9]{3})?$'),
  status          varchar(16)   not null check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'VOIDED')),
  submitted_at    timestamptz,
  return_comment  varchar(1000),
  reviewed_by     uuid,
  reviewed_at     timestamptz,
  void_reason     varchar(500),
  voided_by       uuid,
  voided_at       timestamptz,
  -- Warnings the rules raised but did not refuse (LATE_ENTRY, SAME_DAY_REPEAT): a small sorted comma-separated
  -- set, like project.covered_towns; reports split it with string_to_array.
  flags           varchar(200)  not null default '',
  -- Home visit (入户探视) details; null for other kinds.
  present         varchar(32)   check (present in ('GUARDIAN', 'ENTRUSTED_GUARDIAN', 'NOBODY')),
  risk_after      varchar(16)   check (risk_after in ('LOW', 'MEDIUM', 'HIGH')),
  follow_up       varchar(2000),
  next_visit_on   date,
  created_by      uuid          not null,
  created_at      timestamptz   not null,
  updated_at      timestamptz   not null,
  version         bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  constraint service_record_time_order check (ended_at > started_at),
  constraint service_record_returned_has_comment check (status <> 'RETURNED' or return_comment is not null),
  constraint service_record_voided_has_reason check (status <> 'VOIDED' or void_reason is not null),
  constraint service_record_home_visit check (kind <> 'HOME_VISIT' or (present is not null and risk_after is not null))
);
-- The review queue, the double-booking check (same worker, overlapping times) and per-project counting.
create index service_record_review on service_record (tenant_id, status, started_at);
create index service_record_by_worker on service_record (tenant_id, worker_id, started_at);
create index service_record_by_project on service_record (tenant_id, project_id, deliverable_id, status);

-- Findings of a home visit, one row per area. A child table rather than a jsonb column: the five areas and the
-- 1-5 rating are constraints the database can hold, reports aggregate ratings per area and town with plain SQL
-- (avg(rating) where area = 'SAFETY'), and the mapping needs no custom JSON converter. Rows are updated in place
-- when a returned visit is revised (the area is the key), so nothing is ever deleted.
create table home_visit_finding (
  tenant_id  uuid          not null,
  record_id  uuid          not null,
  area       varchar(32)   not null check (area in ('LIVING_CONDITIONS', 'SAFETY', 'SCHOOLING', 'HEALTH', 'GUARDIANSHIP')),
  rating     smallint      not null check (rating between 1 and 5),
  note       varchar(1000),
  primary key (tenant_id, record_id, area),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id)
);

-- The people a record served. removed_at marks a participant taken off while the record was being revised.
create table service_participant (
  tenant_id      uuid         not null,
  record_id      uuid         not null,
  beneficiary_id uuid         not null,
  removed_at     timestamptz,
  primary key (tenant_id, record_id, beneficiary_id),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id)
);
-- SAME_DAY_REPEAT: who else was served under this project that day.
create index service_participant_by_beneficiary on service_participant (tenant_id, beneficiary_id);

do $$
declare t text;
begin
  foreach t in array array['service_record', 'home_visit_finding', 'service_participant'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I'
      || ' using (tenant_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;
