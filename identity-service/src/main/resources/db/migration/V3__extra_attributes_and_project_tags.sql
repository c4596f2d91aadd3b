-- Keystone keeps attributes it does not model on users (returned as given) and tags on projects.
alter table identity_user add column extra text;
alter table project add column tags text;
