-- Keeps the summaries of V70 correct in the transaction of every change (ADR 0008). Each trigger applies the
-- difference its own row's change makes, holding the other tables as they are at that moment:
--   summary(after) = summary(before) - contribution(old row) + contribution(new row)
-- so the result does not depend on the order in which JPA flushes a record and its participants, and every path
-- that writes these tables (the API, the bulk review, a future import) is covered without calling anything.
--
-- The functions run as the caller (SECURITY INVOKER): a record changes in its organization's transaction, so
-- row-level security lets the trigger read the project (for bureau_id) and write rows of that tenant, and nothing
-- else. Nothing here bypasses RLS.

create function report_day(at timestamptz) returns date
  language sql immutable parallel safe
  as $$ select (at at time zone 'Asia/Shanghai')::date $$;

comment on function report_day(timestamptz) is
  'The day a service was delivered, in China''s time zone (as ServiceRecords.ZONE judges days).';

-- The last approved service and home visit of one beneficiary in one project, recomputed from report_reach (an
-- index range of a handful of rows), so a void or a moved date can make them earlier again.
create function report_refresh_last(t uuid, project uuid, person uuid) returns void
  language sql
  as $$
    update report_enrolee e set
      last_served_on = (select max(x.day) from report_reach x where x.tenant_id = t and x.project_id = project
                          and x.beneficiary_id = person and x.approved_attendances > 0),
      last_home_visit_on = (select max(x.day) from report_reach x where x.tenant_id = t and x.project_id = project
                          and x.beneficiary_id = person and x.approved_attendances > 0 and x.kind = 'HOME_VISIT')
    where e.tenant_id = t and e.project_id = project and e.beneficiary_id = person
  $$;

-- Adds (sign 1) or takes back (sign -1) what one record in one state contributes, with its present participants.
-- DRAFT and VOIDED records contribute nothing; RETURNED ones only to the data-quality counts.
create function report_apply_record(r service_record, sign integer) returns void
  language plpgsql
  as $$
declare
  bureau   uuid;
  d        date := report_day(r.started_at);
  town     varchar(9) := left(r.place_code, 9);
  approved integer := case when r.status = 'APPROVED' then sign else 0 end;
  pending  integer := case when r.status = 'SUBMITTED' then sign else 0 end;
  handed   integer := case when r.status in ('SUBMITTED', 'RETURNED', 'APPROVED') then sign else 0 end;
  flags    text[] := string_to_array(r.flags, ',');
  people   integer;
begin
  if handed = 0 then
    return;
  end if;
  select p.bureau_id into strict bureau from project p where p.tenant_id = r.tenant_id and p.id = r.project_id;
  select count(*) into people from service_participant sp
   where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null;

  insert into report_daily as x (tenant_id, deliverable_id, day, town_code, kind, project_id, bureau_id,
      approved_records, approved_attendances, pending_records, pending_attendances, handed_in, late_entries,
      same_day_repeats)
    values (r.tenant_id, r.deliverable_id, d, town, r.kind, r.project_id, bureau,
      approved, approved * people, pending, pending * people, handed,
      case when 'LATE_ENTRY' = any (flags) then handed else 0 end,
      case when 'SAME_DAY_REPEAT' = any (flags) then handed else 0 end)
    on conflict (tenant_id, deliverable_id, day, town_code, kind) do update set
      approved_records = x.approved_records + excluded.approved_records,
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_records = x.pending_records + excluded.pending_records,
      pending_attendances = x.pending_attendances + excluded.pending_attendances,
      handed_in = x.handed_in + excluded.handed_in,
      late_entries = x.late_entries + excluded.late_entries,
      same_day_repeats = x.same_day_repeats + excluded.same_day_repeats;

  if approved = 0 and pending = 0 then
    return;
  end if;

  insert into report_deliverable_tally as x (tenant_id, deliverable_id, project_id, bureau_id,
      approved_records, approved_attendances, pending_records, pending_attendances)
    values (r.tenant_id, r.deliverable_id, r.project_id, bureau, approved, approved * people, pending, pending * people)
    on conflict (tenant_id, deliverable_id) do update set
      approved_records = x.approved_records + excluded.approved_records,
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_records = x.pending_records + excluded.pending_records,
      pending_attendances = x.pending_attendances + excluded.pending_attendances;

  insert into report_reach as x (tenant_id, deliverable_id, beneficiary_id, day, project_id, bureau_id, kind,
      approved_attendances, pending_attendances)
    select r.tenant_id, r.deliverable_id, sp.beneficiary_id, d, r.project_id, bureau, r.kind, approved, pending
      from service_participant sp
     where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null
    on conflict (tenant_id, deliverable_id, beneficiary_id, day) do update set
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_attendances = x.pending_attendances + excluded.pending_attendances;

  if approved <> 0 then
    perform report_refresh_last(r.tenant_id, r.project_id, sp.beneficiary_id)
       from service_participant sp
      where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null;
  end if;
end $$;

-- Counts an event (a return, a void of an approved record) on the record's day; events are never taken back.
create function report_count_event(r service_record, returned integer, voided integer) returns void
  language plpgsql
  as $$
declare
  bureau uuid;
begin
  select p.bureau_id into strict bureau from project p where p.tenant_id = r.tenant_id and p.id = r.project_id;
  insert into report_daily as x (tenant_id, deliverable_id, day, town_code, kind, project_id, bureau_id, returns,
      approved_voids)
    values (r.tenant_id, r.deliverable_id, report_day(r.started_at), left(r.place_code, 9), r.kind, r.project_id,
      bureau, returned, voided)
    on conflict (tenant_id, deliverable_id, day, town_code, kind) do update set
      returns = x.returns + excluded.returns,
      approved_voids = x.approved_voids + excluded.approved_voids;
end $$;

create function report_record_changed() returns trigger
  language plpgsql
  as $$
begin
  if tg_op = 'UPDATE' then
    if (old.status, old.started_at, old.place_code, old.flags, old.deliverable_id, old.project_id, old.kind)
        is not distinct from (new.status, new.started_at, new.place_code, new.flags, new.deliverable_id,
                              new.project_id, new.kind) then
      return null;
    end if;
    perform report_apply_record(old, -1);
  end if;
  perform report_apply_record(new, 1);
  if tg_op = 'UPDATE' and old.status = 'SUBMITTED' and new.status = 'RETURNED' then
    perform report_count_event(new, 1, 0);
  elsif tg_op = 'UPDATE' and old.status = 'APPROVED' and new.status = 'VOIDED' then
    perform report_count_event(old, 0, 1);
  end if;
  return null;
end $$;

create trigger report_service_record
  after insert or update on service_record
  for each row execute function report_record_changed();

-- A participant added to or taken off a record that counts right now (SUBMITTED or APPROVED).
create function report_participant_changed() returns trigger
  language plpgsql
  as $$
declare
  r        service_record;
  was      boolean := tg_op = 'UPDATE' and old.removed_at is null;
  present  boolean := new.removed_at is null;
  sign     integer;
  approved integer;
  pending  integer;
  bureau   uuid;
  d        date;
begin
  if was = present then
    return null;
  end if;
  select * into strict r from service_record s where s.tenant_id = new.tenant_id and s.id = new.record_id;
  if r.status not in ('SUBMITTED', 'APPROVED') then
    return null;
  end if;
  sign := case when present then 1 else -1 end;
  approved := case when r.status = 'APPROVED' then sign else 0 end;
  pending := case when r.status = 'SUBMITTED' then sign else 0 end;
  d := report_day(r.started_at);
  select p.bureau_id into strict bureau from project p where p.tenant_id = r.tenant_id and p.id = r.project_id;

  update report_daily set
      approved_attendances = approved_attendances + approved,
      pending_attendances = pending_attendances + pending
    where tenant_id = r.tenant_id and deliverable_id = r.deliverable_id and day = d
      and town_code = left(r.place_code, 9) and kind = r.kind;
  update report_deliverable_tally set
      approved_attendances = approved_attendances + approved,
      pending_attendances = pending_attendances + pending
    where tenant_id = r.tenant_id and deliverable_id = r.deliverable_id;
  insert into report_reach as x (tenant_id, deliverable_id, beneficiary_id, day, project_id, bureau_id, kind,
      approved_attendances, pending_attendances)
    values (r.tenant_id, r.deliverable_id, new.beneficiary_id, d, r.project_id, bureau, r.kind, approved, pending)
    on conflict (tenant_id, deliverable_id, beneficiary_id, day) do update set
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_attendances = x.pending_attendances + excluded.pending_attendances;
  if approved <> 0 then
    perform report_refresh_last(r.tenant_id, r.project_id, new.beneficiary_id);
  end if;
  return null;
end $$;

create trigger report_service_participant
  after insert or update on service_participant
  for each row execute function report_participant_changed();

-- An enrolment made or voided: the person joins (or leaves) the registered population of the project.
create function report_enrolment_changed() returns trigger
  language plpgsql
  as $$
begin
  insert into report_enrolee as e (tenant_id, project_id, beneficiary_id, bureau_id, town_code, categories, enrolled,
      beneficiary_active)
    select new.tenant_id, new.project_id, new.beneficiary_id, p.bureau_id, left(b.village_code, 9), b.categories,
           exists (select 1 from enrolment x where x.tenant_id = new.tenant_id and x.project_id = new.project_id
                     and x.beneficiary_id = new.beneficiary_id and x.status = 'ACTIVE'),
           b.status = 'ACTIVE'
      from project p, beneficiary b
     where p.tenant_id = new.tenant_id and p.id = new.project_id
       and b.tenant_id = new.tenant_id and b.id = new.beneficiary_id
    on conflict (tenant_id, project_id, beneficiary_id) do update set
      enrolled = excluded.enrolled,
      town_code = excluded.town_code,
      categories = excluded.categories,
      beneficiary_active = excluded.beneficiary_active;
  perform report_refresh_last(new.tenant_id, new.project_id, new.beneficiary_id);
  return null;
end $$;

create trigger report_enrolment
  after insert or update of status on enrolment
  for each row execute function report_enrolment_changed();

-- A beneficiary moved, recategorized or voided: their rows follow (coverage counts by residence and category).
create function report_beneficiary_changed() returns trigger
  language plpgsql
  as $$
begin
  update report_enrolee set
      town_code = left(new.village_code, 9),
      categories = new.categories,
      beneficiary_active = new.status = 'ACTIVE'
    where tenant_id = new.tenant_id and beneficiary_id = new.id;
  return null;
end $$;

create trigger report_beneficiary
  after update of village_code, categories, status on beneficiary
  for each row execute function report_beneficiary_changed();

-- Rebuilds every summary of the tenant bound to the transaction from the raw tables: for existing data when this
-- migration runs, and for bulk loads that skipped the triggers (the benchmark generator). Run by the owner only:
-- it deletes, which the application role may not. Event counters (returns, voids of approved records) cannot be
-- recovered exactly from the rows; the rebuild counts a record with a return comment as returned once.
create function report_rebuild() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  if t is null then
    raise exception 'report_rebuild: bind a tenant first (app.tenant_id)';
  end if;
  delete from report_reach where tenant_id = t;
  delete from report_daily where tenant_id = t;
  delete from report_deliverable_tally where tenant_id = t;
  delete from report_enrolee where tenant_id = t;

  insert into report_enrolee (tenant_id, project_id, beneficiary_id, bureau_id, town_code, categories, enrolled,
      beneficiary_active)
    select e.tenant_id, e.project_id, e.beneficiary_id, p.bureau_id, left(b.village_code, 9), b.categories,
           bool_or(e.status = 'ACTIVE'), b.status = 'ACTIVE'
      from enrolment e
      join project p on p.tenant_id = e.tenant_id and p.id = e.project_id
      join beneficiary b on b.tenant_id = e.tenant_id and b.id = e.beneficiary_id
     where e.tenant_id = t
     group by e.tenant_id, e.project_id, e.beneficiary_id, p.bureau_id, b.village_code, b.categories, b.status;

  insert into report_daily (tenant_id, deliverable_id, day, town_code, kind, project_id, bureau_id,
      approved_records, approved_attendances, pending_records, pending_attendances, handed_in, late_entries,
      same_day_repeats, returns, approved_voids)
    select r.tenant_id, r.deliverable_id, report_day(r.started_at), left(r.place_code, 9), r.kind, r.project_id,
           p.bureau_id,
           count(*) filter (where r.status = 'APPROVED'),
           coalesce(sum(n.people) filter (where r.status = 'APPROVED'), 0),
           count(*) filter (where r.status = 'SUBMITTED'),
           coalesce(sum(n.people) filter (where r.status = 'SUBMITTED'), 0),
           count(*) filter (where r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')),
           count(*) filter (where r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')
                              and 'LATE_ENTRY' = any (string_to_array(r.flags, ','))),
           count(*) filter (where r.status in ('SUBMITTED', 'RETURNED', 'APPROVED')
                              and 'SAME_DAY_REPEAT' = any (string_to_array(r.flags, ','))),
           count(*) filter (where r.return_comment is not null),
           0
      from service_record r
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
      cross join lateral (select count(*)::integer as people from service_participant sp
                           where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null) n
     where r.tenant_id = t and (r.status in ('SUBMITTED', 'RETURNED', 'APPROVED') or r.return_comment is not null)
     group by r.tenant_id, r.deliverable_id, report_day(r.started_at), left(r.place_code, 9), r.kind, r.project_id,
              p.bureau_id;

  insert into report_deliverable_tally (tenant_id, deliverable_id, project_id, bureau_id, approved_records,
      approved_attendances, pending_records, pending_attendances)
    select tenant_id, deliverable_id, project_id, bureau_id, sum(approved_records), sum(approved_attendances),
           sum(pending_records), sum(pending_attendances)
      from report_daily
     where tenant_id = t
     group by tenant_id, deliverable_id, project_id, bureau_id;

  insert into report_reach (tenant_id, deliverable_id, beneficiary_id, day, project_id, bureau_id, kind,
      approved_attendances, pending_attendances)
    select r.tenant_id, r.deliverable_id, sp.beneficiary_id, report_day(r.started_at), r.project_id, p.bureau_id,
           r.kind, count(*) filter (where r.status = 'APPROVED'), count(*) filter (where r.status = 'SUBMITTED')
      from service_record r
      join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
     where r.tenant_id = t and r.status in ('SUBMITTED', 'APPROVED')
     group by r.tenant_id, r.deliverable_id, sp.beneficiary_id, report_day(r.started_at), r.project_id,
              p.bureau_id, r.kind;

  update report_enrolee e set
      last_served_on = l.served, last_home_visit_on = l.visited
    from (select x.project_id, x.beneficiary_id, max(x.day) as served,
                 max(x.day) filter (where x.kind = 'HOME_VISIT') as visited
            from report_reach x
           where x.tenant_id = t and x.approved_attendances > 0
           group by x.project_id, x.beneficiary_id) l
   where e.tenant_id = t and e.project_id = l.project_id and e.beneficiary_id = l.beneficiary_id;
end $$;

revoke execute on function report_rebuild() from public;

-- Summaries for what already exists, tenant by tenant (the owner is under forced RLS too).
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    perform report_rebuild();
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;

grant execute on function report_day(timestamptz) to ${appRole};
grant execute on function report_refresh_last(uuid, uuid, uuid) to ${appRole};
grant execute on function report_apply_record(service_record, integer) to ${appRole};
grant execute on function report_count_event(service_record, integer, integer) to ${appRole};
