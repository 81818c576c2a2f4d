-- Capacity held on Data Units by accepted agreements (orchestrator's AgreementAccepted), refused
-- when the unit had less free than asked, released when the agreement ends.
create table capacity_reservation (
    agreement_id  uuid        primary key,
    data_unit_id  uuid        not null,
    bytes         bigint      not null check (bytes > 0),
    state         varchar(10) not null check (state in ('HELD', 'REFUSED', 'RELEASED')),
    reason        text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create index capacity_reservation_by_unit on capacity_reservation (data_unit_id);
