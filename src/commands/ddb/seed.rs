//! `ddb seed`: one conversation between two users, written as the app stores it.

use std::time::Instant;

use anyhow::{anyhow, bail, Result};
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::scan::ItemPrinter;
use crate::aws_error;
use crate::batch;
use crate::cli::SeedArgs;
use crate::context::Context;
use crate::conversation::{self, Conversation, Speaker};
use crate::model::{self, Item, MessageRow, User, GROUP_INDEX};
use crate::output::{self, Report};
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

    /// The keys of the rows its message group has already (an earlier seed, or one cut off).
    pub async fn existing_rows(&self, ctx: &Context) -> Result<Vec<Item>> {
        group_keys(ctx, &ctx.dynamodb().await, self.group).await
    }

    /// Writes the rows. `existing` (from `existing_rows`) must be empty unless `replace`, which
    /// deletes those rows first.
    pub async fn write(self, ctx: &Context, existing: Vec<Item>, replace: bool) -> Result<Report> {
        let PreparedSeed {
            source,
            group,
            rows,
        } = self;
        let client = ctx.dynamodb().await;
        let started = Instant::now();
        if !existing.is_empty() && !replace {
            bail!(
                "message group {group} already has {} rows (seeded before?): pass --replace to delete them and seed again",
                existing.len()
            );
        }
        let replaced = existing.len();
        if replaced > 0 {
            let deletes = existing
                .into_iter()
                .map(batch::delete)
                .collect::<Result<Vec<_>>>()?;
            batch::write_all(ctx, &client, deletes, &indicatif::ProgressBar::hidden())
                .await
                .map_err(|stopped| {
                    stopped
                        .error
                        .context(format!("deleting the earlier rows of group {group}"))
                })?;
        }
        let total = rows.len();
        let puts = rows
            .into_iter()
            .map(batch::put)
            .collect::<Result<Vec<_>>>()?;
        let progress = output::progress_bar(total as u64);
        let written = batch::write_all(ctx, &client, puts, &progress).await.map_err(|stopped| {
            anyhow!(
                "{:#} ({} of {total} rows were written: run the same seed with --replace to complete it)",
                stopped.error,
                stopped.written
            )
        })?;
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

/// The keys of every row of a message group: its messages and its group rows.
async fn group_keys(ctx: &Context, client: &Client, group: Uuid) -> Result<Vec<Item>> {
    let messages = client
        .query()
        .table_name(&ctx.table)
        .key_condition_expression("pk = :pk")
        .expression_attribute_values(":pk", AttributeValue::S(model::message_pk(group)));
    let group_rows = client
        .query()
        .table_name(&ctx.table)
        .index_name(GROUP_INDEX)
        .key_condition_expression("message_group_uuid = :group")
        .expression_attribute_values(":group", AttributeValue::S(group.to_string()));
    let mut keys = Vec::new();
    for query in [messages, group_rows] {
        let items: Vec<Item> = query
            .projection_expression("pk, sk")
            .into_paginator()
            .items()
            .send()
            .collect::<Result<_, _>>()
            .await
            .map_err(|e| aws_error::explain_for_table(e, ctx))?;
        keys.extend(items);
    }
    Ok(keys)
}
