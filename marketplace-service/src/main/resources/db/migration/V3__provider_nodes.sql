-- Read model of registry-service's bridge nodes (flashback.registry.v1): a Data Unit is offered
-- only while its node is claimed by its provider, online and collateralised (active).
create table provider_node (
    node_id          uuid         primary key,
    provider_wallet  varchar(42),
    endpoint         varchar(300),
    region           varchar(40),
    claimed          boolean      not null default false,
    online           boolean      not null default true,
    active           boolean      not null default false,
    updated_at       timestamptz  not null
);

create index provider_node_by_wallet on provider_node (provider_wallet);
