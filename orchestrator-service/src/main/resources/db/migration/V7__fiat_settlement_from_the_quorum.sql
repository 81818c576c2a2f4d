-- Fiat epochs settle only by the k-of-n result posted on OracleHub (issue #13 H3, issue #12 item 10, ADR 0006).
-- Validators' verdicts on fiat agreements' epochs are kept here as they arrive: provisional until the epoch's root is
-- posted, then SETTLED (its result leaf, proven against the posted root, settled the epoch), CONFIRMED (proven, the epoch
-- was settled before), REFUSED (not a leaf of the posted root) or MOOT (proven, but the agreement was not settleable).
create table fiat_verdict (
    event_id                 uuid           primary key,
    agreement_id             uuid           not null references fiat_agreement (agreement_id),
    epoch                    bigint         not null,
    validator                text           not null,
    epoch_root               text           not null,
    signed_availability_ppm  integer        not null check (signed_availability_ppm between 0 and 1000000),
    -- the Merkle proof of the result leaf, hex words leaf to root, comma-separated
    result_proof             text           not null,
    -- what the verdict claims, for display: the ledger pays the credit the terms give for the proven availability
    claimed_credit_pct       numeric,
    outcome                  text           not null,
    breaches                 text           not null,
    state                    varchar(12)    not null check (state in ('PROVISIONAL', 'SETTLED', 'CONFIRMED', 'REFUSED', 'MOOT')),
    note                     text,
    received_at              timestamptz    not null,
    closed_at                timestamptz
);

create index fiat_verdict_provisional on fiat_verdict (epoch, agreement_id) where state = 'PROVISIONAL';

-- One verdict settles an agreement's epoch, as fiat_epoch_settlement's primary key settles each epoch once.
create unique index fiat_verdict_settles_once on fiat_verdict (agreement_id, epoch) where state = 'SETTLED';

comment on table fiat_epoch_settlement is 'Each epoch of a fiat agreement is settled once (primary key), by the result posted on OracleHub '
    'that a verdict in fiat_verdict (verdict_event_id) proved; see V7.';
