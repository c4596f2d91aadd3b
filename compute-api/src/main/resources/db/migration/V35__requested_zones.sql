-- The availability zone a server was asked into, Nova's RequestSpec.availability_zone: its cold and live migrations,
-- resizes and unshelve are scheduled in that zone. Null: none was asked (or the server was unpinned by an unshelve),
-- the server may go to any zone. Servers made before this column are not pinned.
alter table instances add column requested_availability_zone text;
