-- S3 credentials of data-access grants (issue 6, ADR 0005). A grant has a bucket and a term; each of its access
-- keys is a row here, its secret AES-256-GCM encrypted under flashback.orchestrator.credentials.key (never in clear),
-- erased when the key is revoked. Every issue and revocation of a key takes the next value of grant_version: a node
-- syncs the keys of its grants changed after the last version it saw.
alter table data_access_grant add column bucket varchar(63);
alter table data_access_grant add column valid_until timestamptz;

update data_access_grant g set bucket = 'fb-' || g.agreement_id::text,
                               valid_until = g.issued_at + make_interval(days => a.term_days)
from agreement a where a.id = g.agreement_id;

alter table data_access_grant alter column bucket set not null;
alter table data_access_grant alter column valid_until set not null;
alter table data_access_grant add constraint data_access_grant_bucket_unique unique (bucket);

create sequence grant_version;

create table grant_credential (
    access_key_id    varchar(20)   primary key,
    grant_id         uuid          not null references data_access_grant (id),
    node_id          varchar(80)   not null,
    secret_sealed    bytea,
    issued_at        timestamptz   not null,
    secret_shown_at  timestamptz,
    revoked_at       timestamptz,
    revoke_reason    text,
    version          bigint        not null unique,
    check ((revoked_at is null) = (secret_sealed is not null))
);

-- the node sync: a node's keys changed after a version, in version order
create index grant_credential_changes on grant_credential (node_id, version);
create index grant_credential_by_grant on grant_credential (grant_id) where revoked_at is null;
