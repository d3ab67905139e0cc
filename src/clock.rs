//! Time comes in from outside: the app asks a clock, tests pin one.

use chrono::{DateTime, Local, NaiveDate, Utc};

/// A source of "now" and of today's local date.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// An owned copy of this clock, for parts of the app that outlive a borrow.
    fn boxed(&self) -> Box<dyn Clock>;

    /// Today in the user's time zone.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Local).date_naive()
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(*self)
    }
}

/// A clock that always says the same instant (tests, reproducible runs).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }

    fn boxed(&self) -> Box<dyn Clock> {
        Box::new(*self)
    }
}
