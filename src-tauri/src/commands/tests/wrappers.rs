//! Every command the UI's typed wrappers call (`ui/src/api/commands.ts`) is one the app
//! registers: a wrapper with a misspelt or unregistered name would fail only in the window.

use serde_json::json;

use super::harness;

/// The command names of `call<…>("name"` in the wrappers' source.
fn wrapped_commands() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/api/commands.ts");
    let source = std::fs::read_to_string(path).unwrap();
    source
        .split("call<")
        .skip(1)
        .filter_map(|rest| {
            let name = rest.split_once(">(\"")?.1.split_once('"')?.0;
            Some(name.to_owned())
        })
        .collect()
}

#[test]
fn every_wrapped_command_is_registered() {
    let names = wrapped_commands();
    assert!(names.len() > 40, "{names:?}");
    assert!(names.iter().any(|n| n == "export_csv"));
    let h = harness();
    for name in names {
        // Arguments left out: a registered command refuses them, an unknown one is missing.
        if let Err(error) = h.invoke(&name, json!({})) {
            let text = error.to_string();
            assert!(!text.contains("not found"), "{name}: {text}");
        }
    }
}
