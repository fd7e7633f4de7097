//! Documents in the database and the blob store (server only).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use tokio::io::AsyncWriteExt;

use super::sniff;
use super::types::{DocumentView, UploadProblem};
use crate::access::{Actor, CaseReader, Citizen, Staff};
use crate::entities::document;
use crate::error::AppError;
use crate::storage::DocumentStore;
use crate::storage::crypto::Sealer;

pub fn view(d: &document::Model) -> DocumentView {
    DocumentView {
        id: d.public_id.clone(),
        file_name: d.file_name.clone(),
        content_type: d.content_type.clone(),
        size_bytes: d.size_bytes,
        uploaded: crate::clock::german_date_time(d.created_at),
    }
}

pub async fn list_own(
    db: &impl ConnectionTrait,
    me: &Citizen,
) -> Result<Vec<document::Model>, AppError> {
    Ok(document::Entity::find()
        .filter(document::Column::AccountId.eq(me.account_id()))
        .filter(document::Column::CaseId.is_null())
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .all(db)
        .await?)
}

/// The limits as the forms show them.
pub fn limits(store: &DocumentStore) -> super::types::UploadLimits {
    let mb = |b: u64| b / (1024 * 1024);
    super::types::UploadLimits {
        file_mb: mb(store.max_file_bytes),
        application_mb: mb(store.max_application_bytes),
        safe_mb: mb(store.max_safe_bytes),
    }
}

/// The bytes the account's document safe holds, against its quota.
pub async fn safe_bytes(db: &impl ConnectionTrait, me: &Citizen) -> Result<u64, AppError> {
    use sea_orm::QuerySelect;
    // Summed here rather than with SUM(): PostgreSQL answers that as numeric, SQLite as an
    // integer; a safe holds few enough files for either.
    let sizes: Vec<i64> = document::Entity::find()
        .select_only()
        .column(document::Column::SizeBytes)
        .filter(document::Column::AccountId.eq(me.account_id()))
        .filter(document::Column::CaseId.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(sizes.iter().map(|&s| s.max(0) as u64).sum())
}

/// The account's document with this public id; another's is `NotFound`, like a missing one.
pub async fn find_own(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
) -> Result<document::Model, AppError> {
    document::Entity::find()
        .filter(document::Column::PublicId.eq(public_id))
        .filter(document::Column::AccountId.eq(me.account_id()))
        .filter(document::Column::CaseId.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The document chosen as an attachment (field `dokument`): one of the account's own, or a
/// message for the field; nothing chosen is `None`.
pub async fn attachment(
    db: &impl ConnectionTrait,
    me: &Citizen,
    chosen: Option<&str>,
    errors: &mut crate::error::FieldErrors,
) -> Result<Option<document::Model>, AppError> {
    let Some(id) = chosen.filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    match find_own(db, me, id).await {
        Ok(d) => Ok(Some(d)),
        Err(AppError::NotFound) => {
            errors.add("dokument", tr!("case.attachment_unknown"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The documents staff uploaded for a case, newest first (the caller may read the case).
pub async fn list_of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<document::Model>, AppError> {
    Ok(document::Entity::find()
        .filter(document::Column::CaseId.eq(case_id))
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .all(db)
        .await?)
}

/// The document chosen as a reply's attachment (field `dokument`): one uploaded for this
/// case — never one of another case, which could reach the wrong recipient.
pub async fn case_attachment(
    db: &impl ConnectionTrait,
    case_id: i64,
    chosen: Option<&str>,
    errors: &mut crate::error::FieldErrors,
) -> Result<Option<document::Model>, AppError> {
    let Some(id) = chosen.filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    let found = document::Entity::find()
        .filter(document::Column::PublicId.eq(id))
        .filter(document::Column::CaseId.eq(case_id))
        .one(db)
        .await?;
    if found.is_none() {
        errors.add("dokument", tr!("case.attachment_unknown"));
    }
    Ok(found)
}

/// Deletes the documents of these cases (the retention job) and returns their blobs.
pub async fn delete_of_cases(
    db: &impl ConnectionTrait,
    case_ids: sea_orm::sea_query::SelectStatement,
) -> Result<Vec<String>, AppError> {
    use sea_orm::QuerySelect;
    let filter = document::Column::CaseId.in_subquery(case_ids);
    let blobs: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::StorageKey)
        .filter(filter.clone())
        .into_tuple()
        .all(db)
        .await?;
    document::Entity::delete_many()
        .filter(filter)
        .exec(db)
        .await?;
    Ok(blobs)
}

/// A document `actor` may read: one in their own safe; one of a case they work on under the
/// case policy (staff's uploads for it); or one attached to a message of a case they may read
/// (as its applicant, or as staff). Otherwise `NotFound`.
pub async fn find_readable(
    db: &impl ConnectionTrait,
    actor: &Actor,
    public_id: &str,
) -> Result<document::Model, AppError> {
    use crate::entities::{case, case_document};
    let me = actor.citizen()?;
    let d = document::Entity::find()
        .filter(document::Column::PublicId.eq(public_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if d.case_id.is_none() && d.account_id == me.account_id().get() {
        return Ok(d);
    }
    let staff = actor.staff().ok();
    if let (Some(case_id), Some(st)) = (d.case_id, staff.as_ref())
        && case::Entity::find()
            .filter(CaseReader::from(st).condition())
            .filter(case::Column::Id.eq(case_id))
            .count(db)
            .await?
            > 0
    {
        return Ok(d);
    }
    let mut readers = vec![CaseReader::from(&me)];
    readers.extend(staff.as_ref().map(CaseReader::from));
    let attached = sea_orm::sea_query::Query::select()
        .column(case_document::Column::CaseId)
        .from(case_document::Entity)
        .and_where(case_document::Column::DocumentId.eq(d.id))
        .to_owned();
    for reader in readers {
        if case::Entity::find()
            .filter(reader.condition())
            .filter(case::Column::Id.in_subquery(attached.clone()))
            .count(db)
            .await?
            > 0
        {
            return Ok(d);
        }
    }
    Err(AppError::NotFound)
}

/// A file name safe to show, to save and to put in a header: the stem the user gave, without
/// path, control or invisible format characters (bidi overrides, zero-width), and the
/// extension of the type the content was detected as — whatever the name claimed, a PDF saves
/// as `.pdf`, never as `…\u{202E}fdp.cmd`.
pub fn clean_file_name(name: &str, mime: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let visible: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format_char(*c) && !matches!(c, '"' | ';'))
        .collect();
    let visible = visible.trim().trim_end_matches('.');
    // What looks like an extension (up to five letters and digits, one a letter) goes.
    let stem = match visible.rsplit_once('.') {
        Some((stem, ext))
            if (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => visible,
    };
    let stem: String = stem
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(120)
        .collect();
    let stem = if stem.is_empty() {
        "Dokument"
    } else {
        stem.trim_end()
    };
    format!("{stem}.{}", sniff::extension(mime))
}

/// Unicode's format characters (category Cf): invisible, and some reorder the text around them.
fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2
        | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// Streams one upload into the store: checks the type from the first bytes, counts the size
/// while sealing, and deletes the partial blob if anything goes wrong.
pub async fn store_stream<S, E>(
    store: &DocumentStore,
    mut chunks: S,
    limit: u64,
) -> Result<(String, &'static str, u64), UploadProblem>
where
    S: futures::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    use futures::StreamExt;
    let key = crate::token::random_hex(16);
    let mut writer = store.blobs.create(&key).await.map_err(|e| failed(&e))?;
    let mut sealer = Sealer::new(&store.key, &key);
    let mut head: Vec<u8> = Vec::new();
    let mut mime = None;
    let mut size: u64 = 0;
    let result: Result<(), UploadProblem> = async {
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| failed(&e))?;
            size += chunk.len() as u64;
            if size > limit {
                return Err(UploadProblem::TooLarge);
            }
            if mime.is_none() {
                head.extend_from_slice(
                    &chunk[..chunk
                        .len()
                        .min(sniff::SNIFF_LEN - head.len().min(sniff::SNIFF_LEN))],
                );
                if head.len() >= sniff::SNIFF_LEN {
                    mime = Some(sniff::content_type(&head).ok_or(UploadProblem::WrongType)?);
                }
            }
            writer
                .write_all(&sealer.update(&chunk))
                .await
                .map_err(|e| failed(&e))?;
        }
        if size == 0 {
            return Err(UploadProblem::Empty);
        }
        if mime.is_none() {
            mime = Some(sniff::content_type(&head).ok_or(UploadProblem::WrongType)?);
        }
        writer
            .write_all(&sealer.finish())
            .await
            .map_err(|e| failed(&e))?;
        writer.shutdown().await.map_err(|e| failed(&e))?;
        Ok(())
    }
    .await;
    drop(writer);
    match result {
        Ok(()) => match store.blobs.commit(&key).await {
            Ok(()) => Ok((key, mime.expect("set above"), size)),
            Err(e) => {
                let _ = store.blobs.delete(&key).await;
                Err(failed(&e))
            }
        },
        Err(p) => {
            let _ = store.blobs.delete(&key).await;
            Err(p)
        }
    }
}

fn failed(e: &dyn std::fmt::Display) -> UploadProblem {
    tracing::warn!(error = %e, "upload failed");
    UploadProblem::Failed
}

/// Whose a new document is.
pub enum Holder<'a> {
    /// The uploader's own document safe.
    Safe(&'a Citizen),
    /// A case, uploaded by a member of the authority who works on it.
    Case { uploader: &'a Staff, case_id: i64 },
}

pub async fn insert(
    db: &impl ConnectionTrait,
    holder: Holder<'_>,
    file_name: &str,
    mime: &str,
    size: u64,
    key: String,
) -> Result<document::Model, AppError> {
    let (account_id, case_id) = match holder {
        Holder::Safe(me) => (me.account_id(), None),
        Holder::Case { uploader, case_id } => (uploader.account_id(), Some(case_id)),
    };
    Ok(document::ActiveModel {
        public_id: Set(crate::token::random_hex(16)),
        account_id: Set(account_id.get()),
        case_id: Set(case_id),
        file_name: Set(clean_file_name(file_name, mime)),
        content_type: Set(mime.to_owned()),
        size_bytes: Set(size as i64),
        storage_key: Set(key),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The plain bytes of a document (the caller has checked access).
pub async fn read_plain(store: &DocumentStore, d: &document::Model) -> Result<Vec<u8>, AppError> {
    let sealed = store
        .blobs
        .read(&d.storage_key)
        .await
        .map_err(AppError::internal)?;
    crate::storage::crypto::open(&store.key, &d.storage_key, &sealed).map_err(AppError::internal)
}

/// Re-seals the files of the first format (one key for all, no binding to their document)
/// in the current one (at start): each is written anew under its own name, which replaces it
/// atomically. Returns how many were re-sealed.
pub async fn reseal_legacy(
    db: &impl ConnectionTrait,
    store: &DocumentStore,
) -> Result<u64, AppError> {
    use sea_orm::QuerySelect;
    let keys: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::StorageKey)
        .into_tuple()
        .all(db)
        .await?;
    let mut resealed = 0;
    for key in keys {
        let Ok(sealed) = store.blobs.read(&key).await else {
            tracing::warn!(key, "a document's blob is missing");
            continue;
        };
        if !crate::storage::crypto::is_legacy(&sealed) {
            continue;
        }
        let plain =
            crate::storage::crypto::open(&store.key, &key, &sealed).map_err(AppError::internal)?;
        let mut sealer = Sealer::new(&store.key, &key);
        let mut writer = store.blobs.create(&key).await.map_err(AppError::internal)?;
        writer
            .write_all(&sealer.update(&plain))
            .await
            .map_err(AppError::internal)?;
        writer
            .write_all(&sealer.finish())
            .await
            .map_err(AppError::internal)?;
        writer.shutdown().await.map_err(AppError::internal)?;
        drop(writer);
        store.blobs.commit(&key).await.map_err(AppError::internal)?;
        resealed += 1;
    }
    Ok(resealed)
}

/// Removes the blobs of documents whose rows are gone or about to go.
pub async fn delete_blobs(store: &DocumentStore, keys: impl IntoIterator<Item = String>) {
    for key in keys {
        if let Err(e) = store.blobs.delete(&key).await {
            tracing::warn!(error = %e, "could not delete a document blob");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean_file_name;

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(
            clean_file_name("C:\\Users\\x\\Fahrzeugschein.pdf", "application/pdf"),
            "Fahrzeugschein.pdf"
        );
        assert_eq!(
            clean_file_name("../../etc/passwd", "application/pdf"),
            "passwd.pdf"
        );
        assert_eq!(clean_file_name("a\"b;c\n.png", "image/png"), "abc.png");
        assert_eq!(clean_file_name("", "image/jpeg"), "Dokument.jpg");
        assert_eq!(clean_file_name(".pdf", "application/pdf"), "Dokument.pdf");
    }

    #[test]
    fn the_extension_is_the_detected_type_and_no_format_character_survives() {
        assert_eq!(
            clean_file_name("Nachweis\u{202E}fdp.cmd", "application/pdf"),
            "Nachweisfdp.pdf"
        );
        assert_eq!(clean_file_name("Foto.exe", "image/png"), "Foto.png");
        assert_eq!(
            clean_file_name("Rech\u{200B}nung.pdf.", "application/pdf"),
            "Rechnung.pdf"
        );
        assert_eq!(
            clean_file_name("Bescheid vom 3.12.", "image/jpeg"),
            "Bescheid vom 3.12.jpg"
        );
        assert_eq!(
            clean_file_name("Straße Nr. 5 (Kopie).jpeg", "image/jpeg"),
            "Straße Nr. 5 (Kopie).jpg"
        );
    }
}
