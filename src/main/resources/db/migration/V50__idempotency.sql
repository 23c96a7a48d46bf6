-- Idempotency keys: a field worker on a weak network retries a POST; the retry must return the first answer
-- and store nothing twice. A key is reserved (IN_PROGRESS) in its own transaction before the work runs, so two
-- concurrent copies of one request cannot both run; the answer is recorded when it has been written.

create table idempotency_key (
  tenant_id     uuid         not null references tenant (id),
  user_id       uuid         not null,
  key           varchar(100) not null,
  request_hash  char(64)     not null,
  state         varchar(16)  not null check (state in ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
  status        integer,
  content_type  varchar(100),
  location      varchar(500),
  body          text,
  created_at    timestamptz  not null,
  completed_at  timestamptz,
  primary key (tenant_id, user_id, key)
);

alter table idempotency_key enable row level security;
alter table idempotency_key force row level security;
create policy tenant_isolation on idempotency_key
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());
grant select, insert, update on idempotency_key to ${appRole};
