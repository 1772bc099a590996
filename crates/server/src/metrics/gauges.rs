//! The gauges read when Prometheus scrapes: live holds and the database pool, summed over
//! the studios this instance has loaded.

use std::collections::HashSet;

use chrono::Duration;

use crate::app::AppState;
use crate::error::ApiError;
use crate::pool::StoragePool;

use super::{Metrics, PoolLabels};

/// Holds are counted on the dates from today (the studio's) this many days ahead: a
/// booking page or desk holding further ahead is not counted.
const HOLD_DAYS: i64 = 31;

impl Metrics {
    /// Reads the gauges of every loaded studio.
    pub(super) async fn refresh(&self, app: &AppState) -> Result<(), ApiError> {
        let (mut holds, mut in_use, mut idle, mut max, mut waiting) = (0, 0, 0, 0, 0);
        for studio in app.loaded_studios() {
            match &studio.storage {
                StoragePool::Single(store) => {
                    max += 1;
                    // Busy when a call holds its lock right now.
                    if store.try_lock().is_ok() {
                        idle += 1;
                    } else {
                        in_use += 1;
                    }
                }
                StoragePool::Shared(pool) => {
                    let status = pool.status();
                    max += status.max_size;
                    in_use += status.size.saturating_sub(status.available);
                    idle += status.available;
                    waiting += status.waiting;
                }
            }
            holds += live_holds(&app.for_studio(studio.clone())).await?;
        }
        self.holds.set(gauge(holds));
        self.pool
            .get_or_create(&PoolLabels { state: "in_use" })
            .set(gauge(in_use));
        self.pool
            .get_or_create(&PoolLabels { state: "idle" })
            .set(gauge(idle));
        self.pool_max.set(gauge(max));
        self.pool_waiting.set(gauge(waiting));
        Ok(())
    }
}

fn gauge(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The studio's live holds touching today .. today + [`HOLD_DAYS`], each counted once (a
/// hold over midnight touches two dates).
async fn live_holds(app: &AppState) -> Result<usize, ApiError> {
    let tz = app.tz();
    app.run(move |storage, now| {
        let today = now.with_timezone(&tz).date_naive();
        let mut seen = HashSet::new();
        for day in 0..=HOLD_DAYS {
            let date = today + Duration::days(day);
            for hold in storage.holds_on(None, date, now)? {
                seen.insert((hold.session, hold.room, hold.span.start()));
            }
        }
        Ok::<_, crate::storage::StorageError>(seen.len())
    })
    .await?
    .map_err(|e| ApiError::from_store(e, tz))
}
