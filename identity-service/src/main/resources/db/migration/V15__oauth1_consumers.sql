-- Keystone's OS-OAUTH1 consumers: an application registered to ask users for delegated access. The secret is
-- kept as given out at creation (OAuth 1.0a signatures need it in clear, as in Keystone), and never returned again.
-- Attributes beyond description are kept as extra attributes.
create table oauth1_consumer (
    id          varchar(64)  primary key,
    description text,
    secret      varchar(64)  not null,
    extra       text,
    created_at  timestamptz  not null default now()
);
