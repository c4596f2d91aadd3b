-- Subnet pools (Neutron's subnet_allocation and default-subnetpools): prefixes subnets are carved from.
create table subnetpools (
    id text primary key,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    ip_version integer not null,
    default_prefixlen integer not null,
    min_prefixlen integer not null,
    max_prefixlen integer not null,
    default_quota integer,
    shared boolean not null default false,
    is_default boolean not null default false,
    address_scope_id text,
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index subnetpools_project on subnetpools (project_id);
-- one default pool per IP version, as Neutron's _check_default_subnetpool_exists wants (a key settles races)
create unique index subnetpools_one_default on subnetpools (ip_version) where is_default;

create table subnetpool_prefixes (
    subnetpool_id text not null references subnetpools (id) on delete cascade,
    cidr cidr not null,
    primary key (subnetpool_id, cidr)
);

-- a pool cannot go while a subnet was allocated from it (the service answers SubnetPoolDeleteError first)
alter table subnets add column subnetpool_id text references subnetpools (id);
create index subnets_subnetpool on subnets (subnetpool_id) where subnetpool_id is not null;
