-- The funding bureau follows a mandatory report (#13): it acknowledges it once (the menu counts reports not yet
-- acknowledged), appends its own steps, refers it to another department (the party is recorded with the step) and
-- may close it. The two-party policy of V53 already lets the bureau write these rows; the columns say which party
-- wrote what.
alter table incident add column acknowledged_on date;
alter table incident add column acknowledged_by uuid;
alter table incident add column closed_by_party varchar(12)
  check (closed_by_party in ('ORGANIZATION', 'BUREAU'));

alter table incident_step add column party varchar(12) not null default 'ORGANIZATION'
  check (party in ('ORGANIZATION', 'BUREAU'));
alter table incident_step add column referred_to varchar(200);

create index incident_unacknowledged on incident (bureau_id) where status = 'OPEN' and acknowledged_on is null;
