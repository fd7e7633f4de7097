//! An answer in words, as the summary step, the case page and the PDF show it.

use super::schema::{Answers, FieldDef, FieldKind, NO, YES, address_key};

/// An answer in words for the summary ("nicht angegeben" when empty).
pub fn summary_value(
    f: &FieldDef,
    answers: &Answers,
    doc_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let get = |k: &str| answers.get(k).cloned().unwrap_or_default();
    let value = match f.kind {
        FieldKind::Address => {
            let p = |part: &str| get(&address_key(&f.id, part));
            let line = format!(
                "{} {}, {} {}",
                p("strasse"),
                p("hausnummer"),
                p("plz"),
                p("ort")
            );
            if line.trim() == "," {
                String::new()
            } else {
                line
            }
        }
        FieldKind::YesNo => match get(&f.id).as_str() {
            YES => tr!("form.yes"),
            NO => tr!("form.no"),
            _ => String::new(),
        },
        FieldKind::File => answers
            .get(&f.id)
            .and_then(|id| doc_name(id))
            .unwrap_or_default(),
        _ => get(&f.id),
    };
    if value.is_empty() {
        tr!("application.not_given")
    } else {
        value
    }
}
