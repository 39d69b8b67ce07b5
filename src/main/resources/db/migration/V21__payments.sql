-- Payments, owned by the payments module. Amounts are in minor units of an ISO 4217 currency.
CREATE SEQUENCE payment_receipt_numbers;

CREATE TABLE payments (
    id                 uuid PRIMARY KEY,
    account_id         uuid        NOT NULL,
    subject_type       text        NOT NULL,
    subject_id         uuid        NOT NULL,
    subject_reference  text        NOT NULL,
    description        text        NOT NULL,
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status             text        NOT NULL,
    provider           text        NOT NULL,
    provider_reference text,
    redirect_url       text,
    receipt_number     text UNIQUE,
    failure_reason     text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    completed_at       timestamptz,
    CONSTRAINT payments_receipt_iff_succeeded CHECK ((status = 'SUCCEEDED') = (receipt_number IS NOT NULL))
);
CREATE UNIQUE INDEX payments_provider_reference ON payments (provider, provider_reference);
-- At most one payment in progress or succeeded per subject: nothing is ever charged twice.
CREATE UNIQUE INDEX payments_one_open_per_subject ON payments (subject_type, subject_id)
    WHERE status IN ('PENDING', 'SUCCEEDED');
CREATE INDEX payments_account ON payments (account_id, created_at DESC);

-- The sandbox provider's own side: its hosted checkout pages.
CREATE TABLE sandbox_checkouts (
    token        text PRIMARY KEY,
    payment_id   uuid        NOT NULL UNIQUE,
    amount_minor bigint      NOT NULL,
    currency     text        NOT NULL,
    description  text        NOT NULL,
    return_url   text        NOT NULL,
    status       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz
);
