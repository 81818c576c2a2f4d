-- Account profiles; certification and reputation are filled later (certification runs, monitor scores).
alter table account
    add column organisation          varchar(200),
    add column contact               varchar(200),
    add column certification_status  varchar(30),
    add column certified_until       timestamptz,
    add column reputation            numeric(5, 2),
    add column reputation_updated_at timestamptz;

create index account_wallet on account (wallet);

-- Sign-In with Ethereum nonces: single use, expiring.
create table siwe_nonce (
    nonce      varchar(64) primary key,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- ES256 keys that sign access tokens; the private JWK is AES-256-GCM encrypted under a key that is
-- not in the database. A retired key stays published until publish_until (its last token's expiry).
create table signing_key (
    kid                   varchar(64) primary key,
    encrypted_private_jwk bytea       not null,
    public_jwk            text        not null,
    created_at            timestamptz not null,
    retired_at            timestamptz,
    publish_until         timestamptz
);

-- Refresh tokens, stored as SHA-256; single use, rotated within a family.
create table refresh_token (
    token_hash bytea       primary key,
    family_id  uuid        not null,
    subject    varchar(80) not null,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    revoked_at timestamptz
);

create index refresh_token_family on refresh_token (family_id);

-- API keys: public id + SHA-256 of a 32-byte random secret.
create table api_key (
    id           varchar(32)  primary key,
    owner_wallet varchar(42)  not null,
    name         varchar(100) not null,
    secret_hash  bytea        not null,
    scopes       varchar(50)  not null,
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index api_key_owner on api_key (owner_wallet);
