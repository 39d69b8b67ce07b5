-- Seats a post sets aside in its slots for one citizen to confirm (an appointment offered after a
-- request is approved). A held seat counts in slots.booked like a booking.
CREATE TABLE seat_holds (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id     uuid        NOT NULL,
    slot_id        uuid        NOT NULL REFERENCES slots (id),
    consulate_code text        NOT NULL,
    service_code   text        NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    status         text        NOT NULL,
    expires_at     timestamptz NOT NULL,
    appointment_id uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seat_holds_expiring ON seat_holds (expires_at) WHERE status = 'HELD';
CREATE INDEX seat_holds_account ON seat_holds (account_id);
