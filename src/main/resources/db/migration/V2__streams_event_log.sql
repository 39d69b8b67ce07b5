-- One log of every state change: the outbox that the relay publishes to Kafka, and the history
-- that live streams replay from after a reconnect.
CREATE TABLE event_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   uuid        NOT NULL,
    type         text        NOT NULL,
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX event_log_account ON event_log (account_id, id);
CREATE INDEX event_log_unpublished ON event_log (id) WHERE published_at IS NULL;
CREATE INDEX event_log_type_time ON event_log (type, occurred_at);
