//! `ddb seed`: one conversation between two users, written as the app stores it.

use std::time::Instant;

use anyhow::{bail, Result};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::scan::ItemPrinter;
use crate::cli::SeedArgs;
use crate::context::Context;
use crate::conversation::{self, Conversation, Speaker};
use crate::model::{self, Item, MessageRow, User};
use crate::output::{self, Report};
use crate::table::{write, Table};
use crate::users;

/// A conversation turned into the rows a seed writes, checked and looked up, nothing written yet.
pub struct PreparedSeed {
    source: String,
    pub group: Uuid,
    rows: Vec<Item>,
}

/// Everything that can be wrong with a seed is found here, before anything is written.
pub async fn prepare(ctx: &Context, args: &SeedArgs) -> Result<PreparedSeed> {
    let conversation = conversation::load(&args.conversation)?;
    let end = match args.end {
        Some(end) if end > Utc::now() => bail!(
            "--end {} is in the future; a seeded message must not be",
            model::format_time(end)
        ),
        Some(end) => end,
        None => Utc::now(),
    };
    let group = args.group.unwrap_or(conversation.default_group);
    if args.my_handle == args.other_handle {
        bail!(
            "--my-handle and --other-handle are both {}: a conversation needs two users",
            args.my_handle
        );
    }
    let [me, other] = users::look_up(ctx, [&args.my_handle, &args.other_handle]).await?;
    let rows = conversation_rows(
        &conversation,
        group,
        &me,
        &other,
        model::truncate_to_micros(end),
    );
    Ok(PreparedSeed {
        source: conversation.source,
        group,
        rows,
    })
}

impl PreparedSeed {
    /// `--dry-run`: the rows, as `ddb scan` prints items.
    pub fn print(&self, ctx: &Context) -> Result<()> {
        let mut printer = ItemPrinter::new(ctx.output);
        for row in &self.rows {
            printer.print(row)?;
        }
        printer.flush()
    }

    /// `--dry-run` in prd: the writes the seed needs, and how long the table's provisioned
    /// capacity takes for them (burst capacity it saved may make it quicker).
    pub async fn note_capacity(&self, ctx: &Context) -> Result<()> {
        let units: u64 = self.rows.iter().map(model::write_units).sum();
        let description = super::table::describe(ctx, &ctx.dynamodb().await, &ctx.table).await?;
        let throughput = description
            .as_ref()
            .and_then(|d| d.provisioned_throughput());
        let on_demand = description
            .as_ref()
            .and_then(|d| d.billing_mode_summary())
            .and_then(|b| b.billing_mode())
            .is_some_and(|mode| mode.as_str() == "PAY_PER_REQUEST");
        let rows = self.rows.len();
        let note = match throughput.and_then(|t| t.write_capacity_units()) {
            None if description.is_none() => format!(
                "the seed needs {units} write units for {rows} rows; table {} does not exist yet",
                ctx.table
            ),
            Some(wcu) if wcu > 0 && !on_demand => format!(
                "the seed needs {units} write units for {rows} rows; table {} is provisioned at {wcu} write units/s: about {} at that rate (less with saved burst capacity)",
                ctx.table,
                output::duration_for_people(units as f64 / wcu as f64)
            ),
            _ => format!(
                "the seed needs {units} write units for {rows} rows; table {} is on-demand: no provisioned capacity to wait for",
                ctx.table
            ),
        };
        output::note(note);
        Ok(())
    }

    /// The keys of the rows its message group has already (an earlier seed, or one cut off).
    pub async fn existing_rows(&self, ctx: &Context) -> Result<Vec<Item>> {
        Table::open(ctx).await.group_keys(self.group).await
    }

    /// Writes the rows. `existing` (from `existing_rows`) must be empty unless `replace`, which
    /// deletes those rows first.
    pub async fn write(self, ctx: &Context, existing: Vec<Item>, replace: bool) -> Result<Report> {
        let PreparedSeed {
            source,
            group,
            rows,
        } = self;
        let table = Table::open(ctx).await;
        let started = Instant::now();
        if !existing.is_empty() && !replace {
            bail!(
                "message group {group} already has {} rows (seeded before?): pass --replace to delete them and seed again",
                existing.len()
            );
        }
        let replaced = existing.len();
        let rerun = "run the same seed with --replace to complete it";
        if replaced > 0 {
            let deletes = existing
                .into_iter()
                .map(write::delete)
                .collect::<Result<Vec<_>>>()?;
            table
                .write_all(deletes, &indicatif::ProgressBar::hidden())
                .await
                .map_err(|stopped| {
                    stopped
                        .into_error(replaced, rerun)
                        .context(format!("deleting the earlier rows of group {group}"))
                })?;
        }
        let total = rows.len();
        let puts = rows
            .into_iter()
            .map(write::put)
            .collect::<Result<Vec<_>>>()?;
        let progress = output::progress_bar(total as u64);
        let written = table
            .write_all(puts, &progress)
            .await
            .map_err(|stopped| stopped.into_error(total, rerun))?;
        progress.finish_and_clear();
        let seconds = started.elapsed().as_secs_f64();
        let rate = written as f64 / seconds.max(1e-9);
        let replacing = if replaced > 0 {
            format!(", replacing {replaced}")
        } else {
            String::new()
        };
        Ok(Report::new(format!("seeded {source} into message group {group}: {written} rows in {seconds:.2} s ({rate:.0} rows/s){replacing}"),
            json!({
                "message_group_uuid": group.to_string(),
                "conversation": source,
                "rows": written,
                "replaced": replaced,
                "seconds": seconds,
                "rows_per_second": rate,
            }),
        ))
    }
}

/// `bootstrap`'s step: the default conversation between the first two seed users, unless it is there.
pub async fn seed_default_conversation(ctx: &Context) -> Result<String> {
    let args = SeedArgs {
        conversation: conversation::DEFAULT.to_string(),
        my_handle: conversation::PERSON_1_HANDLE.to_string(),
        other_handle: conversation::PERSON_2_HANDLE.to_string(),
        group: None,
        replace: false,
        end: None,
        dry_run: false,
    };
    let seed = prepare(ctx, &args).await?;
    let existing = seed.existing_rows(ctx).await?;
    if !existing.is_empty() {
        return Ok(format!(
            "{} is in message group {} ({} rows): nothing to do",
            seed.source,
            seed.group,
            existing.len()
        ));
    }
    Ok(seed.write(ctx, existing, false).await?.sentence)
}

/// Message i is a minute after message i-1 and the last is at `end`; the two group rows (written
/// last, so a cut-off seed does not show up in conversation lists) carry the last message.
fn conversation_rows(
    conversation: &Conversation,
    group: Uuid,
    me: &User,
    other: &User,
    end: DateTime<Utc>,
) -> Vec<Item> {
    let count = conversation.messages.len();
    let mut rows: Vec<Item> = conversation
        .messages
        .iter()
        .enumerate()
        .map(|(i, message)| {
            MessageRow {
                message_group_uuid: group,
                message_uuid: Uuid::new_v4(),
                created_at: end - Duration::minutes((count - 1 - i) as i64),
                message: message.text.clone(),
                sender: match message.speaker {
                    Speaker::Person1 => me.clone(),
                    Speaker::Person2 => other.clone(),
                },
            }
            .to_item()
        })
        .collect();
    let last = conversation
        .messages
        .last()
        .map(|m| m.text.as_str())
        .unwrap_or_default();
    rows.extend(
        model::group_rows_for(group, me, other, end, last)
            .iter()
            .map(|row| row.to_item()),
    );
    rows
}
