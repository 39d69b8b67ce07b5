-- What happened to an account, as its owner may review it. Append-only: the database refuses updates and
-- deletes, except inside a transaction that declared an erasure (closing an account under Law 09-08 / GDPR).
CREATE TABLE account_activity (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    ip_address  text,
    user_agent  text,
    details     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX account_activity_account ON account_activity (account_id, id DESC);

CREATE FUNCTION account_activity_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('moncompte.erasure', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'account_activity is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER account_activity_append_only
    BEFORE UPDATE OR DELETE ON account_activity
    FOR EACH ROW EXECUTE FUNCTION account_activity_append_only();
CREATE TRIGGER account_activity_no_truncate
    BEFORE TRUNCATE ON account_activity
    FOR EACH STATEMENT EXECUTE FUNCTION account_activity_append_only();
