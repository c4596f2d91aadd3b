-- Keystone's OS-REVOKE events carry a domain_id: a disabled domain revokes the tokens of its users, of its projects
-- and scoped to it.
ALTER TABLE revocation_event ADD COLUMN domain_id VARCHAR(64);
