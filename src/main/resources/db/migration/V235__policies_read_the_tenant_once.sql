-- #15: every row-level security policy reads the bound tenant once per statement, not once per row.
--
-- The policies compared each row with shouhu_current_tenant(), a STABLE SQL function that PostgreSQL inlines as
-- nullif(current_setting('app.tenant_id', true), '')::uuid. Inlined into a policy's filter it is evaluated for every
-- row the scan returns (a GUC lookup and a uuid parse each time, twice under the two-party policies), so a bureau's
-- coverage report, which reads its 10,000 people, spent 17-21 ms in the policy against 3.4 ms for the same scan
-- without row-level security (EXPLAIN ANALYZE on the 10 M set, bench-b-001). Written as a scalar subquery,
-- (select shouhu_current_tenant()) becomes an InitPlan: computed once when the statement first needs it, then
-- compared as a parameter, which index scans can use just as before. With it the same scan took 3.2-4.4 ms.
--
-- Same rule, same value: the tenant is set before a statement runs and cannot change within one. A connection with no
-- tenant bound still sees nothing (the subquery yields null, and null equals nothing). New policies are written this
-- way (docs/tenancy.md, ADR 0019); this migration rewrites the existing ones in place, whatever their table.
do $$
declare
  p record;
  new_using text;
  new_check text;
begin
  for p in
    select x.schemaname, x.tablename, x.policyname, x.qual as q, x.with_check as c
    from pg_policies x
    where x.schemaname = current_schema()
      and (x.qual like '%shouhu_current_tenant()%' or x.with_check like '%shouhu_current_tenant()%')
  loop
    new_using := replace(p.q, 'shouhu_current_tenant()', '(SELECT shouhu_current_tenant())');
    new_check := replace(p.c, 'shouhu_current_tenant()', '(SELECT shouhu_current_tenant())');
    execute format('alter policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
      || coalesce(' using (' || new_using || ')', '')
      || coalesce(' with check (' || new_check || ')', '');
  end loop;
end
$$;

-- What the loop must leave behind: no policy that still calls the function once per row.
do $$
begin
  if exists (select 1 from pg_policies
             where schemaname = current_schema()
               and (regexp_replace(coalesce(qual, '') || coalesce(with_check, ''),
                                   '\(\s*SELECT shouhu_current_tenant\(\) AS shouhu_current_tenant\s*\)', '', 'g')
                    like '%shouhu_current_tenant()%')) then
    raise exception 'a row-level security policy still reads the tenant per row';
  end if;
end
$$;
