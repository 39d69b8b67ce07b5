-- Email changes wait here until the new address is confirmed; the account keeps its old address meanwhile.
CREATE TABLE email_change_requests (
    token_hash text PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    new_email  text        NOT NULL CHECK (new_email = lower(new_email)),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_change_requests_account ON email_change_requests (account_id);

-- Password reset links: single use, short-lived, only digests stored.
CREATE TABLE password_reset_tokens (
    token_hash text PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_account ON password_reset_tokens (account_id);

-- TOTP (RFC 6238). The shared secret is encrypted like the identity numbers. last_used_step is the time
-- step of the last accepted code: a code is accepted only for a later step, so no code works twice.
CREATE TABLE totp_credentials (
    account_id     uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret_enc     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    confirmed_at   timestamptz,
    last_used_step bigint
);

-- Recovery codes: a public lookup prefix finds the row, the secret part is stored as an Argon2id hash.
CREATE TABLE recovery_codes (
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    lookup     text        NOT NULL,
    code_hash  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    PRIMARY KEY (account_id, lookup)
);

-- The first step of a two-factor login: the password was right, the second factor is still due.
CREATE TABLE login_challenges (
    token_hash text PRIMARY KEY,
    account_id uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0,
    used_at    timestamptz,
    user_agent text,
    ip_address text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_challenges_account ON login_challenges (account_id);

CREATE INDEX sessions_active ON sessions (account_id) WHERE revoked_at IS NULL;
