-- Groups of users; role assignments may name a group as their actor.

create table identity_group (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    domain_id   varchar(64)  not null references domain (id),
    description text,
    created_at  timestamptz  not null default now(),
    constraint group_name_in_domain unique (domain_id, name)
);

create table group_membership (
    group_id varchar(64) not null references identity_group (id) on delete cascade,
    user_id  varchar(64) not null references identity_user (id) on delete cascade,
    primary key (group_id, user_id)
);
create index group_membership_user on group_membership (user_id);

-- The actor is a user or a group; ids are random, so the two never collide in the primary key.
alter table role_assignment drop constraint role_assignment_actor_id_fkey;
alter table role_assignment add column actor_type varchar(8) not null default 'user'
    check (actor_type in ('user', 'group'));
create index role_assignment_actor on role_assignment (actor_id);
