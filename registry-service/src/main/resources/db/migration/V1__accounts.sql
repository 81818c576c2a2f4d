create table account (
    id            uuid         primary key,
    wallet        varchar(42)  not null,
    role          varchar(20)  not null,
    display_name  varchar(100) not null,
    registered_at timestamptz  not null,
    constraint account_wallet_role unique (wallet, role)
);
