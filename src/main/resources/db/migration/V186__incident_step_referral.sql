-- A mandatory report's handling can include a referral (#17): an organization's step may name the referral it made
-- of the same child. The referral is the sender's own row, so the key leads with the tenant like every other
-- tenant-owned reference; the bureau sees that a step has a referral, never the referral's personal fields (the
-- referral's own policy keeps those to its two parties).
alter table incident_step add column referral_id uuid;
alter table incident_step add constraint incident_step_referral
  foreign key (tenant_id, referral_id) references referral (tenant_id, id);
