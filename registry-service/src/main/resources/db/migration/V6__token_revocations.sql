-- Sessions (sid) signed out and API keys revoked, kept until the last access token they could
-- have issued has expired; the gateway fetches the list every few seconds and refuses those tokens (#13 L3).
create table token_revocation (
    kind       varchar(16)  not null,
    id         varchar(100) not null,
    revoked_at timestamptz  not null,
    expires_at timestamptz  not null,
    primary key (kind, id)
);

create index token_revocation_expires_at on token_revocation (expires_at);
