-- Referrals (转介, #17): the one object two isolated tenants share (docs/tenancy.md "Referrals").
--
-- A referral belongs to the organization that sends it: tenant_id is the sender, so the row lives with the person
-- it is about (the sender's beneficiary, an ordinary tenant-led foreign key) and the table is distributed by the
-- sender like every other. The receiving organization is receiver_tenant_id; a referral to an agency outside the
-- platform (a school, the police, a hospital, the 民政所, a court, the women's federation) names no receiver but the
-- agency. Exactly these two tenants read the row (policy referral_parties); nobody else, the funding bureau
-- included, reads it: the bureau gets counts and waiting days through shouhu_referrals_for_bureau(), which returns
-- no personal field.
--
-- What the receiver may learn before accepting is only what the sender chose to share: the names of the shared
-- fields in clear, their values sealed (AES-256-GCM, context referral.shared/<id>, platform-wide keys, so the
-- receiver can open them) in shared_cipher. Accepting copies them into the receiver's own register; after that the
-- two records are separate rows in separate tenants.

create table referral (
  tenant_id               uuid          not null references tenant (id),
  id                      uuid          not null,
  receiver_tenant_id      uuid          references tenant (id),
  -- The bureau funding both parties when the referral was sent: whose figures count it.
  bureau_id               uuid          references tenant (id),
  beneficiary_id          uuid          not null,
  case_id                 uuid,
  agency_kind             varchar(24)   check (agency_kind in
      ('SCHOOL', 'POLICE', 'HOSPITAL', 'CIVIL_AFFAIRS_OFFICE', 'COURT', 'WOMENS_FEDERATION')),
  agency_name             varchar(200),
  agency_contact          varchar(200),
  handed_over             varchar(1000),
  handed_over_how         varchar(16)   check (handed_over_how in ('IN_PERSON', 'LETTER', 'PHONE', 'ONLINE')),
  follow_up_on            date,
  reason                  varchar(1000) not null check (length(btrim(reason)) > 0),
  services                varchar(500)  not null check (length(btrim(services)) > 0),
  urgency                 varchar(16)   not null check (urgency in ('ROUTINE', 'URGENT', 'EMERGENCY')),
  consent_given_on        date,
  consent_given_by        varchar(100),
  consent_relationship    varchar(16)   check (consent_relationship in
      ('SELF', 'FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER')),
  consent_method          varchar(16)   check (consent_method in ('WRITTEN', 'ORAL', 'ELECTRONIC')),
  shared_fields           varchar(300)  not null,
  shared_cipher           bytea         not null check (octet_length(shared_cipher) > 28),
  shared_key              varchar(32)   not null,
  status                  varchar(16)   not null check (status in
      ('SENT', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'REFERRED', 'FOLLOWED_UP', 'CLOSED')),
  status_reason           varchar(1000),
  sent_at                 timestamptz   not null,
  sent_by                 uuid          not null,
  -- Answered by a user of the receiving tenant (or the sender, for a withdrawal or an agency's outcome). No foreign
  -- key: it would lead with the other tenant's id.
  answered_at             timestamptz,
  answered_by             uuid,
  -- The receiving tenant's own record of the person once accepted; no foreign key for the same reason.
  received_beneficiary_id uuid,
  received_enrolment_id   uuid,
  version                 bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  foreign key (tenant_id, sent_by) references app_user (tenant_id, id),
  constraint referral_one_destination check ((receiver_tenant_id is null) <> (agency_kind is null)),
  constraint referral_not_to_self check (receiver_tenant_id is null or receiver_tenant_id <> tenant_id),
  constraint referral_agency_named check (agency_kind is null or length(btrim(agency_name)) > 0),
  constraint referral_status_fits check (
    (receiver_tenant_id is not null and status in ('SENT', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
    or (agency_kind is not null and status in ('REFERRED', 'FOLLOWED_UP', 'CLOSED'))),
  constraint referral_consent_complete check (
    (consent_given_on is null) = (consent_given_by is null)
    and (consent_given_on is null) = (consent_relationship is null)
    and (consent_given_on is null) = (consent_method is null)),
  constraint referral_accepted_has_person check ((status = 'ACCEPTED') = (received_beneficiary_id is not null))
);

comment on column referral.tenant_id is 'The sending organization: the row is distributed with the person it is about.';
comment on column referral.shared_cipher is
  'AES-256-GCM over the shared fields'' values (JSON), context referral.shared/<id>; never plain.';

-- The receiver's inbox and the bureau's figures read by receiver; the sender's list by tenant_id (the primary key).
create index referral_inbox on referral (receiver_tenant_id, status, sent_at);
create index referral_of_person on referral (tenant_id, beneficiary_id);
create index referral_follow_up on referral (tenant_id, follow_up_on) where follow_up_on is not null;

alter table referral enable row level security;
alter table referral force row level security;
-- Exactly its two tenants, for reads and writes; a write must leave the row still theirs.
create policy referral_parties on referral
  using (tenant_id = shouhu_current_tenant() or receiver_tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant() or receiver_tenant_id = shouhu_current_tenant());

-- The parties and what was sent never change (the shared values may be re-sealed under a new key version, by either
-- party's key rotation: same values, new cipher text); the receiver may only answer (status, reason, when, who, and the
-- record it made). An application bug cannot turn the receiver's write into an edit of the sender's referral.
create function shouhu_referral_guard() returns trigger
  language plpgsql
  as $$
begin
  if new.tenant_id <> old.tenant_id or new.receiver_tenant_id is distinct from old.receiver_tenant_id
     or new.bureau_id is distinct from old.bureau_id or new.beneficiary_id <> old.beneficiary_id
     or new.shared_fields <> old.shared_fields
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

create trigger referral_guard before update on referral
  for each row execute function shouhu_referral_guard();

grant select, insert, update on referral to ${appRole};

-- An event in the other party's audit chain (ADR 0013), written in the same transaction as the change it records:
-- the referral is looked up under the caller's own binding, so only a party gets this far; the binding moves to the
-- other party for the one insert (its chain trigger takes that tenant's lock) and comes back before returning.
-- Not SECURITY DEFINER: it runs as the application role and meets row-level security at every step.
create function shouhu_referral_audit_other_party(p_referral uuid, p_action varchar, p_detail varchar,
                                                  p_request varchar)
returns integer
language plpgsql volatile as $$
declare
  caller text := current_setting('app.tenant_id', true);
  me uuid := shouhu_current_tenant();
  sender uuid;
  receiver uuid;
  other uuid;
begin
  if me is null then
    return 0;
  end if;
  select r.tenant_id, r.receiver_tenant_id into sender, receiver from referral r where r.id = p_referral;
  if sender is null then
    return 0;
  end if;
  other := case when sender = me then receiver else sender end;
  if other is null then
    return 0;
  end if;
  perform set_config('app.tenant_id', other::text, true);
  insert into audit_event (tenant_id, id, occurred_at, actor_id, action, subject, subject_id, detail, request_id)
    values (other, gen_random_uuid(), clock_timestamp(), null, p_action, 'referral', p_referral,
            left('by tenant ' || me::text || coalesce('; ' || p_detail, ''), 1000), p_request);
  perform set_config('app.tenant_id', caller, true);
  return 1;
end $$;
grant execute on function shouhu_referral_audit_other_party(uuid, varchar, varchar, varchar) to ${appRole};

-- The organizations a sender may refer to: those funded by a bureau that funds the sender. The sender's own
-- projects name its bureaus; each bureau's binding (briefly) lists that bureau's organizations. Ids only.
create function shouhu_referral_receivers()
returns table (organization_id uuid, bureau_id uuid)
language plpgsql volatile as $$
declare
  caller text := current_setting('app.tenant_id', true);
  me uuid := shouhu_current_tenant();
  bureaus uuid[];
  b uuid;
begin
  if me is null then
    return;
  end if;
  select array_agg(distinct p.bureau_id) into bureaus from project p where p.tenant_id = me and p.status <> 'DRAFT';
  if bureaus is null then
    return;
  end if;
  foreach b in array bureaus loop
    perform set_config('app.tenant_id', b::text, true);
    return query select distinct p.tenant_id, b from project p
                  where p.bureau_id = b and p.tenant_id <> me and p.status <> 'DRAFT';
    perform set_config('app.tenant_id', caller, true);
  end loop;
end $$;
grant execute on function shouhu_referral_receivers() to ${appRole};

-- A bureau's referrals without a personal field: who sent, to whom (or what kind of agency), how urgent, the status
-- and its times. For each organization the bureau funds (read under the bureau's own binding, so another bureau's
-- organizations never come up), the binding moves to that organization for one select of the referrals it sent
-- under this bureau, then comes back.
create function shouhu_referrals_for_bureau()
returns table (referral_id uuid, sender_id uuid, receiver_id uuid, agency_kind varchar, urgency varchar,
               status varchar, sent_at timestamptz, answered_at timestamptz)
language plpgsql volatile as $$
declare
  caller text := current_setting('app.tenant_id', true);
  me uuid := shouhu_current_tenant();
  orgs uuid[];
  org uuid;
begin
  if me is null then
    return;
  end if;
  select array_agg(distinct p.tenant_id) into orgs from project p where p.bureau_id = me;
  if orgs is null then
    return;
  end if;
  foreach org in array orgs loop
    perform set_config('app.tenant_id', org::text, true);
    return query select r.id, r.tenant_id, r.receiver_tenant_id, r.agency_kind, r.urgency, r.status, r.sent_at,
                        r.answered_at
                   from referral r where r.tenant_id = org and r.bureau_id = me;
    perform set_config('app.tenant_id', caller, true);
  end loop;
end $$;
grant execute on function shouhu_referrals_for_bureau() to ${appRole};
