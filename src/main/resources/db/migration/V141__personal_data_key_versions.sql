-- Versions of the personal-data key (#14 "key re-sealing"). The keys in configuration (shouhu.crypto.keys) stay
-- what they were — data keys for the values they sealed — and become the master keys too: a rotation through the
-- API generates a new data key, wraps it (AES-256-GCM) under the configured active key, and stores it here as the
-- CURRENT version, so every node picks it up from the database without a configuration change or a restart. Older
-- versions stay READABLE until a re-sealing job has moved every value to the current one; then a version can be
-- RETIRED (refused while any value still uses it). A configured key is listed here only once something happened
-- to it (retired, or no longer current). Platform-level: keys, wrapped, and their states; no tenant data.
create table data_key_version (
  key_id      varchar(32)  primary key check (key_id ~ '^[A-Za-z0-9_.-]{1,32}$'),
  state       varchar(16)  not null check (state in ('CURRENT', 'READABLE', 'RETIRED')),
  wrapped     bytea        check (wrapped is null or octet_length(wrapped) = 60),
  wrapped_by  varchar(32),
  created_at  timestamptz  not null default now(),
  retired_at  timestamptz,
  constraint data_key_version_wrapped check ((wrapped is null) = (wrapped_by is null)),
  constraint data_key_version_retired check ((state = 'RETIRED') = (retired_at is not null))
);
create unique index data_key_version_one_current on data_key_version (state) where state = 'CURRENT';

comment on column data_key_version.wrapped is
  'IV || AES-256-GCM(key) || tag under the configured key wrapped_by; null for a key held in configuration.';

grant select, insert, update on data_key_version to ${appRole};
