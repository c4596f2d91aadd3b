-- Trusts (Keystone's OS-TRUST): a trustor delegates some of its roles on one project to a trustee, who may then
-- get tokens scoped to the trust. A trust goes with its trustor, its trustee or its project.
create table trust (
    id                   varchar(64) primary key,
    trustor_user_id      varchar(64) not null references identity_user (id) on delete cascade,
    trustee_user_id      varchar(64) not null references identity_user (id) on delete cascade,
    project_id           varchar(64) not null references project (id) on delete cascade,
    impersonation        boolean     not null,
    -- JSON array of the delegated role ids, as requested (implied roles are added when a token is issued).
    role_ids             text        not null,
    expires_at           timestamptz,
    -- Null: unlimited; counted down by every token issued through the trust.
    remaining_uses       integer,
    redelegation_count   integer     not null default 0,
    redelegated_trust_id varchar(64),
    created_at           timestamptz not null default now()
);
create index trust_trustor on trust (trustor_user_id);
create index trust_trustee on trust (trustee_user_id);
create index trust_project on trust (project_id);
