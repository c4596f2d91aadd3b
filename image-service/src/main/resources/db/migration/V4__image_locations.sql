-- Multiple stores: an image's data may have one copy per store. Each copy is a row here; which store holds it
-- follows from its location (a file directly under the store's directory). The image's own column keeps only
-- the staged data of an import in progress.
create table image_location (
    image_id   varchar(36) not null references image (id) on delete cascade,
    url        text        not null,
    created_at timestamptz not null,
    primary key (image_id, url)
);

insert into image_location (image_id, url, created_at)
    select id, location, updated_at from image
    where location is not null and status not in ('uploading', 'importing');

update image set location = null where status not in ('uploading', 'importing');

alter table image rename column location to staged_location;

-- The stores an import task writes to (Glance's task input "backend"), comma-separated.
alter table image_task add column backend text;
