//! Test fixtures and measurement helpers, written once for every test binary, bench and the
//! load tool (neither the desk app nor the server depends on it).
//!
//! - [`studio`]: studio configurations built from a few words instead of pasted TOML;
//! - [`booking`]: a booking as staff would ask for it;
//! - [`clock`]: clocks pinned to a stated instant, so no test depends on today;
//! - [`server`]: the real server in-process on 127.0.0.1 port 0, or as its own process
//!   that is killed when the handle is dropped (also when an assertion fails);
//! - [`postgres`]: a fresh database per test in the test run's throwaway PostgreSQL;
//! - [`smtp`]: a real SMTP server process that keeps what it receives;
//! - [`http`]: JSON calls to a server under test with a desk's token;
//! - [`proxy`]: a counting proxy, to say how many requests a screen cost;
//! - [`fault`], [`fault_net`], [`fault_server`]: the randomized fault run's seeded choices,
//!   desks' gates to server instances that can be cut, and instances that can be crashed;
//! - [`naive_reports`]: the reports computed naively from raw bookings, to compare with;
//! - [`host`]: what the cores did during a measurement, with the share the host took
//!   ("steal"), printed beside every latency figure;
//! - [`invoke`] (feature `tauri`): Tauri's mock runtime calling commands as the UI does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod backend;
pub mod booking;
pub mod clock;
pub mod fault;
pub mod fault_net;
pub mod fault_server;
pub mod host;
pub mod http;
#[cfg(feature = "tauri")]
pub mod invoke;
pub mod naive_reports;
pub mod payment_pages;
pub mod postgres;
pub mod proxy;
pub mod server;
pub mod smtp;
pub mod staff;
pub mod studio;
pub mod tcp_relay;
