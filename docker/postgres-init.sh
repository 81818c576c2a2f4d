#!/bin/sh
# First start of the compose PostgreSQL: one database per service, each owned by the service's own role
# (ARCHITECTURE.md §4), which alone (with the superuser) may connect to it. The passwords come from the
# environment (POSTGRES_<SERVICE>_PASSWORD, required by docker-compose.yml; no defaults).
set -eu
for service in registry marketplace orchestrator monitor oracle; do
  variable="POSTGRES_$(echo "$service" | tr '[:lower:]' '[:upper:]')_PASSWORD"
  password=$(printenv "$variable") || { echo "postgres-init: $variable is not set" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v role="$service" -v password="$password" <<'SQL'
create role :"role" login password :'password';
create database :"role" owner :"role";
revoke all on database :"role" from public;
SQL
done
