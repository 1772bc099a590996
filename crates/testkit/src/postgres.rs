//! PostgreSQL for the tests of the server's PostgreSQL backend: a fresh database per test in
//! a throwaway cluster.
//!
//! Which cluster:
//! - the one at `FRONTDESK_TEST_PG` when it is set, with its CA certificate in
//!   `FRONTDESK_TEST_PG_CA` (`scripts/test.sh` starts one with `scripts/pg-test-cluster.sh`
//!   and exports both, so all of its test binaries share it);
//! - otherwise this test process starts its own on first use, with that same script (a temp
//!   folder, a free loopback port, the `postgres` user when run as root, fsync off, TLS with
//!   a throwaway CA): so a plain `cargo test --workspace` on a fresh clone works wherever
//!   PostgreSQL is installed (Debian: `/usr/lib/postgresql/*/bin/initdb`). Where it is not,
//!   the test fails saying how to install it. The cluster is started once per process
//!   (about a second); a runner with one process per test (nextest) pays that per test, so
//!   start one cluster for the whole run there (`FRONTDESK_TEST_PG`).
//!
//! How the process's own cluster ends, whatever way the process ends: Rust never drops
//! statics, and a signal or `SIGKILL` runs no exit handler, so the cluster is not stopped
//! from inside this process. It is started by a watcher, a `bash` child that starts the
//! cluster, then blocks reading its stdin — a pipe whose only writing end this process
//! holds, in a static, and never writes to. However this process ends (its tests done, a
//! panic, Ctrl-C, `SIGKILL`), the kernel closes that end; the watcher reads end-of-file,
//! stops the cluster with `pg_ctl stop -m immediate` and deletes its folder. The pipe is
//! close-on-exec here, so the servers and tools the tests start do not hold it open; the
//! watcher ignores SIGINT, SIGTERM, SIGHUP and SIGQUIT, so a Ctrl-C to the terminal's process
//! group does not kill it before it cleans up; and `pg_ctl` starts the postmaster in a
//! session of its own, so that Ctrl-C does not reach PostgreSQL either. (A parent-death
//! signal on the postmaster would not do: it fires when the *thread* that started it ends,
//! and the first test to ask starts it on its own thread.)

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use uuid::Uuid;

/// The cluster the tests of this process use.
#[derive(Debug)]
struct Cluster {
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    url: String,
    /// Its test CA's certificate, if it speaks TLS.
    ca: Option<PathBuf>,
    /// The watcher of a cluster this process started, with the writing end of its stdin:
    /// held, never written, closed by the kernel when the process ends (see the module doc).
    _watcher: Option<Child>,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

fn the_cluster() -> &'static Cluster {
    CLUSTER.get_or_init(|| match std::env::var("FRONTDESK_TEST_PG") {
        Ok(url) if !url.is_empty() => Cluster {
            url,
            ca: std::env::var_os("FRONTDESK_TEST_PG_CA")
                .filter(|ca| !ca.is_empty())
                .map(PathBuf::from),
            _watcher: None,
        },
        _ => start_own(),
    })
}

/// The test cluster's address (the `postgres` database): `FRONTDESK_TEST_PG`, or a cluster
/// this process starts. A test fails, saying how to get one, when PostgreSQL is not
/// installed.
pub fn cluster() -> String {
    the_cluster().url.clone()
}

/// The test cluster's CA certificate (tests of verified TLS connect with
/// `sslmode=require&sslrootcert=…`); `None` when the cluster speaks no TLS.
pub fn ca() -> Option<PathBuf> {
    the_cluster().ca.clone()
}

/// Where the script that makes the test cluster is, in this source tree.
fn cluster_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-test-cluster.sh")
}

/// Whether Debian's PostgreSQL server (`/usr/lib/postgresql/<version>/bin/initdb` and
/// `pg_ctl`, what the script uses) is installed.
fn postgres_installed() -> bool {
    let Ok(versions) = std::fs::read_dir("/usr/lib/postgresql") else {
        return false;
    };
    versions.flatten().any(|v| {
        let bin = v.path().join("bin");
        bin.join("initdb").is_file() && bin.join("pg_ctl").is_file()
    })
}

/// The watcher (run by `bash -c`, with the script's path as `$1` and the port in
/// `PG_TEST_PORT`): starts the cluster, answers `ready <url> <ca>` (or its errors, then
/// ends), and stops the cluster when its stdin closes.
const WATCHER: &str = r#"
trap '' INT TERM HUP QUIT PIPE
exec 2>&1
source "$1" || exit 1
if pg_test_cluster_start; then
  echo "ready $FRONTDESK_TEST_PG $FRONTDESK_TEST_PG_CA"
  exec >/dev/null 2>&1
  cat
fi
pg_test_cluster_stop
"#;

fn start_own() -> Cluster {
    if !postgres_installed() {
        panic!(
            "no PostgreSQL for the tests: FRONTDESK_TEST_PG is not set, and PostgreSQL is not \
             installed (no /usr/lib/postgresql/*/bin/initdb), so the test kit cannot start a \
             throwaway cluster of its own. Install it (Debian, Ubuntu: `sudo apt-get install \
             postgresql`; the tests start and stop their cluster themselves), or set \
             FRONTDESK_TEST_PG=postgres://USER@HOST:PORT/DB to a cluster where the tests may \
             create databases (scripts/test.sh does both)"
        );
    }
    let script = cluster_script();
    let mut output = Vec::new();
    // A port found free can be taken before PostgreSQL binds it: try another then.
    for _attempt in 0..3 {
        output.clear();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("no free loopback port for the test cluster: {e}"));
        let mut child = Command::new("bash")
            .arg("-c")
            .arg(WATCHER)
            .arg("pg-test-cluster")
            .arg(&script)
            .env("PG_TEST_PORT", port.to_string())
            .env_remove("FRONTDESK_TEST_PG")
            .env_remove("FRONTDESK_TEST_PG_CA")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("bash {}: {e}", script.display()));
        let Some(stdout) = child.stdout.take() else {
            panic!("the test cluster's watcher has no stdout");
        };
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(ready) = line.strip_prefix("ready ") {
                let (url, ca) = ready.split_once(' ').unwrap_or((ready, ""));
                return Cluster {
                    url: url.to_owned(),
                    ca: (!ca.is_empty()).then(|| PathBuf::from(ca)),
                    _watcher: Some(child),
                };
            }
            output.push(line);
        }
        // The watcher ended without a cluster (it removed what it had made).
        drop(child.stdin.take());
        let _ = child.wait();
        let taken = output
            .iter()
            .any(|l| l.contains("could not bind") || l.contains("already in use"));
        if !taken {
            break;
        }
    }
    panic!(
        "the test kit could not start a throwaway PostgreSQL cluster with {}:\n{}",
        script.display(),
        output.join("\n")
    )
}

/// A new empty database in the test cluster; its `postgres://` address.
pub fn fresh_database() -> String {
    let base = cluster();
    let name = format!("t_{}", Uuid::new_v4().simple());
    let create = format!("CREATE DATABASE {name}");
    // The synchronous client runs its own runtime: not inside a test's async runtime.
    let admin = base.clone();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("the test cluster at {admin} answers: {e}"));
        client
            .batch_execute(&create)
            .unwrap_or_else(|e| panic!("{create}: {e}"));
    })
    .join()
    .unwrap_or_else(|_| panic!("creating a test database failed"));
    let (cluster, _) = base
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("FRONTDESK_TEST_PG {base} names no database"));
    format!("{cluster}/{name}")
}

/// Runs `sql` on `url` (outside the async runtime); the rows' first columns as `i64`.
pub fn query_i64(url: &str, sql: &str) -> Vec<i64> {
    let (url, sql) = (url.to_owned(), sql.to_owned());
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        client
            .query(&sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .iter()
            .map(|r| r.get::<_, i64>(0))
            .collect()
    })
    .join()
    .unwrap_or_else(|_| panic!("the query failed"))
}
