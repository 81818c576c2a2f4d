-- Where each bridge node serves S3, from the registry's NodeAnnounced events: what the consumer's credentials view
-- names as the endpoint to point its S3 tools at.
create table node_endpoint (
    node_id       uuid          primary key,
    endpoint      varchar(500)  not null,
    announced_at  timestamptz   not null
);
