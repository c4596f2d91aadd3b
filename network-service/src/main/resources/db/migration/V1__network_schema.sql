-- Neutron's core resources. Identifiers are UUID strings; addresses are inet so that PostgreSQL compares,
-- orders and counts them (IPAM, overlap checks); every resource carries Neutron's standard attributes
-- (description, revision_number, created_at, updated_at; tags in their own table).

create table networks (
    id text primary key,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    admin_state_up boolean not null default true,
    status text not null default 'ACTIVE',
    shared boolean not null default false,
    router_external boolean not null default false,
    mtu integer not null,
    port_security_enabled boolean not null default true,
    network_type text not null,
    physical_network text,
    segmentation_id integer,
    availability_zone_hints text[] not null default '{}',
    dns_domain text not null default '',
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index networks_project on networks (project_id);
-- one segment per (type, physical network, id) as Neutron's type drivers enforce
create unique index networks_segment on networks (network_type, coalesce(physical_network, ''), segmentation_id)
    where segmentation_id is not null;
create unique index networks_flat on networks (physical_network) where network_type = 'flat';

create table subnets (
    id text primary key,
    network_id text not null references networks (id) on delete cascade,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    ip_version integer not null,
    cidr cidr not null,
    gateway_ip inet,
    enable_dhcp boolean not null default true,
    ipv6_ra_mode text,
    ipv6_address_mode text,
    dns_nameservers text[] not null default '{}',
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index subnets_network on subnets (network_id);
create index subnets_project on subnets (project_id);

create table subnet_allocation_pools (
    subnet_id text not null references subnets (id) on delete cascade,
    position integer not null,
    first_ip inet not null,
    last_ip inet not null,
    primary key (subnet_id, position)
);

create table subnet_host_routes (
    subnet_id text not null references subnets (id) on delete cascade,
    position integer not null,
    destination text not null,
    nexthop text not null,
    primary key (subnet_id, position)
);

create table ports (
    id text primary key,
    network_id text not null references networks (id),
    project_id text not null,
    name text not null default '',
    description text not null default '',
    mac_address text not null,
    admin_state_up boolean not null default true,
    status text not null default 'DOWN',
    device_id text not null default '',
    device_owner text not null default '',
    port_security_enabled boolean not null default true,
    binding_host_id text not null default '',
    binding_vnic_type text not null default 'normal',
    binding_profile text not null default '{}',
    binding_vif_type text not null default 'unbound',
    binding_vif_details text not null default '{}',
    dns_name text not null default '',
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (network_id, mac_address)
);
create index ports_project on ports (project_id);
create index ports_device on ports (device_id);
create index ports_host on ports (binding_host_id) where binding_host_id <> '';
create index ports_created on ports (created_at, id);

-- The IPAM's record: an address is held by at most one port (the primary key), whatever the concurrency.
create table ip_allocations (
    subnet_id text not null references subnets (id),
    ip_address inet not null,
    port_id text not null references ports (id) on delete cascade,
    network_id text not null,
    primary key (subnet_id, ip_address)
);
create index ip_allocations_port on ip_allocations (port_id);

create table port_allowed_address_pairs (
    port_id text not null references ports (id) on delete cascade,
    position integer not null,
    ip_address text not null,
    mac_address text not null,
    primary key (port_id, position)
);

create table security_groups (
    id text primary key,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    stateful boolean not null default true,
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index security_groups_project on security_groups (project_id);

-- The one 'default' group of each project, created on the project's first use.
create table default_security_groups (
    project_id text primary key,
    security_group_id text not null references security_groups (id) on delete cascade
);

create table security_group_rules (
    id text primary key,
    security_group_id text not null references security_groups (id) on delete cascade,
    project_id text not null,
    direction text not null,
    ethertype text not null,
    protocol text,
    port_range_min integer,
    port_range_max integer,
    remote_ip_prefix text,
    remote_group_id text references security_groups (id) on delete cascade,
    description text not null default '',
    -- direction, ethertype, protocol number, ports and remote in a normal form: equal rules collide here
    rule_key text not null,
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (security_group_id, rule_key)
);
create index security_group_rules_remote on security_group_rules (remote_group_id) where remote_group_id is not null;

create table port_security_groups (
    port_id text not null references ports (id) on delete cascade,
    security_group_id text not null references security_groups (id),
    primary key (port_id, security_group_id)
);
create index port_security_groups_group on port_security_groups (security_group_id);

create table routers (
    id text primary key,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    admin_state_up boolean not null default true,
    status text not null default 'ACTIVE',
    gw_port_id text references ports (id) on delete set null,
    gw_network_id text references networks (id),
    enable_snat boolean not null default true,
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index routers_project on routers (project_id);

create table router_routes (
    router_id text not null references routers (id) on delete cascade,
    destination text not null,
    nexthop text not null,
    primary key (router_id, destination, nexthop)
);

create table floating_ips (
    id text primary key,
    project_id text not null,
    floating_network_id text not null references networks (id),
    floating_ip_address inet not null,
    floating_port_id text not null references ports (id),
    fixed_port_id text references ports (id) on delete set null,
    fixed_ip_address inet,
    router_id text references routers (id),
    status text not null default 'DOWN',
    description text not null default '',
    dns_name text not null default '',
    dns_domain text not null default '',
    revision_number bigint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index floating_ips_project on floating_ips (project_id);
create index floating_ips_fixed_port on floating_ips (fixed_port_id) where fixed_port_id is not null;
-- a fixed address has at most one floating IP per external network
create unique index floating_ips_fixed on floating_ips (floating_network_id, fixed_port_id, fixed_ip_address)
    where fixed_port_id is not null;

create table tags (
    resource_type text not null,
    resource_id text not null,
    tag text not null,
    primary key (resource_type, resource_id, tag)
);

create table quotas (
    project_id text not null,
    resource text not null,
    hard_limit integer not null,
    primary key (project_id, resource)
);
