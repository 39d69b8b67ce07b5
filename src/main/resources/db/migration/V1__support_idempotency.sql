-- Answers to requests that carried an Idempotency-Key, replayed to retries.
CREATE TABLE idempotency_keys (
    account_id   uuid        NOT NULL,
    scope        text        NOT NULL,
    idem_key     text        NOT NULL,
    fingerprint  text        NOT NULL,
    status       integer,
    content_type text,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, scope, idem_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
