-- #15: a record's summary updates no longer hold a row every other writer of the same deliverable needs
-- (docs/adr/0016-summary-rows-sharded-by-worker.md, docs/performance.md "#15: summaries without hot rows").
--
-- report_deliverable_tally has one row per deliverable and report_daily one per deliverable, day, town and kind:
-- every visit of a deliverable updated the same row and held its lock until commit, so 32 workers posting visits
-- of one deliverable were served one at a time (WriteBenchmark: ~16 backends waiting on a transactionid lock).
-- Both tables get a small shard key in their primary key. A trigger writes the shard of the record's worker; a
-- worker's own writes are already serial (ServiceRecords.lockWorker), so the shard adds no wait of its own, and
-- two different workers share a shard with a probability of 1/16.
--
-- Correctness never depends on which shard a change lands in: every counter is a sum of deltas, and every reader
-- sums over the shards (ProgressReports groups the tally by deliverable; every report_daily reader already sums).
-- A row of a shard may hold a negative counter (a record counted by report_rebuild() in shard 0, approved later
-- in its worker's shard): only sums mean anything. report_rebuild() writes shard 0 (the column's default), as
-- before, and unsharded rows from before this migration are shard 0 too.

create function report_shard(worker uuid) returns smallint
  language sql immutable parallel safe
  as $$ select (hashtext(worker::text) & 15)::smallint $$;

comment on function report_shard(uuid) is
  'The summary shard a worker''s changes are counted in (V210): 0..15. Readers sum every shard.';

alter table report_daily add column shard smallint not null default 0;
alter table report_daily drop constraint report_daily_pkey;
alter table report_daily add primary key (tenant_id, deliverable_id, day, town_code, kind, shard);

alter table report_deliverable_tally add column shard smallint not null default 0;
alter table report_deliverable_tally drop constraint report_deliverable_tally_pkey;
alter table report_deliverable_tally add primary key (tenant_id, deliverable_id, shard);

-- V71's functions, each upsert on the shard of the record's worker. Otherwise unchanged.
create or replace function report_apply_record(r service_record, sign integer) returns void
  language plpgsql
  as $$
declare
  bureau   uuid;
  d        date := report_day(r.started_at);
  town     varchar(9) := left(r.place_code, 9);
  s        smallint := report_shard(r.worker_id);
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

  insert into report_daily as x (tenant_id, deliverable_id, day, town_code, kind, shard, project_id, bureau_id,
      approved_records, approved_attendances, pending_records, pending_attendances, handed_in, late_entries,
      same_day_repeats)
    values (r.tenant_id, r.deliverable_id, d, town, r.kind, s, r.project_id, bureau,
      approved, approved * people, pending, pending * people, handed,
      case when 'LATE_ENTRY' = any (flags) then handed else 0 end,
      case when 'SAME_DAY_REPEAT' = any (flags) then handed else 0 end)
    on conflict (tenant_id, deliverable_id, day, town_code, kind, shard) do update set
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

  insert into report_deliverable_tally as x (tenant_id, deliverable_id, shard, project_id, bureau_id,
      approved_records, approved_attendances, pending_records, pending_attendances)
    values (r.tenant_id, r.deliverable_id, s, r.project_id, bureau, approved, approved * people, pending,
      pending * people)
    on conflict (tenant_id, deliverable_id, shard) do update set
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

create or replace function report_count_event(r service_record, returned integer, voided integer) returns void
  language plpgsql
  as $$
declare
  bureau uuid;
begin
  select p.bureau_id into strict bureau from project p where p.tenant_id = r.tenant_id and p.id = r.project_id;
  insert into report_daily as x (tenant_id, deliverable_id, day, town_code, kind, shard, project_id, bureau_id,
      returns, approved_voids)
    values (r.tenant_id, r.deliverable_id, report_day(r.started_at), left(r.place_code, 9), r.kind,
      report_shard(r.worker_id), r.project_id, bureau, returned, voided)
    on conflict (tenant_id, deliverable_id, day, town_code, kind, shard) do update set
      returns = x.returns + excluded.returns,
      approved_voids = x.approved_voids + excluded.approved_voids;
end $$;

-- The participant's attendance goes to its record's shard as an upsert: the record's own counts may live in another
-- shard (shard 0 after a rebuild), where an update alone would have found no row of this shard and lost the delta.
create or replace function report_participant_changed() returns trigger
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
  s        smallint;
begin
  if was = present then
    return null;
  end if;
  select * into strict r from service_record x where x.tenant_id = new.tenant_id and x.id = new.record_id;
  if r.status not in ('SUBMITTED', 'APPROVED') then
    return null;
  end if;
  sign := case when present then 1 else -1 end;
  approved := case when r.status = 'APPROVED' then sign else 0 end;
  pending := case when r.status = 'SUBMITTED' then sign else 0 end;
  d := report_day(r.started_at);
  s := report_shard(r.worker_id);
  select p.bureau_id into strict bureau from project p where p.tenant_id = r.tenant_id and p.id = r.project_id;

  insert into report_daily as x (tenant_id, deliverable_id, day, town_code, kind, shard, project_id, bureau_id,
      approved_attendances, pending_attendances)
    values (r.tenant_id, r.deliverable_id, d, left(r.place_code, 9), r.kind, s, r.project_id, bureau, approved,
      pending)
    on conflict (tenant_id, deliverable_id, day, town_code, kind, shard) do update set
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_attendances = x.pending_attendances + excluded.pending_attendances;
  insert into report_deliverable_tally as x (tenant_id, deliverable_id, shard, project_id, bureau_id,
      approved_attendances, pending_attendances)
    values (r.tenant_id, r.deliverable_id, s, r.project_id, bureau, approved, pending)
    on conflict (tenant_id, deliverable_id, shard) do update set
      approved_attendances = x.approved_attendances + excluded.approved_attendances,
      pending_attendances = x.pending_attendances + excluded.pending_attendances;
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

grant execute on function report_shard(uuid) to ${appRole};
