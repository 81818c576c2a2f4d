-- A provider's standing decision on requests for its data units (issue 6): AUTOMATIC accepts what is
-- within the rules and rejects the rest, with the broken rule as the reason; MANUAL waits for the provider.
create table acceptance_rules (
    provider_id                 uuid           primary key,
    mode                        varchar(12)    not null,
    currency                    varchar(12)    not null,
    min_price_per_gib_month     numeric(38,18) not null check (min_price_per_gib_month >= 0),
    max_capacity_bytes          bigint         not null check (max_capacity_bytes > 0),
    min_term_days               integer        not null check (min_term_days > 0),
    max_term_days               integer        not null check (max_term_days >= min_term_days),
    updated_at                  timestamptz    not null
);

-- The wallet that placed the order: the only one whose escrow funding counts for its agreements.
alter table agreement_order add column consumer_wallet varchar(42);

-- Escrow agreements created with one of our agreement ids as reference, with what the chain holds and,
-- when it differs from what the orchestrator expects, why it was not taken as the agreement's funding.
create table escrow_agreement (
    escrow              varchar(42)    not null,
    escrow_agreement_id numeric(78,0)  not null,
    agreement_id        uuid           not null unique references agreement (id),
    consumer_wallet     varchar(42)    not null,
    token               varchar(42)    not null,
    price_per_epoch     numeric(78,0)  not null,
    epochs              integer        not null,
    start_epoch         bigint         not null,
    epoch_seconds       bigint         not null,
    created_in          varchar(80)    not null,
    mismatch            text,
    seen_at             timestamptz    not null,
    primary key (escrow, escrow_agreement_id)
);

-- Where the escrow follower stands on the chain (Web3jChainEvents' cursor), stored with the effects of
-- the events it read so a restart resumes exactly there.
create table chain_cursor (
    name                varchar(40)    primary key,
    next_block          bigint         not null,
    previous_block_hash varchar(66),
    updated_at          timestamptz    not null
);

-- Data-access grants: which consumer may use which node for which agreement. The bridge-node sync
-- (and the S3 credentials encrypted to the node key) reads these.
create table data_access_grant (
    id              uuid          primary key,
    agreement_id    uuid          not null unique references agreement (id),
    consumer_id     uuid          not null,
    node_id         varchar(80)   not null,
    capacity_bytes  bigint        not null,
    issued_at       timestamptz   not null,
    revoked_at      timestamptz,
    revoke_reason   text
);

create index data_access_grant_by_node on data_access_grant (node_id) where revoked_at is null;
create index agreement_by_state on agreement (state, state_since);
