-- Which consumer asked which provider for an agreement (orchestrator's AgreementRequested), so that a
-- provider may see the display name of its own customers and of nobody else (#13 L4).
create table account_dealing (
    consumer_id   uuid        not null,
    provider_id   uuid        not null,
    first_seen_at timestamptz not null,
    primary key (provider_id, consumer_id)
);
