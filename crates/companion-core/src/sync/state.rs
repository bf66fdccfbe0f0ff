//! The diary as every computer converges on it: a state that merges by union, so the order in
//! which changes arrive, how often and through which copy of the folder never matters.
//!
//! Each field of each row (or the whole row, for kinds kept whole, such as a taper plan) is a
//! register of versions. A change names the version it replaces (`base`); a version some
//! change replaced is gone for good (the person edited it), and of the versions left the one
//! with the latest stamp is shown, the others are kept as "also edited on …". Emptying the
//! trash purges a row everywhere: once purged, nothing brings it back, not an old computer
//! nor an old copy of the folder.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::hlc::Hlc;

/// A row, by its kind (the export's key, `checkins`) and its uuid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RowId {
    pub kind: String,
    pub uuid: String,
}

/// The field a kind kept whole stores its row under.
pub const WHOLE_ROW: &str = "*";

/// One change: a value for one field of one row, or the end of a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Set {
        at: Hlc,
        /// The version this one replaces, as its author saw it; `None` for a first value.
        base: Option<Hlc>,
        row: RowId,
        field: String,
        value: Value,
        /// Versions made elsewhere at the same time that the person looked at and settled
        /// ("use that version" or "keep this one"): gone for good, as `base` is. (Absent in
        /// files of the first version.)
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        settles: Vec<Hlc>,
    },
    /// Emptying the trash: the row is gone on every computer, for good.
    Purge { at: Hlc, row: RowId },
}

impl Op {
    pub fn at(&self) -> Hlc {
        match self {
            Op::Set { at, .. } | Op::Purge { at, .. } => *at,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Register {
    /// Versions no change replaced, by stamp.
    versions: BTreeMap<Hlc, Value>,
    /// Stamps of versions some change replaced.
    replaced: BTreeSet<Hlc>,
}

/// The merged state of a diary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Flat", into = "Flat")]
pub struct State {
    registers: BTreeMap<RowId, BTreeMap<String, Register>>,
    purged: BTreeSet<RowId>,
}

/// A field's versions and the stamps they replaced.
type FlatField = (String, Vec<(Hlc, Value)>, Vec<Hlc>);

/// The state as a file holds it: JSON has no keys but strings.
#[derive(Serialize, Deserialize)]
struct Flat {
    rows: Vec<(RowId, Vec<FlatField>)>,
    purged: Vec<RowId>,
}

impl From<State> for Flat {
    fn from(s: State) -> Flat {
        Flat {
            rows: s
                .registers
                .into_iter()
                .map(|(row, fields)| {
                    let fields = fields
                        .into_iter()
                        .map(|(f, r)| {
                            (
                                f,
                                r.versions.into_iter().collect(),
                                r.replaced.into_iter().collect(),
                            )
                        })
                        .collect();
                    (row, fields)
                })
                .collect(),
            purged: s.purged.into_iter().collect(),
        }
    }
}

impl From<Flat> for State {
    fn from(f: Flat) -> State {
        let mut s = State {
            registers: BTreeMap::new(),
            purged: f.purged.into_iter().collect(),
        };
        for (row, fields) in f.rows {
            if s.purged.contains(&row) {
                continue;
            }
            let mine = s.registers.entry(row).or_default();
            for (field, versions, replaced) in fields {
                let replaced: BTreeSet<Hlc> = replaced.into_iter().collect();
                let versions = versions
                    .into_iter()
                    .filter(|(at, _)| !replaced.contains(at))
                    .collect();
                mine.insert(field, Register { versions, replaced });
            }
        }
        s
    }
}

/// A field as it is shown: its value and the versions it won over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub value: Value,
    pub at: Hlc,
    /// Versions edited elsewhere at the same time, oldest first.
    pub others: Vec<(Hlc, Value)>,
}

impl State {
    /// Takes one change in. Applying it again, or out of order, changes nothing more.
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Purge { row, .. } => {
                self.registers.remove(row);
                self.purged.insert(row.clone());
            }
            Op::Set {
                at,
                base,
                row,
                field,
                value,
                settles,
            } => {
                if self.purged.contains(row) {
                    return;
                }
                let register = self
                    .registers
                    .entry(row.clone())
                    .or_default()
                    .entry(field.clone())
                    .or_default();
                for gone in base.iter().chain(settles) {
                    register.versions.remove(gone);
                    register.replaced.insert(*gone);
                }
                if !register.replaced.contains(at) {
                    register.versions.insert(*at, value.clone());
                }
            }
        }
    }

    /// Takes in everything another state holds: the union of both.
    pub fn merge(&mut self, other: &State) {
        for row in &other.purged {
            self.registers.remove(row);
            self.purged.insert(row.clone());
        }
        for (row, fields) in &other.registers {
            if self.purged.contains(row) {
                continue;
            }
            let mine = self.registers.entry(row.clone()).or_default();
            for (field, theirs) in fields {
                let register = mine.entry(field.clone()).or_default();
                register.replaced.extend(theirs.replaced.iter().copied());
                for (at, value) in &theirs.versions {
                    register.versions.insert(*at, value.clone());
                }
                let replaced = &register.replaced;
                register.versions.retain(|at, _| !replaced.contains(at));
            }
        }
    }

    /// A field of a row as shown, if it has a value.
    pub fn field(&self, row: &RowId, field: &str) -> Option<Shown> {
        let register = self.registers.get(row)?.get(field)?;
        let (at, value) = register.versions.iter().next_back()?;
        Some(Shown {
            value: value.clone(),
            at: *at,
            others: register
                .versions
                .iter()
                .filter(|(a, _)| *a != at)
                .map(|(a, v)| (*a, v.clone()))
                .collect(),
        })
    }

    /// The rows with versions made elsewhere at the same time as the shown one, by field.
    pub fn with_others(&self) -> impl Iterator<Item = (&RowId, &str, Shown)> {
        self.registers.iter().flat_map(move |(row, fields)| {
            fields.keys().filter_map(move |f| {
                let shown = self.field(row, f)?;
                (!shown.others.is_empty()).then_some((row, f.as_str(), shown))
            })
        })
    }

    pub fn is_purged(&self, row: &RowId) -> bool {
        self.purged.contains(row)
    }

    /// The rows with at least one field.
    pub fn rows(&self) -> impl Iterator<Item = &RowId> {
        self.registers.keys()
    }

    /// Every row's shown fields with their other versions, in one order: two computers that
    /// hold the same diary write the same bytes.
    pub fn canonical(&self) -> Value {
        let rows: serde_json::Map<String, Value> = self
            .registers
            .iter()
            .map(|(row, fields)| {
                let shown: serde_json::Map<String, Value> = fields
                    .keys()
                    .filter_map(|f| {
                        let s = self.field(row, f)?;
                        Some((f.clone(), serde_json::json!([s.value, s.others])))
                    })
                    .collect();
                (format!("{}/{}", row.kind, row.uuid), Value::Object(shown))
            })
            .collect();
        let purged: Vec<String> = self
            .purged
            .iter()
            .map(|r| format!("{}/{}", r.kind, r.uuid))
            .collect();
        serde_json::json!({ "rows": rows, "purged": purged })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn at(wall_ms: u64, n: u8) -> Hlc {
        Hlc {
            wall_ms,
            counter: 0,
            node: [n; 16],
        }
    }

    fn row(u: u8) -> RowId {
        RowId {
            kind: "checkins".into(),
            uuid: format!("u{u}"),
        }
    }

    /// Changes with distinct stamps (as real ones are), each naming as its base, now and
    /// then, a change made before it.
    fn ops() -> impl Strategy<Value = Vec<Op>> {
        prop::collection::vec(
            (
                0u8..3,
                0u64..20,
                0u8..3,
                prop::option::of(any::<usize>()),
                0u8..2,
                0i64..5,
                0u8..12,
            ),
            0..40,
        )
        .prop_map(|raw| {
            let mut ops: Vec<Op> = vec![];
            for (i, (r, wall, node, base, field, value, purge)) in raw.into_iter().enumerate() {
                let stamp = Hlc {
                    wall_ms: wall,
                    counter: i as u32,
                    node: [node; 16],
                };
                let op = if purge == 0 {
                    Op::Purge {
                        at: stamp,
                        row: row(r),
                    }
                } else {
                    Op::Set {
                        at: stamp,
                        base: base.filter(|_| i > 0).map(|j| ops[j % i].at()),
                        row: row(r),
                        field: format!("f{field}"),
                        value: Value::from(value),
                        settles: vec![],
                    }
                };
                ops.push(op);
            }
            ops
        })
    }

    fn applied(ops: &[Op]) -> State {
        let mut s = State::default();
        for o in ops {
            s.apply(o);
        }
        s
    }

    proptest! {
        /// Whatever the order and however often changes arrive, the state is the same.
        #[test]
        fn the_order_and_repeats_of_changes_do_not_matter(
            ops in ops(),
            seed in any::<u64>(),
        ) {
            let mut shuffled = ops.clone();
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let mut twice = shuffled.clone();
            twice.extend(ops.iter().take(seed as usize % (ops.len() + 1)).cloned());
            prop_assert_eq!(applied(&ops).canonical(), applied(&twice).canonical());
        }

        /// Merging states is a union: any split of the changes between two computers,
        /// merged either way, gives the state of all of them.
        #[test]
        fn merging_is_a_union(ops in ops(), split in prop::collection::vec(any::<bool>(), 40)) {
            let (a, b): (Vec<_>, Vec<_>) = ops.iter().cloned().zip(split).partition(|(_, s)| *s);
            let a = applied(&a.into_iter().map(|(o, _)| o).collect::<Vec<_>>());
            let b = applied(&b.into_iter().map(|(o, _)| o).collect::<Vec<_>>());
            let (mut ab, mut ba) = (a.clone(), b.clone());
            ab.merge(&b);
            ba.merge(&a);
            let all = applied(&ops);
            prop_assert_eq!(ab.canonical(), all.canonical());
            prop_assert_eq!(ba.canonical(), all.canonical());
            let mut again = ab.clone();
            again.merge(&ab);
            prop_assert_eq!(again.canonical(), all.canonical());
        }

        /// Nothing written is lost without a trace: every change's value is shown, kept as
        /// another version, replaced by a change that named it, or its row was purged.
        #[test]
        fn every_change_is_shown_kept_replaced_or_purged(ops in ops()) {
            let s = applied(&ops);
            for o in &ops {
                let Op::Set { at, row, field, .. } = o else { continue };
                let replaced = ops.iter().any(|p| matches!(p, Op::Set { base: Some(b), row: r, field: f, .. } if b == at && r == row && f == field));
                let purged = ops.iter().any(|p| matches!(p, Op::Purge { row: r, .. } if r == row));
                let kept = s.field(row, field).is_some_and(|f| f.at == *at || f.others.iter().any(|(a, _)| a == at));
                prop_assert!(kept || replaced || purged, "{o:?} vanished");
            }
        }
    }

    /// Settling a field (the person chose among versions made at the same time) leaves one
    /// version on every computer, whatever order the three changes arrive in.
    #[test]
    fn a_settled_field_keeps_one_version_in_any_order() {
        let set = |at: Hlc, base: Option<Hlc>, value: i64, settles: Vec<Hlc>| Op::Set {
            at,
            base,
            row: row(1),
            field: "mood".into(),
            value: Value::from(value),
            settles,
        };
        let first = set(at(1, 1), None, 3, vec![]);
        let (home, work) = (
            set(at(5, 1), Some(at(1, 1)), 6, vec![]),
            set(at(7, 2), Some(at(1, 1)), 2, vec![]),
        );
        let settled = set(at(9, 1), Some(at(7, 2)), 6, vec![at(5, 1)]);
        let all = [first, home, work, settled];
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 0, 2]] {
            let mut s = State::default();
            for i in order {
                s.apply(&all[i]);
            }
            let shown = s.field(&row(1), "mood").expect("shown");
            assert_eq!(
                (shown.value, shown.others),
                (Value::from(6), vec![]),
                "{order:?}"
            );
        }
    }

    #[test]
    fn a_purged_row_never_comes_back() {
        let mut s = State::default();
        let set = Op::Set {
            at: at(1, 1),
            base: None,
            row: row(1),
            field: "mood".into(),
            value: Value::from(4),
            settles: vec![],
        };
        s.apply(&set);
        let old = s.clone();
        s.apply(&Op::Purge {
            at: at(2, 1),
            row: row(1),
        });
        s.merge(&old);
        s.apply(&set);
        assert!(s.field(&row(1), "mood").is_none());
        assert!(s.is_purged(&row(1)));
    }
}
