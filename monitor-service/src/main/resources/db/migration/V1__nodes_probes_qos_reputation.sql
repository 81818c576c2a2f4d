-- Read model of registry-service's bridge nodes (flashback.registry.v1): who is probed, and whose.
create table monitored_node (
    node_id          uuid         primary key,
    endpoint         varchar(300),
    apis             varchar(100),
    region           varchar(40),
    provider_wallet  varchar(42),
    claimed          boolean      not null default false,
    active           boolean      not null default false,
    online           boolean      not null default true,
    updated_at       timestamptz  not null
);

create index monitored_node_active on monitored_node (node_id) where active;
create index monitored_node_by_wallet on monitored_node (provider_wallet);

-- Read model of orchestrator-service's agreements (flashback.orchestrator.v1): which Data Unit and
-- node an escrow agreement number is on, so SLA verdicts can move the right reputations.
create table monitored_agreement (
    agreement_id            uuid          primary key,
    escrow                  varchar(42)   not null,
    escrow_agreement_id     varchar(78)   not null,
    data_unit_id            uuid          not null,
    node_id                 varchar(66)   not null,
    provider_id             uuid          not null,
    availability_target_pct numeric(7, 4) not null,
    state                   varchar(32)   not null,
    updated_at              timestamptz   not null
);

create unique index monitored_agreement_by_escrow on monitored_agreement (escrow, escrow_agreement_id);
create index monitored_agreement_by_data_unit on monitored_agreement (data_unit_id);
create index monitored_agreement_by_node on monitored_agreement (node_id);

-- Every validator's verdict on every agreement epoch (flashback.sla.v1); day = UTC day the epoch started.
create table sla_verdict (
    escrow                    varchar(42)  not null,
    agreement_id              varchar(78)  not null,
    epoch                     bigint       not null,
    validator                 varchar(42)  not null,
    day                       date         not null,
    epoch_start               timestamptz  not null,
    epoch_end                 timestamptz  not null,
    outcome                   varchar(16)  not null,
    measured_availability_ppm integer      not null,
    breaches                  varchar(200) not null,
    flags                     varchar(500) not null,
    received_at               timestamptz  not null,
    primary key (escrow, agreement_id, epoch, validator)
);

create index sla_verdict_by_day on sla_verdict (day);

-- Raw probe results (kept for flashback.monitor.retention.raw); ttfb null when nothing answered.
create table probe_result (
    id             uuid           primary key,
    node_id        uuid           not null,
    location       varchar(100)   not null,
    kind           varchar(16)    not null,
    at             timestamptz    not null,
    outcome        varchar(32)    not null,
    available      boolean        not null,
    http_status    integer        not null,
    ttfb_ms        numeric(12, 3),
    total_ms       numeric(12, 3) not null,
    upload_mbps    numeric(12, 3),
    download_mbps  numeric(12, 3),
    detail         varchar(500)   not null
);

create index probe_result_by_node on probe_result (node_id, at);
create index probe_result_by_time on probe_result (at);

-- Raw possession audits (kept for flashback.monitor.retention.raw).
create table audit_result (
    id               uuid           primary key,
    node_id          uuid           not null,
    location         varchar(100)   not null,
    at               timestamptz    not null,
    bucket           varchar(63)    not null,
    object_key       varchar(300)   not null,
    range_start      bigint         not null,
    range_end        bigint         not null,
    outcome          varchar(16)    not null,
    passed           boolean        not null,
    expected_sha256  varchar(64)    not null,
    answered_sha256  varchar(64)    not null,
    duration_ms      numeric(12, 3) not null,
    detail           varchar(500)   not null
);

create index audit_result_by_node on audit_result (node_id, at);
create index audit_result_by_time on audit_result (at);

-- The canary each probe location placed on each node; the seed (its content) never leaves this table.
create table canary (
    node_id     uuid          not null,
    location    varchar(100)  not null,
    bucket      varchar(63)   not null,
    object_key  varchar(300)  not null,
    size_bytes  bigint        not null,
    seed_hex    varchar(128)  not null,
    placed_at   timestamptz   not null,
    primary key (node_id, location)
);

-- QoS series: sums per subject (NODE: node id, PROVIDER: wallet), resolution (MINUTE, HOUR), bucket
-- and probe location, added to in place by every probe and audit. Averages are sum ÷ count.
create table qos_rollup (
    subject_kind      varchar(16)      not null,
    subject_id        varchar(66)      not null,
    resolution        varchar(8)       not null,
    bucket_start      timestamptz      not null,
    location          varchar(100)     not null,
    probes            bigint           not null,
    available         bigint           not null,
    ttfb_count        bigint           not null,
    ttfb_sum_ms       double precision not null,
    ttfb_max_ms       double precision,
    total_sum_ms      double precision not null,
    upload_count      bigint           not null,
    upload_sum_mbps   double precision not null,
    download_count    bigint           not null,
    download_sum_mbps double precision not null,
    audits            bigint           not null,
    audits_passed     bigint           not null,
    primary key (subject_kind, subject_id, resolution, bucket_start, location)
);

create index qos_rollup_expiry on qos_rollup (resolution, bucket_start);

-- Reputations (0-100, starting at 50) settled through as_of, and every change with its reason.
create table reputation (
    subject_kind  varchar(16)      not null,
    subject_id    varchar(66)      not null,
    score         double precision not null,
    as_of         date             not null,
    updated_at    timestamptz      not null,
    primary key (subject_kind, subject_id)
);

create table reputation_change (
    sequence      bigserial        primary key,
    subject_kind  varchar(16)      not null,
    subject_id    varchar(66)      not null,
    day           date             not null,
    delta         double precision not null,
    reason        varchar(300)     not null,
    recorded_at   timestamptz      not null
);

create index reputation_change_by_subject on reputation_change (subject_kind, subject_id, sequence);

-- Penalty warnings: at most one per subject and day.
create table penalty_warning (
    subject_kind     varchar(16)      not null,
    subject_id       varchar(66)      not null,
    day              date             not null,
    current_score    double precision not null,
    projected_score  double precision not null,
    threshold        double precision not null,
    reasons          varchar(500)     not null,
    raised_at        timestamptz      not null,
    primary key (subject_kind, subject_id, day)
);
