//! The caps of [`frontdesk_protocol::limits`] on the store's own shapes. The server refuses
//! a request whose text passes a cap; the desk's writes pass through here too (online ones
//! stored from the server's answer, offline ones checked before they are stored and
//! queued), so work done offline is never refused later for its length. The fields are
//! named as in the requests.

use frontdesk_core::Studio;
use frontdesk_protocol::limits::{
    cap, cap_opt, TooLong, CURRENCY_MAX, CUSTOMER_NOTES_MAX, EMAIL_MAX, ID_MAX, NAME_MAX, NOTE_MAX,
    PHONE_MAX, PIN_MAX, REASON_MAX,
};
use frontdesk_protocol::StaffUpdate;

use crate::booking_changes::Change;
use crate::customers::CustomerEdit;
use crate::NewBooking;

/// A new booking's room, customer and note.
pub fn booking(new: &NewBooking) -> Result<(), TooLong> {
    cap("room", &new.room, ID_MAX)?;
    customer(
        "customer.",
        &new.name,
        new.phone.as_deref(),
        new.email.as_deref(),
    )?;
    cap_opt("note", new.note.as_deref(), NOTE_MAX)
}

fn customer(
    prefix: &str,
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
) -> Result<(), TooLong> {
    cap(&format!("{prefix}name"), name, NAME_MAX)?;
    cap_opt(&format!("{prefix}phone"), phone, PHONE_MAX)?;
    cap_opt(&format!("{prefix}email"), email, EMAIL_MAX)
}

/// Why a booking was cancelled.
pub fn reason(reason: Option<&str>) -> Result<(), TooLong> {
    cap_opt("reason", reason, REASON_MAX)
}

/// A booking's change.
pub fn change(change: &Change) -> Result<(), TooLong> {
    match change {
        Change::Span { room, .. } => cap("change.room", room, ID_MAX),
        Change::Details {
            name,
            phone,
            email,
            note,
        } => {
            customer("change.customer.", name, phone.as_deref(), email.as_deref())?;
            cap_opt("change.note", note.as_deref(), NOTE_MAX)
        }
        Change::WaiveFee { reason } => cap("change.reason", reason, REASON_MAX),
        Change::CheckIn { .. } | Change::NoShow | Change::Payment(_) | Change::Approve => Ok(()),
    }
}

/// A customer's edited details.
pub fn customer_edit(edit: &CustomerEdit) -> Result<(), TooLong> {
    customer("", &edit.name, edit.phone.as_deref(), edit.email.as_deref())?;
    cap_opt("notes", edit.notes.as_deref(), CUSTOMER_NOTES_MAX)
}

/// A studio's names and its staff.
pub fn studio(studio: &Studio, staff: Option<&[StaffUpdate]>) -> Result<(), TooLong> {
    cap("name", &studio.name, NAME_MAX)?;
    cap("currency", &studio.currency, CURRENCY_MAX)?;
    for (i, room) in studio.rooms.iter().enumerate() {
        cap(&format!("rooms[{i}].id"), room.id.as_str(), ID_MAX)?;
        cap(&format!("rooms[{i}].name"), &room.name, NAME_MAX)?;
    }
    for (i, member) in staff.unwrap_or_default().iter().enumerate() {
        cap(&format!("staff[{i}].name"), &member.name, NAME_MAX)?;
        cap_opt(&format!("staff[{i}].pin"), member.pin.as_deref(), PIN_MAX)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_oversized_edit_names_its_field() {
        let edit = CustomerEdit {
            name: "Ada".into(),
            phone: None,
            email: None,
            notes: Some("n".repeat(CUSTOMER_NOTES_MAX + 1)),
        };
        assert_eq!(
            customer_edit(&edit).unwrap_err().to_string(),
            "notes: at most 4000 characters"
        );
        let details = Change::Details {
            name: "x".repeat(NAME_MAX + 1),
            phone: None,
            email: None,
            note: None,
        };
        assert_eq!(change(&details).unwrap_err().field, "change.customer.name");
    }
}
