-- The bureau's drill-down behind its figures (#5): one minimized row per service record of the bureau's projects.
-- The bureau may not read service_record, service_participant or beneficiary (organization-only policies), and
-- should not: this copy holds only what the list shows — the day, the town (never the village), kind, status,
-- flags, how many people and their masked names (张*明). No citizen id, no phone, no notes, no findings.
-- It is written by the V71 record and participant triggers, and by a beneficiary's rename, in the organization's
-- transaction; the bureau reads it under the two-party policy and can write nothing.

create table report_record (
  tenant_id       uuid         not null,
  record_id       uuid         not null,
  project_id      uuid         not null,
  bureau_id       uuid         not null,
  deliverable_id  uuid         not null,
  kind            varchar(32)  not null,
  day             date         not null,
  town_code       varchar(9)   not null,
  status          varchar(16)  not null,
  flags           varchar(200) not null,
  participants    integer      not null,
  masked_names    varchar(2000) not null,
  primary key (tenant_id, record_id),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id)
);
create index report_record_by_bureau on report_record (bureau_id, day, status);

alter table report_record enable row level security;
alter table report_record force row level security;
create policy report_parties on report_record
  using (tenant_id = shouhu_current_tenant() or bureau_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on report_record to ${appRole};

-- The same masking as PersonName.masked(): first and last character kept, each one between hidden; a two-character
-- name keeps its first, a one-character name shows nothing.
create function report_mask(name text) returns text
  language sql immutable parallel safe
  as $$
    select case
      when char_length(name) <= 1 then '*'
      when char_length(name) = 2 then left(name, 1) || '*'
      else left(name, 1) || repeat('*', char_length(name) - 2) || right(name, 1)
    end
  $$;

create function report_write_record(t uuid, record uuid) returns void
  language plpgsql
  as $$
begin
  insert into report_record as x (tenant_id, record_id, project_id, bureau_id, deliverable_id, kind, day, town_code,
      status, flags, participants, masked_names)
    select r.tenant_id, r.id, r.project_id, p.bureau_id, r.deliverable_id, r.kind, report_day(r.started_at),
           left(r.place_code, 9), r.status, r.flags,
           (select count(*) from service_participant sp
             where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null),
           coalesce((select left(string_agg(report_mask(b.name), '、' order by b.name), 2000)
                       from service_participant sp
                       join beneficiary b on b.tenant_id = sp.tenant_id and b.id = sp.beneficiary_id
                      where sp.tenant_id = r.tenant_id and sp.record_id = r.id and sp.removed_at is null), '')
      from service_record r
      join project p on p.tenant_id = r.tenant_id and p.id = r.project_id
     where r.tenant_id = t and r.id = record
    on conflict (tenant_id, record_id) do update set
      day = excluded.day, town_code = excluded.town_code, status = excluded.status, flags = excluded.flags,
      participants = excluded.participants, masked_names = excluded.masked_names;
end $$;

create function report_record_listed() returns trigger
  language plpgsql
  as $$
begin
  perform report_write_record(new.tenant_id, new.id);
  return null;
end $$;

create trigger report_record_list
  after insert or update on service_record
  for each row execute function report_record_listed();

create function report_participant_listed() returns trigger
  language plpgsql
  as $$
begin
  perform report_write_record(new.tenant_id, new.record_id);
  return null;
end $$;

create trigger report_participant_list
  after insert or update on service_participant
  for each row execute function report_participant_listed();

create function report_beneficiary_renamed() returns trigger
  language plpgsql
  as $$
begin
  perform report_write_record(sp.tenant_id, sp.record_id)
     from service_participant sp
    where sp.tenant_id = new.tenant_id and sp.beneficiary_id = new.id;
  return null;
end $$;

create trigger report_beneficiary_name
  after update of name on beneficiary
  for each row execute function report_beneficiary_renamed();

grant execute on function report_mask(text) to ${appRole};
grant execute on function report_write_record(uuid, uuid) to ${appRole};

-- Rows for records that already exist, tenant by tenant (the owner is under forced RLS too).
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    perform report_write_record(r.tenant_id, r.id) from service_record r where r.tenant_id = t;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
