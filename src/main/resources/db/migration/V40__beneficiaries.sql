-- The beneficiary registry (服务对象台账). Same isolation rule as V1: tenant_id leads every primary and foreign
-- key, row-level security is ENABLED and FORCED on app.tenant_id, and the application role gets no DELETE
-- (records are voided, never deleted).
--
-- Personal identifiers are stored sealed (AES-256-GCM, see PersonalDataCipher): *_cipher holds IV || ciphertext
-- || tag and *_key the id of the key that sealed it, so keys can rotate while old rows stay readable. The citizen
-- identity number also gets a keyed blind index (HMAC-SHA256, 32 bytes) so a duplicate is found without
-- decrypting anything. Names, dates and the village are kept in clear: lists filter and sort on them.

create table beneficiary (
  tenant_id             uuid         not null references tenant (id),
  id                    uuid         not null,
  name                  varchar(100) not null check (length(btrim(name)) > 0),
  gender                varchar(8)   not null check (gender in ('MALE', 'FEMALE')),
  birth_date            date         not null,
  citizen_id_cipher     bytea,
  citizen_id_key        varchar(32),
  citizen_id_index      bytea,
  phone_cipher          bytea,
  phone_key             varchar(32),
  village_code          varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
  school                varchar(100),
  grade                 varchar(20),
  categories            varchar(200) not null check (categories ~
      '^(LEFT_BEHIND_CHILD|CHILD_IN_DIFFICULTY|LEFT_BEHIND_ELDERLY|LEFT_BEHIND_WOMAN|OTHER)(,(LEFT_BEHIND_CHILD|CHILD_IN_DIFFICULTY|LEFT_BEHIND_ELDERLY|LEFT_BEHIND_WOMAN|OTHER))*$'),
  difficulty_type       varchar(32)  check (difficulty_type in
      ('ORPHAN', 'DE_FACTO_UNSUPPORTED', 'LOW_INCOME', 'DISABLED', 'UNSAFE_GUARDIANSHIP')),
  risk_level            varchar(8)   check (risk_level in ('LOW', 'MEDIUM', 'HIGH')),
  risk_reason           varchar(1000),
  risk_assessed_by      uuid,
  risk_assessed_at      timestamptz,
  consent_given_on      date         not null,
  consent_given_by      varchar(100) not null check (length(btrim(consent_given_by)) > 0),
  consent_relationship  varchar(16)  not null check (consent_relationship in
      ('SELF', 'FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER')),
  consent_method        varchar(16)  not null check (consent_method in ('WRITTEN', 'ORAL', 'ELECTRONIC')),
  status                varchar(16)  not null check (status in ('ACTIVE', 'VOIDED')),
  void_reason           varchar(500),
  voided_by             uuid,
  voided_at             timestamptz,
  created_at            timestamptz  not null,
  created_by            uuid         not null,
  updated_at            timestamptz  not null,
  updated_by            uuid         not null,
  version               bigint       not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, created_by) references app_user (tenant_id, id),
  foreign key (tenant_id, updated_by) references app_user (tenant_id, id),
  foreign key (tenant_id, risk_assessed_by) references app_user (tenant_id, id),
  foreign key (tenant_id, voided_by) references app_user (tenant_id, id),
  -- A sealed value is IV (12) + at least one byte + tag (16); its key id and, for the citizen id, its index go
  -- with it or not at all.
  constraint beneficiary_citizen_id_sealed check (
    (citizen_id_cipher is null) = (citizen_id_key is null)
    and (citizen_id_cipher is null) = (citizen_id_index is null)
    and (citizen_id_cipher is null or octet_length(citizen_id_cipher) > 28)
    and (citizen_id_index is null or octet_length(citizen_id_index) = 32)),
  constraint beneficiary_phone_sealed check (
    (phone_cipher is null) = (phone_key is null)
    and (phone_cipher is null or octet_length(phone_cipher) > 28)),
  -- 困境儿童 always says which kind of difficulty; no other category carries one.
  constraint beneficiary_difficulty_type check (
    (difficulty_type is not null) = (',' || categories || ',' like '%,CHILD_IN_DIFFICULTY,%')),
  constraint beneficiary_risk_complete check (
    (risk_level is null) = (risk_reason is null)
    and (risk_level is null) = (risk_assessed_by is null)
    and (risk_level is null) = (risk_assessed_at is null)),
  constraint beneficiary_void_complete check (
    (status = 'VOIDED') = (void_reason is not null)
    and (status = 'VOIDED') = (voided_by is not null)
    and (status = 'VOIDED') = (voided_at is not null))
);

comment on column beneficiary.citizen_id_cipher is
  'AES-256-GCM: 12-byte IV || ciphertext || 16-byte tag; AAD binds the key id and this record. Never plain.';
comment on column beneficiary.citizen_id_index is
  'HMAC-SHA256 (index key) over tenant and normalised citizen id: finds duplicates without decrypting.';

-- One active record per person and tenant; a voided record frees the number for a corrected entry.
create unique index beneficiary_citizen_id_unique on beneficiary (tenant_id, citizen_id_index)
  where status = 'ACTIVE';
-- Lists filter by status and a village prefix (pattern ops make "starts with" an index range).
create index beneficiary_by_village on beneficiary (tenant_id, status, village_code varchar_pattern_ops);

alter table beneficiary enable row level security;
alter table beneficiary force row level security;
create policy tenant_isolation on beneficiary
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

create table guardian (
  tenant_id              uuid         not null references tenant (id),
  id                     uuid         not null,
  beneficiary_id         uuid         not null,
  relationship           varchar(16)  not null check (relationship in
      ('FATHER', 'MOTHER', 'GRANDPARENT', 'RELATIVE', 'OTHER')),
  name                   varchar(100) not null check (length(btrim(name)) > 0),
  phone_cipher           bytea,
  phone_key              varchar(32),
  lives_with_child       boolean      not null,
  -- 委托监护: parents working away entrust the child to this person; the agreement date is then required.
  entrusted              boolean      not null default false,
  entrustment_agreed_on  date,
  created_at             timestamptz  not null,
  created_by             uuid         not null,
  updated_at             timestamptz  not null,
  updated_by             uuid         not null,
  version                bigint       not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  foreign key (tenant_id, created_by) references app_user (tenant_id, id),
  foreign key (tenant_id, updated_by) references app_user (tenant_id, id),
  constraint guardian_phone_sealed check (
    (phone_cipher is null) = (phone_key is null)
    and (phone_cipher is null or octet_length(phone_cipher) > 28)),
  constraint guardian_entrustment check (entrusted = (entrustment_agreed_on is not null))
);
create index guardian_of_beneficiary on guardian (tenant_id, beneficiary_id);

alter table guardian enable row level security;
alter table guardian force row level security;
create policy tenant_isolation on guardian
  using (tenant_id = shouhu_current_tenant())
  with check (tenant_id = shouhu_current_tenant());

grant select, insert, update on beneficiary to ${appRole};
grant select, insert, update on guardian to ${appRole};
