//! The layer rule of ARCHITECTURE.md, checked on the source: code depends downward only —
//! platform → access → shared cores → areas → top — and never sideways between areas. A
//! shared core may use the cores listed before it. Every `crate::<module>` path is read,
//! also inside grouped imports (`use crate::{a::x, b::y}`).

use std::collections::BTreeMap;
use std::path::Path;

/// Each top-level module of `app/src` and its place: (layer, order within the layer).
/// Modules of one layer with order `None` may not use each other (areas); with an order, a
/// module may use those of lower order (cores); the platform's modules may use each other.
fn place(module: &str) -> Option<(u8, Option<u8>)> {
    const PLATFORM: [&str; 14] = [
        "state",
        "form_flash",
        "config",
        "db",
        "mail",
        "clock",
        "error",
        "entities",
        "secret",
        "token",
        "hashing",
        "storage",
        "kernel",
        "components",
    ];
    const CORES: [&str; 5] = ["accounts", "documents", "audit", "services", "cases"];
    const AREAS: [&str; 8] = [
        "auth",
        "profile",
        "catalogue",
        "applications",
        "mailbox",
        "casework",
        "authorities",
        "organisations",
    ];
    const TOP: [&str; 3] = ["app", "pages", "jobs"];
    if PLATFORM.contains(&module) {
        Some((0, Some(0)))
    } else if module == "access" {
        Some((1, Some(0)))
    } else if let Some(i) = CORES.iter().position(|m| *m == module) {
        Some((2, Some(i as u8)))
    } else if AREAS.contains(&module) {
        Some((3, None))
    } else if TOP.contains(&module) {
        Some((4, Some(0)))
    } else {
        None
    }
}

fn may_use(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    let (Some((lf, of)), Some((lt, ot))) = (place(from), place(to)) else {
        return false;
    };
    match lf.cmp(&lt) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => match (of, ot) {
            (Some(a), Some(b)) => lf == 0 || lf == 4 || b < a,
            _ => false,
        },
    }
}

/// The first path segment of every `crate::…` path in `source`.
fn crate_paths(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = j;
                    break;
                }
            }
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(first_segment(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            out.push(first_segment(&group[start..end]));
        } else {
            out.push(first_segment(after));
        }
        rest = after;
    }
    out.retain(|s| !s.is_empty());
    out
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn code_depends_downward_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut unknown = BTreeMap::new();
    let mut wrong = Vec::new();
    for (path, text) in &files {
        let relative = Path::new(path).strip_prefix(&src).unwrap();
        let module = relative
            .iter()
            .next()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if module == "lib" {
            continue;
        }
        if place(&module).is_none() {
            unknown.insert(module.clone(), path.clone());
        }
        for to in crate_paths(text) {
            if place(&to).is_none() {
                continue; // a macro (`crate::tr!`) or an item of lib.rs
            }
            if !may_use(&module, &to) {
                wrong.push(format!("{path}: {module} uses {to}"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "modules without a layer (add them to `place` and ARCHITECTURE.md): {unknown:?}"
    );
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} imports against the layer rule:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_rule_itself_refuses_sideways_and_upward_use() {
    assert!(may_use("mailbox", "cases"));
    assert!(may_use("cases", "documents"));
    assert!(may_use("pages", "mailbox"));
    assert!(
        !may_use("mailbox", "applications"),
        "sideways between areas"
    );
    assert!(
        !may_use("documents", "cases"),
        "a core uses only the cores before it"
    );
    assert!(!may_use("components", "auth"), "the UI kit is platform");
    assert!(!may_use("access", "cases"));
    assert_eq!(
        crate_paths("use crate::{access::ctx::X, auth::{a, b}};\nlet x = crate::mail::y;"),
        ["access", "auth", "mail"]
    );
}
