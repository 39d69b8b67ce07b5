-- Courier partners that report shipment progress with signed webhooks.
CREATE TABLE couriers (
    code       text PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Standard Webhooks signing secrets, AES-GCM encrypted with a key that only the configuration holds.
-- The current secret has no expiry; a rotated-out one keeps verifying until expires_at.
CREATE TABLE courier_secrets (
    id           uuid PRIMARY KEY,
    courier_code text        NOT NULL REFERENCES couriers (code),
    nonce        bytea       NOT NULL,
    ciphertext   bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz
);
-- One current secret per courier, whatever happens concurrently.
CREATE UNIQUE INDEX courier_secrets_current ON courier_secrets (courier_code) WHERE expires_at IS NULL;
CREATE INDEX courier_secrets_courier ON courier_secrets (courier_code, expires_at);

CREATE TABLE shipments (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference          text        NOT NULL UNIQUE,
    consulate_code     text        NOT NULL,
    account_id         uuid        NOT NULL,
    recipient_email    text        NOT NULL,
    courier_code       text        NOT NULL REFERENCES couriers (code),
    tracking_number    text        NOT NULL,
    description        text        NOT NULL,
    -- The service request this shipment fulfils, once requests exist; owned by that module.
    service_request_id uuid,
    status             text        NOT NULL,
    -- When the courier checkpoint that set the status happened; NULL until the courier first reports.
    status_occurred_at timestamptz,
    created_by         uuid        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT shipments_tracking UNIQUE (courier_code, tracking_number)
);
CREATE INDEX shipments_account ON shipments (account_id, created_at DESC);
CREATE INDEX shipments_consulate ON shipments (consulate_code, status, updated_at DESC);

-- Every update ever reported, in or out of order.
CREATE TABLE shipment_checkpoints (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id uuid        NOT NULL REFERENCES shipments (id),
    status      text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    location    text,
    message     text,
    source      text        NOT NULL CHECK (source IN ('CONSULATE', 'COURIER')),
    webhook_id  text,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipment_checkpoints_timeline ON shipment_checkpoints (shipment_id, occurred_at, id);
CREATE UNIQUE INDEX shipment_checkpoints_webhook ON shipment_checkpoints (shipment_id, webhook_id)
    WHERE webhook_id IS NOT NULL;

-- Webhook ids already taken in: couriers retry, and a retry must have no second effect.
CREATE TABLE courier_webhook_receipts (
    courier_code text        NOT NULL,
    webhook_id   text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (courier_code, webhook_id)
);
CREATE INDEX courier_webhook_receipts_age ON courier_webhook_receipts (received_at);

-- Verified updates whose tracking number matched no shipment yet, for agents to replay.
CREATE TABLE courier_dead_letters (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    courier_code    text        NOT NULL REFERENCES couriers (code),
    webhook_id      text        NOT NULL,
    tracking_number text        NOT NULL,
    status          text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    location        text,
    message         text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    replayed_at     timestamptz,
    replayed_by     uuid,
    shipment_id     uuid REFERENCES shipments (id)
);
CREATE INDEX courier_dead_letters_pending ON courier_dead_letters (received_at DESC) WHERE replayed_at IS NULL;
CREATE INDEX courier_dead_letters_tracking ON courier_dead_letters (courier_code, tracking_number);
