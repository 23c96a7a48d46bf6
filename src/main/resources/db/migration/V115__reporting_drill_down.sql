-- Every figure of the bureau's reports opens to its records (#13). The minimized copies the bureau may read
-- (report_record of V72, report_enrolee of V70) learn the little more their lists need, and get the indexes that
-- answer each list from a range of the rows it shows (docs/performance.md):
--   * report_record.returns: how often the record was returned (SUBMITTED -> RETURNED), the events the quality
--     figure "returns" counts in report_daily; report_record.voided_after_approval: an APPROVED record voided;
--   * report_enrolee.masked_name and village_code: the person as the bureau may see them (张*明, the village, never
--     the name, the citizen id or the address), kept from beneficiary in the organization's transaction.
-- Both are written only by triggers that run as the organization (SECURITY INVOKER, under RLS like V71/V72); the
-- bureau reads them under the existing two-party policies and can write nothing.

alter table report_record add column returns integer not null default 0;
alter table report_record add column voided_after_approval boolean not null default false;

-- Named to sort after report_record_list (V72): triggers of one event fire in name order, so the row exists.
create function report_record_marked() returns trigger
  language plpgsql
  as $$
begin
  if old.status = 'SUBMITTED' and new.status = 'RETURNED' then
    update report_record set returns = returns + 1 where tenant_id = new.tenant_id and record_id = new.id;
  elsif old.status = 'APPROVED' and new.status = 'VOIDED' then
    update report_record set voided_after_approval = true where tenant_id = new.tenant_id and record_id = new.id;
  end if;
  return null;
end $$;

create trigger report_record_mark
  after update of status on service_record
  for each row execute function report_record_marked();

alter table report_enrolee add column masked_name varchar(100) not null default '';
alter table report_enrolee add column village_code varchar(12) not null default '';

-- Every write of an enrolee row (enrolment, move, recategorization, rebuild) takes the person's present name and
-- village; a rename alone is followed by the trigger below.
create function report_enrolee_person() returns trigger
  language plpgsql
  as $$
begin
  select report_mask(b.name), b.village_code into new.masked_name, new.village_code
    from beneficiary b where b.tenant_id = new.tenant_id and b.id = new.beneficiary_id;
  new.masked_name := coalesce(new.masked_name, '');
  new.village_code := coalesce(new.village_code, '');
  return new;
end $$;

create trigger report_enrolee_person
  before insert or update on report_enrolee
  for each row execute function report_enrolee_person();

create function report_enrolee_renamed() returns trigger
  language plpgsql
  as $$
begin
  update report_enrolee set masked_name = report_mask(new.name)
   where tenant_id = new.tenant_id and beneficiary_id = new.id;
  return null;
end $$;

create trigger report_enrolee_name
  after update of name on beneficiary
  for each row execute function report_enrolee_renamed();

-- The lists' indexes. Records by deliverable (the portfolio), by town and by organization (coverage, services,
-- quality per organization); one small partial index per quality signal, led by bureau and organization, so a
-- signal's list reads only the offending records.
create index report_record_by_deliverable on report_record (deliverable_id, status, day);
create index report_record_by_town on report_record (bureau_id, town_code, status, day);
create index report_record_by_organization on report_record (bureau_id, tenant_id, status, day);
create index report_record_late_entry on report_record (bureau_id, tenant_id, day)
  where flags like '%LATE_ENTRY%' and status in ('SUBMITTED', 'RETURNED', 'APPROVED');
create index report_record_same_day_repeat on report_record (bureau_id, tenant_id, day)
  where flags like '%SAME_DAY_REPEAT%' and status in ('SUBMITTED', 'RETURNED', 'APPROVED');
create index report_record_returned on report_record (bureau_id, tenant_id, day) where returns > 0;
create index report_record_approved_void on report_record (bureau_id, tenant_id, day) where voided_after_approval;

-- The bulk rebuild (V73, V81) recreates report_record; it marks the two events as well as rows allow (a record with a
-- return comment returned once, a voided record that had been reviewed without a return voided after approval),
-- the same rule as the backfill below.
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
end $$;

revoke execute on function report_rebuild_all() from public;

-- What exists already, tenant by tenant (the owner is under forced RLS too), by the rebuild's rule above; the figures
-- in report_daily keep their exact event counts (docs/reporting.md says where a list may differ from its figure).
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    update report_record x set returns = 1
      from service_record r where r.tenant_id = t and x.tenant_id = t and x.record_id = r.id and r.return_comment is not null;
    update report_record x set voided_after_approval = true
      from service_record r where r.tenant_id = t and x.tenant_id = t and x.record_id = r.id and r.status = 'VOIDED'
       and r.reviewed_at is not null and r.return_comment is null;
    update report_enrolee set masked_name = masked_name where tenant_id = t;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
