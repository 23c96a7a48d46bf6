-- Group work (小组, #4): a group of an organization's project, with a name, a purpose, a planned number of
-- sessions and its facilitator; members are beneficiaries enrolled in the project, who join and leave on dates
-- (a membership is ended, never deleted; someone who comes back gets a new row). OPEN → CLOSED, or VOIDED.
-- Group sessions are service records of kind GROUP_SESSION linked to their group, numbered, with a topic, and an
-- attendance line for every member of that day: the record's participants are the members PRESENT.

create table service_group (
  tenant_id         uuid          not null,
  id                uuid          not null,
  project_id        uuid          not null,
  name              varchar(100)  not null check (length(btrim(name)) > 0),
  purpose           varchar(2000) not null,
  planned_sessions  integer       not null check (planned_sessions between 1 and 100),
  facilitator_id    uuid          not null,
  status            varchar(16)   not null check (status in ('OPEN', 'CLOSED', 'VOIDED')),
  session_count     integer       not null default 0 check (session_count >= 0),
  member_count      integer       not null default 0 check (member_count >= 0),
  closed_on         date,
  closure_summary   varchar(2000),
  closed_by         uuid,
  void_reason       varchar(500),
  voided_by         uuid,
  voided_at         timestamptz,
  created_by        uuid          not null,
  created_at        timestamptz   not null,
  updated_at        timestamptz   not null,
  version           bigint        not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, project_id) references project (tenant_id, id),
  constraint service_group_closed check (status <> 'CLOSED' or (closed_on is not null and closed_by is not null)),
  constraint service_group_voided_has_reason check (status <> 'VOIDED' or void_reason is not null)
);
create index service_group_by_project on service_group (tenant_id, project_id, status);
create index service_group_by_facilitator on service_group (tenant_id, facilitator_id, status);

-- Memberships, numbered in the order they began.
create table group_member (
  tenant_id       uuid         not null,
  group_id        uuid         not null,
  position        integer      not null check (position > 0),
  beneficiary_id  uuid         not null,
  joined_on       date         not null,
  left_on         date,
  primary key (tenant_id, group_id, position),
  foreign key (tenant_id, group_id) references service_group (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id),
  constraint group_member_dates check (left_on is null or left_on >= joined_on)
);
create index group_member_by_beneficiary on group_member (tenant_id, beneficiary_id);

alter table service_record
  add column group_id      uuid,
  add column session_topic varchar(200),
  add constraint service_record_group foreign key (tenant_id, group_id) references service_group (tenant_id, id),
  add constraint service_record_group_session check (
    kind <> 'GROUP_SESSION' or (group_id is not null and session_no is not null and session_topic is not null));
create unique index service_record_group_session_no on service_record (tenant_id, group_id, session_no) where group_id is not null;

-- Who of the members came to a session; one row per member of that day, updated in place when the session is
-- revised (a line of someone who was not a member on the revised day is marked removed, not deleted).
create table group_attendance (
  tenant_id       uuid         not null,
  record_id       uuid         not null,
  beneficiary_id  uuid         not null,
  group_id        uuid         not null,
  attendance      varchar(8)   not null check (attendance in ('PRESENT', 'ABSENT', 'EXCUSED')),
  removed_at      timestamptz,
  primary key (tenant_id, record_id, beneficiary_id),
  foreign key (tenant_id, record_id) references service_record (tenant_id, id),
  foreign key (tenant_id, group_id) references service_group (tenant_id, id),
  foreign key (tenant_id, beneficiary_id) references beneficiary (tenant_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['service_group', 'group_member', 'group_attendance'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I'
      || ' using (tenant_id = shouhu_current_tenant())'
      || ' with check (tenant_id = shouhu_current_tenant())', t);
    execute format('grant select, insert, update on %I to ${appRole}', t);
  end loop;
end $$;
