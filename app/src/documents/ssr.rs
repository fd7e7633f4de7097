//! Documents in the database and the blob store (server only).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use tokio::io::AsyncWriteExt;

use super::sniff;
use super::types::{DocumentView, UploadProblem};
use crate::access::{Actor, CaseReader, Citizen};
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
        .order_by_desc(document::Column::CreatedAt)
        .order_by_desc(document::Column::Id)
        .all(db)
        .await?)
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

/// A document `actor` may read: their own; or one attached to a case they may read under
/// the case policy (as its applicant, or as staff). Otherwise `NotFound`.
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
    if d.account_id == me.account_id().get() {
        return Ok(d);
    }
    let staff = actor.staff().ok();
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

/// A file name safe to show and to put in a header: no path, no control characters.
pub fn clean_file_name(name: &str, mime: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        format!("Dokument.{}", sniff::extension(mime))
    } else {
        cleaned
    }
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
    let mut sealer = Sealer::new(store.key.clone());
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

pub async fn insert(
    db: &impl ConnectionTrait,
    me: &Citizen,
    file_name: &str,
    mime: &str,
    size: u64,
    key: String,
) -> Result<document::Model, AppError> {
    Ok(document::ActiveModel {
        public_id: Set(crate::token::random_hex(16)),
        account_id: Set(me.account_id().get()),
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
    crate::storage::crypto::open(&store.key, &sealed).map_err(AppError::internal)
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
            "passwd"
        );
        assert_eq!(clean_file_name("a\"b;c\n.png", "image/png"), "abc.png");
        assert_eq!(clean_file_name("", "image/jpeg"), "Dokument.jpg");
    }
}
