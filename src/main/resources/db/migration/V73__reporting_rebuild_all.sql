-- One call that rebuilds every summary of the bound tenant, the record list of V72 included (set-based, for bulk
-- loads that skipped the triggers: the benchmark generator). Owner only, like report_rebuild().

create function report_rebuild_all() returns void
  language plpgsql
  as $$
declare
  t uuid := shouhu_current_tenant();
begin
  perform report_rebuild();
  delete from report_record where tenant_id = t;
  insert into report_record (tenant_id, record_id, project_id, bureau_id, deliverable_id, kind, day, town_code, status,
      flags, participants, masked_names)
    select r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, report_day(r.started_at),
           left(r.place_code, 9), r.status, r.flags, count(b.id),
           coalesce(left(string_agg(report_mask(b.name), '、' order by b.name), 2000), '')
      from service_record r
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
      left join service_participant sp on sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null
      left join beneficiary b on b.tenant_id = sp.tenant_id and b.id = sp.beneficiary_id
     where r.tenant_id = t
     group by r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, r.started_at, r.place_code,
              r.status, r.flags;
end $$;

revoke execute on function report_rebuild_all() from public;
