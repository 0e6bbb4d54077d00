-- Jobs that must run on one process at a time (chain watcher, sweeps, docs refresh): whoever holds the lease runs
-- them; a holder that dies loses it when it expires.
CREATE TABLE job_lease (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    owner      VARCHAR(100) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
