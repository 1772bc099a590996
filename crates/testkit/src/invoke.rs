//! Tauri's mock runtime (no display) with the app's commands: a test calls a command as the
//! UI does and gets the JSON answer or the JSON error.

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Builder, WebviewWindow};

/// A mock app with one window.
pub struct Invoker {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

impl std::fmt::Debug for Invoker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invoker").finish_non_exhaustive()
    }
}

impl Invoker {
    /// Builds the app from `setup` (manage the state, register the commands).
    pub fn new(setup: impl FnOnce(Builder<MockRuntime>) -> Builder<MockRuntime>) -> Invoker {
        let app = setup(mock_builder())
            .build(mock_context(noop_assets()))
            .expect("the mock app builds");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the mock window opens");
        Invoker { _app: app, webview }
    }

    /// Calls `cmd` with `args`: the answer, or the error the UI would get.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().expect("a valid url"),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("a JSON answer"))
    }
}
