//! A SQL file cut into its statements, each with the line it starts on, so that a failure can name
//! the statement and its line (as `psql -f` does). Knows what hides a `;` from the cut: quoted
//! strings and identifiers, `E'...'` escapes, dollar quotes (function bodies) and comments.

use std::path::Path;

use anyhow::{Context as _, Result};

/// The text of a SQL file and the name to call it by in messages.
pub struct SqlScript {
    pub name: String,
    pub text: String,
}

impl SqlScript {
    /// `file` when given, else the copy embedded in the binary (named by its path in the repo).
    pub fn file_or_embedded(
        file: Option<&Path>,
        embedded_name: &str,
        embedded_text: &str,
    ) -> Result<SqlScript> {
        match file {
            None => Ok(SqlScript {
                name: embedded_name.to_string(),
                text: embedded_text.to_string(),
            }),
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("cannot read {}: check the --file path", path.display())
                })?;
                Ok(SqlScript {
                    name: path.display().to_string(),
                    text,
                })
            }
        }
    }

    pub fn statements(&self) -> Vec<Statement<'_>> {
        split(&self.text)
    }
}

/// One statement of a script, without its `;`.
#[derive(Debug, PartialEq, Eq)]
pub struct Statement<'a> {
    pub text: &'a str,
    /// 1-based line of the file the statement starts on.
    pub line: usize,
}

impl Statement<'_> {
    /// The file's line of the character at `position` (1-based, in characters, as Postgres reports
    /// error positions) within the statement.
    pub fn line_of(&self, position: usize) -> usize {
        let before: String = self.text.chars().take(position.saturating_sub(1)).collect();
        self.line + before.matches('\n').count()
    }

    /// The statement's first line, for messages.
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or_default().trim()
    }
}

fn split(sql: &str) -> Vec<Statement<'_>> {
    let bytes = sql.as_bytes();
    let mut statements = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let next = match bytes[i] {
            b'-' if bytes.get(i + 1) == Some(&b'-') => skip_line_comment(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_block_comment(bytes, i),
            b';' => {
                if let Some(begin) = start.take() {
                    statements.push(Statement {
                        text: sql[begin..i].trim_end(),
                        line: begin,
                    });
                }
                i + 1
            }
            byte if byte.is_ascii_whitespace() => i + 1,
            byte => {
                start.get_or_insert(i);
                match byte {
                    b'\'' => skip_quoted(bytes, i, b'\'', escapes_backslashes(bytes, i)),
                    b'"' => skip_quoted(bytes, i, b'"', false),
                    b'$' => skip_dollar_quoted(sql, i),
                    _ => i + 1,
                }
            }
        };
        i = next;
    }
    if let Some(begin) = start {
        statements.push(Statement {
            text: sql[begin..].trim_end(),
            line: begin,
        });
    }
    // `line` held the byte offset until here: one pass turns offsets into line numbers.
    let mut line = 1;
    let mut counted_to = 0;
    for statement in &mut statements {
        line += sql[counted_to..statement.line].matches('\n').count();
        counted_to = statement.line;
        statement.line = line;
    }
    statements
}

fn skip_line_comment(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| i + n + 1)
}

/// Postgres block comments nest.
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// `E'...'` strings take backslash escapes; a plain `'...'` does not (standard_conforming_strings).
fn escapes_backslashes(bytes: &[u8], quote: usize) -> bool {
    let prefix = |n: usize| quote.checked_sub(n).map(|at| bytes[at]);
    matches!(prefix(1), Some(b'E' | b'e')) && !prefix(2).is_some_and(is_identifier_byte)
}

/// Past the closing quote; a doubled quote is part of the text and both halves skip as strings.
fn skip_quoted(bytes: &[u8], open: usize, quote: u8, backslash_escapes: bool) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if backslash_escapes => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `$tag$ ... $tag$` (the tag may be empty); a `$` that opens no such quote (`$1`) is one byte.
fn skip_dollar_quoted(sql: &str, open: usize) -> usize {
    let bytes = sql.as_bytes();
    if open > 0 && is_identifier_byte(bytes[open - 1]) {
        return open + 1;
    }
    let tag_len = bytes[open + 1..]
        .iter()
        .take_while(|&&b| is_identifier_byte(b))
        .count();
    let tag_end = open + 1 + tag_len;
    let starts_with_digit = bytes.get(open + 1).is_some_and(u8::is_ascii_digit);
    if bytes.get(tag_end) != Some(&b'$') || starts_with_digit {
        return open + 1;
    }
    let delimiter = &sql[open..=tag_end];
    let body = tag_end + 1;
    sql[body..]
        .find(delimiter)
        .map_or(sql.len(), |n| body + n + delimiter.len())
}

fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sql: &str) -> Vec<(&str, usize)> {
        split(sql).into_iter().map(|s| (s.text, s.line)).collect()
    }

    #[test]
    fn statements_start_on_their_first_token_after_comments() {
        let sql = "-- header; not a statement\nCREATE TABLE a (x int);\n\n/* note; */\nINSERT INTO a\n  VALUES (1);\n";
        assert_eq!(
            texts(sql),
            vec![
                ("CREATE TABLE a (x int)", 2),
                ("INSERT INTO a\n  VALUES (1)", 5)
            ]
        );
    }

    #[test]
    fn semicolons_inside_quotes_and_bodies_do_not_cut() {
        let sql = "SELECT 'a;''b', \"c;d\", E'e\\';f';\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\nSELECT $$x;y$$, $1";
        let cut = texts(sql);
        assert_eq!(cut.len(), 3, "{cut:?}");
        assert_eq!(cut[1].1, 2);
        assert_eq!(cut[2], ("SELECT $$x;y$$, $1", 3));
    }

    #[test]
    fn nested_block_comments_and_a_last_statement_without_semicolon() {
        assert_eq!(
            texts("/* a /* b; */ c; */ SELECT 1;;\nSELECT 2"),
            vec![("SELECT 1", 1), ("SELECT 2", 2)]
        );
        assert!(texts("-- only a comment\n").is_empty());
    }

    #[test]
    fn error_positions_map_to_file_lines() {
        let statements = split("\n\nCREATE TABLE t (\n  x int,\n  y nosuchtype\n);");
        let statement = &statements[0];
        assert_eq!(statement.line, 3);
        let position = statement.text.find("nosuchtype").unwrap() + 1;
        assert_eq!(statement.line_of(position), 5);
        assert_eq!(statement.first_line(), "CREATE TABLE t (");
    }
}
