-- A referral made from a visit (#17): the service record it came from, the sender's own, so the key leads with the
-- tenant like every other tenant-owned reference. Null for a referral made from the child's record or a case. The
-- receiver never learns the id (the API gives it to the sender only), and it never changes once sent.
alter table referral add column service_record_id uuid;
alter table referral add constraint referral_service_record
  foreign key (tenant_id, service_record_id) references service_record (tenant_id, id);

create or replace function shouhu_referral_guard() returns trigger
  language plpgsql
  as $$
begin
  if new.tenant_id <> old.tenant_id or new.receiver_tenant_id is distinct from old.receiver_tenant_id
     or new.bureau_id is distinct from old.bureau_id or new.beneficiary_id <> old.beneficiary_id
     or new.shared_fields <> old.shared_fields
     or new.service_record_id is distinct from old.service_record_id
     or new.sent_at <> old.sent_at or new.sent_by <> old.sent_by then
    raise exception 'a referral''s parties and shared data never change' using errcode = 'insufficient_privilege';
  end if;
  if shouhu_current_tenant() is distinct from old.tenant_id and (
       new.reason <> old.reason or new.services <> old.services or new.urgency <> old.urgency
       or new.case_id is distinct from old.case_id
       or new.consent_given_by is distinct from old.consent_given_by) then
    raise exception 'the receiver only answers a referral' using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
