-- When the worker last sent a change to Discord (committed before the request goes out). A change that was sent but
-- is not done may have been applied by a process that died, or by a request whose answer was lost: before it is
-- sent again the worker reads the member's roles from Discord, so no change is applied twice.
ALTER TABLE role_outbox ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
