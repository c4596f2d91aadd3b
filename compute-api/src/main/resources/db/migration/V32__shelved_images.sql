-- Shelve: the image that holds a shelved server's disk until it is unshelved (then deleted) or deleted.
alter table instances add column shelved_image_id text;
