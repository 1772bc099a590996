// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.
// UPDATE_BINDINGS=1 cargo test -p frontdesk --lib bindings writes it anew.

export type * from "./wire";
export type * from "./desk";
