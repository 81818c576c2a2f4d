-- The monitor's latest reputation per subject (flashback.qos.v1 ReputationChanged): PROVIDER keyed by
-- lower-case wallet, DATA_UNIT by the unit's id. occurred_at orders them, so a late older event
-- cannot overwrite a newer score. A unit's own reputation sets its rating; otherwise its provider's.
create table reputation (
    subject_kind  varchar(10)   not null check (subject_kind in ('PROVIDER', 'DATA_UNIT')),
    subject_id    varchar(80)   not null,
    score         numeric(5,2)  not null check (score >= 0 and score <= 100),
    occurred_at   timestamptz   not null,
    primary key (subject_kind, subject_id)
);
