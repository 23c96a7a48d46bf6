-- The people served in a period, in one town (#13, docs/performance.md "Drill-down lists"): the planner takes the
-- town's few hundred people and probes report_reach once per person. The only index led by the person,
-- report_reach_by_beneficiary (tenant_id, project_id, beneficiary_id, day), has the project in between, so each probe
-- walked all of the organization's reach rows: 840 probes read 36,000 buffers, 500 ms at the 10 M-record benchmark
-- scale. Led by the person and the day, a probe reads a handful of pages (the same list: 20-60 ms on a loaded machine).
create index report_reach_by_person on report_reach (tenant_id, beneficiary_id, day);
