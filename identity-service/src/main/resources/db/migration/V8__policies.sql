-- Keystone's /v3/policies: opaque policy blobs an operator stores for services to fetch (Keystone does not
-- evaluate them either); attributes beyond blob and type are kept as extra attributes.
create table policy (
    id         varchar(64)  primary key,
    type       varchar(255) not null,
    blob       text         not null,
    extra      text,
    created_at timestamptz  not null default now()
);
