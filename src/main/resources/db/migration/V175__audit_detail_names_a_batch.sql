-- #15: a ledger import writes one audit event per batch of rows instead of three per row, and that event names
-- every record the batch registered (500 ids of 37 characters at the default batch size). Widening a varchar is
-- a catalogue change only: no row is rewritten, no trigger fires, and the chain's canonical content (which
-- length-prefixes the detail's text, not its declared type) is unchanged, so every stored hash still verifies.
alter table audit_event alter column detail type varchar(40000);
