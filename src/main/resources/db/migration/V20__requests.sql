-- Service requests (passports, civil status, visas...), owned by the requests module.
CREATE TABLE service_requests (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference      text        NOT NULL UNIQUE,
    account_id     uuid        NOT NULL,
    consulate_code text        NOT NULL,
    type_code      text        NOT NULL,
    status         text        NOT NULL,
    fields         jsonb       NOT NULL DEFAULT '{}',
    -- Frozen at submission: the citizen pays what the request cost when it was submitted.
    fee_minor      bigint,
    currency       text,
    -- The last message an agent attached to a transition (more information needed, rejection reason).
    status_message text,
    -- The appointment offered after approval: a seat held in the booking module's slots.
    seat_hold_id   uuid,
    offered_start  timestamptz,
    offered_end    timestamptz,
    offer_expires_at timestamptz,
    appointment_id uuid,
    appointment_reference text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    submitted_at   timestamptz,
    completed_at   timestamptz
);
CREATE INDEX service_requests_account ON service_requests (account_id, created_at DESC);
-- The back office queue: a post's requests, oldest submission first.
CREATE INDEX service_requests_queue ON service_requests (consulate_code, submitted_at, id) WHERE status <> 'DRAFT';

-- Every transition, with who made it and what they said.
CREATE TABLE service_request_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    actor_id    uuid,
    actor_role  text        NOT NULL,
    message     text,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_request_history_request ON service_request_history (request_id, id);

-- Supporting documents; the bytes live in the document store, addressed by their SHA-256.
CREATE TABLE request_documents (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    request_id   uuid        NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    kind         text        NOT NULL,
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key  text        NOT NULL,
    filename     text,
    width        integer,
    height       integer,
    uploaded_by  uuid        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_documents_request ON request_documents (request_id, kind);
