-- An enrolment ends on a day for a reason (left the area, aged out, moved to another service, other): the person was
-- rightly served until then and is no longer. Voiding stays what it was, the word for an enrolment made by mistake.
-- The reporting trigger fires on the status change, so the bureau's registered population follows.

alter table enrolment
  add column ended_on   date,
  add column end_reason varchar(16) check (end_reason in ('LEFT_AREA', 'AGED_OUT', 'TRANSFERRED', 'OTHER')),
  add column end_note   varchar(500),
  add column ended_by   uuid,
  add column ended_at   timestamptz;

alter table enrolment drop constraint enrolment_status_check;
alter table enrolment add constraint enrolment_status_check check (status in ('ACTIVE', 'ENDED', 'VOIDED'));
alter table enrolment add constraint enrolment_ended_has_day_and_reason
  check (ended_on is null or (end_reason is not null and ended_on >= enrolled_on));
alter table enrolment add constraint enrolment_ended_status
  check (status <> 'ENDED' or ended_on is not null);
