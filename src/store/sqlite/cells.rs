//! Between esc's shared row mapping and SQLite's values: binding a cell,
//! and reading a selected row column by column.

use anyhow::Result;
use rusqlite::Row;
use rusqlite::types::Value;

use crate::store::record::{self, Cell, Columns};
use crate::ticket::Ticket;

/// A value of the shared mapping as SQLite binds it.
pub(super) fn value(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Int(n) => Value::Integer(n),
        Cell::Text(s) => Value::Text(s),
        Cell::Flag(b) => Value::Integer(b.into()),
    }
}

/// Reads a row's columns in the order they were selected.
pub(super) struct Cols<'r, 's> {
    row: &'r Row<'s>,
    at: usize,
}

impl<'r, 's> Cols<'r, 's> {
    pub(super) fn new(row: &'r Row<'s>) -> Self {
        Cols { row, at: 0 }
    }

    pub(super) fn get<T: rusqlite::types::FromSql>(&mut self) -> rusqlite::Result<T> {
        self.at += 1;
        self.row.get(self.at - 1)
    }
}

impl Columns for Cols<'_, '_> {
    fn int(&mut self) -> Result<Option<i64>> {
        Ok(self.get()?)
    }

    fn text(&mut self) -> Result<Option<String>> {
        Ok(self.get()?)
    }

    fn position(&self) -> usize {
        self.at.saturating_sub(1)
    }

    fn text_with<T>(&mut self, read: impl FnOnce(Option<&str>) -> T) -> Result<T> {
        self.at += 1;
        Ok(read(self.row.get_ref(self.at - 1)?.as_str_or_null()?))
    }
}

/// One of the shared readers as a rusqlite row mapper.
pub(super) fn mapped<T>(
    read: impl Fn(&mut Cols) -> Result<T>,
) -> impl Fn(&Row) -> rusqlite::Result<T> {
    move |row| {
        let mut c = Cols::new(row);
        read(&mut c).map_err(|e| {
            // A damaged value keeps its type through rusqlite's error, so
            // that the command can say which ticket and column it is.
            let cause: Box<dyn std::error::Error + Send + Sync> =
                match e.downcast::<crate::store::Damaged>() {
                    Ok(damaged) => Box::new(damaged),
                    Err(e) => e.into(),
                };
            rusqlite::Error::FromSqlConversionFailure(
                c.position(),
                rusqlite::types::Type::Null,
                cause,
            )
        })
    }
}

/// A ticket from a row of [`TICKET_COLUMNS`], in that order.
pub(super) fn ticket_from_row(row: &Row) -> rusqlite::Result<Ticket> {
    mapped(|c| record::ticket(c))(row)
}
