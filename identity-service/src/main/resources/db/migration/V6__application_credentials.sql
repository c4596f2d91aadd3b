-- Application credentials: a user's delegation of (some of) its roles on one project to a secret an application
-- holds instead of the user's password. The secret is kept only as a bcrypt hash.
create table application_credential (
    id           varchar(64)  primary key,
    name         varchar(255) not null,
    description  text,
    user_id      varchar(64)  not null references identity_user (id) on delete cascade,
    project_id   varchar(64)  not null references project (id) on delete cascade,
    secret_hash  varchar(255) not null,
    -- JSON array of the delegated role ids.
    role_ids     text         not null,
    unrestricted boolean      not null default false,
    expires_at   timestamptz,
    created_at   timestamptz  not null default now(),
    unique (user_id, name)
);
create index application_credential_project on application_credential (project_id);
