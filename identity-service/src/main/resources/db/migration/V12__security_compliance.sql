-- Keystone's [security_compliance]: failed password authentications counted per user (account lockout), when
-- the current password expires, whether its user set it (minimum password age), and the previous passwords
-- (history), newest last.
alter table identity_user
    add column failed_auth_count     integer     not null default 0,
    add column failed_auth_at        timestamptz,
    add column password_expires_at   timestamptz,
    add column password_self_service boolean     not null default false;

create table password_history (
    id            bigserial    primary key,
    user_id       varchar(64)  not null references identity_user (id) on delete cascade,
    password_hash varchar(255) not null,
    created_at    timestamptz  not null
);
create index password_history_user on password_history (user_id, id);
