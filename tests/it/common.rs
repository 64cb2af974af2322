//! The test harness: runs the built binary as a user would, against the local stack's real servers,
//! with a database and table of each test's own that are removed when the test ends.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpStream};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::types::AttributeValue;

pub const PG_SERVER: &str = "postgresql://postgres:password@localhost:5432";
pub const DYNAMODB: &str = "http://localhost:8000";
pub const MOTO: &str = "http://localhost:5000";

/// Fails (never skips) when a server of the local stack is down, and says how to start it.
fn require(service: &str, port: u16) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err() {
        panic!("{service} is not reachable at {addr}: start the local stack with scripts/local-stack up");
    }
}

pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
    })
}

pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// A name no other test (or earlier run) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}_{}_{n}_{}", std::process::id(), &random[..6])
}

/// `cruddur` with a clean environment aimed at the local stack: no variable of the developer's leaks in.
pub fn cruddur() -> Command {
    Command::from_std(cruddur_process())
}

/// The same, as a process to spawn and signal while it runs.
pub fn cruddur_process() -> std::process::Command {
    require("Postgres", 5432);
    require("DynamoDB Local", 8000);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cruddur"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("AWS_CONFIG_FILE", "/nonexistent/cruddur-test")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/cruddur-test")
        .env("AWS_ENDPOINT_URL_DYNAMODB", DYNAMODB)
        .env("NO_COLOR", "1");
    cmd
}

/// A file of the test's own in the temporary folder, removed when the test ends.
pub struct TempFile(std::path::PathBuf);

impl TempFile {
    pub fn new(extension: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("{}.{extension}", unique("cruddur_test")));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A sample conversation of `lines` generated messages, the two speakers taking turns.
pub fn conversation_text(lines: usize) -> String {
    (0..lines)
        .map(|i| format!("Person {}: message number {i}\n", i % 2 + 1))
        .collect()
}

/// The same command in prd, still aimed at the local stack, with the keys prd needs (it invents none).
pub fn in_prd(cmd: &mut Command) -> &mut Command {
    cmd.args(["--env", "prd"])
        .env("AWS_ACCESS_KEY_ID", "cruddurtest")
        .env("AWS_SECRET_ACCESS_KEY", "cruddurtest")
        .env("AWS_REGION", "us-east-1")
}

/// An unreachable server's message: names where it looked and how to start the local stack.
pub fn assert_names_endpoint_and_start(text: &str, endpoint: &str) {
    assert!(
        text.contains(endpoint) && text.contains("scripts/local-stack up"),
        "{text}"
    );
}

/// The row of a table on stdout that starts with `first_cell`.
pub fn row_starting<'a>(text: &'a str, first_cell: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(first_cell))
        .unwrap_or_else(|| panic!("no row {first_cell} in {text}"))
}

/// What a failed run printed, checked against the error rules: exit 1, one line on stderr, no panic.
pub fn one_line_error(output: &Output) -> String {
    one_line_error_exiting(output, 1)
}

/// As [`one_line_error`], with exit `code` (130 after Ctrl-C, 143 after SIGTERM).
pub fn one_line_error_exiting(output: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(
        output.status.code(),
        Some(code),
        "expected exit {code}; stderr: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "expected one error line, got: {stderr}");
    lines[0].to_string()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

pub fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

/// A Postgres database of the test's own (created on demand), dropped when the test ends.
pub struct TestDb {
    pub name: String,
}

impl TestDb {
    pub fn new() -> Self {
        require("Postgres", 5432);
        TestDb {
            name: unique("cruddur_test"),
        }
    }

    pub fn url(&self) -> String {
        format!("{PG_SERVER}/{}", self.name)
    }

    pub fn create(&self) {
        pg_execute("postgres", &format!("CREATE DATABASE \"{}\"", self.name));
    }

    /// The rows a query returns, each a list of text values (SQL NULL as "NULL").
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        pg_query(&self.name, sql)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        pg_execute(
            "postgres",
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
        );
    }
}

async fn pg_client(database: &str) -> tokio_postgres::Client {
    let (client, connection) =
        tokio_postgres::connect(&format!("{PG_SERVER}/{database}"), tokio_postgres::NoTls)
            .await
            .expect("connect to the local Postgres");
    tokio::spawn(connection);
    client
}

pub fn pg_execute(database: &str, sql: &str) {
    block_on(async {
        pg_client(database)
            .await
            .batch_execute(sql)
            .await
            .expect(sql)
    });
}

fn pg_query(database: &str, sql: &str) -> Vec<Vec<String>> {
    block_on(async {
        let client = pg_client(database).await;
        let messages = client.simple_query(sql).await.expect(sql);
        messages
            .into_iter()
            .filter_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(row) => Some(
                    (0..row.len())
                        .map(|i| row.get(i).unwrap_or("NULL").to_string())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    })
}

pub fn dynamodb() -> aws_sdk_dynamodb::Client {
    require("DynamoDB Local", 8000);
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "cruddurtest",
            "cruddurtest",
            None,
            None,
            "test",
        ))
        .endpoint_url(DYNAMODB)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

pub type Item = HashMap<String, AttributeValue>;

/// A DynamoDB table name of the test's own; the table (if any) is deleted when the test ends.
pub struct TestTable {
    pub name: String,
}

impl TestTable {
    pub fn new() -> Self {
        TestTable {
            name: unique("cruddur-test"),
        }
    }

    /// Every item, or None when the table does not exist.
    pub fn items_if_any(&self) -> Option<Vec<Item>> {
        let exists = block_on(async {
            dynamodb()
                .describe_table()
                .table_name(&self.name)
                .send()
                .await
                .is_ok()
        });
        exists.then(|| self.items())
    }

    /// Every item, read straight from DynamoDB.
    pub fn items(&self) -> Vec<Item> {
        block_on(async {
            dynamodb()
                .scan()
                .table_name(&self.name)
                .into_paginator()
                .items()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await
                .expect("scan")
        })
    }
}

impl Drop for TestTable {
    fn drop(&mut self) {
        block_on(async {
            let _ = dynamodb()
                .delete_table()
                .table_name(&self.name)
                .send()
                .await;
        });
    }
}

pub fn create_plain_table(name: &str) {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    };
    block_on(async {
        dynamodb()
            .create_table()
            .table_name(name)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("pk")
                    .attribute_type(ScalarAttributeType::S)
                    .build()
                    .unwrap(),
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("pk")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .expect("create table");
    });
}

pub fn string(item: &Item, key: &str) -> String {
    match item.get(key) {
        Some(AttributeValue::S(s)) => s.clone(),
        other => panic!("{key} is not a string attribute: {other:?}"),
    }
}

/// A database with the app's schema and seed users (sql/schema.sql, sql/seed.sql) loaded directly.
pub fn db_with_seed_users() -> TestDb {
    let db = TestDb::new();
    db.create();
    pg_execute(&db.name, include_str!("../../sql/schema.sql"));
    pg_execute(&db.name, include_str!("../../sql/seed.sql"));
    db
}

/// The messages table as `cruddur ddb schema-load` creates it (on-demand, to keep tests quick).
pub fn create_messages_table(name: &str) {
    cruddur()
        .args([
            "--table",
            name,
            "ddb",
            "schema-load",
            "--billing",
            "on-demand",
        ])
        .assert()
        .success();
}
