-- One database per service (ARCHITECTURE.md §2): no service reads another's tables.
create database registry;
create database marketplace;
create database orchestrator;
create database monitor;
create database oracle;
