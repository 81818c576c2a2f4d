-- Agreements the oracle judges. agreement_id is SlaEscrow's uint256 agreement number; node_id the
-- node's bytes32 id; the epoch range is the escrow's (start_epoch .. start_epoch + epochs - 1).
create table oracle_agreement (
    agreement_id            numeric(78, 0)   primary key,
    node_id                 varchar(66)      not null,
    start_epoch             bigint           not null,
    epochs                  integer          not null,
    availability_target_pct double precision not null,
    average_latency_ms      integer          not null,
    upload_mbps             double precision not null,
    download_mbps           double precision not null,
    audit_pass_rate_pct     double precision not null,
    -- credit tiers as parallel arrays: below this availability (percent) → this credit (percent)
    credit_below_pct        double precision[] not null,
    credit_pct              double precision[] not null,
    -- null: never slashed
    slash_below_pct         double precision
);

create index oracle_agreement_epochs on oracle_agreement (start_epoch, (start_epoch + epochs));

-- Inputs, kept after judgment so anyone can re-check a verdict against its inputs digest.
create table node_sample (
    agreement_id   numeric(78, 0)   not null,
    minute         timestamptz      not null,
    requests       bigint           not null,
    server_errors  bigint           not null,
    client_errors  bigint           not null,
    latency_sum_ms bigint           not null,
    upload_mbps    double precision not null,
    download_mbps  double precision not null,
    primary key (agreement_id, minute)
);

create table probe (
    agreement_id  numeric(78, 0)   not null,
    at            timestamptz      not null,
    location      varchar(100)     not null,
    succeeded     boolean          not null,
    ttfb_ms       integer          not null,
    upload_mbps   double precision not null,
    download_mbps double precision not null,
    primary key (agreement_id, at, location)
);

create table audit (
    agreement_id numeric(78, 0) not null,
    at           timestamptz    not null,
    passed       boolean        not null,
    primary key (agreement_id, at)
);

-- One row per epoch this validator judged: the state machine of judgment → signature → report → settlement.
create table epoch (
    epoch          bigint       primary key,
    state          varchar(16)  not null,
    root           varchar(66),
    agreements     integer      not null,
    validator      varchar(42)  not null,
    judged_at      timestamptz  not null,
    quorum_at      timestamptz,
    submitter      varchar(42),
    report_tx      varchar(66),
    report_gas     bigint,
    settlement_gas bigint       not null default 0,
    updated_at     timestamptz  not null
);

create index epoch_unfinished on epoch (epoch) where state in ('JUDGED', 'SIGNED', 'REPORTED');

-- The epoch's results: what was signed, the verdict behind it and how its settlement went.
create table epoch_result (
    epoch                    bigint         not null references epoch (epoch),
    agreement_id             numeric(78, 0) not null,
    availability_ppm         integer        not null,
    measured_availability_ppm integer       not null,
    outcome                  varchar(16)    not null,
    breaches                 varchar(200)   not null,
    flags                    varchar(500)   not null,
    credit_pct               double precision not null,
    slash                    boolean        not null,
    inputs_digest            varchar(66)    not null,
    -- PENDING, SETTLED, NOT_SETTLEABLE
    settlement               varchar(16)    not null default 'PENDING',
    settlement_note          varchar(300),
    primary key (epoch, agreement_id)
);

create index epoch_result_pending on epoch_result (epoch) where settlement = 'PENDING';

-- Signatures of epoch roots from every validator (this one's included), as received.
create table epoch_signature (
    epoch       bigint       not null,
    root        varchar(66)  not null,
    validator   varchar(42)  not null,
    signature   varchar(132) not null,
    received_at timestamptz  not null,
    primary key (epoch, root, validator)
);
