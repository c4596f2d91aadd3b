-- Glance's image locations API (show_multiple_locations): an image's locations are an ordered list, each with
-- metadata the user may set. Positions come from one sequence, so a copy appended later (an upload, a copy-image)
-- sorts after every location already there; a patch that reorders rewrites them in its order from the same
-- sequence. Existing copies keep the order they were written in.
create sequence image_location_position_seq;

alter table image_location add column metadata jsonb not null default '{}';
alter table image_location add column position bigint;

update image_location set position = ordered.n from (
    select image_id, url, row_number() over (order by created_at, image_id, url) as n from image_location) ordered
    where image_location.image_id = ordered.image_id and image_location.url = ordered.url;

select setval('image_location_position_seq', coalesce((select max(position) from image_location), 0) + 1, false);

alter table image_location alter column position set default nextval('image_location_position_seq');
alter table image_location alter column position set not null;

create index image_location_order on image_location (image_id, position);
