-- Data Units: storage offers on providers' bridge nodes (issue 6).
create table data_unit (
    id                   uuid          primary key,
    provider_id          uuid          not null,
    node_id              varchar(80)   not null,
    state                varchar(20)   not null,
    listed               boolean       not null,
    capacity_bytes       bigint        not null check (capacity_bytes > 0),
    reserved_bytes       bigint        not null default 0,
    currency             varchar(12)   not null,
    price_per_gb_month   numeric(24,8) not null check (price_per_gb_month >= 0),
    egress_price_per_gb  numeric(24,8) not null check (egress_price_per_gb >= 0),
    -- price per GB-month in the reference currency, so offers in different currencies sort together
    reference_price      numeric(24,8) not null,
    region               varchar(40)   not null,
    country              char(2)       not null,
    api_s3               boolean       not null,
    api_gcs              boolean       not null,
    availability_pct     numeric(6,3)  not null,
    latency_ms           integer       not null,
    upload_mbps          integer       not null,
    download_mbps        integer       not null,
    error_rate_ppm       integer       not null,
    min_term_days        integer       not null,
    max_term_days        integer       not null,
    payment_methods      text[]        not null,
    encryption_at_rest   boolean       not null,
    versioning           boolean       not null,
    -- 0-100, starts at 50 (ARCHITECTURE.md §5); moved by the monitor's QoS events
    rating               numeric(5,2)  not null default 50,
    -- measured average latency when the monitor has one, else the offered latency
    effective_latency_ms integer       not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              bigint        not null default 0,
    constraint data_unit_reserved_within_capacity check (reserved_bytes >= 0 and reserved_bytes <= capacity_bytes),
    constraint data_unit_terms check (min_term_days >= 1 and max_term_days >= min_term_days)
);

create index data_unit_by_provider on data_unit (provider_id);
create index data_unit_by_node on data_unit (node_id);
-- one index per sort order over listed units, and region-first variants for the common filter
create index data_unit_search_price on data_unit (reference_price, id) where listed;
create index data_unit_search_rating on data_unit (rating desc, id desc) where listed;
create index data_unit_search_latency on data_unit (effective_latency_ms, id) where listed;
create index data_unit_search_region_price on data_unit (region, reference_price, id) where listed;
create index data_unit_search_region_rating on data_unit (region, rating desc, id desc) where listed;
create index data_unit_search_region_latency on data_unit (region, effective_latency_ms, id) where listed;
