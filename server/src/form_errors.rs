//! Keeps the errors of forms sent without JavaScript on the server (`app::form_flash`): a
//! server function's redirect back to the form loses its `__err` to a stored row, and a page
//! asked for with an `__err` is rendered from that row — when the browser's cookie names it —
//! or else sent to the same address without it.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE;

use app::access::session;
use app::error::AppError;
use app::form_flash::{self, COOKIE, KEPT_SECS, KeptError, MARKER};
use app::state::AppState;

const ERR: &str = "__err";
const PATH: &str = "__path";

pub async fn keep_form_errors(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if req.uri().path().starts_with("/api/") {
        let res = next.run(req).await;
        return match keep(&state, res).await {
            Ok(res) => res,
            Err(e) => {
                tracing::error!(error = ?e, "keeping a form's error failed");
                axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    }
    let Some(query) = req.uri().query() else {
        return next.run(req).await;
    };
    if !url::form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == ERR) {
        return next.run(req).await;
    }
    let token = kept_token(&state, &req);
    let found = match token {
        Some(token) => form_flash::find(&state.db, &token).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(error)) => {
            req.extensions_mut().insert(KeptError(error));
            next.run(req).await
        }
        Ok(None) => Redirect::to(&without_error(req.uri())).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "reading a kept form error failed");
            Redirect::to(&without_error(req.uri())).into_response()
        }
    }
}

/// A redirect whose `Location` carries an error: the error goes into a row, the URL keeps only
/// the marker, the cookie names the row.
async fn keep(state: &AppState, mut res: Response) -> Result<Response, AppError> {
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|_| res.status().is_redirection())
        .and_then(|l| state.config.base_url.join(l).ok())
    else {
        return Ok(res);
    };
    let Some(encoded) = location
        .query_pairs()
        .find(|(k, _)| k == ERR)
        .map(|(_, v)| v.into_owned())
    else {
        return Ok(res);
    };
    let error = URL_SAFE
        .decode(encoded.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    let token = form_flash::keep(&state.db, error).await?;
    let mut back = location.clone();
    let pairs: Vec<(String, String)> = location
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    back.query_pairs_mut()
        .clear()
        .extend_pairs(pairs.iter().map(|(k, v)| {
            let v = if k == ERR {
                URL_SAFE.encode(MARKER)
            } else {
                v.clone()
            };
            (k.clone(), v)
        }));
    let headers = res.headers_mut();
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(back.as_str()).expect("a URL is a header value"),
    );
    headers.append(
        header::SET_COOKIE,
        session::cookie(&state.config, COOKIE, token.expose(), Some(KEPT_SECS)),
    );
    Ok(res)
}

/// The token of the kept error this page request may show: the URL says "kept" and the
/// browser's cookie names one. Read without awaiting: a request is not `Sync`, so no reference
/// to it may be held across an await.
fn kept_token(state: &AppState, req: &Request) -> Option<String> {
    let marked = req.uri().query().is_some_and(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .any(|(k, v)| k == ERR && URL_SAFE.decode(v.as_bytes()).ok().as_deref() == Some(MARKER))
    });
    session::read_cookie(&state.config, req.headers(), COOKIE).filter(|_| marked)
}

/// The same page without the server-function parameters.
fn without_error(uri: &axum::http::Uri) -> String {
    let rest: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .filter(|(k, _)| k != ERR && k != PATH)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    if rest.is_empty() {
        return uri.path().to_owned();
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(rest)
        .finish();
    format!("{}?{query}", uri.path())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_keeps_its_own_parameters() {
        let uri = "/anmelden?weiter=%2Fmein-bereich&__path=%2Fapi%2Flogin&__err=abc"
            .parse()
            .unwrap();
        assert_eq!(
            super::without_error(&uri),
            "/anmelden?weiter=%2Fmein-bereich"
        );
        assert_eq!(
            super::without_error(&"/anmelden?__err=x".parse().unwrap()),
            "/anmelden"
        );
    }
}
