//! The page itself: one HTML template (booking or manage mode) and its script and style,
//! all compiled into the binary (`page/`), so the server serves them without files beside
//! it and nothing is fetched from elsewhere. The language is `?lang=`, else the browser's
//! first choice of English or German, else English.

use axum::extract::{Path, Query, State};
use axum::http::header::{
    ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::Page;
use crate::app::AppState;
use crate::manage_link::ManageLink;

const HTML: &str = include_str!("page/book.html");
const SCRIPT: &str = include_str!("page/book.js");
const STYLE: &str = include_str!("page/book.css");

/// Only this server's own script, style and API; never inside another site's frame.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

#[derive(Debug, Deserialize)]
pub struct Lang {
    lang: Option<String>,
}

/// `de` or `en`: asked for, else the browser's first of the two, else `en`.
fn language(asked: Option<&str>, headers: &HeaderMap) -> &'static str {
    let pick = |tag: &str| match tag.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("de") => Some("de"),
        Some("en") => Some("en"),
        _ => None,
    };
    if let Some(lang) = asked.and_then(pick) {
        return lang;
    }
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').find_map(pick))
        .unwrap_or("en")
}

/// Text for HTML (element content and quoted attributes).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(
    status: StatusCode,
    lang: &str,
    title: &str,
    studio: &str,
    mode: &str,
    token: &str,
) -> Response {
    let body = HTML
        .replace("{{lang}}", lang)
        .replace("{{title}}", &escaped(title))
        .replace("{{studio}}", &escaped(studio))
        .replace("{{mode}}", mode)
        .replace("{{token}}", &escaped(token));
    (
        status,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CONTENT_SECURITY_POLICY, POLICY),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

pub async fn booking_page(
    State(app): State<AppState>,
    Path(studio): Path<String>,
    Query(q): Query<Lang>,
    headers: HeaderMap,
) -> Response {
    let lang = language(q.lang.as_deref(), &headers);
    match Page::open(&app, &studio).await {
        Ok(page) => html(
            StatusCode::OK,
            lang,
            &page.app.studio_info().name,
            &studio,
            "book",
            "",
        ),
        Err(_) => html(StatusCode::NOT_FOUND, lang, "Frontdesk", "", "missing", ""),
    }
}

pub async fn manage_page(
    State(app): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<Lang>,
    headers: HeaderMap,
) -> Response {
    let lang = language(q.lang.as_deref(), &headers);
    let opened = match ManageLink::studio_of(&token) {
        Some(studio) => match Page::any(&app, studio).await {
            Ok(page) => match page.link_key().await {
                Ok(key) => ManageLink::open(&token, &key, page.app.now())
                    .map(|_| (page.app.studio_info().name, studio.to_owned())),
                Err(_) => None,
            },
            Err(_) => None,
        },
        None => None,
    };
    match opened {
        Some((name, studio)) => html(StatusCode::OK, lang, &name, &studio, "manage", &token),
        None => html(StatusCode::NOT_FOUND, lang, "Frontdesk", "", "missing", ""),
    }
}

pub async fn asset(Path(file): Path<String>) -> Response {
    let (text, kind) = match file.as_str() {
        "book.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "book.css" => (STYLE, "text/css; charset=utf-8"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (CONTENT_TYPE, kind),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_language_is_asked_for_else_the_browsers_else_english() {
        let mut headers = HeaderMap::new();
        assert_eq!(language(None, &headers), "en");
        headers.insert(
            ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-CH, de-DE;q=0.8, en;q=0.5"),
        );
        assert_eq!(language(None, &headers), "de");
        assert_eq!(language(Some("en"), &headers), "en");
        assert_eq!(language(Some("xx"), &headers), "de");
    }

    #[test]
    fn a_studio_name_cannot_write_markup_into_the_page() {
        let page = html(
            StatusCode::OK,
            "en",
            "<script>alert(1)</script> & \"Co\"",
            "main",
            "book",
            "",
        );
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(
            escaped("<b a=\"1\">'&"),
            "&lt;b a=&quot;1&quot;&gt;&#39;&amp;"
        );
    }
}
