-- Identity schema: Keystone's resource, assignment, catalog and token models.

create table domain (
    id          varchar(64)  primary key,
    name        varchar(255) not null unique,
    description text,
    enabled     boolean      not null default true,
    created_at  timestamptz  not null default now()
);

create table project (
    id          varchar(64)  primary key,
    name        varchar(64)  not null,
    domain_id   varchar(64)  not null references domain (id),
    parent_id   varchar(64)  references project (id),
    description text,
    enabled     boolean      not null default true,
    created_at  timestamptz  not null default now(),
    constraint project_name_in_domain unique (domain_id, name)
);

create table identity_user (
    id                 varchar(64)  primary key,
    name               varchar(255) not null,
    domain_id          varchar(64)  not null references domain (id),
    enabled            boolean      not null default true,
    password_hash      varchar(255),
    default_project_id varchar(64),
    email              varchar(255),
    description        text,
    password_changed_at timestamptz,
    created_at         timestamptz  not null default now(),
    constraint user_name_in_domain unique (domain_id, name)
);

create table role (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    domain_id   varchar(64)  references domain (id),
    description text,
    created_at  timestamptz  not null default now()
);
create unique index role_name_in_domain on role (name, coalesce(domain_id, ''));

create table implied_role (
    prior_role_id   varchar(64) not null references role (id) on delete cascade,
    implied_role_id varchar(64) not null references role (id) on delete cascade,
    primary key (prior_role_id, implied_role_id)
);

-- target_type is 'project' or 'domain'; actor is a user.
create table role_assignment (
    actor_id    varchar(64) not null references identity_user (id) on delete cascade,
    target_type varchar(16) not null check (target_type in ('project', 'domain')),
    target_id   varchar(64) not null,
    role_id     varchar(64) not null references role (id) on delete cascade,
    primary key (actor_id, target_type, target_id, role_id)
);
create index role_assignment_target on role_assignment (target_type, target_id);

create table region (
    id               varchar(255) primary key,
    description      text,
    parent_region_id varchar(255) references region (id)
);

create table catalog_service (
    id          varchar(64)  primary key,
    type        varchar(255) not null,
    name        varchar(255),
    description text,
    enabled     boolean      not null default true
);

create table endpoint (
    id         varchar(64) primary key,
    service_id varchar(64) not null references catalog_service (id) on delete cascade,
    interface  varchar(8)  not null check (interface in ('public', 'internal', 'admin')),
    region_id  varchar(255) references region (id),
    url        text        not null,
    enabled    boolean     not null default true
);

-- Token signing keys: 'staged' keys are published before they sign, 'primary' signs, 'retired' keys
-- only verify until every token they signed has expired.
create table signing_key (
    kid          varchar(64) primary key,
    state        varchar(16) not null check (state in ('staged', 'primary', 'retired')),
    private_key  text        not null,
    public_jwk   text        not null,
    created_at   timestamptz not null default now(),
    activated_at timestamptz,
    retired_at   timestamptz
);
create unique index one_primary_signing_key on signing_key (state) where state = 'primary';

create table revocation_event (
    id             bigserial   primary key,
    audit_id       varchar(64),
    audit_chain_id varchar(64),
    user_id        varchar(64),
    project_id     varchar(64),
    issued_before  timestamptz not null,
    revoked_at     timestamptz not null default now()
);
create index revocation_event_revoked_at on revocation_event (revoked_at);
