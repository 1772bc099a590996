//! A connection that prepares each statement once: the first call of a SQL text parses and
//! plans it, later calls (in or out of a transaction) only bind and execute — one round
//! trip instead of two, and no planning, for the few dozen statements this backend runs.
//! Named statements outlive transactions, rolled back ones included; a connection made
//! again starts with none.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement, Transaction};

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

/// What the queries of this backend run on: a connection or one of its transactions.
pub trait Sql {
    fn prepared(&mut self, sql: &str) -> Result<Statement, postgres::Error>;
    fn run_query(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<Vec<Row>, postgres::Error>;
    fn run_execute(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<u64, postgres::Error>;

    fn query(&mut self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, postgres::Error> {
        let statement = self.prepared(sql)?;
        self.run_query(&statement, params)
    }

    fn query_opt(&mut self, sql: &str, params: Params<'_>) -> Result<Option<Row>, postgres::Error> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    fn execute(&mut self, sql: &str, params: Params<'_>) -> Result<u64, postgres::Error> {
        let statement = self.prepared(sql)?;
        self.run_execute(&statement, params)
    }
}

/// A connection and the statements it prepared.
pub struct Connection {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Connection {
    pub fn new(client: Client) -> Connection {
        Connection {
            client,
            statements: HashMap::new(),
        }
    }

    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    pub fn transaction(&mut self) -> Result<Tx<'_>, postgres::Error> {
        Ok(Tx {
            tx: self.client.transaction()?,
            statements: &mut self.statements,
        })
    }
}

fn prepare_into(
    statements: &mut HashMap<String, Statement>,
    sql: &str,
    prepare: impl FnOnce(&str) -> Result<Statement, postgres::Error>,
) -> Result<Statement, postgres::Error> {
    if let Some(statement) = statements.get(sql) {
        return Ok(statement.clone());
    }
    let statement = prepare(sql)?;
    statements.insert(sql.to_owned(), statement.clone());
    Ok(statement)
}

impl Sql for Connection {
    fn prepared(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        let client = &mut self.client;
        prepare_into(&mut self.statements, sql, |sql| client.prepare(sql))
    }
    fn run_query(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<Vec<Row>, postgres::Error> {
        self.client.query(statement, params)
    }
    fn run_execute(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<u64, postgres::Error> {
        self.client.execute(statement, params)
    }
}

/// A transaction of a [`Connection`], using (and adding to) its statements.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    statements: &'a mut HashMap<String, Statement>,
}

impl Tx<'_> {
    pub fn commit(self) -> Result<(), postgres::Error> {
        self.tx.commit()
    }
}

impl Sql for Tx<'_> {
    fn prepared(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        let tx = &mut self.tx;
        prepare_into(self.statements, sql, |sql| tx.prepare(sql))
    }
    fn run_query(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<Vec<Row>, postgres::Error> {
        self.tx.query(statement, params)
    }
    fn run_execute(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<u64, postgres::Error> {
        self.tx.execute(statement, params)
    }
}

/// A bare client or transaction (start-up, the listener, the one-off import of `migrate`):
/// statements prepared at each call.
impl<C: GenericClient> Sql for C {
    fn prepared(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        self.prepare(sql)
    }
    fn run_query(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<Vec<Row>, postgres::Error> {
        GenericClient::query(self, statement, params)
    }
    fn run_execute(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<u64, postgres::Error> {
        GenericClient::execute(self, statement, params)
    }
}
