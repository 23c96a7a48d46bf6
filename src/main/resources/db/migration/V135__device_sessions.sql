-- Sessions (#14): a login opens a device session that a refresh token keeps alive; access tokens name their session
-- (claim sid) and their user's token generation (claim gen), and the per-request standing check refuses a token
-- whose session has ended or whose generation is behind the user's.
--
-- token_generation rises with every change that must cut a user's earlier tokens at once (password change or
-- reset, role change, disabling). A counter rather than a "tokens valid after" time: a JWT's iat has whole
-- seconds, so a token issued in the same second as a password change could not be told from one issued after it.
alter table app_user add column token_generation integer not null default 0;

create table device_session (
  tenant_id      uuid         not null references tenant (id),
  id             uuid         not null,
  user_id        uuid         not null,
  label          varchar(200) not null,
  last_used_at   timestamptz  not null,
  expires_at     timestamptz  not null,
  revoked_at     timestamptz,
  revoked_by     uuid,
  revoked_reason varchar(32)
    check (revoked_reason in ('LOGOUT', 'REVOKED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'USER_DISABLED',
                              'REFRESH_REUSED')),
  created_at     timestamptz  not null,
  updated_at     timestamptz  not null,
  version        bigint       not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references app_user (tenant_id, id),
  constraint device_session_revocation_complete check ((revoked_at is null) = (revoked_reason is null))
);
-- The devices list and "revoke all of a user's sessions" read a user's live sessions.
create index device_session_user on device_session (tenant_id, user_id) where revoked_at is null;

alter table device_session enable row level security;
alter table device_session force row level security;
create policy tenant_isolation on device_session
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

-- Every refresh token ever issued for a session, by the SHA-256 of its text (the text itself is never stored).
-- A spent token is kept while its session lives: presenting it again is how a stolen copy is detected.
create table refresh_token (
  tenant_id    uuid        not null references tenant (id),
  token_hash   char(64)    not null,
  session_id   uuid        not null,
  issued_at    timestamptz not null,
  spent_at     timestamptz,
  replaced_by  char(64),
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  version      bigint      not null default 0,
  primary key (tenant_id, token_hash),
  foreign key (tenant_id, session_id) references device_session (tenant_id, id)
);
create index refresh_token_session on refresh_token (tenant_id, session_id);

alter table refresh_token enable row level security;
alter table refresh_token force row level security;
create policy tenant_isolation on refresh_token
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

grant select, insert, update on device_session to ${appRole};
grant select, insert, update on refresh_token to ${appRole};
