-- School activities (进校园活动, #4): a service record of kind SCHOOL_ACTIVITY held at a school, on one topic, for a
-- counted audience. The school's place is the record's place_code (its town or village); the audience is counted,
-- because a talk to a whole school has hundreds of children nobody lists, and the children who are listed
-- (service_participant, optional for this kind) must be enrolled like any other participant. Nullable columns on
-- service_record rather than a side table: one row per record, read with the record every time.

alter table service_record
  add column school_name        varchar(100),
  add column school_topic       varchar(32)  check (school_topic in ('POLICY_TALK', 'ANTI_DROWNING', 'ANTI_BULLYING',
                                  'MENTAL_HEALTH', 'LEGAL_EDUCATION', 'SEXUAL_ABUSE_PREVENTION', 'OTHER')),
  add column school_topic_note  varchar(200),
  add column participant_count  integer      check (participant_count between 1 and 5000),
  add constraint service_record_school_activity check (kind <> 'SCHOOL_ACTIVITY'
    or (school_name is not null and school_topic is not null and participant_count is not null)),
  add constraint service_record_school_topic_other check (school_topic is distinct from 'OTHER'
    or school_topic_note is not null);
