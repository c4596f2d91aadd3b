-- Keystone's credentials (/v3/credentials, and the EC2 credentials of /v3/users/{id}/credentials/OS-EC2, which
-- are credentials of type ec2). The blob is encrypted with a key kept outside the database.
create table credential (
    id             varchar(64)  primary key,
    user_id        varchar(64)  not null references identity_user (id) on delete cascade,
    project_id     varchar(64)  references project (id) on delete cascade,
    type           varchar(255) not null,
    encrypted_blob text         not null,
    created_at     timestamptz  not null default now()
);
create index credential_user on credential (user_id);
