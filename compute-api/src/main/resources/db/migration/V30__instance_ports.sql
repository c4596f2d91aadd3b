-- A NIC is a port of network-service: all its fixed addresses (IPv4 and IPv6), the floating addresses
-- associated with it, and whether compute-api created the port for the server (then it deletes it with the
-- server; a port the user passed in is only detached, as Nova does).
alter table instance_nics add column fixed_ips text[] not null default '{}';
alter table instance_nics add column floating_ips text[] not null default '{}';
alter table instance_nics add column port_owned boolean not null default false;
update instance_nics set fixed_ips = array[fixed_ip] where fixed_ip is not null;
create index instance_nics_port on instance_nics (port_id) where port_id is not null;
