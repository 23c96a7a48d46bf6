-- Mandatory reports (强制报告, #4): an incident is the organization's 通报处置卡 for one child: what was found and
-- when, to whom it was reported, the handling steps, and the closure. It lives in the organization's tenant and
-- carries the project's bureau_id, like project/deliverable (V30): the funding bureau must see its projects'
-- incidents the same day, so both tables take the two-party policy. What the bureau may read of a row is decided
-- by the application (it never gets found_text nor the beneficiary id); the row itself holds no citizen id, phone
-- or full name, only a masked name and the town, copied when the incident is raised (the bureau cannot read the
-- beneficiary table). Nothing is deleted: incidents are voided with a reason, steps are appended.

create table incident (
  tenant_id          uuid          not null,
  id                 uuid          not null,
  bureau_id          uuid          not null,
  project_id         uuid          not null,
  source_record_id   uuid,
  beneficiary_id     uuid          not null,
  child_masked_name  varchar(100)  not null,
  town_code          varchar(9)    check (town_code ~ '^[0-9]{9}$'),
  concern            varchar(32)   not null check (concern in ('SUSPECTED_ABUSE', 'NEGLECT', 'MISSING_GUARDIAN',
                                     'SCHOOL_DROPOUT', 'NO_HOUSEHOLD_REGISTRATION', 'OTHER')),
  found_text         varchar(4000) not null,
  found_at           timestamptz   not null,
  -- A small sorted comma-separated set of authorities (POLICE, CIVIL_AFFAIRS_BUREAU, ...), like project.covered_towns.
  reported_to        varchar(200)  not null check (reported_to <> ''),
  reported_at        timestamptz   not null,
  status             varchar(16)   not null check (status in ('OPEN', 'CLOSED', 'VOIDED')),
  step_count         integer       not null default 0,
  closed_on          date,
  outcome            varchar(2000),
  closed_by          uuid,
  void_reason        varchar(500),
  voided_by          uuid,
  voided_at          timestamptz,
  raised_by          uuid          not null,
  created_at         timestamptz   not null,
  updated_at         timestamptz   not null,
  version            bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, source_record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  constraint incident_report_after_finding check (reported_at >= found_at),
  constraint incident_closed_has_outcome check (status <> 'CLOSED' or (closed_on is not null and outcome is not null)),
  constraint incident_voided_has_reason check (status <> 'VOIDED' or void_reason is not null)
);
-- The organization's list and the bureau's list, oldest first.
create index incident_by_tenant on incident (tenant_id, status, found_at);
create index incident_by_bureau on incident (bureau_id, status, found_at);

-- Handling steps (处置情况), numbered from 1 in the order they were appended; never updated.
create table incident_step (
  tenant_id    uuid          not null,
  incident_id  uuid          not null,
  position     integer       not null check (position > 0),
  bureau_id    uuid          not null,
  taken_on     date          not null,
  action       varchar(2000) not null,
  done_by      varchar(100)  not null,
  recorded_by  uuid          not null,
  recorded_at  timestamptz   not null,
  primary key (tenant_id, incident_id, position),
  foreign key (tenant_id, incident_id) references incident (tenant_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['incident', 'incident_step'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy incident_parties on %I'
      || ' using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())', t);
  end loop;
end $$;
grant select, insert, update on incident to ${appRole};
-- Steps are appended, never changed.
grant select, insert on incident_step to ${appRole};
