-- Import tasks, as Glance lists them under /v2/images/{id}/tasks.
create table image_task (
    id         varchar(36)  primary key,
    image_id   varchar(36)  not null references image (id) on delete cascade,
    type       varchar(30)  not null,
    status     varchar(20)  not null check (status in ('pending', 'processing', 'success', 'failure')),
    owner      varchar(64),
    user_id    varchar(64),
    request_id varchar(64),
    input      text,
    message    text         not null default '',
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
create index image_task_image on image_task (image_id, created_at);
