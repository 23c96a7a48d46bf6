-- A hash chain over each tenant's audit trail (#14, ADR 0013). The application role could already only append;
-- the chain makes an edit or a deletion by anyone who can (the owner role, a superuser, someone with the disk)
-- detectable: each event carries its tenant's next sequence number, the previous event's hash and
--   hash = sha256(prev_hash || canonical content, sequence number included),
-- the first event of a tenant chaining to 32 zero bytes. The chain is written by a trigger at the insert, under a
-- per-tenant advisory lock held from that insert to the commit (EclipseLink flushes at commit, so usually the last
-- statements of a transaction); shouhu_audit_verify() walks it and names the first broken link.
--
-- Events written before this migration are chained here, in the order they happened (occurred_at, then id).

alter table audit_event add column seq bigint;
alter table audit_event add column prev_hash bytea;
alter table audit_event add column hash bytea;

-- The bytes an event's hash commits to: every column but the chain's own, each as <octet length>:<text> or '-' for
-- null, joined by '|', so no two different events share a canonical form.
create function shouhu_audit_canonical(e audit_event) returns bytea
  language sql stable parallel safe
  as $$
    select convert_to(concat_ws('|',
      'v1',
      e.tenant_id::text,
      e.seq::text,
      e.id::text,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(octet_length(e.actor_id::text) || ':' || e.actor_id::text, '-'),
      coalesce(octet_length(e.action) || ':' || e.action, '-'),
      coalesce(octet_length(e.subject) || ':' || e.subject, '-'),
      coalesce(octet_length(e.subject_id::text) || ':' || e.subject_id::text, '-'),
      coalesce(octet_length(e.detail) || ':' || e.detail, '-'),
      coalesce(octet_length(e.request_id) || ':' || e.request_id, '-')), 'UTF8')
  $$;

comment on function shouhu_audit_canonical(audit_event) is
  'What an audit event''s hash commits to (ADR 0013); change it only with a new version tag and a re-chaining.';

create function shouhu_audit_genesis() returns bytea
  language sql immutable parallel safe
  as $$ select '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea $$;

-- Chain the events that exist already, tenant by tenant (FORCE row-level security applies to the owner too).
do $$
declare
  t record;
  e audit_event;
  n bigint;
  prev bytea;
begin
  for t in select id from tenant order by id loop
    perform set_config('app.tenant_id', t.id::text, true);
    n := 0;
    prev := shouhu_audit_genesis();
    for e in select * from audit_event where tenant_id = t.id order by occurred_at, id loop
      n := n + 1;
      e.seq := n;
      e.prev_hash := prev;
      e.hash := sha256(prev || shouhu_audit_canonical(e));
      update audit_event set seq = e.seq, prev_hash = e.prev_hash, hash = e.hash
       where tenant_id = e.tenant_id and id = e.id;
      prev := e.hash;
    end loop;
  end loop;
  perform set_config('app.tenant_id', '', true);
end
$$;

alter table audit_event alter column seq set not null;
alter table audit_event alter column prev_hash set not null;
alter table audit_event alter column hash set not null;
alter table audit_event add constraint audit_event_seq unique (tenant_id, seq);

-- Whatever the inserting statement says, the chain's columns come from here. The advisory lock (namespace 'AUDT')
-- orders one tenant's writers; different tenants never wait for each other (unless their hashes collide, which
-- only costs a wait). Under READ COMMITTED the select below runs after the lock is granted, with a fresh snapshot,
-- so it sees the event the previous holder committed.
create function shouhu_audit_chain() returns trigger
  language plpgsql
  as $$
declare
  last_seq bigint;
  last_hash bytea;
begin
  perform pg_advisory_xact_lock(1096107092, hashtext(new.tenant_id::text));
  select seq, hash into last_seq, last_hash
    from audit_event where tenant_id = new.tenant_id order by seq desc limit 1;
  new.seq := coalesce(last_seq, 0) + 1;
  new.prev_hash := coalesce(last_hash, shouhu_audit_genesis());
  new.hash := sha256(new.prev_hash || shouhu_audit_canonical(new));
  return new;
end
$$;

create trigger audit_event_chain before insert on audit_event
  for each row execute function shouhu_audit_chain();

-- An edit by mistake is refused outright; a deliberate one (disabling this trigger first) is what the chain detects.
create function shouhu_audit_immutable() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'audit events are immutable (%)', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_immutable before update or delete on audit_event
  for each row execute function shouhu_audit_immutable();

-- The first broken link of the current tenant's chain, or none: a missing sequence number (an event deleted), an
-- event whose prev_hash is not its predecessor's hash (an event replaced or re-hashed), or one whose content no
-- longer hashes to its stored hash (an edit). Also the count and the head, which an operator can record
-- elsewhere: deleting the newest events leaves an intact but shorter chain, noticed only against a recorded head.
create function shouhu_audit_verify()
  returns table (events bigint, head_seq bigint, head_hash text, broken_seq bigint, broken_event uuid,
                 problem text, detail text)
  language plpgsql stable
  as $$
declare
  e audit_event;
  expected bigint := 1;
  prev bytea := shouhu_audit_genesis();
  recomputed bytea;
begin
  select count(*), max(a.seq) into events, head_seq from audit_event a where a.tenant_id = shouhu_current_tenant();
  select encode(a.hash, 'hex') into head_hash
    from audit_event a where a.tenant_id = shouhu_current_tenant() order by a.seq desc limit 1;
  for e in select * from audit_event a where a.tenant_id = shouhu_current_tenant() order by a.seq loop
    if e.seq <> expected then
      broken_seq := e.seq; broken_event := e.id; problem := 'SEQUENCE_GAP';
      detail := format('expected sequence %s, found %s: %s event(s) missing before this one',
                       expected, e.seq, e.seq - expected);
      return next;
      return;
    end if;
    if e.prev_hash <> prev then
      broken_seq := e.seq; broken_event := e.id; problem := 'LINK_BROKEN';
      detail := format('prev_hash %s but the previous event hashes to %s',
                       encode(e.prev_hash, 'hex'), encode(prev, 'hex'));
      return next;
      return;
    end if;
    recomputed := sha256(e.prev_hash || shouhu_audit_canonical(e));
    if recomputed <> e.hash then
      broken_seq := e.seq; broken_event := e.id; problem := 'CONTENT_CHANGED';
      detail := format('stored hash %s but the content (now: %s on %s) hashes to %s',
                       encode(e.hash, 'hex'), e.action, e.subject, encode(recomputed, 'hex'));
      return next;
      return;
    end if;
    prev := e.hash;
    expected := expected + 1;
  end loop;
  return next;
end
$$;

grant execute on function shouhu_audit_canonical(audit_event) to ${appRole};
grant execute on function shouhu_audit_genesis() to ${appRole};
grant execute on function shouhu_audit_verify() to ${appRole};
