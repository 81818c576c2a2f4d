-- The registry's certification of each node (NodeCertified on flashback.registry.v1): its tier and until when, on the
-- node and copied onto its Data Units, so search filters and shows it without a join. A tier counts only while
-- certified_until is in the future; certification_rank orders the tiers (BRONZE 1, SILVER 2, GOLD 3).
alter table provider_node add column certification_tier varchar(10), add column certified_until timestamptz;
alter table data_unit add column certification_tier varchar(10), add column certification_rank smallint not null default 0,
    add column certified_until timestamptz;
