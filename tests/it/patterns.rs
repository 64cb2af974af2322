//! `cruddur patterns`: access patterns A-D against a messages table and a users database of each
//! test's own, checked against the rows in DynamoDB.

use std::process::Output;

use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use cruddur::model::{self, MessageGroupRow, MessageRow, User};
use serde_json::Value;
use uuid::Uuid;

use crate::common::*;

/// A users database (schema and seed: andrewbrown, bayko, londo) and an empty messages table.
struct Stack {
    db: TestDb,
    table: TestTable,
}

impl Stack {
    fn new() -> Self {
        let db = db_with_seed_users();
        let table = TestTable::new();
        create_messages_table(&table.name);
        Stack { db, table }
    }

    fn user(&self, handle: &str) -> User {
        let rows = self.db.query(&format!(
            "SELECT uuid, display_name FROM users WHERE handle = '{handle}'"
        ));
        User {
            uuid: Uuid::parse_str(&rows[0][0]).unwrap(),
            display_name: rows[0][1].clone(),
            handle: handle.into(),
        }
    }

    /// `cruddur --table <this table> ...` with this database, times shown in UTC.
    fn cruddur(&self) -> assert_cmd::Command {
        self.cruddur_on_table(&self.table.name)
    }

    fn cruddur_on_table(&self, table: &str) -> assert_cmd::Command {
        let mut cmd = cruddur();
        cmd.env("CONNECTION_URL", self.db.url())
            .env("TZ", "UTC")
            .args(["--table", table]);
        cmd
    }

    /// `cruddur <line>`, the line split at spaces: `patterns get-conversation --group G`.
    fn run(&self, line: &str) -> Output {
        self.cruddur()
            .args(line.split_whitespace())
            .output()
            .unwrap()
    }

    /// As [`Stack::run`], with one environment variable set (or replaced).
    fn run_with_var(&self, name: &str, value: &str, line: &str) -> Output {
        self.cruddur()
            .env(name, value)
            .args(line.split_whitespace())
            .output()
            .unwrap()
    }

    /// What `cruddur <line> --output json` printed, parsed, and the notes it wrote on stderr.
    fn json_and_notes(&self, line: &str) -> (Value, String) {
        let out = self.run(&format!("{line} --output json"));
        (json(&out), stderr(&out))
    }

    /// As [`Stack::run`], with a message `text` (spaces and all) as the last argument.
    fn run_with_text(&self, line: &str, text: &str) -> Output {
        self.cruddur()
            .args(line.split_whitespace())
            .arg(text)
            .output()
            .unwrap()
    }

    /// What `cruddur <line> --output json` printed, parsed; the run must succeed.
    fn json(&self, line: &str) -> Value {
        self.json_and_notes(line).0
    }

    /// A conversation between `a` and `b` as the app leaves it: a message at each time (senders
    /// taking turns, `a` first), and both group rows at the last one. Returns the group uuid.
    fn write_conversation(&self, a: &str, b: &str, times: &[DateTime<Utc>]) -> Uuid {
        let (a, b) = (self.user(a), self.user(b));
        let group = Uuid::new_v4();
        let messages: Vec<MessageRow> = times
            .iter()
            .enumerate()
            .map(|(i, at)| MessageRow {
                message_group_uuid: group,
                message_uuid: Uuid::new_v4(),
                created_at: *at,
                message: format!("message {i}"),
                sender: if i % 2 == 0 { a.clone() } else { b.clone() },
            })
            .collect();
        let last = messages.last().unwrap();
        let mut items: Vec<Item> = messages.iter().map(MessageRow::to_item).collect();
        items.extend(
            model::group_rows_for(group, &a, &b, last.created_at, &last.message)
                .iter()
                .map(|g| g.to_item()),
        );
        for chunk in items.chunks(25) {
            let requests = chunk
                .iter()
                .map(|item| {
                    WriteRequest::builder()
                        .put_request(
                            PutRequest::builder()
                                .set_item(Some(item.clone()))
                                .build()
                                .unwrap(),
                        )
                        .build()
                })
                .collect();
            let out = block_on(
                dynamodb()
                    .batch_write_item()
                    .request_items(&self.table.name, requests)
                    .send(),
            )
            .unwrap();
            assert!(
                out.unprocessed_items().is_none_or(|u| u.is_empty()),
                "unprocessed items"
            );
        }
        group
    }

    /// Every row in the table, read from DynamoDB: group rows by group and owner, messages oldest first.
    fn rows(&self) -> (Vec<MessageGroupRow>, Vec<MessageRow>) {
        let items = self.table.items();
        let is_group = |item: &Item| string(item, "pk").starts_with(model::GROUP_PREFIX);
        let mut groups: Vec<MessageGroupRow> = items
            .iter()
            .filter(|i| is_group(i))
            .map(|i| MessageGroupRow::from_item(i).unwrap())
            .collect();
        groups.sort_by_key(|g| (g.message_group_uuid, g.owner_uuid));
        let mut messages: Vec<MessageRow> = items
            .iter()
            .filter(|i| !is_group(i))
            .map(|i| MessageRow::from_item(i).unwrap())
            .collect();
        messages.sort_by_key(|m| m.created_at);
        (groups, messages)
    }
}

fn minutes_from(start: DateTime<Utc>, count: i64) -> Vec<DateTime<Utc>> {
    (0..count).map(|i| start + Duration::minutes(i)).collect()
}

fn march_2025() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap()
}

fn backend_json(messages: &[MessageRow]) -> Value {
    Value::Array(messages.iter().map(MessageRow::to_backend_json).collect())
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// The run failed by the error rules (exit 1, one line), and the line says each of `needles`.
fn assert_fails_saying(output: &Output, needles: &[&str]) {
    let error = one_line_error(output);
    for needle in needles {
        assert!(error.contains(needle), "{needle:?} missing: {error}");
    }
}

/// The cells of a table printed to a pipe (columns two or more spaces apart), line by line.
fn cells(output: &Output) -> Vec<Vec<String>> {
    assert!(output.status.success(), "{}", stderr(output));
    let cells_of = |line: &str| {
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect()
    };
    stdout(output).lines().map(cells_of).collect()
}

fn assert_backend_shape(value: &Value) {
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["created_at", "display_name", "handle", "message", "uuid"],
        "{value}"
    );
    let time = value["created_at"].as_str().unwrap();
    assert_eq!(
        model::format_time(model::parse_time(time).unwrap()),
        time,
        "not the table's time format"
    );
}

#[test]
fn get_conversation_shows_the_last_page_oldest_first_as_the_backend_does() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 45));
    let shown = stack.json(&format!(
        "patterns get-conversation --group {group} --year 2025"
    ));
    let (_, messages) = stack.rows();
    assert_eq!(messages.len(), 45);
    assert_eq!(shown, backend_json(&messages[25..]));
    shown
        .as_array()
        .unwrap()
        .iter()
        .for_each(assert_backend_shape);
    assert_eq!(shown[0]["handle"], "bayko", "message 25 is bayko's turn");
}

#[test]
fn get_conversation_all_follows_pagination_and_reports_consumed_capacity() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 45));
    let (_, messages) = stack.rows();
    let every_message = format!("patterns get-conversation --group {group} --year 2025 --all");
    assert_eq!(stack.json(&every_message), backend_json(&messages));
    // Pages of 7: 45 messages take 7 requests.
    let (shown, note) = stack.json_and_notes(&format!("{every_message} --limit 7 --consumed"));
    assert_eq!(shown, backend_json(&messages));
    assert!(
        note.contains("consumed capacity") && note.contains("in 7 request(s)"),
        "{note}"
    );
}

#[test]
fn get_conversation_reads_this_year_by_default_and_since_until_as_asked() {
    let stack = Stack::new();
    let this_year = Utc::now().year();
    let new_year = Utc.with_ymd_and_hms(this_year, 1, 1, 0, 0, 0).unwrap();
    let days = [-1, 0, 1, 2].map(|d| new_year + Duration::days(d));
    let group = stack.write_conversation("andrewbrown", "bayko", &days);
    let (_, messages) = stack.rows();
    let read = |window: &str| {
        stack.json(&format!(
            "patterns get-conversation --group {group} {window}"
        ))
    };
    let day = |n: usize| messages[n].created_at.format("%Y-%m-%d").to_string();
    assert_eq!(read(""), backend_json(&messages[1..]), "the current year");
    assert_eq!(
        read(&format!("--year {}", this_year - 1)),
        backend_json(&messages[..1])
    );
    assert_eq!(
        read(&format!("--since {}", day(2))),
        backend_json(&messages[2..])
    );
    let until = read(&format!("--until {}", day(1)));
    assert_eq!(
        until,
        backend_json(&messages[..2]),
        "--until takes the whole day"
    );
    let both = read(&format!("--since {} --until {}", day(1), day(2)));
    assert_eq!(both, backend_json(&messages[1..3]));
    let exact = model::format_time(messages[3].created_at);
    assert_eq!(
        read(&format!("--since {exact}")),
        backend_json(&messages[3..])
    );
}

#[test]
fn get_conversation_with_nothing_in_the_window_says_when_the_newest_message_is() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2));
    let (shown, note) = stack.json_and_notes(&format!(
        "patterns get-conversation --group {group} --year 2024"
    ));
    assert_eq!(shown, Value::Array(vec![]));
    assert!(
        note.contains("no messages in 2024") && note.contains("2025-03-01 09:01 AM"),
        "{note}"
    );
}

#[test]
fn get_conversation_as_a_table_shows_handle_local_time_and_message() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2));
    let out = stack.run_with_var(
        "TZ",
        "America/New_York",
        &format!("patterns get-conversation --group {group} --year 2025"),
    );
    let lines = cells(&out);
    assert_eq!(lines[0], ["from", "time", "message"]);
    assert_eq!(
        lines[1],
        ["andrewbrown", "2025-03-01 04:00 AM", "message 0"]
    );
    assert_eq!(lines[2], ["bayko", "2025-03-01 04:01 AM", "message 1"]);
}

#[test]
fn list_conversations_shows_the_group_for_both_users() {
    let stack = Stack::new();
    let with_bayko =
        stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 3));
    let a_day_later = minutes_from(march_2025() + Duration::days(1), 2);
    let with_londo = stack.write_conversation("londo", "andrewbrown", &a_day_later);
    let (groups, _) = stack.rows();
    let row_of = |owner: &str, group: Uuid| {
        let owner = stack.user(owner).uuid;
        let row = groups
            .iter()
            .find(|g| g.owner_uuid == owner && g.message_group_uuid == group);
        row.unwrap().to_backend_json()
    };
    let andrew = stack.json("patterns list-conversations --handle andrewbrown --year 2025");
    let newest_first = [
        row_of("andrewbrown", with_londo),
        row_of("andrewbrown", with_bayko),
    ];
    assert_eq!(andrew, Value::Array(newest_first.to_vec()));
    andrew
        .as_array()
        .unwrap()
        .iter()
        .for_each(assert_backend_shape);
    assert_eq!(
        andrew[0]["uuid"],
        with_londo.to_string(),
        "the group's uuid"
    );
    assert_eq!(andrew[0]["handle"], "londo");
    assert_eq!(andrew[1]["message"], "message 2");
    // CRUDDUR_HANDLE stands for --handle.
    let out = stack.run_with_var(
        "CRUDDUR_HANDLE",
        "bayko",
        "patterns list-conversations --year 2025 --output json",
    );
    let bayko = json(&out);
    assert_eq!(bayko, Value::Array(vec![row_of("bayko", with_bayko)]));
    assert_eq!(bayko[0]["display_name"], "Andrew Brown");
}

#[test]
fn list_conversations_as_a_table_names_the_other_user_and_the_group() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 3));
    let lines = cells(&stack.run("patterns list-conversations --handle bayko --year 2025"));
    assert_eq!(
        lines[0],
        ["with", "handle", "last message", "time", "group"]
    );
    let expected = [
        "Andrew Brown",
        "andrewbrown",
        "message 2",
        "2025-03-01 09:02 AM",
        &group.to_string(),
    ];
    assert_eq!(lines[1], expected);
}

#[test]
fn start_then_send_make_a_conversation_that_get_conversation_reads_back() {
    let stack = Stack::new();
    let out = stack.run_with_text(
        "patterns start --from andrewbrown --to londo --output json",
        "hello Londo",
    );
    let started = json(&out);
    assert_eq!(started.as_object().unwrap().len(), 1, "{started}");
    let group = Uuid::parse_str(started["message_group_uuid"].as_str().unwrap()).unwrap();
    let (andrew, londo) = (stack.user("andrewbrown"), stack.user("londo"));

    let (groups, messages) = stack.rows();
    assert_eq!(messages.len(), 1);
    let first = &messages[0];
    assert_eq!(
        (
            first.message_group_uuid,
            first.message.as_str(),
            &first.sender
        ),
        (group, "hello Londo", &andrew)
    );
    let mut expected =
        model::group_rows_for(group, &andrew, &londo, first.created_at, "hello Londo");
    expected.sort_by_key(|g| g.owner_uuid);
    assert_eq!(groups, expected, "both group rows, at the first message");

    let sent = stack.json(&format!(
        "patterns send --group {group} --from londo greetings"
    ));
    assert_backend_shape(&sent);
    let (groups_after, messages) = stack.rows();
    assert_eq!(messages.len(), 2);
    assert_eq!(sent, messages[1].to_backend_json());
    assert_eq!(
        (messages[1].message.as_str(), &messages[1].sender),
        ("greetings", &londo)
    );
    assert_eq!(groups_after, groups, "send writes only the message row");

    let read_back = stack.json(&format!("patterns get-conversation --group {group}"));
    assert_eq!(read_back, backend_json(&messages));
}

#[test]
fn start_as_a_table_prints_the_group_uuid() {
    let stack = Stack::new();
    let out = stack.run("patterns start --from bayko --to londo hi");
    assert!(out.status.success(), "{}", stderr(&out));
    let group = Uuid::parse_str(stdout(&out).trim()).unwrap();
    let (groups, _) = stack.rows();
    assert!(groups.len() == 2 && groups.iter().all(|g| g.message_group_uuid == group));
}

#[test]
fn send_refuses_a_sender_outside_the_conversation_and_writes_nothing() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2));
    let before = stack.table.items().len();
    let out = stack.run(&format!("patterns send --group {group} --from londo hi"));
    assert_fails_saying(
        &out,
        &["londo is not in conversation", "andrewbrown", "bayko"],
    );
    assert_eq!(stack.table.items().len(), before);
}

#[test]
fn blank_and_overlong_messages_are_refused_and_nothing_is_written() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2));
    let before = stack.table.items().len();
    let too_long = "x".repeat(1025);
    for (text, says) in [("  ", "blank"), (too_long.as_str(), "1025")] {
        for command in [
            format!("patterns send --group {group} --from bayko"),
            "patterns start --from bayko --to londo".into(),
        ] {
            assert_fails_saying(&stack.run_with_text(&command, text), &[says]);
        }
    }
    assert_eq!(stack.table.items().len(), before);
    let out = stack.run_with_text("patterns start --from bayko --to londo", &"é".repeat(1024));
    assert!(
        out.status.success(),
        "1024 characters are allowed: {}",
        stderr(&out)
    );
}

#[test]
fn unknown_handles_name_the_handles_that_exist() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2));
    let before = stack.table.items().len();
    for line in [
        "patterns list-conversations --handle nobody".to_string(),
        "patterns start --from andrewbrown --to nobody hi".into(),
        "patterns start --from nobody --to andrewbrown hi".into(),
        format!("patterns send --group {group} --from nobody hi"),
    ] {
        let handles = "the handles in database";
        assert_fails_saying(
            &stack.run(&line),
            &[
                "unknown handle nobody",
                handles,
                "andrewbrown, bayko, londo",
            ],
        );
    }
    assert_eq!(stack.table.items().len(), before);
    let out = stack.run("patterns start --from bayko --to bayko hi");
    assert_fails_saying(&out, &["between two users"]);
}

#[test]
fn an_unknown_group_says_so_and_where_groups_are_listed() {
    let stack = Stack::new();
    let group = Uuid::new_v4();
    for line in [
        format!("patterns get-conversation --group {group}"),
        format!("patterns send --group {group} --from bayko hi"),
    ] {
        let says_so = format!("conversation {group} is not in table");
        assert_fails_saying(
            &stack.run(&line),
            &[&says_so, "patterns list-conversations"],
        );
    }
    assert!(stack.table.items().is_empty());
}

#[test]
fn a_bad_time_window_is_refused_with_the_accepted_formats() {
    let stack = Stack::new();
    let group = Uuid::new_v4();
    let out = stack.run(&format!(
        "patterns get-conversation --group {group} --since yesterday"
    ));
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let text = stderr(&out);
    let names_formats = text.contains("2026-05-01 (UTC)") && text.contains("2026-05-01T09:30:00Z");
    assert!(text.contains("--since") && names_formats, "{text}");
    let out = stack
        .run("patterns list-conversations --handle bayko --since 2025-03-02 --until 2025-03-01");
    assert_fails_saying(&out, &["is after --until"]);
    let out = stack.run(&format!(
        "patterns get-conversation --group {group} --year 2025 --since 2025-03-01"
    ));
    assert_eq!(out.status.code(), Some(2), "--year or a range, not both");
    assert_eq!(
        stack.run("patterns list-conversations").status.code(),
        Some(2),
        "a handle is required"
    );
}

#[test]
fn a_missing_table_is_named_with_the_command_that_creates_it() {
    let stack = Stack::new();
    let missing = unique("cruddur-missing");
    let group = Uuid::new_v4();
    for line in [
        format!("patterns get-conversation --group {group}"),
        "patterns list-conversations --handle bayko".into(),
        format!("patterns send --group {group} --from bayko hi"),
        "patterns start --from bayko --to londo hi".into(),
    ] {
        let out = stack
            .cruddur_on_table(&missing)
            .args(line.split_whitespace())
            .output()
            .unwrap();
        let names_it = format!("table {missing} does not exist");
        assert_fails_saying(&out, &[&names_it, "ddb schema-load"]);
    }
}

#[test]
fn servers_that_are_down_are_named_with_how_to_start_them() {
    let stack = Stack::new();
    let out = stack.run_with_var(
        "AWS_ENDPOINT_URL_DYNAMODB",
        "http://localhost:1",
        &format!("patterns get-conversation --group {}", Uuid::new_v4()),
    );
    let names_it = "cannot reach DynamoDB at http://localhost:1";
    assert_fails_saying(&out, &[names_it, "scripts/local-stack up"]);
    let out = stack.run_with_var(
        "CONNECTION_URL",
        "postgresql://postgres:password@localhost:1/cruddur",
        "patterns start --from bayko --to londo hi",
    );
    let names_it = "cannot reach Postgres at localhost:1";
    assert_fails_saying(&out, &[names_it, "scripts/local-stack up"]);
    assert!(stack.table.items().is_empty());
}

#[test]
fn writing_in_prd_needs_confirmation() {
    let stack = Stack::new();
    let group = Uuid::new_v4();
    for line in [
        format!("--env prd patterns send --group {group} --from bayko hi"),
        "--env prd patterns start --from bayko --to londo hi".into(),
    ] {
        let refusal = "refusing to write a message as bayko";
        assert_fails_saying(&stack.run(&line), &[refusal, "--yes"]);
    }
}

#[test]
fn after_ddb_seed_the_patterns_read_the_seeded_conversation() {
    let db = db_with_seed_users();
    let table = TestTable::new();
    create_messages_table(&table.name);
    let run = |args: &[&str]| {
        let out = cruddur()
            .env("CONNECTION_URL", db.url())
            .args(["--table", &table.name])
            .args(args)
            .args(["--output", "json"])
            .output()
            .unwrap();
        json(&out)
    };
    let seeded = run(&["ddb", "seed"]);
    let group = seeded["message_group_uuid"].as_str().unwrap().to_string();
    let lines: Vec<&str> = include_str!("../../conversations/default.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_once(": ").unwrap().1)
        .collect();

    let page = run(&["patterns", "get-conversation", "--group", &group]);
    let texts: Vec<&str> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        lines[lines.len() - 20..],
        "the last 20, oldest first"
    );
    let every = run(&["patterns", "get-conversation", "--group", &group, "--all"]);
    let texts: Vec<&str> = every
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap())
        .collect();
    assert_eq!(texts, lines);

    for (handle, other) in [("andrewbrown", "bayko"), ("bayko", "andrewbrown")] {
        let listed = run(&["patterns", "list-conversations", "--handle", handle]);
        assert_eq!(listed[0]["uuid"], group.as_str());
        assert_eq!(listed[0]["handle"], other);
        assert_eq!(listed[0]["message"], *lines.last().unwrap());
    }
}
