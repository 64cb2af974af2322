//! `cruddur patterns ...`: the app's access patterns on the messages table, queried and written with
//! the keys, conditions and JSON shapes of its Python backend, so that the app can be checked
//! against the data.
//!
//! - A `get-conversation`: `pk = MSG#<group>`, newest first, printed oldest first.
//! - B `list-conversations`: `pk = GRP#<user>`, newest first.
//! - C `send`: one message row; in the app, the stream handler then moves the group rows.
//! - D `start`: a new group: both group rows and the first message, in one transaction.

mod checkpoint;
mod follow_stream;

use anyhow::{anyhow, bail, Result};
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use chrono::{DateTime, Datelike, Local, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::cli::{OutputFormat, PatternsCommand, QueryWindow};
use crate::context::Context;
use crate::model::{self, Item, MessageGroupRow, MessageRow};
use crate::output;
use crate::table::query::{KeyQuery, SkRange};
use crate::table::{Table, TransactionError, NEW_ROW};
use crate::users;

pub async fn run(ctx: &Context, command: PatternsCommand) -> Result<()> {
    match command {
        PatternsCommand::GetConversation { group, window } => {
            get_conversation(ctx, group, &window).await
        }
        PatternsCommand::ListConversations { handle, window } => {
            list_conversations(ctx, &handle, &window).await
        }
        PatternsCommand::Send { group, from, text } => send(ctx, group, &from, &text).await,
        PatternsCommand::Start { from, to, text } => start(ctx, &from, &to, &text).await,
        PatternsCommand::FollowStream(args) => follow_stream::run(ctx, &args).await,
    }
}

/// Pattern A.
async fn get_conversation(ctx: &Context, group: Uuid, window: &QueryWindow) -> Result<()> {
    let range = SkRange::of(window, Utc::now().year())?;
    let table = Table::open(ctx).await;
    let pk = model::message_pk(group);
    let found = KeyQuery::partition_in(pk.clone(), &range, window)
        .run(&table)
        .await?;
    let mut messages: Vec<MessageRow> = found.rows(MessageRow::from_item)?;
    if messages.is_empty() {
        let newest = KeyQuery::newest_of_partition(pk).run(&table).await?;
        let Some(newest) = newest.items.first() else {
            return Err(unknown_group(ctx, group));
        };
        let newest = MessageRow::from_item(newest)?;
        output::note(format!(
            "no messages {}; the newest is from {}: choose another --year, or --since",
            range.describe(),
            format_time_for_people(newest.created_at)
        ));
    }
    // Read newest first to get the latest page; shown oldest first, as the app shows them.
    messages.reverse();
    print_messages(ctx, &messages)
}

/// Pattern B.
async fn list_conversations(ctx: &Context, handle: &str, window: &QueryWindow) -> Result<()> {
    let range = SkRange::of(window, Utc::now().year())?;
    let [user] = users::look_up(ctx, [handle]).await?;
    let table = Table::open(ctx).await;
    let found = KeyQuery::partition_in(model::group_pk(user.uuid), &range, window)
        .run(&table)
        .await?;
    let groups: Vec<MessageGroupRow> = found.rows(MessageGroupRow::from_item)?;
    if groups.is_empty() {
        output::note(format!(
            "{handle} has no conversations with a message {}; `{}` starts one",
            range.describe(),
            ctx.table_command("patterns start")
        ));
    }
    match ctx.output {
        OutputFormat::Json => output::print_json(&Value::Array(
            groups.iter().map(|g| g.to_backend_json()).collect(),
        )),
        OutputFormat::Table => {
            let mut table = output::table(&["with", "handle", "last message", "time", "group"]);
            output::keep_whole(&mut table, &[4]);
            for g in &groups {
                output::add_row(
                    &mut table,
                    [
                        g.other.display_name.clone(),
                        g.other.handle.clone(),
                        g.message.clone(),
                        format_time_for_people(g.last_message_at),
                        g.message_group_uuid.to_string(),
                    ],
                );
            }
            output::print_table(&table)
        }
    }
}

/// Pattern C: the message row only, from a member of the group.
async fn send(ctx: &Context, group: Uuid, from: &str, text: &str) -> Result<()> {
    model::validate_message(text)?;
    confirm_write_as(ctx, from)?;
    let [sender] = users::look_up(ctx, [from]).await?;
    let table = Table::open(ctx).await;
    let found = KeyQuery::group_rows(group).run(&table).await?;
    let group_rows: Vec<MessageGroupRow> = found.rows(MessageGroupRow::from_item)?;
    if group_rows.is_empty() {
        return Err(unknown_group(ctx, group));
    }
    // Each group row belongs to one member (its pk) and names the other one.
    let is_member = group_rows
        .iter()
        .any(|row| row.owner_uuid == sender.uuid || row.other.uuid == sender.uuid);
    if !is_member {
        let members: Vec<&str> = group_rows
            .iter()
            .map(|row| row.other.handle.as_str())
            .collect();
        bail!(
            "{from} is not in conversation {group}: its members are {}",
            members.join(" and ")
        );
    }
    let message = MessageRow {
        message_group_uuid: group,
        message_uuid: Uuid::new_v4(),
        created_at: model::truncate_to_micros(Utc::now()),
        message: text.to_string(),
        sender,
    };
    table.put_new(message.to_item()).await?;
    output::note(format!("sent to conversation {group}"));
    match ctx.output {
        OutputFormat::Json => output::print_json(&message.to_backend_json()),
        OutputFormat::Table => print_messages(ctx, &[message]),
    }
}

/// Pattern D: both group rows and the first message, or nothing.
async fn start(ctx: &Context, from: &str, to: &str, text: &str) -> Result<()> {
    model::validate_message(text)?;
    if from == to {
        bail!("--from and --to are both {from}: a conversation is between two users");
    }
    confirm_write_as(ctx, from)?;
    let [sender, recipient] = users::look_up(ctx, [from, to]).await?;
    let group = Uuid::new_v4();
    let now = model::truncate_to_micros(Utc::now());
    let [sender_row, recipient_row] = model::group_rows_for(group, &sender, &recipient, now, text);
    let message = MessageRow {
        message_group_uuid: group,
        message_uuid: Uuid::new_v4(),
        created_at: now,
        message: text.to_string(),
        sender,
    };
    let puts = [
        sender_row.to_item(),
        recipient_row.to_item(),
        message.to_item(),
    ]
    .into_iter()
    .map(|item| new_row_put(ctx, item))
    .collect::<Result<Vec<_>>>()?;
    // The group's uuid is new: as the token, it makes a retry after a lost answer a no-op.
    match Table::open(ctx)
        .await
        .transact(puts, Some(group.to_string()))
        .await
    {
        Ok(()) => {}
        Err(TransactionError::ConditionFailed) => bail!(
            "conversation {group} could not be started: one of its rows already exists in table {}",
            ctx.table
        ),
        Err(TransactionError::Other(e)) => return Err(e),
    }
    output::note(format!(
        "started conversation {group} between {from} and {to}"
    ));
    match ctx.output {
        OutputFormat::Json => {
            output::print_json(&json!({ "message_group_uuid": group.to_string() }))
        }
        OutputFormat::Table => {
            println!("{group}");
            Ok(())
        }
    }
}

/// A message in prd lands in real users' inboxes: asked first, as destructive commands are.
fn confirm_write_as(ctx: &Context, sender: &str) -> Result<()> {
    let action = format!("write a message as {sender} to table {}", ctx.table);
    output::confirm_destructive(ctx, &action, &ctx.table)
}

fn new_row_put(ctx: &Context, item: Item) -> Result<TransactWriteItem> {
    let put = Put::builder()
        .table_name(&ctx.table)
        .set_item(Some(item))
        .condition_expression(NEW_ROW)
        .build()
        .map_err(|e| anyhow!("building the transaction: {e}"))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

fn unknown_group(ctx: &Context, group: Uuid) -> anyhow::Error {
    anyhow!(
        "conversation {group} is not in table {}: `{}` shows a user's conversations",
        ctx.table,
        ctx.table_command("patterns list-conversations --handle HANDLE")
    )
}

fn format_time_for_people(time: DateTime<Utc>) -> String {
    model::display_time(time, &Local)
}

fn print_messages(ctx: &Context, messages: &[MessageRow]) -> Result<()> {
    match ctx.output {
        OutputFormat::Json => output::print_json(&Value::Array(
            messages.iter().map(|m| m.to_backend_json()).collect(),
        )),
        OutputFormat::Table => {
            let mut table = output::table(&["from", "time", "message"]);
            output::keep_whole(&mut table, &[0, 1]);
            for m in messages {
                output::add_row(
                    &mut table,
                    [
                        m.sender.handle.clone(),
                        format_time_for_people(m.created_at),
                        m.message.clone(),
                    ],
                );
            }
            output::print_table(&table)
        }
    }
}
