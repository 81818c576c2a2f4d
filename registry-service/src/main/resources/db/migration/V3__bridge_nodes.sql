-- Bridge nodes: announced with their node key, claimed by a provider wallet, then (from the chain)
-- collateralised. The node secret is stored only as SHA-256.
create table bridge_node (
    id                       uuid         primary key,
    node_address             varchar(42)  not null unique,
    endpoint                 varchar(500) not null,
    apis                     varchar(100) not null,
    region                   varchar(64)  not null,
    capacity_bytes           bigint       not null,
    version                  varchar(64)  not null,
    secret_hash              bytea        not null,
    state                    varchar(20)  not null,
    provider_wallet          varchar(42),
    claim_deadline           bigint,
    claim_signature          varchar(132),
    collateral               numeric(78, 0),
    announced_at             timestamptz  not null,
    updated_at               timestamptz  not null,
    claimed_at               timestamptz,
    last_heartbeat_at        timestamptz,
    last_heartbeat_timestamp bigint,
    offline_since            timestamptz
);

create index bridge_node_provider on bridge_node (provider_wallet);
create index bridge_node_online on bridge_node (last_heartbeat_at) where offline_since is null;

-- Nonces of signed announcements, kept for the signature window (replay protection).
create table node_announce_nonce (
    node_address varchar(42) not null,
    nonce        varchar(64) not null,
    seen_at      timestamptz not null,
    primary key (node_address, nonce)
);

-- One-time claim codes, stored as SHA-256, bound to one node and one provider wallet.
create table node_claim_code (
    code_hash       bytea       primary key,
    node_id         uuid        not null references bridge_node (id),
    provider_wallet varchar(42) not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    voided_at       timestamptz
);

create index node_claim_code_node on node_claim_code (node_id);
