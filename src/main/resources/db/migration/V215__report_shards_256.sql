-- #15, the write path (docs/adr/0017-write-path-audit-last-and-256-summary-shards.md): the summary shards of V210 go
-- from 16 to 256. WriteBenchmark's statement statistics (32 workers of one deliverable, one town, one day) showed
-- the record's report_daily upsert waiting 147-283 ms on average for another worker of the same shard: a shard's
-- row stays locked from the record's insert to its commit (participants, findings, audit events, answer, WAL flush).
-- With 16 shards, 32 workers make ~31 colliding pairs on average; with 256, ~2.
--
-- Nothing else changes: every counter is a sum of deltas and every reader sums the shards, so rows already written
-- in shards 0..15 stay right, and a worker's new changes simply land in another row of the same key. A key's rows
-- are bounded by the workers who wrote it (as before, when there were fewer of them than 16). report_shard() is
-- used by the summary triggers only (no index, no generated column depends on it).

create or replace function report_shard(worker uuid) returns smallint
  language sql immutable parallel safe
  as $$ select (hashtext(worker::text) & 255)::smallint $$;

comment on function report_shard(uuid) is
  'The summary shard a worker''s changes are counted in (V210, V215): 0..255. Readers sum every shard.';
