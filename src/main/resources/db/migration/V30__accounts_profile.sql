-- Profile: personal details, a structured address, an E.164 phone number, and identity numbers that are
-- stored only as AES-GCM ciphertexts ("v1:<key id>:<base64url(nonce || ciphertext || tag)>").
ALTER TABLE accounts
    ADD COLUMN date_of_birth               date,
    ADD COLUMN address_line1               text,
    ADD COLUMN address_line2               text,
    ADD COLUMN address_postal_code         text,
    ADD COLUMN address_city                text,
    ADD COLUMN address_country             text,
    ADD COLUMN phone_e164                  text,
    ADD COLUMN passport_number_enc         text,
    ADD COLUMN passport_issued_on          date,
    ADD COLUMN passport_expires_on         date,
    ADD COLUMN cnie_number_enc             text,
    ADD COLUMN consular_registration_enc   text,
    ADD COLUMN updated_at                  timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN closed_at                   timestamptz,
    ADD CONSTRAINT accounts_language CHECK (preferred_language IN ('ar', 'fr', 'en', 'es')),
    ADD CONSTRAINT accounts_country CHECK (address_country IS NULL OR address_country ~ '^[A-Z]{2}$'),
    ADD CONSTRAINT accounts_phone CHECK (phone_e164 IS NULL OR phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    ADD CONSTRAINT accounts_passport_dates CHECK (passport_expires_on IS NULL OR passport_issued_on IS NULL
        OR passport_expires_on > passport_issued_on);
