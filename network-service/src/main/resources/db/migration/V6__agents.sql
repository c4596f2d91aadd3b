-- Neutron's agents extension: the network agents the hosts report (one per type and host), and the DHCP agent
-- scheduler's bindings of networks to DHCP agents.
create table agents (
    id text primary key,
    agent_type text not null,
    agent_binary text not null,
    topic text not null,
    host text not null,
    admin_state_up boolean not null default true,
    description text,
    configurations text not null default '{}',
    created_at timestamptz not null,
    started_at timestamptz not null,
    heartbeat_timestamp timestamptz not null,
    unique (agent_type, host)
);

create table networkdhcpagentbindings (
    network_id text not null references networks (id) on delete cascade,
    dhcp_agent_id text not null references agents (id) on delete cascade,
    primary key (network_id, dhcp_agent_id)
);
create index networkdhcpagentbindings_agent on networkdhcpagentbindings (dhcp_agent_id);
