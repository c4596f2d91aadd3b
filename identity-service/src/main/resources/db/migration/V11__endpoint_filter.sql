-- Keystone's OS-EP-FILTER: endpoints associated with a project, directly or through endpoint groups (filters on
-- interface, service_id and region_id). A project with any such endpoint sees only those in its tokens' catalog.
-- An association goes with its project, its endpoint or its endpoint group, as in Keystone.
create table project_endpoint (
    endpoint_id varchar(64) not null references endpoint (id) on delete cascade,
    project_id  varchar(64) not null references project (id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (endpoint_id, project_id)
);
create index project_endpoint_project on project_endpoint (project_id);

create table endpoint_group (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    description text,
    -- JSON object: any of interface, service_id, region_id.
    filters     text         not null,
    created_at  timestamptz  not null default now()
);

create table project_endpoint_group (
    endpoint_group_id varchar(64) not null references endpoint_group (id) on delete cascade,
    project_id        varchar(64) not null references project (id) on delete cascade,
    created_at        timestamptz not null default now(),
    primary key (endpoint_group_id, project_id)
);
create index project_endpoint_group_project on project_endpoint_group (project_id);
