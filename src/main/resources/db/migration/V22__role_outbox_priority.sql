-- Interactive changes (a member who just verified, a transfer the chain watcher saw, a member who joined) go before
-- bulk ones (the sweep, a server-wide /gate resync, a new gate): 0 = interactive, 1 = bulk. Rows queued before this
-- column existed count as bulk.
ALTER TABLE role_outbox ADD COLUMN priority SMALLINT DEFAULT 1 NOT NULL;

-- The drainer reads pending rows (done_at IS NULL) in (priority, id) order and stops at its batch size: this index
-- hands them over in that order without sorting the backlog. Its done_at prefix also serves the pending count and
-- the pruning of old done rows, so the older (done_at, next_attempt_at) index goes.
CREATE INDEX role_outbox_drain ON role_outbox (done_at, priority, id);
DROP INDEX role_outbox_pending;

-- The worker drains each server from its own queue (so one server's backlog never hides another's changes behind a
-- global limit): pending rows of one server, in (priority, id) order.
CREATE INDEX role_outbox_guild_drain ON role_outbox (guild_id, done_at, priority, id);
