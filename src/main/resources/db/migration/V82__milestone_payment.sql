-- A milestone paid (#5: "milestones due and paid"): the bureau records the day the money left, who recorded it and
-- its voucher number (凭证号) so the figure in the progress report can be traced to the bureau's own books.
-- PAID is final; a mistaken payment is a matter for the finance office, not an edit here.

alter table payment_milestone
  add column paid_on           date,
  add column paid_by           uuid,
  add column paid_at           timestamptz,
  add column payment_reference varchar(100),
  add constraint milestone_paid_is_recorded
    check ((status = 'PAID') = (paid_on is not null and paid_by is not null and paid_at is not null));
