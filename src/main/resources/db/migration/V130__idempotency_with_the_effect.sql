-- #14: an idempotency key is now written in the same transaction as the request's effect and its answer, so a
-- committed row always means "done, replay this answer" and an absent row means "never happened, run it". The
-- in-flight reservation lives only inside the uncommitted transaction (a duplicate waits on the primary key's
-- index), so it dies with the transaction and cannot be left behind.
--
-- Rows of the old scheme that are not COMPLETED were reservations outside the effect: IN_PROGRESS rows of
-- requests that died (the issue found 17, answering 409 for good) and FAILED rows of 5xx answers. They say
-- nothing a retry can use, so they go: the retry runs afresh (the old scheme could not tell whether its effect
-- had committed; the service rules such as double booking refuse a duplicate of those few).
delete from idempotency_key where state <> 'COMPLETED';

alter table idempotency_key drop column state;

-- Expired keys are removed by their own user's next keyed request (docs/api.md, "Idempotency").
create index idempotency_key_expiry on idempotency_key (tenant_id, user_id, completed_at);
grant delete on idempotency_key to ${appRole};
