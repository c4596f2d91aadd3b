-- Console auth tokens (Nova's console_auth_tokens): one row per console URL handed out, found by the SHA-256 of
-- its token (the token itself is never stored), valid until it expires; a deleted server's rows go with it.
create table console_auth_tokens (
    id                    bigserial primary key,
    token_hash            text not null unique,
    console_type          text not null,
    host                  text not null,
    port                  integer not null,
    internal_access_path  text,
    instance_uuid         text not null,
    access_url_base       text,
    created_at            timestamptz not null default now(),
    expires               timestamptz not null
);
create index console_auth_tokens_instance_uuid on console_auth_tokens (instance_uuid);
create index console_auth_tokens_expires on console_auth_tokens (expires);
