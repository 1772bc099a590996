//! The PostgreSQL schema's steps, in order: a database at step N runs the steps after it
//! (`super::migrate`). A step, once released, is never edited: a change is a new step.

/// Each step brings the schema to the version of its index + 1.
pub(super) const STEPS: &[&str] = &[
    r#"
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE studios (
    id text PRIMARY KEY,
    info jsonb NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL
);
-- Each studio's change log head: raised as the last statement of every writing
-- transaction, so sequence numbers are handed out in commit order and a cursor never skips
-- one. A table of its own: the studio row is share-locked by every insert that references
-- it, and a counter updated under those locks would cost a multixact each time.
CREATE TABLE heads (
    studio text PRIMARY KEY REFERENCES studios (id),
    head bigint NOT NULL DEFAULT 0
);
CREATE TABLE desks (
    token_hash text PRIMARY KEY,
    studio text NOT NULL REFERENCES studios (id),
    desk text NOT NULL,
    admin boolean NOT NULL,
    created_at timestamptz NOT NULL
);
-- Ids are unique per studio: a desk of one studio can neither find nor block another's.
CREATE TABLE bookings (
    id uuid NOT NULL,
    studio text NOT NULL REFERENCES studios (id),
    room text NOT NULL,
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL,
    name text NOT NULL,
    phone text,
    email text,
    note text,
    status text NOT NULL,
    desk text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    seq bigint NOT NULL,
    status_reason text,
    price bigint,
    version bigint NOT NULL DEFAULT 1,
    checked_in_at timestamptz,
    no_show boolean NOT NULL DEFAULT false,
    payment jsonb NOT NULL,
    series uuid,
    customer_id uuid,
    PRIMARY KEY (studio, id),
    CHECK (start_at < end_at),
    -- The last guard: the write path locks the room-days and checks the masks first, so
    -- this only fires if those were wrong (answered as a conflict and logged loudly).
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist
        (studio WITH =, room WITH =, tstzrange(start_at, end_at, '[)') WITH &&)
        WHERE (status = 'confirmed')
);
CREATE INDEX bookings_changes ON bookings (studio, seq);
CREATE INDEX bookings_room_start ON bookings (studio, room, start_at);
CREATE INDEX bookings_series ON bookings (studio, series, start_at) WHERE series IS NOT NULL;
CREATE INDEX bookings_customer ON bookings (studio, customer_id, start_at);
-- Customer records (ids derived from what made them, the same at every desk: unique per
-- studio, not across the chain).
CREATE TABLE customers (
    studio text NOT NULL REFERENCES studios (id),
    id uuid NOT NULL,
    name text NOT NULL,
    phone text,
    email text,
    notes text,
    phone_key text,
    email_key text,
    merged_into uuid,
    version bigint NOT NULL DEFAULT 1,
    seq bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (studio, id)
);
CREATE INDEX customers_phone ON customers (studio, phone_key);
CREATE INDEX customers_email ON customers (studio, email_key);
CREATE INDEX customers_changes ON customers (studio, seq);
-- Lookup as staff type: any part of the name, phone digits or email (trigrams).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops);
CREATE INDEX customers_phone_trgm ON customers USING gin (phone_key gin_trgm_ops);
CREATE INDEX customers_email_trgm ON customers USING gin (email_key gin_trgm_ops);
-- One row per room and local date ever written: what a write locks, in (room, day) order.
CREATE TABLE room_days (
    studio text NOT NULL,
    room text NOT NULL,
    day date NOT NULL,
    PRIMARY KEY (studio, room, day)
);
-- The expiry lives on the session, so a heartbeat renews one row, whatever it holds; no
-- index on expires_at keeps those updates HOT.
CREATE UNLOGGED TABLE hold_sessions (
    id uuid NOT NULL,
    studio text NOT NULL,
    desk text NOT NULL,
    expires_at timestamptz NOT NULL,
    holds_key text NOT NULL,
    PRIMARY KEY (studio, id)
);
CREATE UNLOGGED TABLE holds (
    session uuid NOT NULL,
    studio text NOT NULL,
    room text NOT NULL,
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL
);
CREATE INDEX holds_room ON holds (studio, room, start_at);
CREATE INDEX holds_session ON holds (studio, session);
CREATE TABLE push_log (
    mutation uuid NOT NULL,
    studio text NOT NULL,
    status text NOT NULL,
    booking uuid,
    message text,
    at timestamptz NOT NULL,
    PRIMARY KEY (studio, mutation)
);
-- Tokens of the chain's administrators: they list and add studios, and belong to none.
CREATE TABLE chain_admins (
    token_hash text PRIMARY KEY,
    name text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE audit (
    id bigserial PRIMARY KEY,
    studio text NOT NULL,
    at timestamptz NOT NULL,
    desk text NOT NULL,
    staff jsonb,
    action text NOT NULL,
    booking uuid,
    detail jsonb NOT NULL
);
CREATE INDEX audit_at ON audit (studio, at);
"#,
    r#"
-- One token per desk: a re-key replaces it (before, it added a row and the old token
-- stayed valid). Of a desk's rows the newest is kept.
DELETE FROM desks d USING desks newer
 WHERE d.studio = newer.studio AND d.desk = newer.desk
   AND (d.created_at, d.token_hash) < (newer.created_at, newer.token_hash);
CREATE UNIQUE INDEX desks_one_token ON desks (studio, desk);
ALTER TABLE desks ADD COLUMN last_seen timestamptz;
ALTER TABLE desks ADD COLUMN app_version text;
-- One-time codes that enrol a desk (hashes only; one open code per desk).
CREATE TABLE desk_enrolments (
    code_hash text PRIMARY KEY,
    studio text NOT NULL REFERENCES studios (id),
    desk text NOT NULL,
    admin boolean NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (studio, desk)
);
"#,
    r#"
-- Staff the server can believe: staff sessions issued after a PIN was checked (hashes
-- only), wrong-PIN lockouts that survive restarts, and when removed members left.
CREATE TABLE staff_sessions (
    session_hash text PRIMARY KEY,
    studio text NOT NULL REFERENCES studios (id),
    staff uuid NOT NULL,
    desk text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE TABLE pin_lockouts (
    studio text NOT NULL REFERENCES studios (id),
    staff uuid NOT NULL,
    wrong integer NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (studio, staff)
);
CREATE TABLE staff_departures (
    studio text NOT NULL REFERENCES studios (id),
    staff uuid NOT NULL,
    name text NOT NULL,
    left_at timestamptz NOT NULL,
    PRIMARY KEY (studio, staff)
);
"#,
    r#"
-- Calendar feeds: a secret read-only URL of one room (or, room NULL, the whole studio);
-- only the token's hash is kept, and revoking a feed deletes its row.
CREATE TABLE feeds (
    token_hash text PRIMARY KEY,
    studio text NOT NULL REFERENCES studios (id),
    id uuid NOT NULL,
    room text,
    detail text NOT NULL CHECK (detail IN ('name', 'booked')),
    label text,
    created_at timestamptz NOT NULL,
    UNIQUE (studio, id)
);
"#,
    r#"
-- The reports sum what was paid and how over a period's bookings: the payment's amount and
-- method as columns kept by PostgreSQL itself, so a year of bookings is not 100,000 jsonb
-- parses.
ALTER TABLE bookings
    ADD COLUMN paid_amount bigint GENERATED ALWAYS AS (COALESCE((payment->>'amount')::bigint, 0)) STORED,
    ADD COLUMN payment_method text GENERATED ALWAYS AS (payment->>'method') STORED;
"#,
    r#"
-- Online booking: what each studio's public page offers (versioned), and the key that
-- signs its customers' manage links, made once.
CREATE TABLE online_booking (
    studio text PRIMARY KEY REFERENCES studios (id),
    settings jsonb NOT NULL,
    version bigint NOT NULL
);
CREATE TABLE link_keys (
    studio text PRIMARY KEY REFERENCES studios (id),
    key bytea NOT NULL
);
"#,
    r#"
-- Each studio's country (in its info) and its customers' phone numbers in E.164, keyed by
-- them: data only, written in Rust after this step (customers::rekey_phones).
"#,
    r#"
-- Messages to customers (issue 24, item 5): each studio's outbox of e-mails, written in the
-- booking write's transaction; every instance's worker claims due rows FOR UPDATE SKIP
-- LOCKED and leases them (lease_owner until lease_until), so no two send the same one.
CREATE TABLE messages (
    id uuid NOT NULL,
    studio text NOT NULL REFERENCES studios (id),
    booking_id uuid NOT NULL,
    kind text NOT NULL,
    recipient text NOT NULL,
    language text,
    due_at timestamptz NOT NULL,
    state text NOT NULL DEFAULT 'queued',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error text,
    lease_owner text,
    lease_until timestamptz,
    sent_at timestamptz,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (studio, id)
);
CREATE INDEX messages_due ON messages (studio, next_attempt_at) WHERE state = 'queued';
CREATE INDEX messages_booking ON messages (studio, booking_id);
"#,
    r#"
-- Issue 25, fees: the fee a late cancellation or a no-show left owed (minor units, the
-- core's rule as text, e.g. `tier:1:24:50`) and an admin's waiver of it (reason, when, the
-- staff member's name). All NULL: nothing owed.
ALTER TABLE bookings
    ADD COLUMN fee_amount bigint,
    ADD COLUMN fee_rule text,
    ADD COLUMN fee_waived_reason text,
    ADD COLUMN fee_waived_at timestamptz,
    ADD COLUMN fee_waived_by text;
"#,
    r#"
-- Issue 23, the payments report a page at a time: a studio's payment changes in the order
-- recorded, so a page is one index range from its cursor (at, id) on, with no sort of the
-- period's changes; the booking is in the index for the join to the booking's room.
CREATE INDEX IF NOT EXISTS audit_payments ON audit (studio, at, id) INCLUDE (booking)
    WHERE action = 'payment';
"#,
    r#"
-- Issue 23, a year's payment totals in one index: a payment change counts under its
-- booking's room *now*, and joining each of a year's 60,000 changes with its booking was
-- most of the totals' time. The change keeps its amount and method (generated from its
-- detail) and its booking's room, current by triggers whatever writes the rows (a move; a
-- booking gone: NULL, as the join found nothing), and the payments index holds all three.
-- A booking row always comes before its payment changes here (the server records them on
-- a stored booking; `migrate` imports the bookings first), so a new booking needs none.
ALTER TABLE audit
    ADD COLUMN pay_amount bigint GENERATED ALWAYS AS (CASE WHEN action = 'payment' THEN
        COALESCE((detail->'to'->>'amount')::bigint, 0)
          - COALESCE((detail->'from'->>'amount')::bigint, 0) END) STORED,
    ADD COLUMN pay_method text GENERATED ALWAYS AS (CASE WHEN action = 'payment' THEN
        COALESCE(detail->'to'->>'method', detail->'from'->>'method') END) STORED,
    ADD COLUMN room text;
UPDATE audit a SET room = b.room FROM bookings b
 WHERE a.action = 'payment' AND b.studio = a.studio AND b.id = a.booking;
CREATE INDEX audit_payment_bookings ON audit (studio, booking) WHERE action = 'payment';
CREATE FUNCTION audit_payment_room() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.room := (SELECT b.room FROM bookings b WHERE b.studio = NEW.studio AND b.id = NEW.booking);
    RETURN NEW;
END $$;
CREATE TRIGGER audit_payment_room BEFORE INSERT ON audit
    FOR EACH ROW WHEN (NEW.action = 'payment') EXECUTE FUNCTION audit_payment_room();
CREATE FUNCTION booking_room_to_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE audit SET room = NULL
         WHERE studio = OLD.studio AND booking = OLD.id AND action = 'payment';
        RETURN OLD;
    END IF;
    UPDATE audit SET room = NEW.room
     WHERE studio = NEW.studio AND booking = NEW.id AND action = 'payment'
       AND room IS DISTINCT FROM NEW.room;
    RETURN NEW;
END $$;
CREATE TRIGGER booking_room_moved AFTER UPDATE OF room ON bookings
    FOR EACH ROW WHEN (OLD.room IS DISTINCT FROM NEW.room)
    EXECUTE FUNCTION booking_room_to_payments();
CREATE TRIGGER booking_room_gone AFTER DELETE ON bookings
    FOR EACH ROW EXECUTE FUNCTION booking_room_to_payments();
DROP INDEX audit_payments;
CREATE INDEX audit_payments ON audit (studio, at, id)
    INCLUDE (booking, room, pay_amount, pay_method) WHERE action = 'payment';
"#,
    r#"
-- Issue 24, reminders: a customer's choice whether to get them, with when and where they
-- made it, per studio and e-mail address (`consent.rs`). No row: never asked.
CREATE TABLE reminder_consent (
    studio text NOT NULL REFERENCES studios (id),
    email_key text NOT NULL,
    reminders boolean NOT NULL,
    source text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (studio, email_key)
);
"#,
    r#"
-- Issue 24, approval: a booking made online that waits for staff (the studio's setting
-- when it was made); it holds its time meanwhile.
ALTER TABLE bookings ADD COLUMN awaiting_approval boolean NOT NULL DEFAULT false;
"#,
    r#"
-- Issue 25, deposits: what a booking asks as its deposit, worked out from the terms and its
-- price when it was made (minor units; NULL: none).
ALTER TABLE bookings ADD COLUMN deposit bigint;
"#,
];
