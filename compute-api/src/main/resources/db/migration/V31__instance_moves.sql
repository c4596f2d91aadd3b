-- Cold moves (resize, migration): the whole move as the API accepted it and the scheduler placed it, so that
-- confirm and revert tell both hosts exactly what they did.
alter table migrations add column move_spec jsonb;
create index migrations_instance_open on migrations (instance_uuid)
    where status not in ('confirmed', 'reverted', 'error') and deleted_at is null;
