-- Glance's metadata definitions catalog (/v2/metadefs): namespaces and what they hold (objects, properties,
-- tags), resource types and the namespaces associated with them. A namespace's content goes with it.

create table metadef_namespaces (
    id           bigint       generated always as identity primary key,
    namespace    varchar(80)  not null,
    display_name varchar(80),
    description  text,
    visibility   varchar(32)  not null default 'private' check (visibility in ('public', 'private')),
    protected    boolean      not null default false,
    owner        varchar(255) not null,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    constraint metadef_namespaces_namespace unique (namespace)
);
create index metadef_namespaces_owner on metadef_namespaces (owner);

create table metadef_objects (
    id           bigint      generated always as identity primary key,
    namespace_id bigint      not null references metadef_namespaces (id) on delete cascade,
    name         varchar(80) not null,
    description  text,
    required     text[]      not null default '{}',
    -- The object's property definitions by name, as the API shows them (json keeps their key order).
    json_schema  json        not null default '{}',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint metadef_objects_namespace_name unique (namespace_id, name)
);

create table metadef_properties (
    id           bigint      generated always as identity primary key,
    namespace_id bigint      not null references metadef_namespaces (id) on delete cascade,
    name         varchar(80) not null,
    json_schema  json        not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint metadef_properties_namespace_name unique (namespace_id, name)
);

create table metadef_tags (
    id           bigint      generated always as identity primary key,
    namespace_id bigint      not null references metadef_namespaces (id) on delete cascade,
    name         varchar(80) not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
-- Glance's message for a duplicate says tag names are case insensitive (its MySQL collation makes them so).
create unique index metadef_tags_namespace_name on metadef_tags (namespace_id, lower(name));

create table metadef_resource_types (
    id         integer     generated always as identity primary key,
    name       varchar(80) not null,
    -- The seeded system types; the ones an association creates on the fly are not.
    protected  boolean     not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint metadef_resource_types_name unique (name)
);

create table metadef_namespace_resource_types (
    namespace_id      bigint      not null references metadef_namespaces (id) on delete cascade,
    resource_type_id  integer     not null references metadef_resource_types (id),
    properties_target varchar(80),
    prefix            varchar(80),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (namespace_id, resource_type_id)
);
create index metadef_namespace_resource_types_type on metadef_namespace_resource_types (resource_type_id);

-- The resource types Glance's standard catalog (glance-manage db_load_metadefs) associates namespaces with,
-- in the order Glance lists them.
insert into metadef_resource_types (name, protected) values
    ('OS::Glance::Image', true),
    ('OS::Cinder::Volume', true),
    ('OS::Nova::Flavor', true),
    ('OS::Nova::Aggregate', true),
    ('OS::Nova::Server', true),
    ('OS::Trove::Instance', true);
