//! A fault-injecting HTTP/1.1 proxy in front of DynamoDB Local.
//!
//! Real DynamoDB throttles and fails now and then; DynamoDB Local never does. This proxy forwards
//! every request to a real DynamoDB Local and only adds the real service's push-back: a write and
//! a read token bucket (`ProvisionedThroughputExceededException`, `UnprocessedItems`,
//! `TransactionCanceledException` with `ThrottlingError` reasons) and random faults
//! (`ThrottlingException`, HTTP 500, dropped connections). Every row that the proxy lets through
//! lands in DynamoDB Local, so a test can count them there.
//!
//! Only data-plane operations are faulted; the control plane (CreateTable, DescribeTable, ...)
//! passes straight through. Faults are drawn from a PRNG seeded by [`Faults::seed`], so a
//! sequential client sees the same faults on every run (concurrent clients interleave their
//! requests differently from run to run).
//!
//! Shared by the integration tests (`mod fault_proxy;` in tests/it/main.rs) and the benchmark
//! helper examples/fault_proxy.rs (`#[path]`), so it depends on nothing else of the project's.

use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{ensure, Context as _};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use serde_json::{json, Map, Value};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Notify;

/// What the proxy does to the requests it forwards. All off by default: a plain proxy.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    /// Port to listen on, on 127.0.0.1 only; 0 (the default) takes any free one.
    pub port: u16,
    /// Write capacity (units per second) refilling the write token bucket; `None` = unlimited.
    pub write_units_per_sec: Option<f64>,
    /// Size of the write bucket, which starts full. DynamoDB keeps up to 300 s of unused
    /// capacity; anything below one second's worth counts as one second's worth.
    pub write_burst: f64,
    /// Read capacity (units per second) for GetItem, BatchGetItem, Query, Scan and
    /// TransactGetItems; `None` = unlimited.
    pub read_units_per_sec: Option<f64>,
    /// Size of the read bucket, as for `write_burst`.
    pub read_burst: f64,
    /// Probability that a data-plane request is refused whole with `ThrottlingException`.
    pub throttle: f64,
    /// Probability that a BatchWriteItem hands back a random non-empty part of its items as
    /// `UnprocessedItems` (those are not forwarded).
    pub unprocessed: f64,
    /// Probability of an HTTP 500 `InternalServerError` (the request is not forwarded).
    pub server_error: f64,
    /// Probability that the connection is reset without an answer: half of these before
    /// forwarding, half after (the write landed, the client never hears of it).
    pub reset: f64,
    /// Latency added to every data-plane request.
    pub delay: Option<Duration>,
    /// Seed of the PRNG that draws the random faults.
    pub seed: u64,
}

/// What the proxy has done so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request received, control plane included.
    pub requests: u64,
    /// Requests refused whole for lack of capacity (`ProvisionedThroughputExceededException`,
    /// or `TransactionCanceledException` for transactions).
    pub capacity_throttled: u64,
    /// Requests refused whole with `ThrottlingException` by chance.
    pub random_throttled: u64,
    /// BatchWriteItem items handed back as `UnprocessedItems`, for lack of capacity or by chance.
    pub unprocessed_items: u64,
    /// HTTP 500 answers.
    pub server_errors: u64,
    /// Connections reset instead of answering.
    pub resets: u64,
    /// Write items sent upstream (one per PutItem/UpdateItem/DeleteItem, each item of a
    /// BatchWriteItem or TransactWriteItems); resets after forwarding make this exceed the
    /// writes that clients saw succeed.
    pub items_forwarded: u64,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "requests={} capacity_throttled={} random_throttled={} unprocessed_items={} \
             server_errors={} resets={} items_forwarded={}",
            self.requests,
            self.capacity_throttled,
            self.random_throttled,
            self.unprocessed_items,
            self.server_errors,
            self.resets,
            self.items_forwarded
        )
    }
}

/// A running proxy. Dropping it stops it (the listener and every connection are closed) and
/// prints its [`Stats`] on stderr, where the test harness shows them for a failing test.
pub struct FaultProxy {
    addr: SocketAddr,
    proxy: Arc<Proxy>,
    /// The proxy's own runtime (one worker thread), so that it serves while a synchronous test
    /// blocks on a child process, and so that several proxies run side by side.
    runtime: Option<tokio::runtime::Runtime>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (e.g. `http://127.0.0.1:8000`) on its own runtime thread.
    /// Never blocks on a runtime, so it may be called from synchronous or asynchronous code.
    pub fn spawn(upstream: &str, faults: Faults) -> anyhow::Result<FaultProxy> {
        faults.check()?;
        let upstream = upstream.trim_end_matches('/').to_string();
        let parsed: hyper::Uri = upstream.parse().context("upstream URL")?;
        ensure!(
            parsed.scheme_str() == Some("http") && parsed.path() == "/",
            "upstream must be http://HOST:PORT, not {upstream}"
        );
        // Loopback only: this is a test tool that must never be reachable from elsewhere.
        let listener = std::net::TcpListener::bind(("127.0.0.1", faults.port))
            .with_context(|| format!("binding 127.0.0.1:{}", faults.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("fault-proxy")
            .enable_all()
            .build()?;
        let listener = {
            let _in_runtime = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let proxy = Arc::new(Proxy::new(upstream, faults));
        runtime.spawn(accept_loop(listener, proxy.clone()));
        Ok(FaultProxy {
            addr,
            proxy,
            runtime: Some(runtime),
        })
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stats(&self) -> Stats {
        self.proxy.lock().stats
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        eprintln!("fault-proxy {}: {}", self.url(), self.stats());
        // Not a plain drop of the runtime: that blocks, and panics inside an async context.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Faults {
    fn check(&self) -> anyhow::Result<()> {
        for (name, p) in [
            ("throttle", self.throttle),
            ("unprocessed", self.unprocessed),
            ("server_error", self.server_error),
            ("reset", self.reset),
        ] {
            ensure!(
                (0.0..=1.0).contains(&p),
                "{name} must be a probability, not {p}"
            );
        }
        // One draw decides between these three, so together they must fit in 1.
        ensure!(
            self.throttle + self.server_error + self.reset <= 1.0,
            "throttle + server_error + reset must not exceed 1"
        );
        for rate in [self.write_units_per_sec, self.read_units_per_sec]
            .into_iter()
            .flatten()
        {
            ensure!(rate > 0.0, "capacity must be positive, not {rate}");
        }
        Ok(())
    }
}

const JSON_1_0: &str = "application/x-amz-json-1.0";
const TARGET_PREFIX: &str = "DynamoDB_20120810.";
const DYNAMODB_ERROR: &str = "com.amazonaws.dynamodb.v20120810#";
// The messages are the real service's.
const THROUGHPUT_EXCEEDED: &str = "The level of configured provisioned throughput for the table \
     was exceeded. Consider increasing your provisioning level with the UpdateTable API.";
const THROTTLING_REASON: &str = "Throughput exceeds the current capacity of your table or \
     index. DynamoDB is automatically scaling your table or index so please try again shortly. \
     If exceptions persist, check if you have a hot key: \
     https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html.";

/// What an operation costs and how it can be refused.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    Write,
    BatchWrite,
    TransactWrite,
    Read,
    TransactRead,
    /// PartiQL: reads or writes, which the proxy does not tell apart; random faults only.
    Statement,
}

impl Op {
    /// `None` for the control plane, which passes through untouched.
    fn of(target: &str) -> Option<Op> {
        Some(match target.strip_prefix(TARGET_PREFIX)? {
            "PutItem" | "UpdateItem" | "DeleteItem" => Op::Write,
            "BatchWriteItem" => Op::BatchWrite,
            "TransactWriteItems" => Op::TransactWrite,
            "GetItem" | "BatchGetItem" | "Query" | "Scan" => Op::Read,
            "TransactGetItems" => Op::TransactRead,
            "ExecuteStatement" | "BatchExecuteStatement" | "ExecuteTransaction" => Op::Statement,
            _ => return None,
        })
    }
}

/// The random fault a data-plane request gets, if any.
enum Fault {
    Throttle,
    ServerError,
    ResetBefore,
    ResetAfter,
}

/// An answer being put together: whole bodies are buffered (DynamoDB's are at most a few MB).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

struct Proxy {
    upstream: String,
    client: Client<HttpConnector, Full<Bytes>>,
    faults: Faults,
    state: Mutex<State>,
}

struct State {
    rng: Rng,
    write: Option<Bucket>,
    read: Option<Bucket>,
    stats: Stats,
}

async fn accept_loop(listener: TcpListener, proxy: Arc<Proxy>) {
    // Connections end with the runtime, when the FaultProxy is dropped.
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, proxy.clone()));
            }
            Err(e) => {
                // E.g. out of file descriptors: wait rather than spin.
                eprintln!("fault-proxy: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn serve_connection(stream: TcpStream, proxy: Arc<Proxy>) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket: hyper owns the stream, and a reset needs SO_LINGER 0 set on
    // it just before it is closed, so that the peer gets an RST (not a FIN, nor an RST after a
    // normal close that could cut an answer short).
    let Ok((stream, twin)) = twin_socket(stream) else {
        return;
    };
    let reset = Arc::new(Notify::new());
    let service = {
        let reset = reset.clone();
        hyper::service::service_fn(move |request| proxy.clone().handle(request, reset.clone()))
    };
    // Keep-alive is on by default. No timer, hence no header-read timeout: an idle client
    // connection is the client's to close, so no request races a close by the proxy.
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        _ = reset.notified() => {
            let _ = TcpSocket::from_std_stream(twin).set_zero_linger();
        }
    }
}

fn twin_socket(stream: TcpStream) -> std::io::Result<(TcpStream, std::net::TcpStream)> {
    let stream = stream.into_std()?;
    let twin = stream.try_clone()?;
    Ok((TcpStream::from_std(stream)?, twin))
}

impl Proxy {
    fn new(upstream: String, faults: Faults) -> Proxy {
        let bucket = |rate: Option<f64>, burst| rate.map(|rate| Bucket::new(rate, burst));
        let state = State {
            rng: Rng(faults.seed),
            write: bucket(faults.write_units_per_sec, faults.write_burst),
            read: bucket(faults.read_units_per_sec, faults.read_burst),
            stats: Stats::default(),
        };
        let client = Client::builder(TokioExecutor::new())
            // Shorter than DynamoDB Local's idle timeout, so a pooled connection is not reused
            // just as the server closes it.
            .pool_idle_timeout(Duration::from_secs(5))
            .pool_timer(TokioTimer::new())
            .build_http();
        Proxy {
            upstream,
            client,
            faults,
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn handle(
        self: Arc<Self>,
        request: Request<Incoming>,
        reset: Arc<Notify>,
    ) -> Result<Response<Full<Bytes>>, Infallible> {
        let (parts, body) = request.into_parts();
        let Ok(body) = body.collect().await.map(|body| body.to_bytes()) else {
            // The client went away mid-body: this answer will hardly reach it.
            let message = "the request's body could not be read";
            return Ok(
                Answer::error(StatusCode::BAD_REQUEST, "SerializationException", message).into(),
            );
        };
        let op = parts
            .headers
            .get("x-amz-target")
            .and_then(|target| target.to_str().ok())
            .and_then(Op::of);
        let fault = {
            let mut state = self.lock();
            state.stats.requests += 1;
            match op {
                Some(_) => state.draw_fault(&self.faults),
                None => None,
            }
        };
        let Some(op) = op else {
            return Ok(self.forward(&parts, body).await.into());
        };
        if let Some(delay) = self.faults.delay {
            tokio::time::sleep(delay).await;
        }
        let answer = match fault {
            None => self.data_plane(op, &parts, body).await,
            Some(Fault::Throttle) => Answer::throttling(),
            Some(Fault::ServerError) => Answer::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "Internal server error",
            ),
            Some(Fault::ResetBefore) => return never_answer(&reset).await,
            Some(Fault::ResetAfter) => {
                self.data_plane(op, &parts, body).await;
                return never_answer(&reset).await;
            }
        };
        Ok(answer.into())
    }

    /// A data-plane request that drew no random fault: capacity decides.
    async fn data_plane(&self, op: Op, parts: &Parts, body: Bytes) -> Answer {
        match op {
            Op::BatchWrite => self.batch_write(parts, body).await,
            Op::Write | Op::TransactWrite => {
                let (units, items) = if op == Op::Write {
                    // The request approximates the item (DeleteItem is really charged for the
                    // deleted item, UpdateItem for the larger of the old and the new).
                    (write_units(body.len()), 1)
                } else {
                    // Transactions cost double.
                    let items = transact_items(&body);
                    let units = items.iter().map(|i| 2.0 * write_units(json_len(i))).sum();
                    (units, items.len())
                };
                let granted = {
                    let mut state = self.lock();
                    let granted = state.write.as_mut().is_none_or(|b| b.try_take(units));
                    if granted {
                        state.stats.items_forwarded += items as u64;
                    } else {
                        state.stats.capacity_throttled += 1;
                    }
                    granted
                };
                match (granted, op) {
                    (true, _) => self.forward(parts, body).await,
                    (false, Op::Write) => Answer::throughput_exceeded(),
                    (false, _) => Answer::transaction_throttled(items),
                }
            }
            Op::Read | Op::TransactRead => {
                let transact = op == Op::TransactRead;
                // The size of what is read is known only from the answer: go ahead while at
                // least one unit is left, and charge for the answer afterwards.
                let granted = {
                    let mut state = self.lock();
                    let granted = state.read.as_mut().is_none_or(|b| b.try_take(1.0));
                    if !granted {
                        state.stats.capacity_throttled += 1;
                    }
                    granted
                };
                if !granted {
                    return if transact {
                        Answer::transaction_throttled(transact_items(&body).len())
                    } else {
                        Answer::throughput_exceeded()
                    };
                }
                let answer = self.forward(parts, body).await;
                // 1 unit per 4 KB read (strongly consistent; eventually consistent reads cost half
                // on the real service), approximated by the answer's size; transactions double.
                // The bucket may go into debt, as the real one does.
                let units = (answer.body.len() as f64 / 4096.0).ceil().max(1.0);
                let units = if transact { 2.0 * units } else { units };
                if let Some(bucket) = self.lock().read.as_mut() {
                    bucket.charge(units - 1.0); // one was taken up front
                }
                answer
            }
            Op::Statement => self.forward(parts, body).await,
        }
    }

    /// BatchWriteItem: the items that capacity (and chance) allow go upstream, in order; the rest
    /// come back as `UnprocessedItems`. None at all for lack of capacity: refused whole.
    async fn batch_write(&self, parts: &Parts, body: Bytes) -> Answer {
        let Ok(mut request) = serde_json::from_slice::<Value>(&body) else {
            return self.forward(parts, body).await; // DynamoDB Local says what is wrong
        };
        let Some(Value::Object(tables)) = request.get_mut("RequestItems").map(Value::take) else {
            return self.forward(parts, body).await;
        };
        let items: Vec<(String, Value)> = tables
            .into_iter()
            .flat_map(|(table, items)| match items {
                Value::Array(items) => items.into_iter().map(|i| (table.clone(), i)).collect(),
                _ => Vec::new(),
            })
            .collect();
        if items.is_empty() {
            return self.forward(parts, body).await;
        }
        let mut hand_back = vec![false; items.len()];
        {
            let mut state = self.lock();
            let state = &mut *state;
            if state.rng.chance(self.faults.unprocessed) {
                for back in hand_back.iter_mut() {
                    *back = state.rng.chance(0.5);
                }
                if !hand_back.contains(&true) {
                    hand_back[state.rng.below(items.len())] = true;
                }
            }
            let mut out_of_capacity = false;
            if let Some(bucket) = state.write.as_mut() {
                for ((_, item), back) in items.iter().zip(hand_back.iter_mut()) {
                    if *back {
                        continue;
                    }
                    // Once one item does not fit, the later ones wait too: items stay in order.
                    out_of_capacity =
                        out_of_capacity || !bucket.try_take(write_units(json_len(item)));
                    *back = out_of_capacity;
                }
            }
            let handed_back = hand_back.iter().filter(|back| **back).count();
            if handed_back == items.len() && out_of_capacity {
                state.stats.capacity_throttled += 1;
                return Answer::throughput_exceeded();
            }
            state.stats.unprocessed_items += handed_back as u64;
            state.stats.items_forwarded += (items.len() - handed_back) as u64;
        }
        let mut forwarded = Map::new();
        let mut unprocessed = Map::new();
        for ((table, item), back) in items.into_iter().zip(hand_back) {
            let side = if back {
                &mut unprocessed
            } else {
                &mut forwarded
            };
            push_item(side, table, item);
        }
        if forwarded.is_empty() {
            // Chance handed everything back: nothing to send.
            return Answer::json(StatusCode::OK, &json!({ "UnprocessedItems": unprocessed }));
        }
        request["RequestItems"] = Value::Object(forwarded);
        let mut answer = self.forward(parts, request.to_string().into()).await;
        if unprocessed.is_empty() || answer.status != StatusCode::OK {
            return answer;
        }
        let Ok(mut response) = serde_json::from_slice::<Value>(&answer.body) else {
            return answer;
        };
        // Merge into whatever the upstream handed back itself (DynamoDB Local never does).
        let merged = response
            .as_object_mut()
            .map(|o| o.entry("UnprocessedItems").or_insert_with(|| json!({})));
        if let Some(Value::Object(merged)) = merged {
            for (table, items) in unprocessed {
                if let Value::Array(items) = items {
                    for item in items {
                        push_item(merged, table.clone(), item);
                    }
                }
            }
        }
        answer.set_body(response.to_string().into());
        answer
    }

    /// Sends the request on as it came (but for `body`), and buffers the upstream's answer.
    async fn forward(&self, parts: &Parts, body: Bytes) -> Answer {
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let mut request = Request::new(Full::new(body));
        *request.method_mut() = parts.method.clone();
        // The SigV4 signature no longer matches a rewritten body; DynamoDB Local does not check.
        *request.headers_mut() = parts.headers.clone();
        strip_hop_by_hop(request.headers_mut());
        request.headers_mut().remove(header::HOST); // hyper sets the upstream's
        match format!("{}{path}", self.upstream).parse() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(e) => return Answer::upstream_failed(&e),
        }
        let response = match self.client.request(request).await {
            Ok(response) => response,
            Err(e) => return Answer::upstream_failed(&e),
        };
        let (parts, body) = response.into_parts();
        let body = match body.collect().await {
            Ok(body) => body.to_bytes(),
            Err(e) => return Answer::upstream_failed(&e),
        };
        let mut headers = parts.headers;
        strip_hop_by_hop(&mut headers);
        Answer {
            status: parts.status,
            headers,
            body,
        }
    }
}

impl State {
    /// One draw decides among the random faults, so their probabilities add up as given.
    fn draw_fault(&mut self, faults: &Faults) -> Option<Fault> {
        let x = self.rng.unit();
        let fault = if x < faults.throttle {
            self.stats.random_throttled += 1;
            Fault::Throttle
        } else if x < faults.throttle + faults.server_error {
            self.stats.server_errors += 1;
            Fault::ServerError
        } else if x < faults.throttle + faults.server_error + faults.reset / 2.0 {
            self.stats.resets += 1;
            Fault::ResetBefore
        } else if x < faults.throttle + faults.server_error + faults.reset {
            self.stats.resets += 1;
            Fault::ResetAfter
        } else {
            return None;
        };
        Some(fault)
    }
}

/// Has the connection reset, and never answers (the connection's end drops this future).
async fn never_answer(reset: &Notify) -> Result<Response<Full<Bytes>>, Infallible> {
    reset.notify_one();
    std::future::pending().await
}

/// Content-Length is dropped as well: hyper sets the right one for the (possibly new) body.
fn strip_hop_by_hop(headers: &mut HeaderMap) {
    for name in [
        header::CONNECTION,
        header::CONTENT_LENGTH,
        header::EXPECT,
        header::TE,
        header::TRAILER,
        header::TRANSFER_ENCODING,
        header::UPGRADE,
        HeaderName::from_static("keep-alive"),
        HeaderName::from_static("proxy-connection"),
    ] {
        headers.remove(name);
    }
}

/// 1 write unit per KB or part of one.
fn write_units(bytes: usize) -> f64 {
    (bytes as f64 / 1024.0).ceil().max(1.0)
}

/// An item's size, approximated by its JSON's length.
fn json_len(value: &Value) -> usize {
    value.to_string().len()
}

/// A transaction's items (empty if the request is not one: DynamoDB Local will say so).
fn transact_items(body: &[u8]) -> Vec<Value> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(mut request)) => match request.remove("TransactItems") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Adds `item` to `table`'s list in a `RequestItems`-shaped map.
fn push_item(tables: &mut Map<String, Value>, table: String, item: Value) {
    if let Value::Array(items) = tables.entry(table).or_insert_with(|| json!([])) {
        items.push(item);
    }
}

impl Answer {
    fn json(status: StatusCode, body: &Value) -> Answer {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_1_0));
        let mut answer = Answer {
            status,
            headers,
            body: Bytes::new(),
        };
        answer.set_body(body.to_string().into());
        answer
    }

    fn error(status: StatusCode, name: &str, message: &str) -> Answer {
        let body = json!({ "__type": format!("{DYNAMODB_ERROR}{name}"), "message": message });
        Answer::json(status, &body)
    }

    fn throughput_exceeded() -> Answer {
        let name = "ProvisionedThroughputExceededException";
        Answer::error(StatusCode::BAD_REQUEST, name, THROUGHPUT_EXCEEDED)
    }

    fn throttling() -> Answer {
        let body = json!({
            "__type": "com.amazon.coral.availability#ThrottlingException",
            "message": "Rate of requests exceeds the allowed throughput.",
        });
        Answer::json(StatusCode::BAD_REQUEST, &body)
    }

    /// A transaction refused for lack of capacity. The shape is DynamoDB Local's own for
    /// cancelled transactions (capitalised `Message`, one reason per item, in order); the
    /// reason is the `ThrottlingError` that the API reference lists among the cancellation
    /// reasons, with its message for a table. (For a provisioned table the reference also
    /// lists code `ProvisionedThroughputExceeded`; clients must handle both the same way.)
    fn transaction_throttled(items: usize) -> Answer {
        let reason = json!({ "Code": "ThrottlingError", "Message": THROTTLING_REASON });
        let codes = vec!["ThrottlingError"; items].join(", ");
        let body = json!({
            "__type": format!("{DYNAMODB_ERROR}TransactionCanceledException"),
            "CancellationReasons": vec![reason; items],
            "Message": format!(
                "Transaction cancelled, please refer cancellation reasons for specific reasons \
                 [{codes}]"
            ),
        });
        Answer::json(StatusCode::BAD_REQUEST, &body)
    }

    /// The upstream could not be reached: a 500, which clients retry; said on stderr, as it
    /// is the test setup's fault rather than an injected one.
    fn upstream_failed(error: &dyn std::error::Error) -> Answer {
        let mut message = format!("fault-proxy: upstream: {error}");
        let mut source = error.source();
        while let Some(cause) = source {
            message += &format!(": {cause}");
            source = cause.source();
        }
        eprintln!("{message}");
        Answer::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            &message,
        )
    }

    /// Replaces the body, with the checksum that DynamoDB sends (and botocore checks).
    fn set_body(&mut self, body: Bytes) {
        self.headers
            .insert("x-amz-crc32", HeaderValue::from(crc32(&body)));
        self.body = body;
    }
}

impl From<Answer> for Response<Full<Bytes>> {
    fn from(answer: Answer) -> Self {
        let mut response = Response::new(Full::new(answer.body));
        *response.status_mut() = answer.status;
        *response.headers_mut() = answer.headers;
        response
    }
}

/// Capacity as DynamoDB meters it: refilled continuously, up to the bucket's size.
struct Bucket {
    rate: f64,
    size: f64,
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new(rate: f64, burst: f64) -> Bucket {
        let size = burst.max(rate);
        Bucket {
            rate,
            size,
            tokens: size,
            at: Instant::now(),
        }
    }

    fn refill(&mut self) {
        let now = Instant::now();
        let earned = self.rate * now.duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + earned).min(self.size);
        self.at = now;
    }

    /// Takes `units` if they are there. Something larger than the whole bucket goes when the
    /// bucket is full, leaving it in debt, or it could never go at all.
    fn try_take(&mut self, units: f64) -> bool {
        self.refill();
        let fits = self.tokens >= units.min(self.size);
        if fits {
            self.tokens -= units;
        }
        fits
    }

    fn charge(&mut self, units: f64) {
        self.tokens -= units;
    }
}

/// SplitMix64: tiny, seedable, good enough to draw faults (no rand crate needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// CRC-32 (IEEE), as in DynamoDB's `x-amz-crc32` header.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut bit = 0;
            while bit < 8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                bit += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !data.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}
