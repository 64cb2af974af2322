//! `cruddur patterns ...`: the app's access patterns on the messages table, queried and written with
//! the keys, conditions and JSON shapes of its Python backend, so that the app can be checked
//! against the data.
//!
//! - A `get-conversation`: `pk = MSG#<group>`, newest first, printed oldest first.
//! - B `list-conversations`: `pk = GRP#<user>`, newest first.
//! - C `send`: one message row; in the app, the stream handler then moves the group rows.
//! - D `start`: a new group: both group rows and the first message, in one transaction.

use anyhow::{anyhow, bail, Result};
use aws_sdk_dynamodb::types::{AttributeValue, Put, ReturnConsumedCapacity, TransactWriteItem};
use chrono::{DateTime, Datelike, Local, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::aws_error;
use crate::cli::{OutputFormat, PatternsCommand, QueryWindow};
use crate::context::Context;
use crate::model::{self, Item, MessageGroupRow, MessageRow, User};
use crate::output;
use crate::users;

/// The app reads a page of 20 messages or conversations.
const APP_PAGE: i32 = 20;

/// Every write creates its rows: a row already at that key is an error, never overwritten.
const NEW_ROW: &str = "attribute_not_exists(pk)";

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
    }
}

/// Pattern A.
async fn get_conversation(ctx: &Context, group: Uuid, window: &QueryWindow) -> Result<()> {
    let range = SkRange::of(window, Utc::now().year())?;
    let client = ctx.dynamodb().await;
    let pk = model::message_pk(group);
    let found = KeyQuery::partition_in(pk.clone(), &range, window)
        .run(ctx, &client)
        .await?;
    let mut messages: Vec<MessageRow> = found.rows(MessageRow::from_item)?;
    if messages.is_empty() {
        let newest = KeyQuery::newest_of_partition(pk).run(ctx, &client).await?;
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
    let [user] = users_by_handles(ctx, [handle]).await?;
    let client = ctx.dynamodb().await;
    let found = KeyQuery::partition_in(model::group_pk(user.uuid), &range, window)
        .run(ctx, &client)
        .await?;
    let groups: Vec<MessageGroupRow> = found.rows(MessageGroupRow::from_item)?;
    if groups.is_empty() {
        output::note(format!(
            "{handle} has no conversations with a message {}; `{}` starts one",
            range.describe(),
            ctx.command("patterns start")
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
    let [sender] = users_by_handles(ctx, [from]).await?;
    let client = ctx.dynamodb().await;
    let found = KeyQuery::group_rows(group).run(ctx, &client).await?;
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
    client
        .put_item()
        .table_name(&ctx.table)
        .set_item(Some(message.to_item()))
        .condition_expression(NEW_ROW)
        .send()
        .await
        .map_err(|e| aws_error::explain_for_table(e, ctx))?;
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
    let [sender, recipient] = users_by_handles(ctx, [from, to]).await?;
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
    ctx.dynamodb()
        .await
        .transact_write_items()
        .set_transact_items(Some(puts))
        .send()
        .await
        .map_err(|e| aws_error::explain_for_table(e, ctx))?;
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

/// The users with these handles, in that order; an unknown handle names the ones there are.
async fn users_by_handles<const N: usize>(ctx: &Context, handles: [&str; N]) -> Result<[User; N]> {
    let pg = ctx.postgres()?;
    let client = pg.connect().await?;
    let users = users::by_handles(&pg, &client, &handles).await?;
    users
        .try_into()
        .map_err(|found: Vec<User>| anyhow!("asked for {N} users, found {}", found.len()))
}

fn unknown_group(ctx: &Context, group: Uuid) -> anyhow::Error {
    anyhow!(
        "conversation {group} is not in table {}: `{}` shows a user's conversations",
        ctx.table,
        ctx.command("patterns list-conversations --handle HANDLE")
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

/// The sk half of a reading pattern's key condition, from `--year/--since/--until`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SkRange {
    Year(i32),
    Since(String),
    Until(String),
    Between(String, String),
}

impl SkRange {
    fn of(window: &QueryWindow, this_year: i32) -> Result<Self> {
        let since = window.since.map(|t| t.first_sk());
        let until = window.until.map(|t| t.last_sk());
        Ok(match (since, until) {
            (None, None) => SkRange::Year(window.year.unwrap_or(this_year)),
            (Some(since), None) => SkRange::Since(since),
            (None, Some(until)) => SkRange::Until(until),
            (Some(since), Some(until)) if since > until => {
                bail!("--since {since} is after --until {until}: swap them")
            }
            (Some(since), Some(until)) => SkRange::Between(since, until),
        })
    }

    /// The condition on sk, and the values it names.
    fn condition(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            SkRange::Year(year) => (
                "begins_with(sk, :year)",
                vec![(":year", model::year_sk_prefix(*year))],
            ),
            SkRange::Since(since) => ("sk >= :since", vec![(":since", since.clone())]),
            SkRange::Until(until) => ("sk <= :until", vec![(":until", until.clone())]),
            SkRange::Between(since, until) => (
                "sk BETWEEN :since AND :until",
                vec![(":since", since.clone()), (":until", until.clone())],
            ),
        }
    }

    /// For notes: "in 2026", "since 2026-05-01T00:00:00.000000+00:00"...
    fn describe(&self) -> String {
        match self {
            SkRange::Year(year) => format!("in {year}"),
            SkRange::Since(since) => format!("since {since}"),
            SkRange::Until(until) => format!("until {until}"),
            SkRange::Between(since, until) => format!("between {since} and {until}"),
        }
    }
}

/// One Query on the table or its index, newest first.
struct KeyQuery {
    index: Option<&'static str>,
    condition: String,
    values: Vec<(&'static str, String)>,
    /// DynamoDB's `Limit`: rows per request.
    page_size: Option<i32>,
    every_page: bool,
    report_consumed: bool,
}

struct QueryResult {
    items: Vec<Item>,
    capacity_units: f64,
    requests: usize,
}

impl QueryResult {
    /// The items as rows of the table's contract; the first that does not fit is the error.
    fn rows<T>(&self, parse: impl Fn(&Item) -> Result<T>) -> Result<Vec<T>> {
        self.items.iter().map(parse).collect()
    }
}

impl KeyQuery {
    /// The rows of partition `pk` in the sk range, paged as the flags ask.
    fn partition_in(pk: String, range: &SkRange, window: &QueryWindow) -> Self {
        let (sk_condition, mut values) = range.condition();
        values.push((":pk", pk));
        KeyQuery {
            index: None,
            condition: format!("pk = :pk AND {sk_condition}"),
            values,
            page_size: window
                .limit
                .or(if window.all { None } else { Some(APP_PAGE) }),
            every_page: window.all,
            report_consumed: window.consumed,
        }
    }

    /// The newest row of partition `pk`, at any time.
    fn newest_of_partition(pk: String) -> Self {
        KeyQuery {
            index: None,
            condition: "pk = :pk".into(),
            values: vec![(":pk", pk)],
            page_size: Some(1),
            every_page: false,
            report_consumed: false,
        }
    }

    /// Every group row of a conversation, from the index that holds only group rows.
    fn group_rows(group: Uuid) -> Self {
        KeyQuery {
            index: Some(model::GROUP_INDEX),
            condition: "message_group_uuid = :group".into(),
            values: vec![(":group", group.to_string())],
            page_size: None,
            every_page: true,
            report_consumed: false,
        }
    }

    /// For --verbose: the query as the AWS console or the backend's code would spell it.
    fn describe(&self, table: &str) -> String {
        let on = self
            .index
            .map_or(table.to_string(), |index| format!("{table} index {index}"));
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let limit = self
            .page_size
            .map_or("no Limit".to_string(), |n| format!("Limit {n}"));
        let pages = if self.every_page {
            "every page"
        } else {
            "one page"
        };
        format!(
            "query {on}: {} ({}), newest first, {limit}, {pages}",
            self.condition,
            values.join(", ")
        )
    }

    async fn run(&self, ctx: &Context, client: &aws_sdk_dynamodb::Client) -> Result<QueryResult> {
        if ctx.verbose {
            output::note(self.describe(&ctx.table));
        }
        let values = self
            .values
            .iter()
            .map(|(name, value)| (name.to_string(), AttributeValue::S(value.clone())));
        let query = client
            .query()
            .table_name(&ctx.table)
            .set_index_name(self.index.map(str::to_string))
            .key_condition_expression(&self.condition)
            .set_expression_attribute_values(Some(values.collect()))
            .scan_index_forward(false)
            .set_limit(self.page_size)
            .return_consumed_capacity(if self.report_consumed {
                ReturnConsumedCapacity::Total
            } else {
                ReturnConsumedCapacity::None
            });
        let mut result = QueryResult {
            items: Vec::new(),
            capacity_units: 0.0,
            requests: 0,
        };
        let mut absorb = |page: aws_sdk_dynamodb::operation::query::QueryOutput| {
            result.requests += 1;
            result.capacity_units += page
                .consumed_capacity()
                .and_then(|c| c.capacity_units())
                .unwrap_or(0.0);
            result.items.extend(page.items.unwrap_or_default());
        };
        if self.every_page {
            let mut pages = query.into_paginator().send();
            while let Some(page) = pages.next().await {
                absorb(page.map_err(|e| aws_error::explain_for_table(e, ctx))?);
            }
        } else {
            absorb(
                query
                    .send()
                    .await
                    .map_err(|e| aws_error::explain_for_table(e, ctx))?,
            );
        }
        if self.report_consumed {
            output::note(format!(
                "consumed capacity: {} read units in {} request(s) on table {}",
                result.capacity_units, result.requests, ctx.table
            ));
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeArg;

    fn window(year: Option<i32>, since: Option<&str>, until: Option<&str>) -> QueryWindow {
        let time = |t: Option<&str>| t.map(|t| TimeArg::parse(t).unwrap());
        QueryWindow {
            year,
            since: time(since),
            until: time(until),
            limit: None,
            all: false,
            consumed: false,
        }
    }

    #[test]
    fn the_default_window_is_this_year_as_the_app_queries() {
        let range = SkRange::of(&window(None, None, None), 2026).unwrap();
        assert_eq!(range, SkRange::Year(2026));
        assert_eq!(
            range.condition(),
            (
                "begins_with(sk, :year)",
                vec![(":year", "2026-".to_string())]
            )
        );
        assert_eq!(
            SkRange::of(&window(Some(2024), None, None), 2026).unwrap(),
            SkRange::Year(2024)
        );
    }

    #[test]
    fn since_and_until_bound_sk_on_either_side() {
        let since = SkRange::of(&window(None, Some("2026-05-01"), None), 2026).unwrap();
        assert_eq!(since.condition().0, "sk >= :since");
        let until = SkRange::of(&window(None, None, Some("2026-05-01")), 2026).unwrap();
        assert_eq!(
            until.condition().1,
            vec![(":until", "2026-05-01T23:59:59.999999+00:00".to_string())]
        );
        let both =
            SkRange::of(&window(None, Some("2026-05-01"), Some("2026-05-01")), 2026).unwrap();
        assert_eq!(both.condition().0, "sk BETWEEN :since AND :until");
        assert!(both
            .describe()
            .starts_with("between 2026-05-01T00:00:00.000000+00:00"));
    }

    #[test]
    fn since_after_until_is_refused() {
        let err =
            SkRange::of(&window(None, Some("2026-05-02"), Some("2026-05-01")), 2026).unwrap_err();
        assert!(err.to_string().contains("is after --until"), "{err}");
    }

    #[test]
    fn the_app_page_is_read_unless_every_page_is_asked_for() {
        let range = SkRange::Year(2026);
        let mut flags = window(None, None, None);
        assert_eq!(
            KeyQuery::partition_in("MSG#x".into(), &range, &flags).page_size,
            Some(APP_PAGE)
        );
        flags.all = true;
        assert_eq!(
            KeyQuery::partition_in("MSG#x".into(), &range, &flags).page_size,
            None
        );
        flags.limit = Some(7);
        let query = KeyQuery::partition_in("MSG#x".into(), &range, &flags);
        assert_eq!((query.page_size, query.every_page), (Some(7), true));
        assert_eq!(
            query.describe("t"),
            "query t: pk = :pk AND begins_with(sk, :year) (:year=2026-, :pk=MSG#x), newest first, Limit 7, every page"
        );
    }
}
