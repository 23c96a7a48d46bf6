-- A login forgets the user's sessions that ended long ago (DeviceSessions.forgetEnded): it reads all of one user's
-- sessions, ended ones included, which the partial index of V135 (live sessions only) cannot serve.
create index device_session_by_user on device_session (tenant_id, user_id);

-- Sessions and refresh tokens are credentials, not records of work: an ended one is forgotten after a while, so the
-- application may delete them (and nothing else it was not already allowed to).
grant delete on device_session to ${appRole};
grant delete on refresh_token to ${appRole};
