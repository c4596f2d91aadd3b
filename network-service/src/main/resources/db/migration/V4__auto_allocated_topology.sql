-- Get-me-a-network (Neutron's auto-allocated-topology extension): the deployment's one default external
-- network, and per project the network and router built for it on request.

-- Neutron keeps is_default beside router:external; it only means something on an external network, and at
-- most one network is the default.
alter table networks add column is_default boolean not null default false;
create unique index networks_one_default_external on networks ((true)) where is_default;

-- A project's topology: deleting its network forgets it, deleting its router leaves the network on record
-- (as Neutron's foreign keys do).
create table auto_allocated_topologies (
    project_id text primary key,
    network_id text not null references networks (id) on delete cascade,
    router_id text references routers (id) on delete set null
);
