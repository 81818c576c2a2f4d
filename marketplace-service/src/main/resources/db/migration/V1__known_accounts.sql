-- Read model of registry-service's accounts, fed by flashback.registry.v1.
create table known_account (
    account_id    uuid         primary key,
    wallet        varchar(42)  not null,
    role          varchar(20)  not null,
    display_name  varchar(100) not null,
    registered_at timestamptz  not null
);

-- Accounts registered per role, incremented once per applied event (a redelivery that were
-- applied twice would show here).
create table account_tally (
    role          varchar(20)  primary key,
    registered    bigint       not null
);
