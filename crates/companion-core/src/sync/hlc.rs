//! Hybrid logical clocks: a time for every change that orders one computer's own edits as it
//! made them and a change made after another was seen after it, whatever the computers' clocks
//! say. A stamp is wall-clock milliseconds, a counter for changes within one millisecond (or
//! made while the wall clock stood behind), and the computer's id to break ties; stamps are
//! compared in that order.
//!
//! A computer whose clock runs days ahead must not drag every other computer's clock along:
//! a remote stamp moves ours at most [`MAX_AHEAD_MS`] past our own wall clock, and the person
//! is told ([`Observed::Ahead`]). Causality within one field is kept regardless: an edit is
//! stamped after the value it replaces ([`Hlc::after`]).

use serde::{Deserialize, Serialize};

/// How far another computer's stamp may move our clock past our own wall clock.
pub const MAX_AHEAD_MS: u64 = 10 * 60 * 1000;

/// A computer's id: random, made when it joins.
pub type Node = [u8; 16];

/// One stamp. Ordered by wall time, then counter, then computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    pub node: Node,
}

impl Hlc {
    /// The first stamp after `self` for `node`: for an edit of a value stamped `self`.
    pub fn succ(self, node: Node) -> Hlc {
        match self.counter.checked_add(1) {
            Some(counter) => Hlc {
                wall_ms: self.wall_ms,
                counter,
                node,
            },
            None => Hlc {
                wall_ms: self.wall_ms + 1,
                counter: 0,
                node,
            },
        }
    }

    /// `stamp`, unless the value it replaces (`base`) is stamped later: then just after it,
    /// so an edit always wins over the value its author saw.
    pub fn after(stamp: Hlc, base: Option<Hlc>) -> Hlc {
        match base {
            Some(base) if base >= stamp => base.succ(stamp.node),
            _ => stamp,
        }
    }
}

/// What observing another computer's stamp did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    Kept,
    /// The stamp was this many milliseconds ahead of our wall clock, more than
    /// [`MAX_AHEAD_MS`]: our clock moved only that far.
    Ahead(u64),
}

/// One computer's clock.
#[derive(Debug, Clone)]
pub struct Clock {
    node: Node,
    last: Hlc,
}

impl Clock {
    pub fn new(node: Node) -> Clock {
        Clock {
            node,
            last: Hlc {
                wall_ms: 0,
                counter: 0,
                node,
            },
        }
    }

    pub fn node(&self) -> Node {
        self.node
    }

    /// The clock as it stood when saved: its latest stamp names the computer.
    pub fn resume(last: Hlc) -> Clock {
        Clock {
            node: last.node,
            last,
        }
    }

    /// The latest stamp it gave or saw.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// The stamp of a change made now (`now_ms` is the wall clock): later than every stamp
    /// this clock gave or saw.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        self.last = if now_ms > self.last.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
                node: self.node,
            }
        } else {
            self.last.succ(self.node)
        };
        self.last
    }

    /// Takes in another computer's stamp, so that what is made here after seeing it comes
    /// after it; bounded to [`MAX_AHEAD_MS`] past our wall clock.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) -> Observed {
        let limit = now_ms.saturating_add(MAX_AHEAD_MS);
        let (wall_ms, out) = if remote.wall_ms > limit {
            (limit, Observed::Ahead(remote.wall_ms - now_ms))
        } else {
            (remote.wall_ms, Observed::Kept)
        };
        let seen = Hlc {
            wall_ms,
            counter: if wall_ms == remote.wall_ms {
                remote.counter
            } else {
                0
            },
            node: self.node,
        };
        if seen > self.last {
            self.last = seen;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn node(n: u8) -> Node {
        [n; 16]
    }

    proptest! {
        /// One computer's stamps only grow, whatever its wall clock does (jumps back, stands
        /// still) and whatever it observes.
        #[test]
        fn a_computers_stamps_only_grow(
            steps in prop::collection::vec((0u64..1_000_000, any::<bool>(), 0u64..2_000_000), 1..200)
        ) {
            let mut clock = Clock::new(node(1));
            let mut last: Option<Hlc> = None;
            for (now, observe, remote_wall) in steps {
                if observe {
                    clock.observe(Hlc { wall_ms: remote_wall, counter: 3, node: node(2) }, now);
                }
                let t = clock.tick(now);
                if let Some(l) = last {
                    prop_assert!(t > l, "{t:?} after {l:?}");
                }
                last = Some(t);
            }
        }

        /// A change made after seeing another computer's change is stamped after it, unless
        /// that one was more than MAX_AHEAD_MS ahead of our clock: then our clock moved
        /// exactly that far, and the edit of the same value still comes after it.
        #[test]
        fn seen_changes_come_before(now in 0u64..1_000_000_000, ahead in 0u64..(3 * MAX_AHEAD_MS), c in 0u32..5) {
            let remote = Hlc { wall_ms: now + ahead, counter: c, node: node(9) };
            let mut clock = Clock::new(node(1));
            let observed = clock.observe(remote, now);
            let t = clock.tick(now);
            if ahead <= MAX_AHEAD_MS {
                prop_assert_eq!(observed, Observed::Kept);
                prop_assert!(t > remote);
            } else {
                prop_assert_eq!(observed, Observed::Ahead(ahead));
                prop_assert!(t.wall_ms <= now + MAX_AHEAD_MS + 1);
                prop_assert!(Hlc::after(t, Some(remote)) > remote);
            }
        }
    }

    #[test]
    fn the_counter_rolls_into_the_next_millisecond() {
        let h = Hlc {
            wall_ms: 5,
            counter: u32::MAX,
            node: node(1),
        };
        assert_eq!(
            h.succ(node(2)),
            Hlc {
                wall_ms: 6,
                counter: 0,
                node: node(2)
            }
        );
    }
}
