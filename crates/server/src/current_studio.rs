//! The studio an instance serves right now: read by every request (its timezone, the
//! answer of `GET /v1/studio`) and by the PostgreSQL connections, replaced when an admin
//! changes it here or — with several instances — on another instance.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::RwLock;

use chrono_tz::Tz;
use frontdesk_core::Studio;
use frontdesk_protocol::StudioInfo;

#[derive(Debug)]
pub struct CurrentStudio {
    version: AtomicI64,
    studio: RwLock<(Studio, StudioInfo)>,
}

impl CurrentStudio {
    pub fn new(studio: Studio, info: StudioInfo) -> CurrentStudio {
        CurrentStudio {
            version: AtomicI64::new(info.version),
            studio: RwLock::new((studio, info)),
        }
    }

    /// The version served now (one atomic read: connections compare it before each call).
    pub fn version(&self) -> i64 {
        self.version.load(Ordering::Acquire)
    }

    pub fn tz(&self) -> Tz {
        self.read(|(studio, _)| studio.calendar.timezone())
    }

    pub fn info(&self) -> StudioInfo {
        self.read(|(_, info)| info.clone())
    }

    pub fn studio(&self) -> Studio {
        self.read(|(studio, _)| studio.clone())
    }

    fn read<T>(&self, f: impl FnOnce(&(Studio, StudioInfo)) -> T) -> T {
        f(&self.studio.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Serves `studio` from now on if its version is newer than the one served; whether
    /// it was.
    pub fn replace(&self, studio: Studio, info: StudioInfo) -> bool {
        let mut current = self.studio.write().unwrap_or_else(|p| p.into_inner());
        if info.version <= current.1.version {
            return false;
        }
        self.version.store(info.version, Ordering::Release);
        *current = (studio, info);
        true
    }
}
