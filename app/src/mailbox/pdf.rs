//! `GET /postfach/{number}/pdf`: the case as a tagged PDF (PDF/UA-1, validated by krilla):
//! the portal's name as running header, the case number, status, all messages, the answers.
//! Text is set in DejaVu Sans, embedded, so umlauts and ß render and can be copied.

use std::num::NonZeroU16;

use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Response};
use krilla::configure::{Accessibility, ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::access::ctx::RequestCtx;
use crate::cases::types::CaseDetail;
use crate::error::AppError;
use crate::state::AppState;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;

pub async fn handle(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path(number): Path<String>,
) -> Response {
    let Ok(me) = ctx.actor.citizen() else {
        return crate::components::url::see_other(&format!(
            "/anmelden?weiter=/postfach/{}",
            crate::components::url::encode(&number)
        ));
    };
    // Reading the PDF does not count as opening the case.
    match super::ssr::detail(&state.db, &me, &number, false).await {
        Ok(case) => match tokio::task::spawn_blocking(move || {
            render(&case).map(|bytes| (case.number, bytes))
        })
        .await
        {
            Ok(Ok((number, bytes))) => (
                [
                    (http::header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        http::header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"Vorgang-{number}.pdf\""),
                    ),
                    (http::header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                bytes,
            )
                .into_response(),
            Ok(Err(e)) => (
                http::StatusCode::INTERNAL_SERVER_ERROR,
                AppError::internal(e).to_string(),
            )
                .into_response(),
            Err(e) => (
                http::StatusCode::INTERNAL_SERVER_ERROR,
                AppError::internal(e).to_string(),
            )
                .into_response(),
        },
        Err(e) => e.into_response(),
    }
}

/// What goes on the pages, in reading order.
enum Block {
    /// The running header: decoration, not content (an artifact for screen readers).
    Header(String),
    Heading(u16, String),
    Paragraph(String),
}

fn blocks(c: &CaseDetail) -> Vec<Block> {
    let mut out = vec![
        Block::Header(format!(
            "{} · {}",
            crate::tr!("layout.brand"),
            crate::tr!("pdf.header", number = c.number)
        )),
        Block::Heading(1, c.title.clone()),
        Block::Paragraph(format!("{}: {}", crate::tr!("case.number"), c.number)),
        Block::Paragraph(format!(
            "{}: {}",
            crate::tr!("case.status_label"),
            c.status.label()
        )),
        Block::Paragraph(format!(
            "{}: {}",
            crate::tr!("service.authority"),
            c.authority
        )),
        Block::Paragraph(format!("{}: {}", crate::tr!("case.submitted"), c.submitted)),
    ];
    if let Some(fee) = &c.fee {
        out.push(Block::Paragraph(format!(
            "{}: {fee}",
            crate::tr!("case.fee")
        )));
    }
    out.push(Block::Heading(2, crate::tr!("case.messages")));
    for m in &c.messages {
        out.push(Block::Heading(3, format!("{} – {}", m.author, m.sent)));
        out.push(Block::Paragraph(m.body.clone()));
        for a in &m.attachments {
            out.push(Block::Paragraph(format!(
                "{}: {}",
                crate::tr!("case.attachment"),
                a.describe()
            )));
        }
    }
    out.push(Block::Heading(2, crate::tr!("case.history")));
    for h in &c.history {
        out.push(Block::Paragraph(format!("{}: {}", h.at, h.status.label())));
    }
    out.push(Block::Heading(2, crate::tr!("case.answers")));
    for (section, rows) in &c.answers {
        out.push(Block::Heading(3, section.clone()));
        for (label, value) in rows {
            out.push(Block::Paragraph(format!("{label}: {value}")));
        }
    }
    if !c.documents.is_empty() {
        out.push(Block::Heading(2, crate::tr!("case.documents")));
        for d in &c.documents {
            out.push(Block::Paragraph(format!(
                "{}: {}",
                d.label,
                d.document.describe()
            )));
        }
    }
    out
}

/// Advance width in points (without kerning, so a measured line is never too short).
fn width(font: &FontRef, s: &str, size: f32) -> f32 {
    let cmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    s.chars()
        .filter_map(|c| cmap.map(c))
        .filter_map(|g| metrics.advance_width(g))
        .sum()
}

/// The text with every character the font cannot draw (emoji, CJK, control characters)
/// replaced by "?": a missing glyph would make the document fail PDF/UA.
fn drawable(font: &FontRef, text: &str) -> String {
    let cmap = font.charmap();
    text.chars()
        .map(|c| {
            if c == '\n' || (!c.is_control() && cmap.map(c).is_some()) {
                c
            } else if c == '\t' {
                ' '
            } else {
                '?'
            }
        })
        .collect()
}

/// Greedy line breaking at spaces; a word longer than a line is cut by characters.
fn wrap(font: &FontRef, text: &str, size: f32, max: f32) -> Vec<String> {
    let text = drawable(font, text);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(font, &candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if width(font, &format!("{line}{c}"), size) > max && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        out.push(line);
    }
    out
}

pub fn render(c: &CaseDetail) -> Result<Vec<u8>, String> {
    let settings = SerializeSettings {
        configuration: ConfigurationBuilder::new()
            .with_version(PdfVersion::Pdf17)
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| format!("invalid PDF configuration: {e:?}"))?,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    let font = Font::new(FONT.into(), 0).ok_or("font")?;
    let measure = FontRef::new(FONT).map_err(|e| e.to_string())?;
    let mut tree = TagTree::new().with_lang(Some("de".into()));
    let page_settings = || PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size");
    let mut page = doc.start_page_with(page_settings());
    let mut surface = page.surface();
    let mut y = MARGIN;
    let mut header_text = String::new();
    for block in blocks(c) {
        let (size, mut group, text, gap) = match block {
            Block::Header(t) => {
                header_text = drawable(&measure, &t);
                (9.0, None, t, 12.0)
            }
            Block::Heading(level, t) => {
                let size = match level {
                    1 => 18.0,
                    2 => 14.0,
                    _ => 11.5,
                };
                let tag = Tag::Hn(
                    NonZeroU16::new(level).expect("levels start at 1"),
                    Some(drawable(&measure, &t)),
                );
                (size, Some(TagGroup::new(tag)), t, 6.0)
            }
            Block::Paragraph(t) => (10.5, Some(TagGroup::new(Tag::P)), t, 4.0),
        };
        let line_height = size * 1.35;
        for line in wrap(&measure, &text, size, PAGE_W - 2.0 * MARGIN) {
            if y + line_height > PAGE_H - MARGIN {
                surface.finish();
                page.finish();
                page = doc.start_page_with(page_settings());
                surface = page.surface();
                y = MARGIN;
                // The running header again, as an artifact.
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                    ArtifactType::Header,
                )));
                surface.draw_text(
                    Point::from_xy(MARGIN, y + 9.0),
                    font.clone(),
                    9.0,
                    &header_text,
                    false,
                    TextDirection::Auto,
                );
                surface.end_tagged();
                y += 21.0;
            }
            y += line_height;
            let id = surface.start_tagged(match group {
                None => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Header)),
                Some(_) => ContentTag::Span(SpanTag::empty()),
            });
            surface.draw_text(
                Point::from_xy(MARGIN, y),
                font.clone(),
                size,
                &line,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            if let Some(g) = group.as_mut() {
                g.push(id);
            }
        }
        y += gap;
        if let Some(g) = group {
            tree.push(g);
        }
    }
    surface.finish();
    page.finish();
    doc.set_metadata(
        Metadata::new()
            .title(format!("{} – {}", c.title, c.number))
            .language("de".into()),
    );
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        c.title.clone(),
        XyzDestination::new(0, Point::from_xy(MARGIN, MARGIN)),
    ));
    doc.set_outline(outline);
    doc.set_tag_tree(tree);
    doc.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::types::{CaseStatus, HistoryEntry, MessageView};

    #[test]
    fn a_long_case_becomes_a_valid_tagged_pdf_with_umlauts() {
        let long = "Sehr geehrte Damen und Herren, für die Prüfung benötigen wir Ihre Unterlagen 🐕 東京\u{7}. ".repeat(40);
        let c = CaseDetail {
            number: "VG-2026-7KQ4-M2XD".into(),
            title: "Hund zur Hundesteuer anmelden".into(),
            service_name: "Hundesteuer".into(),
            authority: "Stadt Musterstadt – Bürgeramt".into(),
            status: CaseStatus::Question,
            submitted: "22.11.2026, 18:46 Uhr".into(),
            trashed: false,
            history: vec![HistoryEntry {
                status: CaseStatus::Received,
                at: "22.11.2026, 18:46 Uhr".into(),
            }],
            messages: (0..30)
                .map(|i| MessageView {
                    from_applicant: i % 2 == 1,
                    author: format!("Bürgeramt {i}"),
                    body: long.clone(),
                    sent: "heute".into(),
                    was_unread: false,
                    attachments: vec![],
                })
                .collect(),
            documents: vec![],
            answers: vec![(
                "Angaben zum Hund".into(),
                vec![("Rasse".into(), "Dackel mit Überlänge".into())],
            )],
            fee: Some("45,50 €".into()),
        };
        let pdf = render(&c).expect("krilla's PDF/UA-1 validator accepts it");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(pdf.len() > 10_000, "several pages with an embedded font");
        assert!(
            pdf.windows(b"/StructTreeRoot".len())
                .any(|w| w == b"/StructTreeRoot"),
            "tagged"
        );
    }

    #[test]
    fn long_words_are_cut_and_lines_fit() {
        let f = FontRef::new(FONT).unwrap();
        let lines = wrap(&f, &format!("kurz {}", "x".repeat(400)), 10.0, 200.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(&f, l, 10.0) <= 200.0));
    }
}
