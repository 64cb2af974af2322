//! The messages table's data access: its queries, the write engine, and the retries that make both
//! hold up against real DynamoDB (capacity, throttling, 5xx, dropped connections). Commands go
//! through here; `model` stays the I/O-free contract of what the rows hold.

pub mod query;
pub mod retry;
pub mod write;

use std::time::Instant;

use anyhow::{anyhow, Result};
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem};
use aws_sdk_dynamodb::Client;
use indicatif::ProgressBar;
use uuid::Uuid;

use crate::aws_error;
use crate::context::Context;
use crate::model::{self, Item};
use query::KeyQuery;
use retry::{transient, Backoff, StallLimit, Transient};

/// The env's messages table, as reads and writes reach it.
pub struct Table<'a> {
    pub ctx: &'a Context,
    pub name: String,
    client: Client,
    pub stall_limit: StallLimit,
}

/// How a transaction ended when it did not commit.
pub enum TransactionError {
    /// A condition of one of its items failed (a row was there, or was not): retrying will not help.
    ConditionFailed,
    Other(anyhow::Error),
}

impl<'a> Table<'a> {
    pub async fn open(ctx: &'a Context) -> Table<'a> {
        Table {
            ctx,
            name: ctx.table.clone(),
            client: ctx.dynamodb_for_table().await,
            stall_limit: StallLimit(ctx.stall_limit),
        }
    }

    /// One line for a failed call: a missing table is named, with the command that creates it.
    pub fn explain<E>(&self, err: SdkError<E, HttpResponse>) -> anyhow::Error
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        aws_error::explain_for_table(err, self.ctx)
    }

    /// As [`Table::explain`], for the error a retried call ([`StallLimit::call`]) ended with: a
    /// transient one means nothing went through for the whole stall limit.
    pub fn explain_retried<E>(&self, err: SdkError<E, HttpResponse>) -> anyhow::Error
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.after_retries(err, |e| self.explain(e))
    }

    /// `explain`'s line for `err`, saying so when the stall limit ran out on it.
    pub fn after_retries<E: ProvideErrorMetadata>(
        &self,
        err: SdkError<E, HttpResponse>,
        explain: impl FnOnce(SdkError<E, HttpResponse>) -> anyhow::Error,
    ) -> anyhow::Error {
        let stalled = transient(&err).is_some();
        let explained = explain(err);
        if stalled {
            explained.context(format!(
                "DynamoDB took no request for {} s (--stall-limit)",
                self.stall_limit.0.as_secs()
            ))
        } else {
            explained
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Writes every request with the capacity-aware engine ([`write`]).
    pub async fn write_all(
        &self,
        requests: Vec<aws_sdk_dynamodb::types::WriteRequest>,
        progress: &ProgressBar,
    ) -> Result<usize, write::Interrupted> {
        write::write_all(self, requests, progress).await
    }

    /// The keys of every row of a message group: its messages and its group rows.
    pub async fn group_keys(&self, group: Uuid) -> Result<Vec<Item>> {
        let mut keys = Vec::new();
        for query in [
            KeyQuery::whole_partition(model::message_pk(group)),
            KeyQuery::group_rows(group),
        ] {
            keys.extend(query.keys_only().run(self).await?.items);
        }
        Ok(keys)
    }

    /// `items` in one transaction, retried while DynamoDB cancels it for throttling or a conflict
    /// with another transaction, as the stall limit allows. `token` makes a retry after a lost
    /// answer idempotent (DynamoDB's ClientRequestToken, kept 10 minutes).
    pub async fn transact(
        &self,
        items: Vec<TransactWriteItem>,
        token: Option<String>,
    ) -> Result<(), TransactionError> {
        let mut backoff = Backoff::default();
        let started = Instant::now();
        loop {
            let err = match self
                .client
                .transact_write_items()
                .set_transact_items(Some(items.clone()))
                .set_client_request_token(token.clone())
                .send()
                .await
            {
                Ok(_) => return Ok(()),
                Err(err) => err,
            };
            let retry = match err.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
                    let codes: Vec<&str> = canceled
                        .cancellation_reasons()
                        .iter()
                        .map(|reason| reason.code().unwrap_or("None"))
                        .collect();
                    if !transient_cancellation(&codes) {
                        return Err(TransactionError::ConditionFailed);
                    }
                    true
                }
                _ => transient(&err).is_some(),
            };
            if !retry || started.elapsed() >= self.stall_limit.0 {
                return Err(TransactionError::Other(self.explain_retried(err)));
            }
            tokio::time::sleep(backoff.next_wait()).await;
        }
    }

    /// Writes `item` where no row is yet (a new message). A retry after a lost answer finds the
    /// row it wrote itself, and that is success; anyone else's row there is an error.
    pub async fn put_new(&self, item: Item) -> Result<()> {
        let answer_lost = std::cell::Cell::new(false);
        let result = self
            .stall_limit
            .call(|| {
                let request = self
                    .client
                    .put_item()
                    .table_name(&self.name)
                    .set_item(Some(item.clone()))
                    .condition_expression(NEW_ROW)
                    .send();
                let answer_lost = &answer_lost;
                async move {
                    let result = request.await;
                    if let Err(err) = &result {
                        if transient(err) == Some(Transient::Dropped) {
                            answer_lost.set(true);
                        }
                    }
                    result
                }
            })
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(err) if aws_error::is_code(&err, "ConditionalCheckFailedException") => {
                if answer_lost.get() && self.get(&model::key_of(&item)).await? == Some(item.clone())
                {
                    return Ok(());
                }
                Err(anyhow!(
                    "a row is already at pk {} sk {} of table {}: nothing was written",
                    text(&item, "pk"),
                    text(&item, "sk"),
                    self.name
                ))
            }
            Err(err) => Err(self.explain_retried(err)),
        }
    }

    /// The row at `key`, read consistently.
    pub async fn get(&self, key: &Item) -> Result<Option<Item>> {
        let out = self
            .stall_limit
            .call(|| {
                self.client
                    .get_item()
                    .table_name(&self.name)
                    .set_key(Some(key.clone()))
                    .consistent_read(true)
                    .send()
            })
            .await
            .map_err(|e| self.explain_retried(e))?;
        Ok(out.item)
    }
}

/// Every write creates its rows: a row already at that key is an error, never overwritten.
pub const NEW_ROW: &str = "attribute_not_exists(pk)";

/// A cancelled transaction is worth retrying when no item's condition failed and some were
/// throttled or met another transaction (AWS: CancellationReasons, one code per item; "NONE" for
/// the items that were fine, "None" from DynamoDB Local).
fn transient_cancellation(codes: &[&str]) -> bool {
    let fine = |code: &str| code.eq_ignore_ascii_case("none");
    let transient = |code: &str| {
        matches!(
            code,
            "ThrottlingError" | "ProvisionedThroughputExceeded" | "TransactionConflict"
        )
    };
    codes.iter().all(|code| fine(code) || transient(code))
        && codes.iter().any(|code| transient(code))
}

fn text(item: &Item, name: &str) -> String {
    match item.get(name) {
        Some(AttributeValue::S(s)) => s.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancellation_is_retried_only_for_throttling_or_conflicts() {
        assert!(transient_cancellation(&["None", "ThrottlingError", "None"]));
        assert!(transient_cancellation(&["TransactionConflict"]));
        assert!(transient_cancellation(&[
            "NONE",
            "ProvisionedThroughputExceeded"
        ]));
        assert!(!transient_cancellation(&[
            "ConditionalCheckFailed",
            "ThrottlingError"
        ]));
        assert!(!transient_cancellation(&["None", "None"]));
        assert!(!transient_cancellation(&["ValidationError"]));
    }
}
