-- A ledger import grows beneficiary and guardian by thousands of rows a minute. On a new installation, or the first
-- import after the tables were (nearly) empty, autovacuum analyses them only when the import is almost over: until
-- then every plan PostgreSQL caches for the import — the batch's blind-index lookup and, above all, the foreign-key
-- checks of the guardians' insert, one per row, cached per connection — was made for an empty table, and reads the
-- growing table instead of probing its key (measured: the first 50,000 rows at 885 rows/s, the next at 6,000+).
-- ANALYZE updates pg_class, which invalidates those cached plans in every session, so they are planned again
-- against the new statistics.
--
-- Only a table's owner may ANALYZE it and the application role is not the owner (docs/tenancy.md): this function is
-- SECURITY DEFINER, owned by the owner that runs the migrations, and it analyses nothing but these two tables, and
-- only while their statistics are stale by the measure below, so a caller can neither choose what is analysed nor
-- make it analyse a table again and again. The statistics are the planner's, across tenants, as autovacuum's are;
-- pg_stats shows none of them to a role that row-level security applies to.
--
-- Stale: never analysed, or the table now has at least twice the pages it had when last analysed (and at least 8).
-- Growth by doubling keeps the work of a whole import bounded (each ANALYZE samples at most 30,000 rows, and a
-- 50,000-row import into empty tables analyses each about seven times); a table already large is not analysed by an
-- import that adds less than itself. A lock held by autovacuum or another import's ANALYZE is not waited for: the
-- statistics are being brought up to date anyway.
create function shouhu_analyse_register_if_grown()
returns text[]
language plpgsql volatile security definer
set search_path = public, pg_temp
set lock_timeout = '100ms'
as $$
declare
  t regclass;
  pages_then double precision;
  tuples_then double precision;
  pages_now double precision;
  analysed text[] := '{}';
begin
  foreach t in array array['public.beneficiary'::regclass, 'public.guardian'::regclass] loop
    select c.relpages, c.reltuples into pages_then, tuples_then from pg_catalog.pg_class c where c.oid = t;
    pages_now := pg_catalog.pg_relation_size(t) / pg_catalog.current_setting('block_size')::double precision;
    if pages_now >= 8 and (tuples_then < 0 or pages_now >= 2 * pages_then) then
      begin
        execute pg_catalog.format('analyze %s', t);
        analysed := analysed || t::text;
      exception when lock_not_available then
        null;
      end;
    end if;
  end loop;
  return analysed;
end $$;
revoke all on function shouhu_analyse_register_if_grown() from public;
grant execute on function shouhu_analyse_register_if_grown() to ${appRole};
