//! The browser half of a passkey ceremony (hydrated client only). The options arrive as
//! WebAuthn JSON; the browser's own `parseCreationOptionsFromJSON` / `toJSON` convert between
//! that and the binary API, so no base64 handling is needed here.

use js_sys::{Function, JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn call_method(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(target, name)?.dyn_into()?;
    match args {
        [] => f.call0(target),
        [a] => f.call1(target, a),
        _ => Err(JsValue::from_str("unexpected arguments")),
    }
}

/// Runs `navigator.credentials.create` (`create = true`) or `.get` with the server's options
/// and returns the credential as JSON for the server.
pub async fn ceremony(options_json: &str, create: bool) -> Result<String, String> {
    run(options_json, create)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

async fn run(options_json: &str, create: bool) -> Result<String, JsValue> {
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    let options = JSON::parse(options_json)?;
    let public_key = get(&options, "publicKey")?;
    let class = get(&window, "PublicKeyCredential")?;
    if class.is_undefined() {
        return Err(JsValue::from_str("no WebAuthn"));
    }
    let parser = if create {
        "parseCreationOptionsFromJSON"
    } else {
        "parseRequestOptionsFromJSON"
    };
    let parsed = call_method(&class, parser, &[&public_key])?;
    let request = Object::new();
    Reflect::set(&request, &JsValue::from_str("publicKey"), &parsed)?;
    let credentials = get(&get(&window, "navigator")?, "credentials")?;
    let promise: Promise = call_method(
        &credentials,
        if create { "create" } else { "get" },
        &[&request.into()],
    )?
    .dyn_into()?;
    let credential = wasm_bindgen_futures::JsFuture::from(promise).await?;
    let json = call_method(&credential, "toJSON", &[])?;
    JSON::stringify(&json).map(String::from)
}

/// True when this browser can do passkeys at all.
pub fn supported() -> bool {
    web_sys::window()
        .map(JsValue::from)
        .and_then(|w| get(&w, "PublicKeyCredential").ok())
        .is_some_and(|c| !c.is_undefined())
}
