//! PostgreSQL for the tests of the server's PostgreSQL backend: a fresh database per test in
//! the throwaway cluster that `scripts/test.sh` starts (`scripts/pg-test-cluster.sh`), whose
//! address it exports as `FRONTDESK_TEST_PG`.

use uuid::Uuid;

/// The test cluster's address; a test without one fails, saying how to get one.
pub fn cluster() -> String {
    std::env::var("FRONTDESK_TEST_PG").unwrap_or_else(|_| {
        panic!(
            "FRONTDESK_TEST_PG is not set: run the tests with scripts/test.sh, which starts a \
             throwaway PostgreSQL, or `source scripts/pg-test-cluster.sh && pg_test_cluster_start`"
        )
    })
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
