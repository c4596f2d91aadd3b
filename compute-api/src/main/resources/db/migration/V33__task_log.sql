-- The instance usage audit (os-instance_usage_audit_log): one row per compute host and audit period, written by
-- compute-api's auditor when stratus.compute-hosts.usage-audit.enabled is on (as Nova's task_log).
create table task_log (
    id                bigserial primary key,
    task_name         text not null,
    state             text not null,
    host              text not null,
    period_beginning  timestamptz not null,
    period_ending     timestamptz not null,
    message           text not null default '',
    task_items        integer not null default 0,
    errors            integer not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz,
    unique (task_name, host, period_beginning, period_ending)
);
