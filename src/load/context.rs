//! Collecting problems for one file, each located by its field path.

use crate::error::{Position, Problem};

use super::yaml::Locate;

/// One file being validated: every `err` lands in the shared list with its position.
pub struct FileCheck<'a> {
    pub file: &'a str,
    pub positions: &'a dyn Locate,
    pub problems: &'a mut Vec<Problem>,
}

impl FileCheck<'_> {
    pub fn err(&mut self, field: &str, message: impl Into<String>) {
        let position = self.positions.find(field);
        self.problems
            .push(Problem::new(self.file, field, message).at(position));
    }

    /// An error about `field`, located at `near` when `field` is absent from the file
    /// (a missing `years` is best shown at `opened`, the reason it is needed).
    pub fn err_near(&mut self, field: &str, near: &str, message: impl Into<String>) {
        let position = self
            .positions
            .find(field)
            .or_else(|| self.positions.find(near));
        self.problems
            .push(Problem::new(self.file, field, message).at(position));
    }

    /// An error inside a string value, `offset` characters into it (formulas).
    pub fn err_in_value(&mut self, field: &str, offset: usize, message: impl Into<String>) {
        let position = self.positions.find(field).map(|p| Position {
            line: p.line,
            column: p.column + offset + usize::from(self.positions.is_quoted(field)),
        });
        self.problems
            .push(Problem::new(self.file, field, message).at(position));
    }
}

/// Formats a number as the user wrote it (no trailing `.0` on integers).
pub fn num(x: f64) -> String {
    format!("{x}")
}
