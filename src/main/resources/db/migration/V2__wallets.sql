-- A /verify session: one unguessable, single-use token bound to (guild, member), valid for a few minutes.
CREATE TABLE verify_session (
    token       VARCHAR(64)  NOT NULL PRIMARY KEY,
    guild_id    BIGINT       NOT NULL,
    member_id   BIGINT       NOT NULL,
    member_name VARCHAR(100) NOT NULL,
    guild_name  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX verify_session_expiry ON verify_session (expires_at);

-- Every SIWE message the bot issued, by nonce: single use, compared byte for byte with what comes back signed.
CREATE TABLE siwe_nonce (
    nonce      VARCHAR(64)   NOT NULL PRIMARY KEY,
    token      VARCHAR(64)   NOT NULL,
    message    VARCHAR(4000) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX siwe_nonce_expiry ON siwe_nonce (expires_at);

-- A verified wallet. One owner per wallet per server; address is lower-case, display_address EIP-55.
CREATE TABLE wallet_link (
    guild_id        BIGINT      NOT NULL,
    address         VARCHAR(42) NOT NULL,
    display_address VARCHAR(42) NOT NULL,
    member_id       BIGINT      NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    verified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (guild_id, address)
);
CREATE INDEX wallet_link_member ON wallet_link (guild_id, member_id);
CREATE INDEX wallet_link_address ON wallet_link (address);
