//! [`DayMask`]: the quanta of one room on one local date, as bits of a `u128`.

use std::fmt;
use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign};

/// Bit `i` set means quantum `i` of the date is busy (booked, held or closed, depending on
/// what the mask describes). A day has at most 128 quanta (100 on the longest DST day);
/// bits past the day's length are always zero.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DayMask(u128);

impl DayMask {
    /// No quantum set.
    pub const EMPTY: DayMask = DayMask(0);
    /// The most quanta a mask can describe.
    pub const CAPACITY: u32 = 128;

    /// A mask from raw bits (as stored).
    pub const fn from_bits(bits: u128) -> Self {
        DayMask(bits)
    }

    /// The raw bits (for storage).
    pub const fn bits(self) -> u128 {
        self.0
    }

    /// Quanta `[from, to)`; `to` is clamped to [`Self::CAPACITY`], an empty range gives
    /// [`Self::EMPTY`].
    pub const fn range(from: u32, to: u32) -> Self {
        let to = if to > Self::CAPACITY {
            Self::CAPACITY
        } else {
            to
        };
        if from >= to {
            return DayMask(0);
        }
        let width = to - from;
        let ones = if width == Self::CAPACITY {
            u128::MAX
        } else {
            (1u128 << width) - 1
        };
        DayMask(ones << from)
    }

    /// Every quantum of a day of `quanta` quanta.
    pub const fn full(quanta: u32) -> Self {
        Self::range(0, quanta)
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when the two masks share a quantum.
    pub const fn intersects(self, other: DayMask) -> bool {
        self.0 & other.0 != 0
    }

    /// The quanta of `self` that are not in `other`.
    pub const fn without(self, other: DayMask) -> Self {
        DayMask(self.0 & !other.0)
    }

    pub const fn contains(self, quantum: u32) -> bool {
        quantum < Self::CAPACITY && self.0 & (1u128 << quantum) != 0
    }

    /// Number of quanta set.
    pub const fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// The maximal runs of consecutive set quanta, as `[from, to)`, in order.
    pub fn runs(self) -> Runs {
        Runs { rest: self.0 }
    }
}

impl BitOr for DayMask {
    type Output = DayMask;
    fn bitor(self, rhs: DayMask) -> DayMask {
        DayMask(self.0 | rhs.0)
    }
}

impl BitOrAssign for DayMask {
    fn bitor_assign(&mut self, rhs: DayMask) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for DayMask {
    type Output = DayMask;
    fn bitand(self, rhs: DayMask) -> DayMask {
        DayMask(self.0 & rhs.0)
    }
}

impl BitAndAssign for DayMask {
    fn bitand_assign(&mut self, rhs: DayMask) {
        self.0 &= rhs.0;
    }
}

impl fmt::Debug for DayMask {
    /// Runs of quanta, e.g. `DayMask[32..40, 64..68]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DayMask[")?;
        for (n, (from, to)) in self.runs().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{from}..{to}")?;
        }
        f.write_str("]")
    }
}

/// Iterator over the runs of a [`DayMask`].
#[derive(Debug, Clone)]
pub struct Runs {
    rest: u128,
}

impl Iterator for Runs {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        if self.rest == 0 {
            return None;
        }
        let from = self.rest.trailing_zeros();
        let shifted = self.rest >> from;
        let len = (!shifted).trailing_zeros();
        let to = from + len;
        self.rest &= !DayMask::range(from, to).0;
        Some((from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_edges() {
        assert_eq!(DayMask::range(0, 0), DayMask::EMPTY);
        assert_eq!(DayMask::range(5, 3), DayMask::EMPTY);
        assert_eq!(DayMask::range(0, 128).bits(), u128::MAX);
        assert_eq!(DayMask::range(0, 200).bits(), u128::MAX);
        assert_eq!(DayMask::range(127, 128).bits(), 1u128 << 127);
        assert_eq!(DayMask::range(2, 4).bits(), 0b1100);
        assert_eq!(DayMask::full(96).count(), 96);
        assert_eq!(DayMask::full(100).count(), 100);
    }

    #[test]
    fn set_operations() {
        let a = DayMask::range(0, 10);
        let b = DayMask::range(8, 12);
        assert!(a.intersects(b));
        assert_eq!((a & b), DayMask::range(8, 10));
        assert_eq!((a | b), DayMask::range(0, 12));
        assert_eq!(a.without(b), DayMask::range(0, 8));
        assert!(!DayMask::range(0, 8).intersects(DayMask::range(8, 9)));
        assert!(a.contains(9) && !a.contains(10) && !a.contains(500));
    }

    #[test]
    fn runs_in_order() {
        let m = DayMask::range(1, 3) | DayMask::range(10, 11) | DayMask::range(120, 128);
        assert_eq!(
            m.runs().collect::<Vec<_>>(),
            vec![(1, 3), (10, 11), (120, 128)]
        );
        assert_eq!(DayMask::EMPTY.runs().count(), 0);
        assert_eq!(
            DayMask::full(128).runs().collect::<Vec<_>>(),
            vec![(0, 128)]
        );
        assert_eq!(format!("{m:?}"), "DayMask[1..3, 10..11, 120..128]");
    }
}
