-- #15: logging a service reads a constant number of rows, whatever service_record holds (docs/performance.md,
-- "Write path"). Two of the rules ask about a person's other records at an hour or on a day (PERSON_DOUBLE_BOOKED,
-- SAME_DAY_REPEAT); through service_participant_by_beneficiary they read every record the person ever had, one
-- index scan of service_record each. A participant row now carries its record's start, so both questions are one
-- range of one index: the person's rows between two instants. (The worker's own double booking needs no new index:
-- PlausibleDurationRule caps a service at eight hours, so a record overlapping [start, end) began after start - 8 h,
-- a range of service_record_by_worker.)
--
-- started_at is the record's, never the application's to write (ServiceParticipant maps it read-only): a trigger
-- copies it when the participant is inserted and follows the record when its start moves. Enabled ALWAYS, so rows
-- written with session_replication_role = replica (ProvinceDataSet, bulk loads) get it too. Nullable on purpose:
-- a bulk loader that inserts a participant before its record (foreign keys off) leaves it null rather than failing,
-- and such a row is then only missed by the two flags, never by the worker's double-booking refusal.

alter table service_participant add column started_at timestamptz;

create function service_participant_started_at() returns trigger
  language plpgsql
  as $$
begin
  if new.started_at is null then
    select r.started_at into new.started_at
      from service_record r where r.tenant_id = new.tenant_id and r.id = new.record_id;
  end if;
  return new;
end $$;

create trigger service_participant_started_at
  before insert on service_participant
  for each row execute function service_participant_started_at();
alter table service_participant enable always trigger service_participant_started_at;

create function service_participant_follows_record() returns trigger
  language plpgsql
  as $$
begin
  update service_participant set started_at = new.started_at
   where tenant_id = new.tenant_id and record_id = new.id;
  return null;
end $$;

create trigger service_participant_follows_record
  after update of started_at on service_record
  for each row when (old.started_at is distinct from new.started_at)
  execute function service_participant_follows_record();

-- The drill-down copy (V72) changes only with who is on the record; a moved start is rewritten by the record's own
-- trigger, so the participants following it need not rewrite report_record once more each.
drop trigger report_participant_list on service_participant;
create trigger report_participant_list
  after insert or update of removed_at on service_participant
  for each row execute function report_participant_listed();

-- Rows that exist, tenant by tenant (the owner is under forced RLS too). The summaries do not change, so their
-- participant triggers stay out of it.
alter table service_participant disable trigger report_service_participant;
do $$
declare t uuid;
begin
  for t in select id from tenant where kind = 'ORGANIZATION' loop
    perform set_config('app.tenant_id', t::text, true);
    update service_participant p set started_at = r.started_at
      from service_record r
     where r.tenant_id = t and p.tenant_id = t and r.id = p.record_id and p.started_at is null;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
alter table service_participant enable trigger report_service_participant;

-- Replaces (tenant_id, beneficiary_id): every list of a person's services still reads a range of it, and the rules
-- read the few rows between two instants.
create index service_participant_by_beneficiary_time on service_participant (tenant_id, beneficiary_id, started_at);
drop index service_participant_by_beneficiary;

grant execute on function service_participant_started_at() to ${appRole};
grant execute on function service_participant_follows_record() to ${appRole};
