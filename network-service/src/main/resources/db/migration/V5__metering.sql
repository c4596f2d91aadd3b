-- Neutron's metering extension: labels (per project, or shared by all) and the rules of the traffic they count.
create table meteringlabels (
    id text primary key,
    project_id text not null,
    name text not null default '',
    description text not null default '',
    shared boolean not null default false
);
create index meteringlabels_project on meteringlabels (project_id);

-- prefixes are kept as written (Neutron stores netaddr's text of them: host bits kept, a bare address as /32)
create table meteringlabelrules (
    id text primary key,
    metering_label_id text not null references meteringlabels (id) on delete cascade,
    direction text not null check (direction in ('ingress', 'egress')),
    excluded boolean not null default false,
    remote_ip_prefix text,
    source_ip_prefix text,
    destination_ip_prefix text
);
create index meteringlabelrules_label on meteringlabelrules (metering_label_id);
