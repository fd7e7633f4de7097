//! Every text key the code uses exists in the German locale: a missing one would show the
//! bare key ("login.title") on the page instead of a text.

use std::path::Path;

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
    // Keys built at run time.
    for kind in [
        "activation",
        "already_registered",
        "password_reset",
        "password_changed",
        "account_locked",
        "email_change_confirm",
        "email_change_notice",
        "email_change_taken",
        "login_link",
        "second_factor_changed",
        "case_update",
    ] {
        used.push(format!("mail.{kind}.subject"));
        used.push(format!("mail.{kind}.body"));
    }
    for status in ["received", "in_progress", "question", "closed", "rejected"] {
        used.push(format!("case.status.{status}"));
    }
    for sort in ["neueste", "aelteste", "status", "dienst"] {
        used.push(format!("mailbox.sort.{sort}"));
    }
    for name in ["first", "last"] {
        for problem in ["empty", "too_long", "invalid"] {
            used.push(format!("name.{name}.{problem}"));
        }
    }
    for field in app::profile::personal_data::LOCKED_FIELDS {
        used.push(format!("my_data.{field}"));
    }
    assert!(used.len() > 100, "the scan found only {} keys", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !known.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "keys without a German text: {missing:?}"
    );
}
