-- Fiat payments (issue 6, ADR 0006): a double-entry ledger, invoices, the payment provider's webhook events, the
-- agreements paid by invoice with the epochs settled from their reserves, and refunds of SLA credits.

-- Accounts of the ledger. `balance` is the balance on the account's normal side (see AccountKind), kept in the
-- transaction that writes the account's entries; no account goes below zero.
create table ledger_account (
    id        bigserial      primary key,
    kind      varchar(30)    not null,
    owner     varchar(80)    not null,
    currency  varchar(12)    not null,
    balance   numeric(38,6)  not null default 0 check (balance >= 0),
    unique (kind, owner, currency),
    unique (id, currency)
);

-- One business fact each; `reference` names the fact, so a fact delivered twice is booked once.
create table ledger_transaction (
    id         uuid           primary key,
    reference  varchar(200)   not null unique,
    kind       varchar(30)    not null,
    memo       text           not null,
    posted_at  timestamptz    not null
);

-- Signed amounts, debits positive and credits negative; an entry's currency is its account's.
create table ledger_entry (
    transaction_id  uuid           not null references ledger_transaction (id),
    line            smallint       not null,
    account_id      bigint         not null,
    currency        varchar(12)    not null,
    amount          numeric(38,6)  not null check (amount <> 0),
    primary key (transaction_id, line),
    foreign key (account_id, currency) references ledger_account (id, currency)
);

create index ledger_entry_by_account on ledger_entry (account_id);

-- Written once, never changed: corrections are new transactions.
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name;
end $$;

create trigger ledger_transaction_append_only before update or delete on ledger_transaction
    for each row execute function ledger_is_append_only();
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_is_append_only();
create trigger ledger_transaction_no_truncate before truncate on ledger_transaction
    for each statement execute function ledger_is_append_only();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_is_append_only();

-- At commit, every transaction written has at least two entries and they add up to zero in every currency.
create function ledger_transaction_balances() returns trigger language plpgsql as $$
declare
    tx uuid;
begin
    if tg_table_name = 'ledger_entry' then
        tx := new.transaction_id;
    else
        tx := new.id;
    end if;
    if (select count(*) from ledger_entry where transaction_id = tx) < 2 then
        raise exception 'ledger transaction % has fewer than two entries', tx;
    end if;
    if exists (select 1 from ledger_entry where transaction_id = tx group by currency having sum(amount) <> 0) then
        raise exception 'the entries of ledger transaction % do not add up to zero', tx;
    end if;
    return null;
end $$;

create constraint trigger ledger_transaction_balanced after insert on ledger_transaction
    deferrable initially deferred for each row execute function ledger_transaction_balances();
create constraint trigger ledger_entry_balanced after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_transaction_balances();

-- One invoice per fiat order, for its total.
create table invoice (
    id           uuid           primary key,
    order_id     uuid           not null unique references agreement_order (id),
    consumer_id  uuid           not null,
    currency     varchar(12)    not null,
    amount       numeric(38,6)  not null check (amount > 0),
    received     numeric(38,6)  not null check (received >= 0),
    provider     varchar(40)    not null,
    reference    varchar(200)   not null,
    how_to_pay   text           not null,
    state        varchar(12)    not null,
    created_at   timestamptz    not null,
    paid_at      timestamptz,
    unique (provider, reference)
);

create index invoice_by_consumer on invoice (consumer_id, created_at desc);

-- The payment provider's webhook events, each taken once, with what it did.
create table payment_event (
    provider     varchar(40)    not null,
    event_id     varchar(200)   not null,
    type         varchar(40)    not null,
    invoice_id   uuid           references invoice (id),
    currency     varchar(12),
    amount       numeric(38,6),
    outcome      text,
    received_at  timestamptz    not null,
    primary key (provider, event_id)
);

create index payment_event_by_invoice on payment_event (invoice_id, received_at) where invoice_id is not null;

-- Agreements paid by invoice: the reserve each took from the payment and the epochs it runs.
create table fiat_agreement (
    agreement_id     uuid           primary key references agreement (id),
    order_id         uuid           not null,
    invoice_id       uuid           not null references invoice (id),
    consumer_id      uuid           not null,
    provider_id      uuid           not null,
    currency         varchar(12)    not null,
    reserve          numeric(38,6)  not null check (reserve > 0),
    fee              numeric(38,6)  not null check (fee >= 0 and fee <= reserve),
    genesis_time     bigint         not null,
    epoch_seconds    bigint         not null check (epoch_seconds > 0),
    start_epoch      bigint         not null check (start_epoch >= 0),
    epochs           integer        not null check (epochs > 0),
    funded_at        timestamptz    not null,
    funds_low_since  timestamptz
);

create index fiat_agreement_by_consumer on fiat_agreement (consumer_id);

-- Each epoch of a fiat agreement is settled once, by the first verdict on it.
create table fiat_epoch_settlement (
    agreement_id      uuid           not null references fiat_agreement (agreement_id),
    epoch             bigint         not null,
    currency          varchar(12)    not null,
    price             numeric(38,6)  not null check (price >= 0),
    credit_pct        numeric(9,6)   not null check (credit_pct between 0 and 100),
    credit            numeric(38,6)  not null check (credit >= 0),
    provider_share    numeric(38,6)  not null check (provider_share >= 0),
    platform_fee      numeric(38,6)  not null check (platform_fee >= 0),
    verdict_event_id  uuid           not null,
    settled_at        timestamptz    not null,
    primary key (agreement_id, epoch),
    check (price = credit + provider_share + platform_fee)
);

-- SLA credits paid back through the payment provider; one per agreement and epoch.
create table refund (
    id                  uuid           primary key,
    agreement_id        uuid           not null references fiat_agreement (agreement_id),
    epoch               bigint         not null,
    consumer_id         uuid           not null,
    invoice_id          uuid           not null references invoice (id),
    provider            varchar(40)    not null,
    invoice_reference   varchar(200)   not null,
    currency            varchar(12)    not null,
    amount              numeric(38,6)  not null check (amount > 0),
    reason              text           not null,
    state               varchar(12)    not null,
    provider_reference  varchar(200),
    created_at          timestamptz    not null,
    closed_at           timestamptz,
    failure             text,
    unique (agreement_id, epoch),
    unique (provider, provider_reference)
);

create index refund_pending on refund (created_at) where state = 'PENDING';
create index refund_by_consumer on refund (consumer_id, created_at desc);
