-- #15: the bureau's services report reads whole months from a monthly roll-up of report_daily instead of every day
-- row of its period (docs/adr/0018-monthly-roll-up-of-the-daily-summary.md, docs/performance.md "Services report,
-- session 8: monthly roll-up").
--
-- BureauReports.services groups approved records and 人次 by month, kind, town and organization. For the last 90 days
-- a bureau of the benchmark set has 9,802 report_daily rows (one per deliverable, day, town, kind and shard) that
-- fold into 1,144 lines: the report spent its time reading and sorting day rows. report_monthly holds exactly what
-- that grouping needs, per month, without the deliverable: a period's whole months are read here, and only the days
-- of a partial first or last month from report_daily (or, when fewer days are outside the period than inside, the
-- month here minus those days).
--
-- Kept by triggers on report_daily itself, in the same transaction, whatever writes report_daily (V71/V210's record,
-- participant and event triggers, the rebuilds): monthly(month, town, kind, organization, shard) is always the sum of
-- the day rows of that month, so no writer of report_daily needs to know about this table, and nothing is counted
-- differently. Only the approved counters are rolled up (the services report's); a submission, a return or an event
-- that changes no approved counter costs nothing here (the triggers' WHEN clauses skip the call).
--
-- Sharded like report_daily (V210, ADR 0016): a day row's change lands in the monthly row of the same shard, i.e. of
-- the record's worker, so two workers approving work of the same month, town and kind do not wait on one row (a
-- monthly row would be hotter than a daily one). Readers sum the shards; only the sums mean anything.

create table report_monthly (
  tenant_id             uuid        not null,
  bureau_id             uuid        not null,
  month                 date        not null,   -- the month's first day
  town_code             varchar(9)  not null,
  kind                  varchar(32) not null,
  shard                 smallint    not null default 0,
  approved_records      integer     not null default 0,
  approved_attendances  integer     not null default 0,
  primary key (tenant_id, bureau_id, month, town_code, kind, shard),
  check (month = date_trunc('month', month::timestamp)::date)
);
create index report_monthly_by_bureau on report_monthly (bureau_id, month);

alter table report_monthly enable row level security;
alter table report_monthly force row level security;
create policy report_parties on report_monthly
  using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on report_monthly to ${appRole};

create function report_month(day date) returns date
  language sql immutable parallel safe
  as $$ select date_trunc('month', day::timestamp)::date $$;

comment on function report_month(date) is 'The first day of the month a day is in (report_monthly, V230).';

-- Adds a delta to one monthly row (an upsert, like every summary write).
create function report_monthly_add(t uuid, bureau uuid, day date, town varchar, k varchar, s smallint,
    records integer, attendances integer) returns void
  language sql
  as $$
    insert into report_monthly as x (tenant_id, bureau_id, month, town_code, kind, shard, approved_records,
        approved_attendances)
      values (t, bureau, report_month(day), town, k, s, records, attendances)
    on conflict (tenant_id, bureau_id, month, town_code, kind, shard) do update set
      approved_records = x.approved_records + excluded.approved_records,
      approved_attendances = x.approved_attendances + excluded.approved_attendances
  $$;

-- new − old of one day row, in the month row of the same shard. A changed key (which no writer does today) moves
-- the old row's counts out of its month and the new row's in.
create function report_daily_rolled_up() returns trigger
  language plpgsql
  as $$
begin
  if tg_op = 'UPDATE' and (old.tenant_id, old.bureau_id, report_month(old.day), old.town_code, old.kind, old.shard)
      = (new.tenant_id, new.bureau_id, report_month(new.day), new.town_code, new.kind, new.shard) then
    perform report_monthly_add(new.tenant_id, new.bureau_id, new.day, new.town_code, new.kind, new.shard,
      new.approved_records - old.approved_records, new.approved_attendances - old.approved_attendances);
    return null;
  end if;
  if tg_op <> 'INSERT' then
    perform report_monthly_add(old.tenant_id, old.bureau_id, old.day, old.town_code, old.kind, old.shard,
      -old.approved_records, -old.approved_attendances);
  end if;
  if tg_op <> 'DELETE' then
    perform report_monthly_add(new.tenant_id, new.bureau_id, new.day, new.town_code, new.kind, new.shard,
      new.approved_records, new.approved_attendances);
  end if;
  return null;
end $$;

create trigger report_daily_monthly_insert
  after insert on report_daily
  for each row when (new.approved_records <> 0 or new.approved_attendances <> 0)
  execute function report_daily_rolled_up();
create trigger report_daily_monthly_update
  after update on report_daily
  for each row when ((old.approved_records, old.approved_attendances, old.tenant_id, old.bureau_id, old.day,
      old.town_code, old.kind, old.shard) is distinct from (new.approved_records, new.approved_attendances,
      new.tenant_id, new.bureau_id, new.day, new.town_code, new.kind, new.shard))
  execute function report_daily_rolled_up();
-- Only the owner deletes day rows (report_rebuild()); with this, a rebuild under the triggers keeps the roll-up exact.
create trigger report_daily_monthly_delete
  after delete on report_daily
  for each row when (old.approved_records <> 0 or old.approved_attendances <> 0)
  execute function report_daily_rolled_up();

-- Set-based, from the tenant's day rows, for rebuilds that skip triggers (the benchmark generator writes with
-- session_replication_role = replica) and for this migration. Keeps the day rows' shards.
create function report_rebuild_monthly() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  if t is null then
    raise exception 'report_rebuild_monthly: bind a tenant first (app.tenant_id)';
  end if;
  delete from report_monthly where tenant_id = t;
  insert into report_monthly (tenant_id, bureau_id, month, town_code, kind, shard, approved_records,
      approved_attendances)
    select d.tenant_id, d.bureau_id, report_month(d.day), d.town_code, d.kind, d.shard, sum(d.approved_records),
           sum(d.approved_attendances)
      from report_daily d
     where d.tenant_id = t
     group by d.tenant_id, d.bureau_id, report_month(d.day), d.town_code, d.kind, d.shard
    having sum(d.approved_records) <> 0 or sum(d.approved_attendances) <> 0;
end $$;

revoke execute on function report_rebuild_monthly() from public;

-- report_rebuild_all() of V165, and then this table.
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
  perform report_rebuild_monthly();
end $$;

revoke execute on function report_rebuild_all() from public;

grant execute on function report_month(date) to ${appRole};
grant execute on function report_monthly_add(uuid, uuid, date, varchar, varchar, smallint, integer, integer)
  to ${appRole};

-- What exists already, tenant by tenant (the owner is under forced RLS too): one grouped insert per organization over
-- its day rows (its primary key's range), about 3,000 rows an organization at the benchmark's 10 M records.
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    perform report_rebuild_monthly();
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
