-- When a group meets, as the supervisor who sets it up writes it ("每周三 16:00", "周末上午"), and a facilitator
-- that can change hands (a supervisor names one; a caseload transfer moves open groups to another worker).

alter table service_group add column schedule varchar(200);
