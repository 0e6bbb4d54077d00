-- Dashboard logins under way: the OAuth2 state (hashed) and its PKCE verifier, used once by the callback.
CREATE TABLE dashboard_login (
    state_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    verifier   VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Dashboard sessions behind a random cookie; only the cookie's hash is stored, so a database leak opens no session.
CREATE TABLE dashboard_session (
    id_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_id      BIGINT        NOT NULL,
    user_name    VARCHAR(100)  NOT NULL,
    csrf         VARCHAR(64)   NOT NULL,
    guild_ids    VARCHAR(8000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dashboard_session_user ON dashboard_session (user_id);
