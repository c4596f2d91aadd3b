-- A port's extra DHCP options (extra_dhcp_opt): one value per option name and IP version, as Neutron's
-- uniq_extradhcpopts0portid0optname0ipversion.
create table port_extra_dhcp_opts (
    port_id text not null references ports (id) on delete cascade,
    opt_name text not null,
    ip_version integer not null default 4,
    opt_value text not null,
    primary key (port_id, opt_name, ip_version)
);
