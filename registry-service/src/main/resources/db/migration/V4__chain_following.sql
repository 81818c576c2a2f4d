-- Where registry-service stands in the chain's event log (one row per followed contract), and the
-- events it applied (a re-read page after a re-org changes nothing).
create table chain_cursor (
    contract      varchar(42) primary key,
    next_block    bigint      not null,
    previous_hash varchar(66),
    updated_at    timestamptz not null
);

create table chain_event_applied (
    id         varchar(100) primary key,
    applied_at timestamptz  not null
);

alter table bridge_node add column bound_on_chain_at timestamptz;
