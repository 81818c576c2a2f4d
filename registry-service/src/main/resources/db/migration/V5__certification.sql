-- Certification runs: the platform's automated check of a bridge node's public endpoint with test credentials.
-- While a run is RUNNING its test key's secret is kept sealed (AES-256-GCM under the registry's key-encryption key,
-- the access key id as associated data) for the node to fetch; it is erased when the run ends.
create table certification_run (
    id              uuid         primary key,
    node_id         uuid         not null references bridge_node (id),
    trigger         varchar(20)  not null,
    outcome         varchar(20)  not null,
    started_at      timestamptz  not null,
    deadline        timestamptz  not null,
    finished_at     timestamptz,
    tier            varchar(20),
    certified_until timestamptz,
    access_key_id   varchar(20)  not null unique,
    secret_sealed   bytea,
    bucket          varchar(63)  not null,
    quota_bytes     bigint       not null,
    checks          jsonb        not null default '[]',
    check (outcome in ('RUNNING', 'PASSED', 'FAILED')),
    check ((outcome = 'RUNNING') = (secret_sealed is not null)),
    check ((outcome = 'PASSED') = (tier is not null and certified_until is not null))
);

-- at most one run per node at a time, across registry instances
create unique index certification_run_one_running on certification_run (node_id) where outcome = 'RUNNING';
create index certification_run_latest on certification_run (node_id, started_at desc);
