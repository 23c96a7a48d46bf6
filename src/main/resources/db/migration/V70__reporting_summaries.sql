-- Reporting summaries (#5). Reports read these small tables instead of scanning service records per request. They
-- are kept correct by the triggers of V71, in the same transaction as every change of a service record, a
-- participant, an enrolment or a beneficiary (see docs/adr/0008-reporting-summaries-by-trigger.md).
--
-- Every table lives in the organization's tenant (tenant_id leads the primary key) and carries the funding bureau
-- of its project (bureau_id), like project (V30): the bureau reads its projects' figures, so the policy is the
-- two-party one for reading; only the organization's own transactions write them (the triggers fire there), so
-- the bureau can read but never write a figure. No personal data is kept here: beneficiaries appear only as ids, with their town and categories.
-- Counters are only ever incremented or decremented; a row whose counters fell back to zero stays (no DELETE).
--
-- "Day" is the day the service was delivered (started_at in Asia/Shanghai, the zone ServiceRecords judges days in);
-- "town" is the first 9 digits of the place of service.

-- Per deliverable: the running totals behind progress. Attendances are 人次 (one per person present per record).
create table report_deliverable_tally (
  tenant_id             uuid     not null,
  deliverable_id        uuid     not null,
  project_id            uuid     not null,
  bureau_id             uuid     not null,
  approved_records      integer  not null default 0,
  approved_attendances  integer  not null default 0,
  pending_records       integer  not null default 0,
  pending_attendances   integer  not null default 0,
  primary key (tenant_id, deliverable_id),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id)
);
create index report_tally_by_project on report_deliverable_tally (tenant_id, project_id);
create index report_tally_by_bureau on report_deliverable_tally (bureau_id, project_id);

-- Per day × deliverable × town × kind: series, breakdowns by month/town/kind/organization, and data quality.
-- handed_in counts records SUBMITTED, RETURNED or APPROVED now; late_entries and same_day_repeats count those of
-- them that carry the flag. returns and approved_voids count events (a return, a void of an approved record) and
-- are never decremented.
create table report_daily (
  tenant_id             uuid        not null,
  deliverable_id        uuid        not null,
  day                   date        not null,
  town_code             varchar(9)  not null,
  kind                  varchar(32) not null,
  project_id            uuid        not null,
  bureau_id             uuid        not null,
  approved_records      integer     not null default 0,
  approved_attendances  integer     not null default 0,
  pending_records       integer     not null default 0,
  pending_attendances   integer     not null default 0,
  handed_in             integer     not null default 0,
  late_entries          integer     not null default 0,
  same_day_repeats      integer     not null default 0,
  returns               integer     not null default 0,
  approved_voids        integer     not null default 0,
  primary key (tenant_id, deliverable_id, day, town_code, kind),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id)
);
create index report_daily_by_project on report_daily (tenant_id, project_id, day);
create index report_daily_by_bureau on report_daily (bureau_id, day);

-- Per deliverable × beneficiary × day: who was reached when (approved and pending attendances). Distinct people
-- reached in any period, PERSON-unit deliverables and the last service of each beneficiary are read from here.
create table report_reach (
  tenant_id             uuid        not null,
  deliverable_id        uuid        not null,
  beneficiary_id        uuid        not null,
  day                   date        not null,
  project_id            uuid        not null,
  bureau_id             uuid        not null,
  kind                  varchar(32) not null,
  approved_attendances  integer     not null default 0,
  pending_attendances   integer     not null default 0,
  primary key (tenant_id, deliverable_id, beneficiary_id, day),
  foreign key (tenant_id, deliverable_id) references deliverable (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id)
);
create index report_reach_by_beneficiary on report_reach (tenant_id, project_id, beneficiary_id, day);
create index report_reach_by_bureau on report_reach (bureau_id, day);

-- Per project × beneficiary ever enrolled: the registered population of the bureau's projects (town of residence,
-- categories), whether the enrolment and the person are live, and the last approved service and home visit.
create table report_enrolee (
  tenant_id             uuid         not null,
  project_id            uuid         not null,
  beneficiary_id        uuid         not null,
  bureau_id             uuid         not null,
  town_code             varchar(9)   not null,
  categories            varchar(200) not null,
  enrolled              boolean      not null,
  beneficiary_active    boolean      not null,
  last_served_on        date,
  last_home_visit_on    date,
  primary key (tenant_id, project_id, beneficiary_id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id)
);
create index report_enrolee_by_beneficiary on report_enrolee (tenant_id, beneficiary_id);
create index report_enrolee_by_bureau on report_enrolee (bureau_id, town_code);

do $$
declare t text;
begin
  foreach t in array array['report_deliverable_tally', 'report_daily', 'report_reach', 'report_enrolee'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy report_parties on %I'
      || ' using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;
