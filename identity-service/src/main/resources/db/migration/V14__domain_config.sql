-- Keystone's domain-specific configuration (/v3/domains/{id}/config): the options of the identity and ldap groups
-- an operator sets for one domain. Each value is kept as JSON, so numbers and booleans come back as they were sent.
-- Sensitive options (ldap.password) are stored but never returned. A domain's options go with the domain.
create table domain_config_option (
    domain_id   varchar(64)  not null references domain (id) on delete cascade,
    group_name  varchar(255) not null,
    option_name varchar(255) not null,
    value       text         not null,
    sensitive   boolean      not null,
    primary key (domain_id, group_name, option_name)
);
