//! Printing for people (tables, on a terminal with borders and cut to its width) and for scripts (JSON).

use std::io::{IsTerminal, Write};

use anyhow::{bail, Result};
use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table};
use serde_json::Value;

use crate::cli::OutputFormat;
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
    table.set_header(headers.iter().map(Cell::new));
    table
}

/// Columns never cut on a narrow terminal (times, ids to copy): the other columns give way.
pub fn keep_whole(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
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
        .with_prompt(format!(
            "This will {action} in PRODUCTION. Type {expected} to confirm"
        ))
        .allow_empty(true)
        .interact_text()?;
    if typed.trim() != expected {
        bail!("not confirmed: {action} cancelled");
    }
    Ok(())
}

/// What a command did: a sentence for people, a JSON object for scripts. A set-up step that finds
/// its work done says so in the sentence.
pub struct Report {
    pub sentence: String,
    pub json: Value,
}

impl Report {
    pub fn new(sentence: impl Into<String>, json: Value) -> Self {
        Report {
            sentence: sentence.into(),
            json,
        }
    }

    /// On stdout: the sentence, or the JSON object.
    pub fn print(&self, ctx: &Context) -> Result<()> {
        match ctx.output {
            OutputFormat::Table => {
                writeln!(std::io::stdout().lock(), "{}", self.sentence)?;
                Ok(())
            }
            OutputFormat::Json => print_json(&self.json),
        }
    }
}

/// A spinner on stderr while waiting; hidden when stderr is not a terminal.
pub fn spinner(message: impl Into<std::borrow::Cow<'static, str>>) -> indicatif::ProgressBar {
    let spinner = indicatif::ProgressBar::new_spinner().with_message(message);
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    spinner
}

/// "45 s", "3 min 20 s", "2 h 5 min": a rough duration for notes.
pub fn duration_for_people(seconds: f64) -> String {
    let seconds = seconds.ceil() as u64;
    match seconds {
        0..=59 => format!("{seconds} s"),
        60..=3599 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

/// A progress bar of `total` items on stderr; hidden when stderr is not a terminal.
pub fn progress_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} rows ({per_sec}, {eta} left) {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A set-up command's steps: each shown on stderr as it finishes, all listed on stdout at the end.
#[derive(Default)]
pub struct Steps {
    done: Vec<(&'static str, String)>,
}

impl Steps {
    pub fn record(&mut self, step: &'static str, result: impl Into<String>) {
        let result = result.into();
        note(format!("{step}: {result}"));
        self.done.push((step, result));
    }

    pub fn print(&self, ctx: &Context) -> Result<()> {
        match ctx.output {
            OutputFormat::Json => print_json(&Value::Array(
                self.done
                    .iter()
                    .map(|(step, result)| serde_json::json!({"step": step, "result": result}))
                    .collect(),
            )),
            OutputFormat::Table => {
                let mut table = table(&["step", "result"]);
                for (step, result) in &self.done {
                    add_row(&mut table, [step.to_string(), result.clone()]);
                }
                print_table(&table)
            }
        }
    }
}
