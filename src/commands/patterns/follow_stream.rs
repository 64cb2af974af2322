//! Pattern E without AWS: the app's stream handler, run from the terminal. For each new message row
//! in the table's stream, both group rows of its conversation move to the message's time and text.
//!
//! Unlike the Lambda it stands in for, it reads every record of every batch in order, ignores
//! REMOVE/MODIFY and group rows, never moves a row backwards, moves a row with one transaction
//! (delete + put) so no reader sees it missing, reads every shard (parents before children), and
//! keeps a checkpoint so that a restart neither skips nor repeats work.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem};
use aws_sdk_dynamodbstreams::types::{
    AttributeValue as StreamValue, OperationType, Record, Shard, ShardIteratorType,
};
use serde_json::json;

use super::checkpoint::Checkpoint;
use crate::aws_error;
use crate::cli::{FollowStreamArgs, OutputFormat, StreamStart};
use crate::context::Context;
use crate::interrupt::Graceful;
use crate::model::{self, Item, MessageGroupRow, MessageRow};
use crate::output;
use crate::table::query::KeyQuery;
use crate::table::{Table, TransactionError};

/// How long to wait before polling again when every shard is caught up.
const IDLE_POLL: Duration = Duration::from_secs(1);
/// A conversation's rows moved by someone else at the same moment: read them again, this often.
const MOVE_ATTEMPTS: usize = 3;

pub async fn run(ctx: &Context, args: &FollowStreamArgs) -> Result<()> {
    if ctx.is_prd() {
        output::confirm_destructive(
            ctx,
            "move group rows in prd, where the stream Lambda already does this job",
            &ctx.table,
        )?;
    }
    let mut follower = Follower::new(ctx, args).await?;
    if args.once {
        follower.pass().await?;
    } else {
        output::note(format!(
            "following the stream of table {}; Ctrl-C to stop",
            ctx.table
        ));
        let graceful = Graceful::begin();
        tokio::select! {
            result = follower.follow() => result?,
            _ = graceful.requested() => {}
        }
    }
    output::note(format!(
        "processed {} stream records: {} new messages, {} group rows moved",
        follower.records, follower.messages, follower.moved
    ));
    Ok(())
}

struct Follower<'a> {
    ctx: &'a Context,
    table: Table<'a>,
    streams: aws_sdk_dynamodbstreams::Client,
    stream_arn: String,
    start: StreamStart,
    checkpoint: Checkpoint,
    checkpoint_path: PathBuf,
    /// Open iterators, kept between passes so that `latest` does not skip what came in between.
    iterators: HashMap<String, String>,
    records: usize,
    messages: usize,
    moved: usize,
}

impl<'a> Follower<'a> {
    async fn new(ctx: &'a Context, args: &FollowStreamArgs) -> Result<Follower<'a>> {
        let stream_arn = stream_arn(ctx, &ctx.dynamodb().await).await?;
        let checkpoint_path = ctx
            .state_dir()
            .join(format!("follow-stream-{:?}-{}.json", ctx.env, ctx.table).to_lowercase());
        let checkpoint = match args.from {
            Some(_) => Checkpoint::new(&stream_arn),
            None => Checkpoint::load(&checkpoint_path, &stream_arn)?,
        };
        Ok(Follower {
            ctx,
            table: Table::open(ctx).await,
            streams: ctx.dynamodb_streams().await,
            stream_arn,
            start: args.from.unwrap_or(StreamStart::TrimHorizon),
            checkpoint,
            checkpoint_path,
            iterators: HashMap::new(),
            records: 0,
            messages: 0,
            moved: 0,
        })
    }

    async fn follow(&mut self) -> Result<()> {
        loop {
            if !self.pass().await? {
                tokio::time::sleep(IDLE_POLL).await;
            }
        }
    }

    /// Reads every shard up to where the stream is now; true when there were records.
    async fn pass(&mut self) -> Result<bool> {
        let mut any = false;
        // A child shard may be read only after its parent: list again until nothing is left to read.
        loop {
            let shards = self.shards().await?;
            let ready: Vec<Shard> = shards
                .iter()
                .filter(|shard| {
                    !self
                        .checkpoint
                        .is_finished(shard.shard_id().unwrap_or_default())
                })
                .filter(|shard| {
                    shard.parent_shard_id().is_none_or(|parent| {
                        self.checkpoint.is_finished(parent)
                            || !shards.iter().any(|s| s.shard_id() == Some(parent))
                    })
                })
                .cloned()
                .collect();
            let mut finished_any = false;
            for shard in &ready {
                let (read, finished) = self.drain(shard).await?;
                any |= read;
                finished_any |= finished;
            }
            if !finished_any {
                return Ok(any);
            }
        }
    }

    async fn shards(&self) -> Result<Vec<Shard>> {
        let mut shards = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let out = self
                .table
                .stall_limit
                .call(|| {
                    self.streams
                        .describe_stream()
                        .stream_arn(&self.stream_arn)
                        .set_exclusive_start_shard_id(after.clone())
                        .send()
                })
                .await
                .map_err(|e| {
                    self.table
                        .after_retries(e, |e| aws_error::explain(e, &self.ctx.dynamodb_info()))
                })?;
            let description = out.stream_description.unwrap_or_else(|| {
                aws_sdk_dynamodbstreams::types::StreamDescription::builder().build()
            });
            shards.extend(description.shards().iter().cloned());
            match description.last_evaluated_shard_id() {
                Some(last) => after = Some(last.to_string()),
                None => return Ok(shards),
            }
        }
    }

    /// Reads one shard until it is caught up or closed; (read any records, shard finished).
    async fn drain(&mut self, shard: &Shard) -> Result<(bool, bool)> {
        let shard_id = shard.shard_id().unwrap_or_default().to_string();
        let mut read_any = false;
        let mut iterator = match self.iterators.remove(&shard_id) {
            Some(iterator) => iterator,
            None => self.open_iterator(&shard_id).await?,
        };
        loop {
            let out = self
                .table
                .stall_limit
                .call(|| self.streams.get_records().shard_iterator(&iterator).send())
                .await
                .map_err(|e| {
                    self.table
                        .after_retries(e, |e| aws_error::explain(e, &self.ctx.dynamodb_info()))
                })?;
            let records = out.records();
            for record in records {
                self.handle(record).await?;
            }
            if let Some(last) = records
                .last()
                .and_then(|r| r.dynamodb())
                .and_then(|r| r.sequence_number())
            {
                self.checkpoint.read_up_to(&shard_id, last);
                self.checkpoint.save(&self.checkpoint_path)?;
            }
            read_any |= !records.is_empty();
            match out.next_shard_iterator() {
                None => {
                    self.checkpoint.finish(&shard_id);
                    self.checkpoint.save(&self.checkpoint_path)?;
                    return Ok((read_any, true));
                }
                Some(next) if records.is_empty() => {
                    self.iterators.insert(shard_id, next.to_string());
                    return Ok((read_any, false));
                }
                Some(next) => iterator = next.to_string(),
            }
        }
    }

    async fn open_iterator(&self, shard_id: &str) -> Result<String> {
        let request = self
            .streams
            .get_shard_iterator()
            .stream_arn(&self.stream_arn)
            .shard_id(shard_id);
        let request = match self.checkpoint.position(shard_id) {
            Some(sequence) => request
                .shard_iterator_type(ShardIteratorType::AfterSequenceNumber)
                .sequence_number(sequence),
            None => request.shard_iterator_type(match self.start {
                StreamStart::Latest => ShardIteratorType::Latest,
                StreamStart::TrimHorizon => ShardIteratorType::TrimHorizon,
            }),
        };
        let out = self
            .table
            .stall_limit
            .call(|| request.clone().send())
            .await
            .map_err(|e| {
                if aws_error::is_code(&e, "TrimmedDataAccessException") {
                    anyhow!(
                        "the checkpoint of shard {shard_id} is older than what the stream keeps: \
                     start again with --from trim-horizon (replaying moves nothing twice)"
                    )
                } else {
                    self.table
                        .after_retries(e, |e| aws_error::explain(e, &self.ctx.dynamodb_info()))
                }
            })?;
        out.shard_iterator
            .ok_or_else(|| anyhow!("DynamoDB Streams gave no iterator for shard {shard_id}"))
    }

    /// One stream record: an INSERT of a message row moves its conversation's group rows.
    async fn handle(&mut self, record: &Record) -> Result<()> {
        self.records += 1;
        let Some(message) = inserted_message(record) else {
            return Ok(());
        };
        self.messages += 1;
        for attempt in 1..=MOVE_ATTEMPTS {
            let rows = KeyQuery::group_rows(message.message_group_uuid)
                .run(&self.table)
                .await?
                .rows(MessageGroupRow::from_item)?;
            let mut raced = false;
            for row in &rows {
                let Some(moved) = row.moved_to(&message) else {
                    continue;
                };
                if self.move_row(row, &moved).await? {
                    self.moved += 1;
                    self.print(row, &moved)?;
                } else {
                    raced = true;
                }
            }
            if !raced {
                return Ok(());
            }
            if attempt == MOVE_ATTEMPTS {
                output::note(format!(
                    "warning: the group rows of {} kept changing under us; left them as they are",
                    message.message_group_uuid
                ));
            }
        }
        Ok(())
    }

    /// Replaces the row with its moved copy in one transaction; false when someone else changed it first.
    async fn move_row(&self, row: &MessageGroupRow, moved: &MessageGroupRow) -> Result<bool> {
        let key: Item = row
            .to_item()
            .into_iter()
            .filter(|(name, _)| name == "pk" || name == "sk")
            .collect();
        let delete = Delete::builder()
            .table_name(&self.ctx.table)
            .set_key(Some(key))
            .condition_expression("attribute_exists(pk)")
            .build()?;
        let put = Put::builder()
            .table_name(&self.ctx.table)
            .set_item(Some(moved.to_item()))
            .condition_expression("attribute_not_exists(pk)")
            .build()?;
        let items = vec![
            TransactWriteItem::builder().delete(delete).build(),
            TransactWriteItem::builder().put(put).build(),
        ];
        // No token: a retry after a lost answer finds the row moved, and reads the group again.
        match self.table.transact(items, None).await {
            Ok(()) => Ok(true),
            Err(TransactionError::ConditionFailed) => Ok(false),
            Err(TransactionError::Other(e)) => Err(e),
        }
    }

    fn print(&self, from: &MessageGroupRow, to: &MessageGroupRow) -> Result<()> {
        let pk = model::group_pk(to.owner_uuid);
        let (from_sk, to_sk) = (
            model::format_time(from.last_message_at),
            model::format_time(to.last_message_at),
        );
        let mut out = std::io::stdout().lock();
        match self.ctx.output {
            OutputFormat::Json => output::print_json_line(
                &mut out,
                &json!({
                    "pk": pk,
                    "message_group_uuid": to.message_group_uuid.to_string(),
                    "from_sk": from_sk,
                    "to_sk": to_sk,
                    "message": to.message,
                }),
            )?,
            OutputFormat::Table => writeln!(
                out,
                "moved {pk} (group {}, with {}) {from_sk} -> {to_sk}",
                to.message_group_uuid, to.other.handle
            )?,
        }
        out.flush()?;
        Ok(())
    }
}

async fn stream_arn(ctx: &Context, client: &aws_sdk_dynamodb::Client) -> Result<String> {
    let table = client
        .describe_table()
        .table_name(&ctx.table)
        .send()
        .await
        .map_err(|e| aws_error::explain_for_table(e, ctx))?
        .table;
    let enabled = table
        .as_ref()
        .and_then(|t| t.stream_specification())
        .is_some_and(|s| s.stream_enabled());
    match table.and_then(|t| t.latest_stream_arn) {
        Some(arn) if enabled => Ok(arn),
        _ => bail!(
            "table {} has no stream: turn it on with `{}`",
            ctx.table,
            ctx.table_command("ddb schema-load --stream")
        ),
    }
}

/// The message a record inserts, if it is the INSERT of a message row; anything else is ignored.
fn inserted_message(record: &Record) -> Option<MessageRow> {
    if record.event_name() != Some(&OperationType::Insert) {
        return None;
    }
    let image = record.dynamodb()?.new_image()?;
    let item: Item = image
        .iter()
        .map(|(name, value)| (name.clone(), to_table_value(value)))
        .collect();
    let pk = item.get("pk")?.as_s().ok()?;
    model::group_of_message_pk(pk)?;
    match MessageRow::from_item(&item) {
        Ok(message) => Some(message),
        Err(e) => {
            output::note(format!(
                "warning: skipped a message row that does not fit the contract: {e}"
            ));
            None
        }
    }
}

/// The Streams API has its own copy of DynamoDB's value type.
fn to_table_value(value: &StreamValue) -> AttributeValue {
    match value {
        StreamValue::S(s) => AttributeValue::S(s.clone()),
        StreamValue::N(n) => AttributeValue::N(n.clone()),
        StreamValue::B(b) => AttributeValue::B(b.clone()),
        StreamValue::Bool(b) => AttributeValue::Bool(*b),
        StreamValue::Null(n) => AttributeValue::Null(*n),
        StreamValue::Ss(v) => AttributeValue::Ss(v.clone()),
        StreamValue::Ns(v) => AttributeValue::Ns(v.clone()),
        StreamValue::Bs(v) => AttributeValue::Bs(v.clone()),
        StreamValue::L(v) => AttributeValue::L(v.iter().map(to_table_value).collect()),
        StreamValue::M(m) => AttributeValue::M(
            m.iter()
                .map(|(k, v)| (k.clone(), to_table_value(v)))
                .collect(),
        ),
        _ => AttributeValue::Null(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(event: OperationType, pk: &str) -> Record {
        let image: HashMap<String, StreamValue> = [
            ("pk", pk.to_string()),
            ("sk", "2026-05-01T09:30:00.000000+00:00".to_string()),
            ("message_uuid", uuid::Uuid::from_u128(1).to_string()),
            ("message", "hi".to_string()),
            ("user_uuid", uuid::Uuid::from_u128(2).to_string()),
            ("user_display_name", "Alice".to_string()),
            ("user_handle", "alice".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), StreamValue::S(v)))
        .collect();
        Record::builder()
            .event_name(event)
            .dynamodb(
                aws_sdk_dynamodbstreams::types::StreamRecord::builder()
                    .set_new_image(Some(image))
                    .build(),
            )
            .build()
    }

    #[test]
    fn only_inserted_message_rows_count() {
        let group = uuid::Uuid::from_u128(9);
        let message =
            inserted_message(&record(OperationType::Insert, &model::message_pk(group))).unwrap();
        assert_eq!(message.message_group_uuid, group);
        assert!(
            inserted_message(&record(OperationType::Modify, &model::message_pk(group))).is_none()
        );
        assert!(
            inserted_message(&record(OperationType::Remove, &model::message_pk(group))).is_none()
        );
        assert!(
            inserted_message(&record(OperationType::Insert, &model::group_pk(group))).is_none()
        );
    }
}
