-- Reads from a standby (#16): where in the primary's WAL a user's last write ended, so that user's next report
-- is read from the primary until the standby has replayed past it (read-your-writes; docs/adr/0015). One row per
-- user, written only when a standby is configured and only for callers who read standby-routed reports (bureau
-- officers), after their write committed. Tenant-owned like every user row: RLS as everywhere.
create table user_last_write (
  tenant_id  uuid        not null,
  user_id    uuid        not null,
  wal_lsn    pg_lsn      not null,
  written_at timestamptz not null,
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references app_user (tenant_id, id)
);

do $$
begin
  execute 'alter table user_last_write enable row level security';
  execute 'alter table user_last_write force row level security';
  execute 'create policy tenant_isolation on user_last_write'
    || ' using (tenant_id = shouhu_current_tenant())'
    || ' with check (tenant_id = shouhu_current_tenant())';
  execute 'grant select, insert, update on user_last_write to ${appRole}';
end $$;
