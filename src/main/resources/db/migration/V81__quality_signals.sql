-- Two more of the bureau's data-quality signals (#5), both read from the minimized record list of V72:
--   * missing evidence: a school activity handed in (SUBMITTED, RETURNED, APPROVED) with no live evidence file —
--     进校园 is paid on photos and sign-in sheets, and a record without them cannot be checked;
--   * a person double-booked: the PERSON_DOUBLE_BOOKED flag the service rules store (the same person in another
--     record of the organization at an overlapping time).
-- report_record learns how many live evidence files its record has, kept by a trigger on evidence in the
-- uploader's transaction (recounted, not incremented, so a retried upload or a void cannot drift it).

alter table report_record add column evidence_files integer not null default 0;

create function report_count_evidence(t uuid, record uuid) returns void
  language sql
  as $$
    update report_record x
       set evidence_files = (select count(*) from evidence e
                              where e.tenant_id = t and e.record_id = record and e.voided_at is null)
     where x.tenant_id = t and x.record_id = record
  $$;

create function report_evidence_changed() returns trigger
  language plpgsql
  as $$
begin
  perform report_count_evidence(new.tenant_id, new.record_id);
  return null;
end $$;

create trigger report_evidence_count
  after insert or update of voided_at on evidence
  for each row execute function report_evidence_changed();

grant execute on function report_count_evidence(uuid, uuid) to ${appRole};

-- The bureau's quality query reads a handful of rows per organization through these, not its whole record list.
create index report_record_missing_evidence on report_record (bureau_id, day)
  where kind = 'SCHOOL_ACTIVITY' and evidence_files = 0 and status in ('SUBMITTED', 'RETURNED', 'APPROVED');
create index report_record_double_booked on report_record (bureau_id, day)
  where flags like '%PERSON_DOUBLE_BOOKED%' and status in ('SUBMITTED', 'RETURNED', 'APPROVED');

-- The bulk rebuild counts evidence too.
create or replace function report_rebuild_all() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  perform report_rebuild();
  delete from report_record where tenant_id = t;
  insert into report_record (tenant_id, record_id, project_id, bureau_id, deliverable_id, kind, day, town_code, status,
      flags, participants, masked_names, evidence_files)
    select r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, report_day(r.started_at),
           left(r.place_code, 9), r.status, r.flags, count(b.id),
           coalesce(left(string_agg(report_mask(b.name), '、' order by b.name), 2000), ''),
           (select count(*) from evidence e where e.tenant_id = r.tenant_id and e.record_id = r.id
               and e.voided_at is null)
      from service_record r
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
      left join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null
      left join beneficiary b on b.tenant_id = sp.tenant_id and b.id = sp.beneficiary_id
     where r.tenant_id = t
     group by r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, r.started_at, r.place_code,
              r.status, r.flags;
end $$;

revoke execute on function report_rebuild_all() from public;

-- Counts for evidence that already exists, tenant by tenant (the owner is under forced RLS too).
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    perform report_count_evidence(e.tenant_id, e.record_id)
       from (select distinct tenant_id, record_id from evidence where tenant_id = t) e;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
