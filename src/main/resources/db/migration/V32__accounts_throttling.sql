-- Failed-authentication counters, shared by every instance. subject is the normalized email address
-- (whether or not an account has it, so throttling reveals nothing) or the client IP address.
-- failures counts attempts whose secret was wrong or is still being checked (pending).
CREATE TABLE auth_failures (
    scope           text        NOT NULL,
    subject         text        NOT NULL,
    failures        integer     NOT NULL,
    pending         integer     NOT NULL DEFAULT 0,
    last_failure_at timestamptz NOT NULL,
    blocked_until   timestamptz,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX auth_failures_last ON auth_failures (last_failure_at);

-- Fixed-window request quotas for endpoints that send mail or create accounts.
CREATE TABLE request_quotas (
    scope             text        NOT NULL,
    subject           text        NOT NULL,
    window_started_at timestamptz NOT NULL,
    requests          integer     NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX request_quotas_window ON request_quotas (window_started_at);
