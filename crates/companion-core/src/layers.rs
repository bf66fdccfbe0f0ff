//! (Tests only.) Imports point down the layers: every `crate::…` a module of the core names,
//! outside its tests, must stand on a lower layer than the module itself. The layer table is
//! the house's plan (ARCHITECTURE.md shows it), and it has no exceptions.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of the core, with its layer: a module may name only modules of a
/// lower layer. Within a layer, nothing names anything.
const LAYERS: &[(u8, &[&str])] = &[
    // Base: errors, time, validated values, writing a file whole.
    (0, &["error", "clock"]),
    (1, &["model", "export"]),
    // The SQLite store: opening, migrations, one file of SQL per table.
    (2, &["store"]),
    // Pure rules and rendering, from plain inputs.
    (3, &["stats", "help", "window_state", "sync"]),
    (4, &["charts"]),
    // Features, each over the store and the rules, the later ones over the earlier.
    (5, &["entries", "checkups", "privacy"]),
    (6, &["journey", "trends"]),
    (7, &["reminders", "history"]),
    // Ownership of the whole diary, and what is made from all of it.
    (8, &["diary", "report"]),
    // The façade: `Companion` and the types that cross IPC; its use cases, a line or three
    // each, handing features what they need.
    (9, &["lib"]),
    (10, &["facade"]),
    // Users of the façade, as the shell is: made-up diaries for benchmarks and tests, written
    // through the use cases; and, test-only, the TypeScript bindings of every type.
    (11, &["synthetic", "bindings", "layers"]),
    // Test-only, over the made-up diaries.
    (12, &["live_views"]),
];

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(_, ms)| ms.contains(&module))
        .map(|(l, _)| *l)
        .unwrap_or_else(|| panic!("the module `{module}` has no layer: add it to LAYERS"))
}

/// A file's code without its tests (an inline `#[cfg(test)] mod … {`, not a `mod x;`
/// declaration) and comments.
fn code(text: &str) -> String {
    let mut end = text.len();
    for (i, _) in text.match_indices("#[cfg(test)]\nmod ") {
        let rest = &text[i..];
        let line = rest.lines().nth(1).unwrap_or_default();
        if line.contains('{') {
            end = i;
            break;
        }
    }
    text[..end]
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names a file takes from `crate::`: `crate::a::b`, `crate::{a, b::c}`, `crate::Name`.
fn named(code: &str) -> Vec<String> {
    let mut out = vec![];
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = list.split('}').next().unwrap_or_default();
            out.extend(list.split(',').filter_map(|p| {
                let first = p.trim().split("::").next()?.split_whitespace().next()?;
                (!first.is_empty()).then(|| first.to_owned())
            }));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Names the façade (`lib.rs`) hands on from a module (`pub use model::EntryKind`): naming
/// them names that module.
fn re_exports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in code(lib).split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = path
            .split("::")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let items = match path.split_once('{') {
            Some((_, list)) => list.trim_end_matches('}').to_owned(),
            None => path.rsplit("::").next().unwrap_or_default().to_owned(),
        };
        for item in items.split(',') {
            let name = item.rsplit("::").next().unwrap_or_default().trim();
            if !name.is_empty() {
                out.insert(name.to_owned(), module.clone());
            }
        }
    }
    out
}

/// Every edge module → module of the core's sources under `src`.
fn edges(src: &Path) -> BTreeSet<(String, String)> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let handed_on = re_exports(&lib);
    let modules: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|(_, ms)| ms.iter().map(|m| m.to_string()))
        .collect();
    let mut out = BTreeSet::new();
    let mut files = vec![src.to_path_buf()];
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(
                std::fs::read_dir(&p)
                    .expect("dir")
                    .map(|e| e.expect("entry").path()),
            );
            continue;
        }
        if p.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = p.strip_prefix(src).expect("under src");
        let top = relative
            .components()
            .next()
            .expect("a name")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(&p).expect("source");
        for name in named(&code(&text)) {
            let to = if modules.contains(&name) && name != "lib" {
                name
            } else if let Some(m) = handed_on.get(&name) {
                m.clone()
            } else {
                "lib".to_owned()
            };
            if to != top {
                out.insert((top.clone(), to));
            }
        }
    }
    out
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn imports_only_point_down_the_layers() {
    let edges = edges(&src());
    assert!(
        edges.len() > 30,
        "only {} edges read: {edges:?}",
        edges.len()
    );
    let wrong: Vec<_> = edges
        .iter()
        .filter(|(from, to)| layer(to) >= layer(from))
        .collect();
    assert!(
        wrong.is_empty(),
        "imports that do not point down the layers: {wrong:?} (see LAYERS)"
    );
}

/// The reader itself: a forbidden import, written the three ways code names the crate, is seen.
#[test]
fn a_forbidden_import_is_seen_however_it_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let src = dir.path();
    std::fs::write(
        src.join("lib.rs"),
        "#[cfg(test)]\nmod bindings;\npub use model::EntryKind;\n",
    )
    .expect("lib");
    std::fs::create_dir(src.join("store")).expect("store");
    std::fs::write(
        src.join("store/mod.rs"),
        "use crate::{model, journey::Thing};\nfn f() { crate::reminders::x(); let _ = crate::EntryKind::Dose; }\n// crate::report in a comment\n#[cfg(test)]\nmod tests { use crate::diary; }\n",
    )
    .expect("store");
    let edges = edges(src);
    let from_store: Vec<&str> = edges
        .iter()
        .filter(|(f, _)| f == "store")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(from_store, ["journey", "model", "reminders"]);
}
