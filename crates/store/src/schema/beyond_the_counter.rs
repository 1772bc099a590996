//! The SQLite schema's steps from 22 on: what the studio does beyond the counter — its
//! numbers (reports), customers online (the public page, messages), money (fees). Append
//! only, as `steps.rs`.

/// Steps 22 on: `BEYOND_THE_COUNTER[i]` brings the schema from version `21 + i` to
/// `22 + i`. Append only.
pub(super) const BEYOND_THE_COUNTER: &[&str] = &[
    // 22: the reports read a period's bookings from one index in start order, covering every
    // column they count, without visiting the rows (a year of 100,000 bookings). It starts
    // with start_utc, so it also serves what the plain start index did.
    r#"
    DROP INDEX bookings_start;
    CREATE INDEX bookings_start_report ON bookings
        (start_utc, room, status, no_show, price, paid_amount, payment_method, series_id,
         customer_id, end_utc);
    "#,
    // 23: a server's online booking: what the public page offers (JSON, versioned), and the
    // key that signs customers' manage links, made once.
    r#"
    CREATE TABLE online_booking (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        settings TEXT NOT NULL,
        version INTEGER NOT NULL
    );
    CREATE TABLE link_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key BLOB NOT NULL
    );
    "#,
    // 24: the studio's country (ISO 3166-1 alpha-2), the region of phone numbers typed
    // without a country code; customers' numbers kept in E.164 and keyed by it. The data
    // follow in Rust ([`crate::customers::rekey_phones`]), in the same transaction.
    r#"
    ALTER TABLE studio ADD COLUMN country TEXT;
    "#,
    // 25 (issue 25, cancellation terms): the studio's terms and its rooms' own, JSON
    // `{"studio": TermsDto | null, "rooms": {id: TermsDto}}` (NULL: none, nothing is owed).
    r#"
    ALTER TABLE studio ADD COLUMN cancellation TEXT;
    "#,
    // Messages to customers (issue 24, item 5): the server's outbox of e-mails, written in
    // the booking write's transaction and sent by its worker (`crate::messages`). A claim
    // is `lease_owner` until `lease_until`; a desk's file has the table and never a row.
    r#"
    CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        booking_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        language TEXT,
        due_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        lease_owner TEXT,
        lease_until INTEGER,
        sent_at INTEGER,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX messages_due ON messages (state, next_attempt_at);
    CREATE INDEX messages_booking ON messages (booking_id);
    "#,
    // Issue 23, the payments report: the payment changes of a period read from one partial
    // index in the order recorded, holding what the report counts (the amount each change
    // made and its method, the same expressions as `reports::payments` reads), so a year's
    // 60,000 changes are neither picked out of every audit row nor parsed from JSON again.
    r#"
    CREATE INDEX IF NOT EXISTS audit_payments ON audit
        (at, id, booking_id, staff_name, desk,
         COALESCE(json_extract(detail, '$.to.amount'), 0)
           - COALESCE(json_extract(detail, '$.from.amount'), 0),
         COALESCE(json_extract(detail, '$.to.method'), json_extract(detail, '$.from.method')))
        WHERE action = 'payment';
    "#,
    // Issue 25, fees: the fee a late cancellation or a no-show left owed (minor units, the
    // core's rule as text, e.g. `tier:1:24:50`) and an admin's waiver of it (reason, when,
    // the staff member's name). All NULL: nothing owed.
    r#"
    ALTER TABLE bookings ADD COLUMN fee_amount INTEGER;
    ALTER TABLE bookings ADD COLUMN fee_rule TEXT;
    ALTER TABLE bookings ADD COLUMN fee_waived_reason TEXT;
    ALTER TABLE bookings ADD COLUMN fee_waived_at INTEGER;
    ALTER TABLE bookings ADD COLUMN fee_waived_by TEXT;
    "#,
    // Issue 23, a year's payment totals: a payment change counts under its booking's room
    // *now*; joining each of a year's 60,000 changes with its booking cost most of the
    // totals' time. The room is kept on the change instead, current by triggers whatever
    // writes the rows (a move, a conflict put back, a pull, a server switch's delete: then
    // NULL, as the join found nothing), and the payments index holds it.
    r#"
    ALTER TABLE audit ADD COLUMN room TEXT;
    UPDATE audit SET room = (SELECT b.room FROM bookings b WHERE b.id = audit.booking_id)
     WHERE action = 'payment';
    CREATE INDEX audit_payment_bookings ON audit (booking_id) WHERE action = 'payment';
    CREATE TRIGGER audit_payment_room AFTER INSERT ON audit WHEN NEW.action = 'payment'
    BEGIN
        UPDATE audit SET room = (SELECT b.room FROM bookings b WHERE b.id = NEW.booking_id)
         WHERE id = NEW.id;
    END;
    CREATE TRIGGER booking_room_new AFTER INSERT ON bookings
    BEGIN
        UPDATE audit SET room = NEW.room WHERE action = 'payment' AND booking_id = NEW.id;
    END;
    CREATE TRIGGER booking_room_moved AFTER UPDATE OF room ON bookings
        WHEN NEW.room IS NOT OLD.room
    BEGIN
        UPDATE audit SET room = NEW.room WHERE action = 'payment' AND booking_id = NEW.id;
    END;
    CREATE TRIGGER booking_room_gone AFTER DELETE ON bookings
    BEGIN
        UPDATE audit SET room = NULL WHERE action = 'payment' AND booking_id = OLD.id;
    END;
    DROP INDEX audit_payments;
    CREATE INDEX audit_payments ON audit
        (at, id, booking_id, staff_name, desk,
         COALESCE(json_extract(detail, '$.to.amount'), 0)
           - COALESCE(json_extract(detail, '$.from.amount'), 0),
         COALESCE(json_extract(detail, '$.to.method'), json_extract(detail, '$.from.method')),
         room)
        WHERE action = 'payment';
    "#,
    // Issue 24, reminders: a customer's choice whether to get them, with when and where
    // they made it, per e-mail address (`reminder_consent.rs`). No row: never asked.
    r#"
    CREATE TABLE reminder_consent (
        email_key TEXT PRIMARY KEY,
        reminders INTEGER NOT NULL,
        source TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    "#,
    // Issue 24, approval: a booking made online that waits for staff (the studio's
    // setting when it was made); it holds its time meanwhile.
    r#"
    ALTER TABLE bookings ADD COLUMN awaiting_approval INTEGER NOT NULL DEFAULT 0;
    "#,
    // Issue 25, fees in the money report: the few bookings with a fee, for the report's
    // correction pass (the main pass keeps reading `bookings_start_report` alone).
    r#"
    CREATE INDEX bookings_fees ON bookings
        (start_utc, room, status, price, paid_amount, payment_method, fee_amount, fee_waived_at)
        WHERE fee_amount IS NOT NULL;
    "#,
    // Issue 25, deposits: what a booking asks as its deposit, worked out from the terms and
    // its price when it was made (minor units; NULL: none).
    r#"
    ALTER TABLE bookings ADD COLUMN deposit INTEGER;
    "#,
];
