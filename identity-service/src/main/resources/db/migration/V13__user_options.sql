-- Keystone's user options (ignore_lockout_failure_attempts, ignore_password_expiry, lock_password, MFA rules...):
-- a JSON object of the options set, by option name; null when none is.
alter table identity_user add column options text;
