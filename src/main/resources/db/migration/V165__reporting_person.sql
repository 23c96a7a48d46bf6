-- One row per person and funding bureau (#13, #15; docs/performance.md "Drill-down lists" and "Reports at 10 M"):
-- what the coverage report and its people lists used to compute per request by grouping the bureau's report_enrolee
-- rows per person (a person enrolled in several of the bureau's projects has one enrolee row per project) and, for
-- "served in the period", hash-joining the bureau's reach rows of the period. At the benchmark's scale that is
-- 10,000 enrolee and 13,000 reach rows for every page of the served list (279-407 ms p95). Kept here, a list is a
-- range of one index in its own order and its count a range of another.
--
-- The row is the grouping the reports did, column for column: the person data every enrolee row of the person carries
-- (town, categories, masked name and village, taken from the beneficiary on every write, V70/V115), enrolled in any of
-- the bureau's projects, and the latest approved service and home visit over them. "Served in a period" is read from
-- last_served_on: a person with an approved attendance in [from, to] has last_served_on >= from; if it is after to,
-- report_reach says whether there was one inside the period too (only a period ending before the last service day
-- needs that probe). Every reach row has an enrolee row of its project (participants must be enrolled,
-- EnrolledParticipantsRule), so the bureau's served people are exactly these rows.
--
-- Kept by a trigger on report_enrolee, in the same transaction, whatever writes it (the V71 triggers, the rebuilds):
-- the writers of report_enrolee need not know about this table. No personal data beyond report_enrolee's.
create table report_person (
  tenant_id             uuid         not null,
  beneficiary_id        uuid         not null,
  bureau_id             uuid         not null,
  town_code             varchar(9)   not null,
  categories            varchar(200) not null,
  masked_name           varchar(100) not null,
  village_code          varchar(12)  not null,
  enrolled              boolean      not null,
  beneficiary_active    boolean      not null,
  last_served_on        date,
  last_home_visit_on    date,
  primary key (tenant_id, beneficiary_id, bureau_id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id)
);

-- The lists' orders (BureauReports.people: last home visit, never visited first, then town, masked name, the person):
-- all towns, and one town. Only live beneficiaries are listed or counted by coverage.
create index report_person_by_visit on report_person
  (bureau_id, last_home_visit_on nulls first, town_code, masked_name, tenant_id, beneficiary_id) where beneficiary_active;
create index report_person_by_town on report_person
  (bureau_id, town_code, last_home_visit_on nulls first, masked_name, tenant_id, beneficiary_id) where beneficiary_active;
-- Served since a day: the served list's count and the services report's distinct people, read from the index alone.
create index report_person_by_served on report_person (bureau_id, last_served_on)
  include (beneficiary_active, tenant_id, beneficiary_id);

alter table report_person enable row level security;
alter table report_person force row level security;
create policy report_parties on report_person
  using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on report_person to ${appRole};

-- The person's row for one bureau, grouped again from their enrolee rows (one per project of that bureau: an index
-- range of report_enrolee_by_beneficiary, a row or two). Gone when they have none left (only the owner's rebuild
-- deletes enrolee rows).
create function report_person_refresh(t uuid, person uuid, bureau uuid) returns void
  language plpgsql
  as $$
begin
  insert into report_person as x (tenant_id, beneficiary_id, bureau_id, town_code, categories, masked_name,
      village_code, enrolled, beneficiary_active, last_served_on, last_home_visit_on)
    select t, person, bureau, min(e.town_code), min(e.categories), min(e.masked_name), min(e.village_code),
           bool_or(e.enrolled), bool_or(e.beneficiary_active), max(e.last_served_on), max(e.last_home_visit_on)
      from report_enrolee e
     where e.tenant_id = t and e.beneficiary_id = person and e.bureau_id = bureau
    having count(*) > 0
    on conflict (tenant_id, beneficiary_id, bureau_id) do update set
      town_code = excluded.town_code,
      categories = excluded.categories,
      masked_name = excluded.masked_name,
      village_code = excluded.village_code,
      enrolled = excluded.enrolled,
      beneficiary_active = excluded.beneficiary_active,
      last_served_on = excluded.last_served_on,
      last_home_visit_on = excluded.last_home_visit_on;
  if not found then
    delete from report_person where tenant_id = t and beneficiary_id = person and bureau_id = bureau;
  end if;
end $$;

create function report_person_of_enrolee() returns trigger
  language plpgsql
  as $$
begin
  if tg_op <> 'INSERT' then
    perform report_person_refresh(old.tenant_id, old.beneficiary_id, old.bureau_id);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE'
      and (new.tenant_id, new.beneficiary_id, new.bureau_id) is distinct from (old.tenant_id, old.beneficiary_id, old.bureau_id)) then
    perform report_person_refresh(new.tenant_id, new.beneficiary_id, new.bureau_id);
  end if;
  return null;
end $$;

-- An update that changes nothing (report_refresh_last recomputes the same day on most approvals) costs nothing more.
create trigger report_person_of_enrolee
  after insert or delete on report_enrolee
  for each row execute function report_person_of_enrolee();
create trigger report_person_of_enrolee_update
  after update on report_enrolee
  for each row when (old.* is distinct from new.*) execute function report_person_of_enrolee();

grant execute on function report_person_refresh(uuid, uuid, uuid) to ${appRole};

-- Set-based, for rebuilds that skip triggers (the benchmark generator writes with session_replication_role = replica).
create function report_rebuild_person() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  delete from report_person where tenant_id = t;
  insert into report_person (tenant_id, beneficiary_id, bureau_id, town_code, categories, masked_name, village_code,
      enrolled, beneficiary_active, last_served_on, last_home_visit_on)
    select e.tenant_id, e.beneficiary_id, e.bureau_id, min(e.town_code), min(e.categories), min(e.masked_name),
           min(e.village_code), bool_or(e.enrolled), bool_or(e.beneficiary_active), max(e.last_served_on),
           max(e.last_home_visit_on)
      from report_enrolee e
     where e.tenant_id = t
     group by e.tenant_id, e.beneficiary_id, e.bureau_id;
end $$;

revoke execute on function report_rebuild_person() from public;

-- report_rebuild_all() of V115, and then this table.
create or replace function report_rebuild_all() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  perform report_rebuild();
  delete from report_record where tenant_id = t;
  insert into report_record (tenant_id, record_id, project_id, bureau_id, deliverable_id, kind, day, town_code, status,
      flags, participants, masked_names, evidence_files, returns, voided_after_approval)
    select r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, report_day(r.started_at),
           left(r.place_code, 9), r.status, r.flags, count(b.id),
           coalesce(left(string_agg(report_mask(b.name), '、' order by b.name), 2000), ''),
           (select count(*) from evidence e where e.tenant_id = r.tenant_id and e.record_id = r.id
               and e.voided_at is null),
           case when r.return_comment is not null then 1 else 0 end,
           r.status = 'VOIDED' and r.reviewed_at is not null and r.return_comment is null
      from service_record r
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
      left join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null
      left join beneficiary b on b.tenant_id = sp.tenant_id and b.id = sp.beneficiary_id
     where r.tenant_id = t
     group by r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, r.started_at, r.place_code,
              r.status, r.flags, r.return_comment, r.reviewed_at;
  perform report_rebuild_person();
end $$;

revoke execute on function report_rebuild_all() from public;

-- What exists already, tenant by tenant (the owner is under forced RLS too).
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    perform report_rebuild_person();
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
