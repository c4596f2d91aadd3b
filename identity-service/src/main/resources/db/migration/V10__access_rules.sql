-- Access rules of application credentials (Keystone's access_rules): the one request (service type, path, method)
-- a credential's tokens may make. A user's identical rules are one row, shared by the credentials naming it; a rule
-- in use by a credential cannot be deleted.
create table access_rule (
    id       varchar(64)  primary key,
    user_id  varchar(64)  not null references identity_user (id) on delete cascade,
    service  varchar(64)  not null,
    path     varchar(225) not null,
    method   varchar(16)  not null,
    unique (user_id, service, path, method)
);

create table application_credential_access_rule (
    application_credential_id varchar(64) not null references application_credential (id) on delete cascade,
    access_rule_id            varchar(64) not null references access_rule (id),
    position                  integer     not null,
    primary key (application_credential_id, access_rule_id)
);
create index application_credential_access_rule_rule on application_credential_access_rule (access_rule_id);
