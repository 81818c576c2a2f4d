-- The nodes that fetched the platform's canary key (derived from the monitor's canary key secret, never stored) with
-- their NODE token: only they are audited with it, so a node that does not sync from the platform is not tried.
create table canary_key_delivery (
    node_id         uuid         primary key,
    access_key_id   varchar(20)  not null,
    first_fetched   timestamptz  not null,
    last_fetched    timestamptz  not null
);
