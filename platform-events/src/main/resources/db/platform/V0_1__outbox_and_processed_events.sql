-- Transactional outbox: an event row is written in the same transaction as the change it
-- describes and relayed to Kafka after commit (see io.flashback.events.outbox.OutboxRelay).
create table outbox_event (
    sequence      bigserial    primary key,
    event_id      uuid         not null unique,
    topic         varchar(200) not null,
    message_key   varchar(200) not null,
    event_type    varchar(200) not null,
    payload       text         not null,
    created_at    timestamptz  not null,
    published_at  timestamptz,
    attempts      integer      not null default 0,
    last_error    text
);

create index outbox_event_unpublished on outbox_event (sequence) where published_at is null;

-- Idempotent consumption: a consumer records each event id it has applied, in the same
-- transaction as the effect, so a redelivered event changes nothing.
create table processed_event (
    event_id      uuid         not null,
    consumer      varchar(100) not null,
    processed_at  timestamptz  not null,
    primary key (event_id, consumer)
);
