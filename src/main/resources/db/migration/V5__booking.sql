CREATE TABLE slots (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    consulate_code text        NOT NULL,
    service_code   text        NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    capacity       integer     NOT NULL CHECK (capacity > 0),
    booked         integer     NOT NULL DEFAULT 0,
    closed         boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- The database itself refuses overbooking, whatever the application does.
    CONSTRAINT slots_capacity CHECK (booked >= 0 AND booked <= capacity),
    CONSTRAINT slots_time CHECK (ends_at > starts_at),
    CONSTRAINT slots_unique UNIQUE (consulate_code, service_code, starts_at)
);
CREATE INDEX slots_lookup ON slots (consulate_code, service_code, starts_at);

CREATE TABLE appointments (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference      text        NOT NULL UNIQUE,
    account_id     uuid        NOT NULL,
    slot_id        uuid        NOT NULL REFERENCES slots (id),
    consulate_code text        NOT NULL,
    service_code   text        NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    status         text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_account ON appointments (account_id, service_code, status);
CREATE INDEX appointments_consulate_day ON appointments (consulate_code, starts_at);

-- Days an agent closed their post (strikes, local holidays, building works).
CREATE TABLE closures (
    consulate_code text        NOT NULL,
    day            date        NOT NULL,
    reason         text        NOT NULL,
    created_by     uuid        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consulate_code, day)
);
