//! What real DynamoDB pushes back with, and how long to keep trying: throttling, 5xx and dropped
//! connections are retried with capped exponential backoff and jitter for as long as something goes
//! through; a job gives up only after the stall limit passes with nothing done.

use std::error::Error as StdError;
use std::future::Future;
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};

/// The first wait after a failure; each failure in a row doubles it, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_millis(25);
/// Capacity unused while waiting is kept (up to 300 s of burst), so long waits buy nothing but a
/// slower finish; short ones cost only a refused request.
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// Why a failed call may go through if tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transient {
    /// The table's capacity or the account's request rate: slow down.
    Throttled,
    /// HTTP 5xx: the service's own trouble.
    ServerError,
    /// The connection dropped or timed out: the request may or may not have landed.
    Dropped,
}

/// Throttling codes of DynamoDB and DynamoDB Streams (AWS's API reference, "Common errors").
const THROTTLING_CODES: &[&str] = &[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "LimitExceededException",
    "TransactionInProgressException",
];

/// Whether `err` is worth retrying, and why; None for errors retrying cannot fix (missing table,
/// access denied, validation, a server that refuses connections: it is not running).
pub fn transient<E: ProvideErrorMetadata>(err: &SdkError<E, HttpResponse>) -> Option<Transient> {
    match err {
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or_default();
            if THROTTLING_CODES.contains(&code) {
                Some(Transient::Throttled)
            } else if service.raw().status().is_server_error()
                || matches!(code, "InternalServerError" | "ServiceUnavailable")
            {
                Some(Transient::ServerError)
            } else {
                None
            }
        }
        SdkError::ResponseError(response) if response.raw().status().is_server_error() => {
            Some(Transient::ServerError)
        }
        SdkError::TimeoutError(_) => Some(Transient::Dropped),
        SdkError::DispatchFailure(dispatch) if dispatch.is_io() || dispatch.is_timeout() => {
            let refused = dispatch.as_connector_error().is_some_and(|e| is_refused(e));
            (!refused).then_some(Transient::Dropped)
        }
        // A response cut off mid-way surfaces as a response error without a status worth reading.
        SdkError::ResponseError(_) => Some(Transient::Dropped),
        _ => None,
    }
}

/// Nothing listens there (or the name does not resolve): the server is not running, which no
/// amount of waiting fixes, and the user should hear so at once.
fn is_refused(err: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound
            ) {
                return true;
            }
        }
        let text = e.to_string();
        if text.contains("Connection refused") || text.contains("failed to lookup address") {
            return true;
        }
        current = e.source();
    }
    false
}

/// Capped exponential backoff with "full jitter" halves: a wait between half and all of the step,
/// so that parallel requests do not retry in step.
#[derive(Debug, Default)]
pub struct Backoff {
    failures_in_row: u32,
}

impl Backoff {
    /// The wait after one more failure in a row.
    pub fn next_wait(&mut self) -> Duration {
        let step = FIRST_BACKOFF
            .saturating_mul(1 << self.failures_in_row.min(16))
            .min(MAX_BACKOFF);
        self.failures_in_row += 1;
        step / 2 + step.mul_f64(jitter() / 2.0)
    }

    /// Something went through: the next failure starts from the first step again.
    pub fn reset(&mut self) {
        self.failures_in_row = 0;
    }
}

/// A number in [0, 1) that differs between calls and processes; no generator crate needed for it.
fn jitter() -> f64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = RandomState::new().build_hasher();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    hasher.write_u128(now.map(|d| d.as_nanos()).unwrap_or_default());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// How long a job keeps trying while nothing goes through.
#[derive(Debug, Clone, Copy)]
pub struct StallLimit(pub Duration);

impl StallLimit {
    /// One call, retried while its errors are transient and the stall limit has not passed since
    /// the first failure. The last error is returned as it is, to be explained by the caller.
    pub async fn call<T, E, F, Fut>(self, mut attempt: F) -> Result<T, SdkError<E, HttpResponse>>
    where
        E: ProvideErrorMetadata,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    {
        let mut backoff = Backoff::default();
        let mut first_failure = None;
        loop {
            match attempt().await {
                Ok(value) => return Ok(value),
                Err(err) => {
                    let since = *first_failure.get_or_insert_with(Instant::now);
                    if transient(&err).is_none() || since.elapsed() >= self.0 {
                        return Err(err);
                    }
                    tokio::time::sleep(backoff.next_wait()).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap_with_jitter_and_starts_over_after_a_success() {
        let mut backoff = Backoff::default();
        let waits: Vec<Duration> = (0..10).map(|_| backoff.next_wait()).collect();
        for (n, wait) in waits.iter().enumerate() {
            let step = FIRST_BACKOFF.saturating_mul(1 << n).min(MAX_BACKOFF);
            assert!(*wait >= step / 2 && *wait <= step, "{n}: {wait:?}");
        }
        backoff.reset();
        assert!(backoff.next_wait() <= FIRST_BACKOFF);
    }

    #[test]
    fn jitter_stays_in_the_unit_interval() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
