-- compute-api (Nova) schema. Column names follow Nova's, so that operator views (hypervisors, usage)
-- read instances as Nova's do. Migrations V1..V19 belong to the tenant API, V20+ to the operator API.

create table flavors (
    flavorid      text primary key,
    name          text not null unique,
    vcpus         integer not null,
    memory_mb     integer not null,
    root_gb       integer not null,
    ephemeral_gb  integer not null default 0,
    swap          integer not null default 0,
    rxtx_factor   double precision not null default 1.0,
    is_public     boolean not null default true,
    disabled      boolean not null default false,
    description   text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz
);

create table flavor_extra_specs (
    flavorid  text not null references flavors (flavorid) on delete cascade,
    key       text not null,
    value     text not null,
    primary key (flavorid, key)
);

create table flavor_projects (
    flavorid    text not null references flavors (flavorid) on delete cascade,
    project_id  text not null,
    primary key (flavorid, project_id)
);

create table key_pairs (
    id           bigserial unique,
    user_id      text not null,
    name         text not null,
    fingerprint  text not null,
    public_key   text not null,
    type         text not null default 'ssh',
    created_at   timestamptz not null default now(),
    primary key (user_id, name)
);

create table instances (
    id                   bigserial unique,
    uuid                 text primary key,
    project_id           text not null,
    user_id              text not null,
    display_name         text not null,
    display_description  text,
    hostname             text,
    host                 text,
    node                 text,
    launched_on          text,
    vm_state             text not null,
    task_state           text,
    power_state          integer not null default 0,
    -- the flavor as it was at boot (flavor edits do not change servers)
    instance_type_id     text not null,
    flavor_name          text not null,
    vcpus                integer not null,
    memory_mb            integer not null,
    root_gb              integer not null,
    ephemeral_gb         integer not null,
    swap                 integer not null default 0,
    flavor_extra_specs   jsonb not null default '{}',
    image_ref            text,
    key_name             text,
    key_data             text,
    user_data            text,
    availability_zone    text,
    config_drive         boolean not null default false,
    access_ip_v4         text,
    access_ip_v6         text,
    reservation_id       text not null,
    launch_index         integer not null default 0,
    disk_config          text not null default 'MANUAL',
    locked               boolean not null default false,
    locked_by            text,
    locked_reason        text,
    progress             integer not null default 0,
    root_device_name     text,
    last_report_sequence bigint not null default 0,
    launched_at          timestamptz,
    terminated_at        timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz,
    deleted_at           timestamptz
);

-- listing: newest first, keyset on (created_at, id); most calls are per project and skip deleted rows
create index instances_project_created on instances (project_id, created_at desc, id desc) where deleted_at is null;
create index instances_created on instances (created_at desc, id desc);
create index instances_host on instances (host) where deleted_at is null;
create index instances_updated on instances (updated_at);
create index instances_reservation on instances (reservation_id);

create table instance_metadata (
    instance_uuid  text not null references instances (uuid) on delete cascade,
    key            text not null,
    value          text not null,
    primary key (instance_uuid, key)
);

create table instance_tags (
    instance_uuid  text not null references instances (uuid) on delete cascade,
    tag            text not null,
    primary key (instance_uuid, tag)
);
create index instance_tags_tag on instance_tags (tag);

create table instance_security_groups (
    instance_uuid  text not null references instances (uuid) on delete cascade,
    name           text not null,
    position       integer not null,
    primary key (instance_uuid, name)
);

-- the NICs a server was given, in attach order; network_name keys its "addresses"
create table instance_nics (
    instance_uuid  text not null references instances (uuid) on delete cascade,
    position       integer not null,
    network_id     text,
    network_name   text,
    port_id        text,
    fixed_ip       text,
    mac_address    text,
    tag            text,
    primary key (instance_uuid, position)
);

create table instance_faults (
    id             bigserial primary key,
    instance_uuid  text not null references instances (uuid) on delete cascade,
    code           integer not null,
    message        text not null,
    details        text,
    host           text,
    created_at     timestamptz not null default now()
);
create index instance_faults_instance on instance_faults (instance_uuid, id desc);

create table instance_actions (
    id             bigserial primary key,
    action         text not null,
    instance_uuid  text not null references instances (uuid) on delete cascade,
    request_id     text not null,
    user_id        text,
    project_id     text,
    start_time     timestamptz not null default now(),
    finish_time    timestamptz,
    message        text,
    updated_at     timestamptz,
    unique (instance_uuid, request_id)
);

create table instance_actions_events (
    id            bigserial primary key,
    action_id     bigint not null references instance_actions (id) on delete cascade,
    event         text not null,
    start_time    timestamptz,
    finish_time   timestamptz,
    result        text,
    traceback     text,
    host          text,
    details       text,
    unique (action_id, event)
);

create table instance_groups (
    id          bigserial unique,
    uuid        text primary key,
    name        text not null,
    project_id  text not null,
    user_id     text not null,
    policy      text not null,
    rules       jsonb not null default '{}',
    created_at  timestamptz not null default now()
);

create table instance_group_member (
    group_uuid     text not null references instance_groups (uuid) on delete cascade,
    instance_uuid  text not null,
    created_at     timestamptz not null default now(),
    primary key (group_uuid, instance_uuid)
);
create index instance_group_member_instance on instance_group_member (instance_uuid);

-- per-project limits; user_id '' is the project's own limit, a user id a per-user limit
create table quotas (
    project_id  text not null,
    user_id     text not null default '',
    resource    text not null,
    hard_limit  integer not null,
    primary key (project_id, user_id, resource)
);

-- os-quota-class-sets: only the 'default' class is used, overriding configured defaults
create table quota_classes (
    class_name  text not null,
    resource    text not null,
    hard_limit  integer not null,
    primary key (class_name, resource)
);
