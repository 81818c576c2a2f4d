-- What the platform's probes measure of each node (monitor-service's ProbeRecorded): a moving average of the time to
-- first byte, which becomes the effective latency of the node's Data Units in search (offered latency until measured).
create table node_latency (
    node_id      varchar(80)    primary key,
    average_ms   numeric(10,2)  not null,
    probes       bigint         not null,
    measured_at  timestamptz    not null
);
