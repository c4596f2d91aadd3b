-- Glance's image cache on this host: the cached copies (the files live in stratus.image.cache.directory, named by
-- image id) and the images queued for the prefetcher. No foreign keys: an image delete drops its entry through
-- the service, which also removes the file; start-up reconciles rows and files.
create table image_cache_entry (
    image_id      varchar(255) primary key,
    size          bigint       not null,
    hits          bigint       not null default 0,
    last_accessed timestamptz  not null,
    last_modified timestamptz  not null
);

create index image_cache_entry_last_accessed on image_cache_entry (last_accessed);

create table image_cache_queue (
    image_id  varchar(255) primary key,
    queued_at timestamptz  not null default clock_timestamp()
);
