-- Role grants on the system (Keystone's /v3/system/{users,groups}/{id}/roles): target_type 'system',
-- target_id 'all', the one system there is.
alter table role_assignment drop constraint role_assignment_target_type_check;
alter table role_assignment add constraint role_assignment_target_type_check
    check (target_type in ('project', 'domain', 'system'));
