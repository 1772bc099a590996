//! The real server for tests, on 127.0.0.1 port 0: in-process ([`serve`]) with a pinned
//! clock, or as its own process ([`ServerProcess`]) for tests that kill it — killed and
//! reaped when the handle is dropped, so a failing assertion leaks no process.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use frontdesk_clock::SharedClock;
use frontdesk_server::{start, Database, RunningServer, ServerOptions};
use frontdesk_store::StudioConfig;

/// Starts the server in this process on `listen` (`127.0.0.1:0` for any free port).
pub async fn serve(
    config: StudioConfig,
    db: &Path,
    listen: SocketAddr,
    clock: SharedClock,
) -> RunningServer {
    serve_database(config, Database::Sqlite(db.to_path_buf()), listen, clock).await
}

/// Starts the server in this process on `listen` with this database (SQLite or PostgreSQL).
pub async fn serve_database(
    config: StudioConfig,
    database: Database,
    listen: SocketAddr,
    clock: SharedClock,
) -> RunningServer {
    start(ServerOptions {
        // The tests' studios carry their desks' tokens.
        dev_tokens: true,
        ..ServerOptions::new(config, database, listen, clock)
    })
    .await
    .expect("the server starts")
}

/// A loopback address with a free port.
pub fn any_port() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// The `frontdesk-server` binary of this build: beside the running test's own binary,
/// built on demand.
pub fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps")
        .to_path_buf();
    let bin = dir.join("frontdesk-server");
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args([
                "build",
                "-p",
                "frontdesk-server",
                "--bin",
                "frontdesk-server",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the server binary builds");
    }
    bin
}

/// `frontdesk-server serve` as a child process on 127.0.0.1, killed on drop.
#[derive(Debug)]
pub struct ServerProcess {
    child: Child,
    url: String,
}

impl ServerProcess {
    /// Starts the binary with this config file and database; returns once it listens.
    pub fn spawn(config: &Path, db: &Path) -> ServerProcess {
        Self::spawn_on(config, ["--db".as_ref(), db.as_os_str()])
    }

    /// Starts the binary with this config file and these arguments: the database's
    /// (`--db FILE` or `--database postgres://…`) and any other of `serve`; returns once
    /// it listens.
    pub fn spawn_on<'a>(
        config: &Path,
        database: impl IntoIterator<Item = &'a std::ffi::OsStr>,
    ) -> ServerProcess {
        let mut child = Command::new(server_binary())
            .arg("serve")
            .arg("--config")
            .arg(config)
            .args(database)
            .args(["--listen", "127.0.0.1:0", "--dev-tokens"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server process starts");
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        // Owned before anything can fail, so a failure below still kills it.
        let mut process = ServerProcess {
            child,
            url: String::new(),
        };
        process.url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the server said {line:?} instead of where it listens"))
            .to_owned();
        process
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Kills it with SIGKILL, as a crash would, and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Exchanges an enrolment code at the server at `url` for the desk's token, as a new desk
/// does on its welcome screen.
pub async fn enrol(url: &str, code: &str) -> String {
    let body = serde_json::json!({ "code": code, "appVersion": "test" });
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client")
        .post(format!("{url}/v1/enrol"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the server answers");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(
        status.is_success(),
        "enrolling with {code}: {status} {text}"
    );
    let answer: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    answer["token"]
        .as_str()
        .expect("a token in the answer")
        .to_owned()
}

/// Runs the server binary with `args` to the end: whether it succeeded, and what it printed
/// (standard output, then standard error).
pub fn run_server(args: &[&str]) -> (bool, String) {
    let output = Command::new(server_binary())
        .args(args)
        .output()
        .expect("the server binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}
