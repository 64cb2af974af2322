//! The write engine for every bulk write: BatchWriteItem, 25 items a request, as many requests in
//! flight as the table takes. Throttling halves the requests in flight and more go out again as
//! writes go through (AIMD, as TCP does); throttled, unprocessed, 5xx'd and dropped items go back in
//! the queue after a capped, jittered backoff. It gives up only when nothing has been written for the
//! stall limit, on an error retrying cannot fix, or when the user stops it; then it lets the
//! requests in flight finish, so the count of written items is what DynamoDB acknowledged.

use std::collections::VecDeque;
use std::time::Instant;

use anyhow::anyhow;
use aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemOutput;
use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, WriteRequest};
use indicatif::ProgressBar;
use tokio::task::JoinSet;
use tokio::time::sleep_until;

use super::retry::{transient, Backoff, Transient};
use super::Table;
use crate::interrupt::{Graceful, Stopped};
use crate::model::Item;

/// DynamoDB's limit for one BatchWriteItem.
const BATCH_SIZE: usize = 25;
/// Requests in flight at the start: measured best on DynamoDB Local (8: 0.40 s, 16: 0.36 s for
/// 2,000 rows). Unthrottled writes may raise it up to MAX_IN_FLIGHT (AWS has more latency to hide).
const START_IN_FLIGHT: f64 = 16.0;
const MAX_IN_FLIGHT: f64 = 32.0;

pub fn put(item: Item) -> anyhow::Result<WriteRequest> {
    let put = PutRequest::builder().set_item(Some(item)).build()?;
    Ok(WriteRequest::builder().put_request(put).build())
}

pub fn delete(key: Item) -> anyhow::Result<WriteRequest> {
    let delete = DeleteRequest::builder().set_key(Some(key)).build()?;
    Ok(WriteRequest::builder().delete_request(delete).build())
}

/// A write that stopped before the end.
#[derive(Debug)]
pub struct Interrupted {
    /// Items DynamoDB acknowledged.
    pub written: usize,
    /// Items whose answer was lost (dropped connection): they may have landed.
    pub in_doubt: usize,
    pub error: anyhow::Error,
}

impl Interrupted {
    /// "N of TOTAL rows were written" (and the ones that may have been), for the error line.
    fn tally(&self, total: usize) -> String {
        let mut tally = format!("{} of {total} rows were written", self.written);
        if self.in_doubt > 0 {
            tally.push_str(&format!(
                ", {} more may have been (their answers were lost)",
                self.in_doubt
            ));
        }
        tally
    }

    /// One line: why it stopped, what was written, and `hint` (how to complete the work). A stop
    /// the user asked for stays a [`Stopped`], for its exit code.
    pub fn into_error(self, total: usize, hint: &str) -> anyhow::Error {
        let tally = self.tally(total);
        match self.error.downcast::<Stopped>() {
            Ok(stopped) => Stopped {
                detail: Some(format!("{tally}: {hint}")),
                ..stopped
            }
            .into(),
            Err(error) => anyhow!("{error:#} ({tally}: {hint})"),
        }
    }
}

/// One request to write, and whether an earlier try of it lost its answer.
struct Pending {
    request: WriteRequest,
    maybe_landed: bool,
}

type SdkBatchError = aws_sdk_dynamodb::error::SdkError<
    aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemError,
    aws_sdk_dynamodb::config::http::HttpResponse,
>;

/// What came back for one request: its sequence number, what it carried, and the answer.
type Sent = (
    u64,
    Vec<Pending>,
    Result<BatchWriteItemOutput, SdkBatchError>,
);

/// Writes every request; `progress` advances by each item written and says when it is throttled.
pub async fn write_all(
    table: &Table<'_>,
    requests: Vec<WriteRequest>,
    progress: &ProgressBar,
) -> Result<usize, Interrupted> {
    let graceful = Graceful::begin();
    let mut engine = Engine {
        pending: requests
            .into_iter()
            .map(|request| Pending {
                request,
                maybe_landed: false,
            })
            .collect(),
        in_flight: JoinSet::new(),
        window: START_IN_FLIGHT,
        next_seq: 0,
        cut_at_seq: 0,
        backoff: Backoff::default(),
        resume_at: Instant::now(),
        last_progress: Instant::now(),
        written: 0,
        throttled: 0,
        stop: None,
    };
    loop {
        if engine.stop.is_none() {
            if let Some(stopped) = graceful.stop_requested() {
                engine.stop = Some(stopped.into());
            }
        }
        engine.send_what_the_window_allows(table);
        if engine.in_flight.is_empty() && (engine.pending.is_empty() || engine.stop.is_some()) {
            break;
        }
        let paused = engine.resume_at > Instant::now();
        tokio::select! {
            Some(joined) = engine.in_flight.join_next() => match joined {
                Ok(sent) => engine.absorb(table, sent, progress),
                Err(e) => engine.stop_with(anyhow!("a write task failed: {e}")),
            },
            _ = sleep_until(engine.resume_at.into()), if paused => {}
            signal = graceful.requested(), if engine.stop.is_none() => {
                engine.stop = Some(Stopped { signal, detail: None }.into());
            }
        }
    }
    match engine.stop {
        None => Ok(engine.written),
        Some(error) => Err(Interrupted {
            written: engine.written,
            in_doubt: engine.pending.iter().filter(|p| p.maybe_landed).count(),
            error,
        }),
    }
}

struct Engine {
    pending: VecDeque<Pending>,
    in_flight: JoinSet<Sent>,
    /// Requests allowed in flight (fractional, as AIMD grows it by 1/window a success).
    window: f64,
    next_seq: u64,
    /// Throttling of requests sent before the last cut belongs to the same congestion: one cut.
    cut_at_seq: u64,
    backoff: Backoff,
    /// No new request before this (a backoff after a failure).
    resume_at: Instant,
    last_progress: Instant,
    written: usize,
    throttled: usize,
    stop: Option<anyhow::Error>,
}

impl Engine {
    fn send_what_the_window_allows(&mut self, table: &Table) {
        while self.stop.is_none()
            && !self.pending.is_empty()
            && (self.in_flight.len() as f64) < self.window.floor()
            && Instant::now() >= self.resume_at
        {
            let count = self.pending.len().min(BATCH_SIZE);
            let batch: Vec<Pending> = self.pending.drain(..count).collect();
            let requests: Vec<WriteRequest> = batch.iter().map(|p| p.request.clone()).collect();
            let seq = self.next_seq;
            self.next_seq += 1;
            let client = table.client.clone();
            let name = table.name.clone();
            self.in_flight.spawn(async move {
                let answer = client
                    .batch_write_item()
                    .request_items(name, requests)
                    .send()
                    .await;
                (seq, batch, answer)
            });
        }
    }

    fn absorb(
        &mut self,
        table: &Table<'_>,
        (seq, mut batch, answer): Sent,
        progress: &ProgressBar,
    ) {
        match answer {
            Ok(output) => {
                let unprocessed = output
                    .unprocessed_items
                    .and_then(|mut by_table| by_table.remove(&table.name))
                    .unwrap_or_default();
                let written = batch.len() - unprocessed.len().min(batch.len());
                self.wrote(written, progress);
                if unprocessed.is_empty() {
                    // Additive increase: about one more request in flight per window of successes.
                    self.window = (self.window + 1.0 / self.window).min(MAX_IN_FLIGHT);
                } else {
                    // Throttled items come back as they were sent; an unprocessed item never landed.
                    let retry = unprocessed.into_iter().map(|request| Pending {
                        request,
                        maybe_landed: false,
                    });
                    self.requeue(retry.collect());
                    self.failed(seq, Transient::Throttled, written > 0, progress);
                }
            }
            Err(err) => match transient(&err) {
                Some(kind) => {
                    if kind == Transient::Dropped {
                        batch.iter_mut().for_each(|p| p.maybe_landed = true);
                    }
                    self.requeue(batch);
                    self.failed(seq, kind, false, progress);
                    if self.last_progress.elapsed() >= table.stall_limit.0 {
                        let why = table.explain(err);
                        self.stop_with(why.context(format!(
                            "nothing was written for {} s",
                            table.stall_limit.0.as_secs()
                        )));
                    }
                }
                None => {
                    self.requeue(batch);
                    self.stop_with(table.explain(err));
                }
            },
        }
    }

    fn wrote(&mut self, items: usize, progress: &ProgressBar) {
        if items > 0 {
            self.written += items;
            self.last_progress = Instant::now();
            self.backoff.reset();
            progress.inc(items as u64);
        }
    }

    fn requeue(&mut self, items: Vec<Pending>) {
        for item in items.into_iter().rev() {
            self.pending.push_front(item);
        }
    }

    /// A request was throttled or failed: back off, and halve the window once per congestion.
    fn failed(&mut self, seq: u64, kind: Transient, partly_written: bool, progress: &ProgressBar) {
        if kind == Transient::Throttled {
            self.throttled += 1;
            if seq >= self.cut_at_seq {
                self.window = (self.window / 2.0).max(1.0);
                self.cut_at_seq = self.next_seq;
            }
            progress.set_message(format!(
                "throttled {}×, {} of {} requests in flight",
                self.throttled, self.window as usize, MAX_IN_FLIGHT as usize
            ));
        }
        // Part of the batch went through: capacity is there, a short pause lets it refill.
        let wait = if partly_written {
            Backoff::default().next_wait()
        } else {
            self.backoff.next_wait()
        };
        self.resume_at = self.resume_at.max(Instant::now() + wait);
    }

    fn stop_with(&mut self, error: anyhow::Error) {
        if self.stop.is_none() {
            self.stop = Some(error);
        }
    }
}
