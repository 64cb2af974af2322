//! Printing for people (tables, on a terminal with borders and cut to its width) and for scripts (JSON).

use std::io::{IsTerminal, Write};

use anyhow::{bail, Result};
use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde_json::Value;

use crate::context::Context;

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// A table that fits the terminal: each row one line, long cells cut with an ellipsis.
/// Piped, it is plain aligned columns with nothing cut.
pub fn table(headers: &[&str]) -> Table {
    let mut table = Table::new();
    if stdout_is_terminal() {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_truncation_indicator("…");
    } else {
        table.load_preset(presets::NOTHING);
    }
    table.set_header(headers.iter().map(|h| Cell::new(h)));
    table
}

pub fn add_row<I, C>(table: &mut Table, cells: I)
where
    I: IntoIterator<Item = C>,
    C: Into<Cell>,
{
    table.add_row(cells);
    if let Some(row) = table.row_mut(table.row_count() - 1) {
        row.max_height(1);
    }
}

pub fn print_table(table: &Table) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{table}")?;
    Ok(())
}

pub fn print_json(value: &Value) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// One compact JSON document a line, for commands that stream rows.
pub fn print_json_line(out: &mut impl Write, value: &Value) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// What a command says it did, on stderr so stdout stays parseable.
pub fn note(message: impl AsRef<str>) {
    eprintln!("{}", message.as_ref());
}

/// The guard on destructive commands: in prd, `--yes`, or typing `expected` on a terminal.
/// dev goes ahead: it only touches local servers.
pub fn confirm_destructive(ctx: &Context, action: &str, expected: &str) -> Result<()> {
    if !ctx.is_prd() || ctx.yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!("refusing to {action} in prd without confirmation: no terminal to ask on, pass --yes to confirm");
    }
    let typed: String = dialoguer::Input::new()
        .with_prompt(format!("This will {action} in PRODUCTION. Type {expected} to confirm"))
        .allow_empty(true)
        .interact_text()?;
    if typed.trim() != expected {
        bail!("not confirmed: {action} cancelled");
    }
    Ok(())
}
