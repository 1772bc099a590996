//! The reports computed the simplest possible way, straight from the raw bookings,
//! customers and payment changes, to check the real ones against (the SQLite store's and
//! the server's on both databases): occupancy minute by minute with chrono-tz, money and
//! customers with plain loops. Nothing here reads a day mask or runs SQL.
//!
//! The definitions (the same as `docs/reports.md`, "How the numbers are counted"):
//! - A booking belongs to the period when its start's local date is in it and its room is
//!   asked for; its month is the local month of its start.
//! - "Holds time": status confirmed (a desk's pending bookings read as confirmed on the
//!   wire). Cancelled bookings hold none.
//! - Occupancy: a minute is open when its local wall time lies in the opening ranges of its
//!   local date (the date's special hours or closure, else its weekday's); booked when it
//!   is open and a booking holding time covers it (whatever date that booking started);
//!   changeover when it is open, not booked, and a booked minute of the same local date
//!   lies at most the room's changeover before it. The heatmap puts each minute under its
//!   local date's weekday and its local hour (the repeated hour of a fall-back date twice).
//!   Occupancy counts every date of the period, bookings or not.
//! - Money: `bookings` counts bookings that hold time; `billed` sums what each booking
//!   owes (its unwaived fee if a fee was recorded, nothing if cancelled without one, else
//!   its price) and `fees` the fees alone; `paid` is the amount received for every booking
//!   of the period, cancelled ones too, by room, by month and by the booking's payment
//!   method. Unpaid: bookings with a fee paid less than it, and bookings without a fee that
//!   hold time, are no no-show, have a price, and were paid less than it: how many, and
//!   what they owe less what was paid, summed.
//! - Customers: `bookings` counts every booking of the period; `cancelled` the cancelled
//!   ones; `no_shows` and `series` those not cancelled that were marked no-show / belong to
//!   a series. Top customers: bookings that hold time with a customer record, counted
//!   under the record it was merged into (if any), most bookings first, then most
//!   minutes, then by id; at most [`TOP_CUSTOMERS`].
//! - Payments: every payment change recorded on a local date of the period, of a booking
//!   in a room asked for (its room now), in the order recorded: the amount it added
//!   (`to − from`, a refund below zero), with the new payment's method or, when it has
//!   none, the old one's; a change of no amount is left out.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use frontdesk_core::Studio;
use frontdesk_protocol::{
    BookingDto, BookingStatusDto, CashUpTotal, CashUpTotals, CustomerRecordDto, CustomersReport,
    HeatCell, MethodMoney, MoneyReport, MonthMoney, OccupancyReport, PaymentDto, PaymentEntry,
    PaymentMethod, PaymentTotals, PaymentsReport, ReportPeriod, RoomMoney, RoomOccupancy,
    TopCustomer, Unpaid, TOP_CUSTOMERS,
};
use uuid::Uuid;

/// One payment change as the audit recorded it (`{"from": payment, "to": payment}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentChange {
    pub at: DateTime<Utc>,
    pub booking: Uuid,
    pub desk: String,
    pub staff: Option<String>,
    pub from: PaymentDto,
    pub to: PaymentDto,
}

fn holds(b: &BookingDto) -> bool {
    b.status == BookingStatusDto::Confirmed
}

fn local_date(studio: &Studio, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&studio.calendar.timezone()).date_naive()
}

/// The bookings of the period: started on one of its local dates, in a room asked for.
fn of_period<'a>(
    studio: &'a Studio,
    period: &'a ReportPeriod,
    bookings: &'a [BookingDto],
) -> impl Iterator<Item = &'a BookingDto> + 'a {
    bookings.iter().filter(move |b| {
        let date = local_date(studio, b.start.to_utc());
        period.from <= date && date <= period.to && period.rooms.contains(&b.room)
    })
}

/// Occupancy, minute by minute.
pub fn occupancy(
    studio: &Studio,
    period: &ReportPeriod,
    bookings: &[BookingDto],
) -> OccupancyReport {
    let tz = studio.calendar.timezone();
    let hours = studio.calendar.hours();
    let mut heat = vec![[0u64; 2]; 7 * 24];
    let mut rooms = Vec::new();
    for room_id in &period.rooms {
        let changeover = studio
            .rooms
            .iter()
            .find(|r| r.id.as_str() == room_id)
            .map_or(0, |r| i64::from(r.changeover));
        let spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = bookings
            .iter()
            .filter(|b| &b.room == room_id && holds(b))
            .map(|b| (b.start.to_utc(), b.end.to_utc()))
            .collect();
        let (mut open, mut booked, mut pad) = (0u64, 0u64, 0u64);
        let mut last_busy: Option<(DateTime<Utc>, NaiveDate)> = None;
        // Every UTC minute that could fall on a date of the period (a day's margin each side).
        let mut t = period.from.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::days(1);
        let end = period.to.and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::days(2);
        while t < end {
            let local = t.with_timezone(&tz);
            let date = local.date_naive();
            if date >= period.from && date <= period.to {
                let wall = i64::from(local.hour() * 60 + local.minute());
                let is_open = hours
                    .on_date(date)
                    .iter()
                    .any(|r| i64::from(r.open()) <= wall && wall < i64::from(r.close()));
                let busy = spans.iter().any(|(s, e)| *s <= t && t < *e);
                let cell = &mut heat
                    [date.weekday().num_days_from_monday() as usize * 24 + local.hour() as usize];
                if is_open {
                    open += 1;
                    cell[0] += 1;
                    if busy {
                        booked += 1;
                        cell[1] += 1;
                    } else if last_busy
                        .is_some_and(|(at, d)| d == date && t - at <= Duration::minutes(changeover))
                    {
                        pad += 1;
                    }
                }
                if busy {
                    last_busy = Some((t, date));
                }
            }
            t += Duration::minutes(1);
        }
        rooms.push(RoomOccupancy {
            room: room_id.clone(),
            open_minutes: open,
            booked_minutes: booked,
            changeover_minutes: pad,
        });
    }
    OccupancyReport {
        from: period.from,
        to: period.to,
        rooms,
        heatmap: heat
            .iter()
            .enumerate()
            .map(|(i, [open, booked])| HeatCell {
                weekday: (i / 24) as u8,
                hour: (i % 24) as u8,
                open_minutes: *open,
                booked_minutes: *booked,
            })
            .collect(),
    }
}

/// Money, with plain loops.
pub fn money(studio: &Studio, period: &ReportPeriod, bookings: &[BookingDto]) -> MoneyReport {
    let mut by_room: Vec<RoomMoney> = period
        .rooms
        .iter()
        .map(|room| RoomMoney {
            room: room.clone(),
            bookings: 0,
            billed: 0,
            fees: 0,
            paid: 0,
        })
        .collect();
    let mut by_month = BTreeMap::<String, (u64, u64, u64)>::new();
    let mut date = period.from;
    while date <= period.to {
        by_month
            .entry(date.format("%Y-%m").to_string())
            .or_default();
        date = date.succ_opt().unwrap();
    }
    let mut cash = 0;
    let mut card = 0;
    let mut unpaid = Unpaid {
        bookings: 0,
        amount: 0,
    };
    for b in of_period(studio, period, bookings) {
        // What the booking owes, as its receipt says: its fee if one was recorded (nothing
        // once waived), nothing if cancelled without one, else its price.
        let fee = b
            .fee
            .as_ref()
            .map(|f| if f.waived.is_some() { 0 } else { f.amount });
        let owed = match fee {
            Some(fee) => fee,
            None if holds(b) => b.price.unwrap_or(0),
            None => 0,
        };
        let fee = fee.unwrap_or(0);
        let paid = b.payment.amount;
        let room = by_room.iter_mut().find(|r| r.room == b.room).unwrap();
        room.bookings += u64::from(holds(b));
        room.billed += owed;
        room.fees += fee;
        room.paid += paid;
        let month = local_date(studio, b.start.to_utc())
            .format("%Y-%m")
            .to_string();
        let m = by_month.get_mut(&month).unwrap();
        m.0 += owed;
        m.1 += fee;
        m.2 += paid;
        match b.payment.method {
            Some(PaymentMethod::Cash) => cash += paid,
            Some(PaymentMethod::Card) => card += paid,
            None => {}
        }
        // Unpaid: a fee not paid in full; else, as before fees, a booking that holds its
        // time, was no no-show and has a price not paid in full.
        let chased = match &b.fee {
            Some(_) => Some(owed),
            None if holds(b) && !b.no_show => b.price,
            None => None,
        };
        if let Some(due) = chased.filter(|due| paid < *due) {
            unpaid.bookings += 1;
            unpaid.amount += due - paid;
        }
    }
    MoneyReport {
        from: period.from,
        to: period.to,
        currency: studio.currency.clone(),
        by_room,
        by_month: by_month
            .into_iter()
            .map(|(month, (billed, fees, paid))| MonthMoney {
                month,
                billed,
                fees,
                paid,
            })
            .collect(),
        by_method: vec![
            MethodMoney {
                method: PaymentMethod::Cash,
                paid: cash,
            },
            MethodMoney {
                method: PaymentMethod::Card,
                paid: card,
            },
        ],
        unpaid,
    }
}

/// Customers, with plain loops.
pub fn customers(
    studio: &Studio,
    period: &ReportPeriod,
    bookings: &[BookingDto],
    customers: &[CustomerRecordDto],
) -> CustomersReport {
    let mut report = CustomersReport {
        from: period.from,
        to: period.to,
        bookings: 0,
        cancelled: 0,
        no_shows: 0,
        series: 0,
        top: Vec::new(),
    };
    let record = |id: Uuid| customers.iter().find(|c| c.id == id);
    let mut top = HashMap::<Uuid, (u64, u64)>::new();
    for b in of_period(studio, period, bookings) {
        report.bookings += 1;
        if b.status == BookingStatusDto::Cancelled {
            report.cancelled += 1;
            continue;
        }
        report.no_shows += u64::from(b.no_show);
        report.series += u64::from(b.series.is_some());
        let Some(own) = b.customer_id.and_then(record) else {
            continue;
        };
        let counted = own.merged_into.unwrap_or(own.id);
        let minutes = (b.end - b.start).num_minutes().unsigned_abs();
        let entry = top.entry(counted).or_default();
        entry.0 += 1;
        entry.1 += minutes;
    }
    let mut ranked: Vec<TopCustomer> = top
        .into_iter()
        .filter_map(|(id, (bookings, minutes))| {
            record(id).map(|c| TopCustomer {
                customer: id,
                name: c.name.clone(),
                bookings,
                minutes,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        (b.bookings, b.minutes, a.customer).cmp(&(a.bookings, a.minutes, b.customer))
    });
    ranked.truncate(TOP_CUSTOMERS);
    report.top = ranked;
    report
}

/// Payments, with a plain loop over the changes (given in the order recorded).
pub fn payments(
    studio: &Studio,
    period: &ReportPeriod,
    bookings: &[BookingDto],
    changes: &[PaymentChange],
) -> PaymentsReport {
    let tz = studio.calendar.timezone();
    let mut changes: Vec<&PaymentChange> = changes.iter().collect();
    // Recorded to the second: by time, then as recorded (a stable sort).
    changes.sort_by_key(|c| c.at);
    let mut payments = Vec::new();
    for c in changes {
        let date = local_date(studio, c.at);
        if date < period.from || date > period.to {
            continue;
        }
        let Some(b) = bookings.iter().find(|b| b.id == c.booking) else {
            continue;
        };
        if !period.rooms.contains(&b.room) {
            continue;
        }
        let amount = c.to.amount as i64 - c.from.amount as i64;
        let Some(method) = c.to.method.or(c.from.method) else {
            continue;
        };
        if amount == 0 {
            continue;
        }
        payments.push(PaymentEntry {
            at: c.at.with_timezone(&tz).fixed_offset(),
            booking: b.id,
            room: Some(b.room.clone()),
            customer: Some(b.customer.name.clone()),
            method,
            amount,
            staff: c.staff.clone(),
            desk: c.desk.clone(),
        });
    }
    // The totals, summed once more the plain way: received and refunded by method, and all.
    let mut by_method = Vec::new();
    for method in [PaymentMethod::Cash, PaymentMethod::Card] {
        let of = |refund: bool| -> u64 {
            payments
                .iter()
                .filter(|p| p.method == method && (p.amount < 0) == refund)
                .map(|p| p.amount.unsigned_abs())
                .sum()
        };
        by_method.push(CashUpTotal {
            method,
            received: of(false),
            refunded: of(true),
        });
    }
    let total = CashUpTotals {
        received: by_method.iter().map(|m| m.received).sum(),
        refunded: by_method.iter().map(|m| m.refunded).sum(),
    };
    PaymentsReport {
        from: period.from,
        to: period.to,
        currency: studio.currency.clone(),
        totals: Some(PaymentTotals { by_method, total }),
        payments,
        next: None,
    }
}
