-- OS-INHERIT: a role granted on a domain or a project that applies to the projects below it (every project
-- of the domain, or the project's subtree), not to the target itself. Kept apart from role_assignment,
-- whose rows are the direct grants every other API lists.
create table inherited_role_assignment (
    actor_id    varchar(64) not null,
    actor_type  varchar(8)  not null check (actor_type in ('user', 'group')),
    target_type varchar(16) not null check (target_type in ('project', 'domain')),
    target_id   varchar(64) not null,
    role_id     varchar(64) not null references role (id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (actor_id, target_type, target_id, role_id)
);
create index inherited_role_assignment_target on inherited_role_assignment (target_type, target_id);
create index inherited_role_assignment_role on inherited_role_assignment (role_id);
