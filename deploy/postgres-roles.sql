-- Roles for a production PostgreSQL (run once as a superuser, then point SHOUHU_DB_* at them).
--
-- shouhu_owner owns the schema and runs the migrations at startup. shouhu_app is what the application
-- connects as for every request: it owns nothing, cannot bypass row-level security and is granted only
-- SELECT/INSERT/UPDATE (never DELETE) by the migrations themselves.
create role shouhu_owner login password 'change-me-owner';
create role shouhu_app login password 'change-me-app' nosuperuser nobypassrls nocreatedb nocreaterole;
create database shouhu owner shouhu_owner encoding 'UTF8' template template0;
-- Then, as the application's environment:
--   SHOUHU_DB_URL=jdbc:postgresql://db.example:5432/shouhu
--   SHOUHU_DB_USER=shouhu_owner  SHOUHU_DB_PASSWORD=...
--   SHOUHU_DB_APP_USER=shouhu_app  SHOUHU_DB_APP_PASSWORD=...
--   SHOUHU_JWT_PRIVATE_KEY_LOCATION=/run/secrets/shouhu-jwt.pem   (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)

-- Backups (deploy/backup): a role that reads every row and owns nothing. Row-level security is FORCEd, so even
-- the owner sees no tenant's rows; this role bypasses it for reading only (pg_read_all_data, PostgreSQL 14+).
create role shouhu_backup login password 'change-me-backup' bypassrls;
grant pg_read_all_data to shouhu_backup;
