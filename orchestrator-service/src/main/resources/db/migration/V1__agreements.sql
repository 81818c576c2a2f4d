-- Agreements (issue 6): one per chosen Data Unit; an order groups the R replicas a consumer bought together.
create table agreement (
    id                 uuid          primary key,
    order_id           uuid          not null,
    consumer_id        uuid          not null,
    provider_id        uuid          not null,
    data_unit_id       uuid          not null,
    node_id            varchar(80)   not null,
    capacity_bytes     bigint        not null check (capacity_bytes > 0),
    term_days          integer       not null check (term_days > 0),
    currency           varchar(12)   not null,
    price              numeric(38,18) not null check (price >= 0),
    sla_terms          text          not null,
    state              varchar(30)   not null,
    state_since        timestamptz   not null,
    version            bigint        not null
);

create index agreement_by_order on agreement (order_id);
create index agreement_by_consumer on agreement (consumer_id);
create index agreement_by_provider on agreement (provider_id);
create index agreement_by_node on agreement (node_id);

-- Every move of every agreement, with its reason: the agreement's history.
create table agreement_transition (
    agreement_id       uuid          not null references agreement (id),
    version            bigint        not null,
    from_state         varchar(30),
    to_state           varchar(30)   not null,
    reason             text          not null,
    at                 timestamptz   not null,
    primary key (agreement_id, version)
);
