-- Operator API (os-services, os-hypervisors, os-aggregates, os-migrations): V20 and above.
-- Column names follow Nova's; "binary" is a reserved word in PostgreSQL, hence binary_name.

-- One row per service process that reported itself: compute nodes through their heartbeats, the API's own
-- conductor role through its periodic self-report. Integer ids below microversion 2.53, uuids from 2.53.
create table services (
    id                       serial primary key,
    uuid                     text not null unique,
    host                     text not null,
    binary_name              text not null,
    topic                    text,
    version                  text,
    report_count             bigint not null default 0,
    report_interval_seconds  integer,
    disabled                 boolean not null default false,
    disabled_reason          text,
    forced_down              boolean not null default false,
    started_at               timestamptz,
    -- the reporter's own clock of its latest report: older (redelivered) heartbeats are ignored
    last_reported_at         timestamptz,
    -- this API's clock when the latest report arrived: what "up" is measured against
    last_seen_up             timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz,
    unique (host, binary_name)
);

-- The hypervisor behind a compute service, as its latest heartbeat described it.
create table compute_nodes (
    id                    serial primary key,
    uuid                  text not null unique,
    service_id            integer not null references services (id) on delete cascade,
    host                  text not null,
    hypervisor_hostname   text not null unique,
    hypervisor_type       text not null,
    hypervisor_version    bigint not null,
    host_ip               text,
    vcpus                 integer not null,
    memory_mb             bigint not null,
    local_gb              bigint not null,
    vcpus_used            integer not null,
    memory_mb_used        bigint not null,
    local_gb_used         bigint not null,
    running_vms           integer not null,
    reserved_vcpus        integer not null default 0,
    reserved_memory_mb    bigint not null default 0,
    reserved_disk_gb      bigint not null default 0,
    cpu_allocation_ratio  double precision not null default 1.0,
    ram_allocation_ratio  double precision not null default 1.0,
    disk_allocation_ratio double precision not null default 1.0,
    -- JSON text as the node reported it (a string below 2.28, an object from 2.28)
    cpu_info              text,
    -- the driver's measure of disk space actually left; null when no driver reports it
    disk_available_least  bigint,
    -- the host's uptime as its node last reported it ("uptime" output); null when its driver cannot tell
    host_uptime           text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz
);
create index compute_nodes_service on compute_nodes (service_id);
create index compute_nodes_host on compute_nodes (host);

create table aggregates (
    id          serial primary key,
    uuid        text not null unique,
    name        text not null unique,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz
);

create table aggregate_hosts (
    aggregate_id  integer not null references aggregates (id) on delete cascade,
    host          text not null,
    created_at    timestamptz not null default now(),
    primary key (aggregate_id, host)
);
create index aggregate_hosts_host on aggregate_hosts (host);

-- the availability zone of an aggregate is its metadata key availability_zone
create table aggregate_metadata (
    aggregate_id  integer not null references aggregates (id) on delete cascade,
    key           text not null,
    value         text not null,
    primary key (aggregate_id, key)
);

-- Resizes, cold and live migrations and evacuations; written by the move operations, listed by os-migrations.
create table migrations (
    id                    serial primary key,
    uuid                  text not null unique,
    instance_uuid         text,
    source_compute        text,
    dest_compute          text,
    source_node           text,
    dest_node             text,
    dest_host             text,
    old_instance_type_id  integer,
    new_instance_type_id  integer,
    status                text,
    migration_type        text,
    hidden                boolean not null default false,
    user_id               text,
    project_id            text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz,
    deleted_at            timestamptz
);
create index migrations_created on migrations (created_at desc, id desc);
create index migrations_instance on migrations (instance_uuid);
