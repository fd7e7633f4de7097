//! Every text key the code uses exists in the German locale: a missing one would show the
//! bare key ("login.title") on the page instead of a text.

use std::path::Path;

use app::services::types::{FeeDue, FeeKind, TrustLevel};

fn keys_in(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                keys_in(v, &key, out);
            }
        }
        _ => out.push(prefix.to_owned()),
    }
}

fn texts_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => map.values().for_each(|v| texts_in(v, out)),
        serde_json::Value::String(s) => out.push(s.clone()),
        _ => {}
    }
}

fn sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
}

#[test]
fn every_key_used_in_the_code_has_a_german_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let de: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("locales/de.json")).unwrap())
            .unwrap();
    let mut known = Vec::new();
    keys_in(&de, "", &mut known);
    let mut code = Vec::new();
    sources(&root.join("src"), &mut code);
    let re = regex_lite::Regex::new(r#"\btr!\("([a-z0-9_.]+)""#).unwrap();
    let mut used: Vec<String> = code
        .iter()
        .flat_map(|c| {
            re.captures_iter(c)
                .map(|m| m[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    // Keys built at run time are found from the code too: each mail template names its kind
    // (`mail("activation", …)`), each enum lists its values (`ALL`).
    let kinds = regex_lite::Regex::new(r#"\bmail\(\s*"([a-z_]+)""#).unwrap();
    let templates = std::fs::read_to_string(root.join("src/mail/templates.rs")).unwrap();
    let mails: Vec<String> = kinds
        .captures_iter(&templates)
        .map(|m| m[1].to_owned())
        .collect();
    assert!(
        mails.len() >= 14,
        "the scan found only {} mail kinds",
        mails.len()
    );
    for kind in mails {
        used.push(format!("mail.{kind}.subject"));
        used.push(format!("mail.{kind}.body"));
    }
    used.extend(app::cases::types::CaseStatus::ALL.map(|s| format!("case.status.{}", s.as_str())));
    used.extend(app::cases::types::Sort::ALL.map(|s| format!("mailbox.sort.{}", s.as_str())));
    used.extend(
        app::casework::types::InboxView::ALL.map(|v| format!("casework.view.{}", v.as_str())),
    );
    used.extend(app::access::types::StaffRole::ALL.map(|r| format!("staff.role.{}", r.as_str())));
    for name in ["first", "last"] {
        for problem in ["empty", "too_long", "invalid"] {
            used.push(format!("name.{name}.{problem}"));
        }
    }
    for field in app::accounts::personal_data::LOCKED_FIELDS {
        used.push(format!("my_data.{field}"));
    }
    assert!(used.len() > 100, "the scan found only {} keys", used.len());
    // Labels the types build themselves are texts, not a key echoed back.
    let labels = (TrustLevel::ALL.map(TrustLevel::label).into_iter())
        .chain(FeeKind::ALL.map(FeeKind::label))
        .chain(FeeDue::ALL.map(FeeDue::label))
        .chain(app::access::types::StaffRole::ALL.map(|r| r.label()));
    let mut texts = Vec::new();
    texts_in(&de, &mut texts);
    for label in labels {
        assert!(
            texts.contains(&label),
            "no German text for the label {label:?}"
        );
    }
    let missing: Vec<&String> = used.iter().filter(|k| !known.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "keys without a German text: {missing:?}"
    );
}
