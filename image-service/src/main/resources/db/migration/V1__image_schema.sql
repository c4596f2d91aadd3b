-- Glance's image model: records, custom properties, tags and members. Image data lives in the store.

create table image (
    id               varchar(36)  primary key,
    name             varchar(255),
    status           varchar(20)  not null,
    visibility       varchar(10)  not null check (visibility in ('public', 'private', 'shared', 'community')),
    owner            varchar(64),
    disk_format      varchar(20),
    container_format varchar(20),
    size             bigint,
    virtual_size     bigint,
    checksum         varchar(32),
    os_hash_algo     varchar(64),
    os_hash_value    varchar(128),
    min_disk         integer      not null default 0,
    min_ram          integer      not null default 0,
    protected        boolean      not null default false,
    os_hidden        boolean      not null default false,
    location         text,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
create index image_owner on image (owner);
create index image_visibility on image (visibility);
create index image_created_at on image (created_at, id);

create table image_property (
    image_id varchar(36)  not null references image (id) on delete cascade,
    name     varchar(255) not null,
    value    text,
    primary key (image_id, name)
);

create table image_tag (
    image_id varchar(36)  not null references image (id) on delete cascade,
    value    varchar(255) not null,
    primary key (image_id, value)
);

create table image_member (
    image_id   varchar(36)  not null references image (id) on delete cascade,
    member_id  varchar(255) not null,
    status     varchar(10)  not null check (status in ('pending', 'accepted', 'rejected')),
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    primary key (image_id, member_id)
);
create index image_member_member on image_member (member_id, status);
