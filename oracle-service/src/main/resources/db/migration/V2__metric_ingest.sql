-- Issue #7: ingest of bridge-node metric batches.

-- Bridge nodes as the registry's events describe them: the key a node was claimed with (its metric batches must be
-- signed by it) and whether it is active (bound on chain with enough collateral).
create table bound_node (
    node_id         uuid         primary key,
    node_address    varchar(42),
    provider_wallet varchar(42),
    claimed_at      timestamptz,
    active          boolean      not null default false,
    collateral      numeric(78, 0),
    updated_at      timestamptz  not null
);

-- Which node serves which agreement, from the orchestrator's AgreementActivated / AgreementEnded. A node reports an
-- agreement by the platform's id (agreement_id) or the escrow's number; the oracle judges it under the escrow's number.
create table served_agreement (
    agreement_id        uuid           primary key,
    escrow_agreement_id numeric(78, 0) not null,
    node_id             uuid           not null,
    activated_at        timestamptz    not null,
    ended_at            timestamptz
);

create index served_agreement_node on served_agreement (node_id);
create index served_agreement_escrow on served_agreement (escrow_agreement_id);

-- Every accepted batch: a node's sequence number is used once; a resend carries the same digest (answered as a
-- duplicate), another batch under a used number is refused.
create table metric_batch (
    node_id     uuid        not null,
    sequence    bigint      not null,
    digest      varchar(66) not null,
    created_at  timestamptz not null,
    received_at timestamptz not null,
    samples     integer     not null,
    primary key (node_id, sequence)
);

-- The rest of what a node reports per agreement and minute, next to what the evaluation reads. Rows written before
-- ingest existed (or by tests through EpochInputs) keep the defaults.
alter table node_sample
    add column node_id               uuid,
    add column batch_sequence        bigint,
    add column bytes_in              bigint not null default 0,
    add column bytes_out             bigint not null default 0,
    add column latency_max_ms        bigint not null default 0,
    add column latency_histogram     bigint[],
    add column requests_by_operation jsonb,
    add column upload_bytes          bigint not null default 0,
    add column upload_millis         bigint not null default 0,
    add column download_bytes        bigint not null default 0,
    add column download_millis       bigint not null default 0,
    add column stored_bytes          bigint not null default -1;
