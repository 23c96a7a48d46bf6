-- The per-address login throttle moves from each node's memory into the database (#16): with N nodes behind a
-- load balancer an address got N times the allowed tries, one window per node. One row per refused attempt;
-- rows older than the window are pruned as new ones arrive. Not tenant-owned: an address guesses across
-- tenants, and the throttle must count it across them. The address is personal data of a kind (PIPL): kept
-- only for the window, never shown.
create table login_address_failure (
  address   text        not null,
  failed_at timestamptz not null
);
create index login_address_failure_by_address on login_address_failure (address, failed_at);
create index login_address_failure_by_time on login_address_failure (failed_at);
grant select, insert, delete on login_address_failure to ${appRole};
