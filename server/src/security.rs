//! Request guards and response headers that apply to every route.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::state::AppState;

/// CSRF protection besides SameSite cookies: a state-changing request must come from a page
/// of this portal, as its `Origin` (or, failing that, `Referer`) header shows. Server
/// functions are POSTs, so they are covered too.
pub async fn same_origin_guard(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if is_same_origin(req.headers(), &state.config.base_url) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-origin request refused");
        (
            StatusCode::FORBIDDEN,
            "Diese Anfrage kam nicht von einer Seite des Serviceportals und wurde abgelehnt.",
        )
            .into_response()
    }
}

/// The `Host` a request for the portal names: the base URL's host, with its port if not the
/// scheme's default.
fn host_port(url: &url::Url) -> Option<String> {
    let host = url.host_str()?;
    Some(match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    })
}

/// The full origin — scheme, host and port — must be the portal's: an `http://` page does not
/// pass for an `https://` portal, nor another name of the same machine.
pub fn is_same_origin(headers: &HeaderMap, base_url: &url::Url) -> bool {
    headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url::Url::parse(v).ok())
        .is_some_and(|source| source.origin() == base_url.origin())
}

/// Requests must name the portal's own host (DNS rebinding, poisoned links built from a
/// forged `Host`). A page asked for under another name is sent to the portal's address; any
/// other request is refused with 421. `/health` answers whatever the name, for probes.
pub async fn known_host_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let base = &state.config.base_url;
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    if req.uri().path() == "/health" || host.is_some() && host == host_port(base).as_deref() {
        return next.run(req).await;
    }
    tracing::warn!(host = ?host, path = %req.uri().path(), "request for an unknown host refused");
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let target = base
            .join(path)
            .map_or_else(|_| base.to_string(), |u| u.to_string());
        return axum::response::Redirect::permanent(&app::components::url::location(&target))
            .into_response();
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        "Diese Anfrage nennt nicht die Adresse des Serviceportals und wurde abgelehnt.",
    )
        .into_response()
}

/// Security headers (SPEC §7). HTML pages get their CSP with a script nonce from the shell;
/// everything else gets a strict one here.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_asset = ["/pkg/", "/kern/", "/style/"]
        .iter()
        .any(|p| req.uri().path().starts_with(p));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if is_asset {
        set(h, header::CACHE_CONTROL, "no-cache");
    } else {
        // Pages and answers may hold personal data: no shared or back-button caches.
        set(h, header::CACHE_CONTROL, "no-store");
    }
    if state.config.is_https() {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn same_origin_requests_pass_and_others_do_not() {
        let base = url::Url::parse("http://127.0.0.1:3000").unwrap();
        assert!(is_same_origin(
            &headers(&[(header::ORIGIN, "http://127.0.0.1:3000")]),
            &base
        ));
        assert!(is_same_origin(
            &headers(&[(header::REFERER, "http://127.0.0.1:3000/anmelden")]),
            &base
        ));
        assert!(!is_same_origin(
            &headers(&[
                (header::ORIGIN, "http://evil.example"),
                (header::HOST, "127.0.0.1:3000")
            ]),
            &base
        ));
        assert!(!is_same_origin(
            &headers(&[(header::ORIGIN, "null")]),
            &base
        ));
        assert!(!is_same_origin(&headers(&[]), &base));
    }

    #[test]
    fn the_whole_origin_counts_not_only_host_and_port() {
        let base = url::Url::parse("https://portal.example").unwrap();
        assert!(is_same_origin(
            &headers(&[(header::ORIGIN, "https://portal.example")]),
            &base
        ));
        // Same host and port, other scheme: a page served over plain http.
        assert!(!is_same_origin(
            &headers(&[
                (header::ORIGIN, "http://portal.example:443"),
                (header::HOST, "portal.example:443")
            ]),
            &base
        ));
        // Another name of the same machine, even with a matching Host header.
        let base = url::Url::parse("http://127.0.0.1:3000").unwrap();
        assert!(!is_same_origin(
            &headers(&[
                (header::ORIGIN, "http://localhost:3000"),
                (header::HOST, "localhost:3000")
            ]),
            &base
        ));
    }
}
