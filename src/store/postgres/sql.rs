//! A connection or transaction with its prepared statements kept for the
//! process (a tick runs the same few thousands of times, and preparing costs
//! a round trip), values bound as their columns' types, and rows read column
//! by column.

use std::collections::HashMap;
use std::error::Error as StdError;

use anyhow::Result;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{GenericClient, Row, Statement};

use crate::store::record::{Cell, Columns};

/// A parameter, as statements take it.
pub(super) type Param<'a> = &'a (dyn ToSql + Sync);

/// Statements prepared on this connection, by their text.
pub(super) type Prepared = HashMap<String, Statement>;

/// A connection or an open transaction, and the statements prepared on it.
pub(super) struct Sql<'a, C: GenericClient> {
    pub(super) c: &'a mut C,
    pub(super) prepared: &'a mut Prepared,
}

impl<'a, C: GenericClient> Sql<'a, C> {
    pub(super) fn new(c: &'a mut C, prepared: &'a mut Prepared) -> Self {
        Sql { c, prepared }
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.c.prepare(sql)?;
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub(super) fn query(&mut self, sql: &str, params: &[Param]) -> Result<Vec<Row>> {
        let s = self.statement(sql)?;
        Ok(self.c.query(&s, params)?)
    }

    pub(super) fn opt(&mut self, sql: &str, params: &[Param]) -> Result<Option<Row>> {
        let s = self.statement(sql)?;
        Ok(self.c.query_opt(&s, params)?)
    }

    pub(super) fn one(&mut self, sql: &str, params: &[Param]) -> Result<Row> {
        let s = self.statement(sql)?;
        Ok(self.c.query_one(&s, params)?)
    }

    pub(super) fn execute(&mut self, sql: &str, params: &[Param]) -> Result<u64> {
        let s = self.statement(sql)?;
        Ok(self.c.execute(&s, params)?)
    }

    /// Each row of `sql` read by `read`.
    pub(super) fn all<T>(
        &mut self,
        sql: &str,
        params: &[Param],
        read: impl Fn(&mut Cols) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.query(sql, params)?
            .iter()
            .map(|row| read(&mut Cols::new(row)))
            .collect()
    }
}

/// A shared value bound as the column's type: a mismatch is an error of
/// esc's own, never a silent conversion.
impl ToSql for Cell {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Cell::Null => Ok(IsNull::Yes),
            Cell::Int(n) if *ty == Type::INT8 => n.to_sql(ty, out),
            Cell::Text(s) if *ty == Type::TEXT => s.to_sql(ty, out),
            Cell::Flag(b) if *ty == Type::BOOL => b.to_sql(ty, out),
            other => Err(format!("cannot store {other:?} in a column of type {ty}").into()),
        }
    }

    fn accepts(ty: &Type) -> bool {
        [Type::INT8, Type::TEXT, Type::BOOL].contains(ty)
    }

    to_sql_checked!();
}

/// A row's columns in the order they were selected.
pub(super) struct Cols<'r> {
    row: &'r Row,
    at: usize,
}

impl<'r> Cols<'r> {
    pub(super) fn new(row: &'r Row) -> Self {
        Cols { row, at: 0 }
    }

    pub(super) fn get<'b, T: postgres::types::FromSql<'b>>(&mut self) -> Result<T>
    where
        'r: 'b,
    {
        self.at += 1;
        Ok(self.row.try_get(self.at - 1)?)
    }
}

impl Columns for Cols<'_> {
    fn int(&mut self) -> Result<Option<i64>> {
        self.get()
    }

    fn text(&mut self) -> Result<Option<String>> {
        self.get()
    }

    fn position(&self) -> usize {
        self.at.saturating_sub(1)
    }

    fn flag(&mut self) -> Result<bool> {
        self.get()
    }

    fn text_with<T>(&mut self, read: impl FnOnce(Option<&str>) -> T) -> Result<T> {
        Ok(read(self.get::<Option<&str>>()?))
    }
}
