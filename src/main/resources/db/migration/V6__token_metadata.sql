-- Token metadata as fetched (raw JSON, at most 1 MB), keyed by the SHA-256 of its URI: survives restarts, and is
-- served when a refresh fails (IPFS gateways are often slow or down).
CREATE TABLE token_metadata (
    uri_hash   CHAR(64) NOT NULL PRIMARY KEY,
    body       TEXT NOT NULL,
    fetched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
