-- Referrals across the whole platform (#17): the platform may let an organization refer to any active organization,
-- not only to those its own bureaus fund. The permission is the platform operator's, kept here (not in a JVM) so
-- every node answers the same; it is off until the operator switches it on.
--
-- Isolation does not change with it (docs/tenancy.md "Referrals across the platform"): the referral row is still
-- readable by exactly its two tenants; the wider setting only widens the list of tenant ids a sender may name, and
-- the list is checked again by the database when the row is written.

create table platform_setting (
  name        varchar(64)  primary key check (name in ('referrals.platform-wide')),
  value       varchar(200) not null,
  changed_at  timestamptz  not null,
  -- A user of the platform tenant; no foreign key (app_user is keyed by its tenant, and the seed row has nobody).
  changed_by  uuid,
  version     bigint       not null default 0
);

comment on table platform_setting is
  'The platform operator''s switches: read by every tenant (they say what the platform allows), written only by the platform tenant.';

insert into platform_setting (name, value, changed_at) values ('referrals.platform-wide', 'false', now());

alter table platform_setting enable row level security;
alter table platform_setting force row level security;
-- Every binding reads what the platform allows (a sender's receivers depend on it); only the platform's own binding
-- changes it. No insert or delete for the application: the settings are the rows seeded here.
create policy platform_setting_read on platform_setting for select using (true);
create policy platform_setting_operator on platform_setting for update
  using (exists (select 1 from tenant t where t.id = shouhu_current_tenant() and t.kind = 'PLATFORM'))
  with check (exists (select 1 from tenant t where t.id = shouhu_current_tenant() and t.kind = 'PLATFORM'));
grant select, update on platform_setting to ${appRole};

create function shouhu_referrals_platform_wide() returns boolean
  language sql stable
  as $$ select coalesce((select value = 'true' from platform_setting where name = 'referrals.platform-wide'), false) $$;
grant execute on function shouhu_referrals_platform_wide() to ${appRole};

-- The organizations a sender may refer to: active organizations funded by a bureau that funds the sender (with that
-- bureau's id), and, when the platform allows it, every other active organization on the platform (bureau id null:
-- not funded by the sender's bureaus). A suspended tenant is never among them. Ids only.
create or replace function shouhu_referral_receivers()
returns table (organization_id uuid, bureau_id uuid)
language plpgsql volatile as $$
declare
  caller text := current_setting('app.tenant_id', true);
  me uuid := shouhu_current_tenant();
  bureaus uuid[];
  funded uuid[] := '{}';
  b uuid;
  o uuid;
begin
  if me is null then
    return;
  end if;
  select array_agg(distinct p.bureau_id) into bureaus from project p where p.tenant_id = me and p.status <> 'DRAFT';
  if bureaus is not null then
    foreach b in array bureaus loop
      perform set_config('app.tenant_id', b::text, true);
      for o in select distinct p.tenant_id from project p join tenant t on t.id = p.tenant_id
                where p.bureau_id = b and p.tenant_id <> me and p.status <> 'DRAFT'
                  and t.kind = 'ORGANIZATION' and t.status = 'ACTIVE' loop
        funded := funded || o;
        organization_id := o;
        bureau_id := b;
        return next;
      end loop;
      perform set_config('app.tenant_id', caller, true);
    end loop;
  end if;
  if shouhu_referrals_platform_wide() then
    return query select t.id, null::uuid from tenant t
                  where t.kind = 'ORGANIZATION' and t.status = 'ACTIVE' and t.id <> me and t.id <> all (funded);
  end if;
end $$;

-- The database's own check of the receiver: a sender's new referral names a receiver from the list above, whatever
-- the application asked. A receiver (or anyone) writing a row as the other party is already refused by the policy.
create function shouhu_referral_receiver_allowed() returns trigger
  language plpgsql
  as $$
begin
  if new.receiver_tenant_id is not null
     and not exists (select 1 from shouhu_referral_receivers() r where r.organization_id = new.receiver_tenant_id) then
    raise exception 'the receiver is not among the organizations this one may refer to'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;

create trigger referral_receiver_allowed before insert on referral
  for each row execute function shouhu_referral_receiver_allowed();

-- A bureau's referrals without a personal field: every referral sent by an organization it funds (to another
-- organization anywhere the platform allows, or to an outside agency), and every referral received by one, once
-- each. The follow-up day comes with it, for the agency referrals' overdue mark, and whether each party is one of
-- the bureau's organizations (the figures are the funded organizations'; the other party is only named).
drop function shouhu_referrals_for_bureau();
create function shouhu_referrals_for_bureau()
returns table (referral_id uuid, sender_id uuid, receiver_id uuid, agency_kind varchar, urgency varchar,
               status varchar, sent_at timestamptz, answered_at timestamptz, follow_up_on date,
               sender_funded boolean, receiver_funded boolean)
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
    -- Under this organization's binding the policy shows what it sent and what it received; a referral between two
    -- of the bureau's organizations is returned by its sender's turn only.
    return query select r.id, r.tenant_id, r.receiver_tenant_id, r.agency_kind, r.urgency, r.status, r.sent_at,
                        r.answered_at, r.follow_up_on, r.tenant_id = any (orgs),
                        coalesce(r.receiver_tenant_id = any (orgs), false)
                   from referral r
                  where r.tenant_id = org
                     or (r.receiver_tenant_id = org and r.tenant_id <> all (orgs));
    perform set_config('app.tenant_id', caller, true);
  end loop;
end $$;
grant execute on function shouhu_referrals_for_bureau() to ${appRole};

comment on column referral.bureau_id is
  'A bureau funding the sender when it was sent (and the receiver too, if one does); informational: a bureau''s figures count every referral its organizations send or receive.';
