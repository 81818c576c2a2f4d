-- An order: what a consumer bought from one signed quote (R agreements, one per replica). A quote
-- buys one order only: the unique quote id refuses a replayed quote.
create table agreement_order (
    id             uuid           primary key,
    consumer_id    uuid           not null,
    quote_id       uuid           not null unique,
    currency       varchar(12)    not null,
    total          numeric(38,18) not null,
    payment_method varchar(40)    not null,
    created_at     timestamptz    not null
);

create index agreement_order_by_consumer on agreement_order (consumer_id);
