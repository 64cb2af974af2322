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
        let db = TestDb::new();
        db.create();
        pg_execute(&db.name, include_str!("../../sql/schema.sql"));
        pg_execute(&db.name, include_str!("../../sql/seed.sql"));
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

    fn run(&self, args: &[&str]) -> Output {
        self.cruddur().args(args).output().unwrap()
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

    /// Every row in the table, read from DynamoDB: group rows, and message rows oldest first.
    fn rows(&self) -> (Vec<MessageGroupRow>, Vec<MessageRow>) {
        let items = self.table.items();
        let is_group = |item: &Item| string(item, "pk").starts_with(model::GROUP_PREFIX);
        let groups = items
            .iter()
            .filter(|i| is_group(i))
            .map(|i| MessageGroupRow::from_item(i).unwrap())
            .collect();
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
    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group.to_string(),
        "--year",
        "2025",
        "--output",
        "json",
    ]);
    let shown = json(&out);
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
    let group = group.to_string();
    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group,
        "--year",
        "2025",
        "--all",
        "--output",
        "json",
    ]);
    assert_eq!(json(&out), backend_json(&messages));
    // Pages of 7: 45 messages take 7 requests.
    let args = [
        "patterns",
        "get-conversation",
        "--group",
        &group,
        "--year",
        "2025",
        "--all",
        "--limit",
        "7",
        "--consumed",
    ];
    let out = stack.run(&[&args[..], &["--output", "json"]].concat());
    assert_eq!(json(&out), backend_json(&messages));
    let note = stderr(&out);
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
    let days = [
        Duration::days(-1),
        Duration::zero(),
        Duration::days(1),
        Duration::days(2),
    ]
    .map(|d| new_year + d);
    let group = stack
        .write_conversation("andrewbrown", "bayko", &days)
        .to_string();
    let (_, messages) = stack.rows();
    let read = |window: &[&str]| {
        let out = stack.run(
            &[
                &[
                    "patterns",
                    "get-conversation",
                    "--group",
                    &group,
                    "--output",
                    "json",
                ],
                window,
            ]
            .concat(),
        );
        json(&out)
    };
    assert_eq!(read(&[]), backend_json(&messages[1..]), "the current year");
    assert_eq!(
        read(&["--year", &(this_year - 1).to_string()]),
        backend_json(&messages[..1])
    );
    let day = |n: usize| messages[n].created_at.format("%Y-%m-%d").to_string();
    assert_eq!(read(&["--since", &day(2)]), backend_json(&messages[2..]));
    assert_eq!(
        read(&["--until", &day(1)]),
        backend_json(&messages[..2]),
        "--until takes the whole day"
    );
    assert_eq!(
        read(&["--since", &day(1), "--until", &day(2)]),
        backend_json(&messages[1..3])
    );
    let exact = model::format_time(messages[3].created_at);
    assert_eq!(read(&["--since", &exact]), backend_json(&messages[3..]));
}

#[test]
fn get_conversation_with_nothing_in_the_window_says_when_the_newest_message_is() {
    let stack = Stack::new();
    let group = stack
        .write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2))
        .to_string();
    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group,
        "--year",
        "2024",
        "--output",
        "json",
    ]);
    assert_eq!(json(&out), Value::Array(vec![]));
    let note = stderr(&out);
    assert!(
        note.contains("no messages in 2024") && note.contains("2025-03-01 09:01 AM"),
        "{note}"
    );
}

#[test]
fn get_conversation_as_a_table_shows_handle_local_time_and_message() {
    let stack = Stack::new();
    let group = stack
        .write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2))
        .to_string();
    let out = stack
        .cruddur()
        .env("TZ", "America/New_York")
        .args([
            "patterns",
            "get-conversation",
            "--group",
            &group,
            "--year",
            "2025",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(lines[0], ["from", "time", "message"]);
    assert_eq!(
        lines[1],
        ["andrewbrown", "2025-03-01 04:00 AM", "message 0"],
        "{text}"
    );
    assert_eq!(
        lines[2],
        ["bayko", "2025-03-01 04:01 AM", "message 1"],
        "{text}"
    );
}

#[test]
fn list_conversations_shows_the_group_for_both_users() {
    let stack = Stack::new();
    let with_bayko =
        stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 3));
    let with_londo = stack.write_conversation(
        "londo",
        "andrewbrown",
        &minutes_from(march_2025() + Duration::days(1), 2),
    );
    let (groups, _) = stack.rows();
    let row_of = |owner: &str, group: Uuid| {
        let owner = stack.user(owner).uuid;
        groups
            .iter()
            .find(|g| g.owner_uuid == owner && g.message_group_uuid == group)
            .unwrap()
            .to_backend_json()
    };
    let list = |handle: &str| {
        json(&stack.run(&[
            "patterns",
            "list-conversations",
            "--handle",
            handle,
            "--year",
            "2025",
            "--output",
            "json",
        ]))
    };
    let andrew = list("andrewbrown");
    assert_eq!(
        andrew,
        Value::Array(vec![
            row_of("andrewbrown", with_londo),
            row_of("andrewbrown", with_bayko)
        ])
    );
    andrew
        .as_array()
        .unwrap()
        .iter()
        .for_each(assert_backend_shape);
    assert_eq!(
        (andrew[0]["uuid"].as_str().unwrap(), &andrew[0]["handle"]),
        (with_londo.to_string().as_str(), &Value::from("londo"))
    );
    assert_eq!(andrew[1]["message"], "message 2");
    // CRUDDUR_HANDLE stands for --handle.
    let out = stack
        .cruddur()
        .env("CRUDDUR_HANDLE", "bayko")
        .args([
            "patterns",
            "list-conversations",
            "--year",
            "2025",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    let bayko = json(&out);
    assert_eq!(bayko, Value::Array(vec![row_of("bayko", with_bayko)]));
    assert_eq!(bayko[0]["display_name"], "Andrew Brown");
}

#[test]
fn list_conversations_as_a_table_names_the_other_user_and_the_group() {
    let stack = Stack::new();
    let group = stack.write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 3));
    let out = stack.run(&[
        "patterns",
        "list-conversations",
        "--handle",
        "bayko",
        "--year",
        "2025",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header: Vec<&str> = text
        .lines()
        .next()
        .unwrap()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(header, ["with", "handle", "last message", "time", "group"]);
    let row = text.lines().nth(1).unwrap();
    for cell in [
        "Andrew Brown",
        "andrewbrown",
        "message 2",
        "2025-03-01 09:02 AM",
        &group.to_string(),
    ] {
        assert!(row.contains(cell), "{cell} missing: {text}");
    }
}

#[test]
fn start_then_send_make_a_conversation_that_get_conversation_reads_back() {
    let stack = Stack::new();
    let out = stack.run(&[
        "patterns",
        "start",
        "--from",
        "andrewbrown",
        "--to",
        "londo",
        "hello Londo",
        "--output",
        "json",
    ]);
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
        model::group_rows_for(group, &andrew, &londo, first.created_at, "hello Londo").to_vec();
    let mut groups = groups;
    groups.sort_by_key(|g| g.owner_uuid);
    expected.sort_by_key(|g| g.owner_uuid);
    assert_eq!(groups, expected, "both group rows, at the first message");
    let item = stack
        .table
        .items()
        .into_iter()
        .find(|i| string(i, "pk") == model::message_pk(group))
        .unwrap();
    assert_eq!(string(&item, "sk"), model::format_time(first.created_at));

    let out = stack.run(&[
        "patterns",
        "send",
        "--group",
        &group.to_string(),
        "--from",
        "londo",
        "greetings",
        "--output",
        "json",
    ]);
    let sent = json(&out);
    assert_backend_shape(&sent);
    let (groups_after, messages) = stack.rows();
    assert_eq!(messages.len(), 2);
    assert_eq!(sent, messages[1].to_backend_json());
    assert_eq!(
        (messages[1].message.as_str(), &messages[1].sender),
        ("greetings", &londo)
    );
    let mut groups_after = groups_after;
    groups_after.sort_by_key(|g| g.owner_uuid);
    assert_eq!(groups_after, groups, "send writes only the message row");

    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group.to_string(),
        "--output",
        "json",
    ]);
    assert_eq!(json(&out), backend_json(&messages));
}

#[test]
fn start_as_a_table_prints_the_group_uuid() {
    let stack = Stack::new();
    let out = stack.run(&[
        "patterns", "start", "--from", "bayko", "--to", "londo", "hi",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let group = Uuid::parse_str(stdout(&out).trim()).unwrap();
    let (groups, _) = stack.rows();
    assert!(groups.iter().all(|g| g.message_group_uuid == group) && groups.len() == 2);
}

#[test]
fn send_refuses_a_sender_outside_the_conversation_and_writes_nothing() {
    let stack = Stack::new();
    let group = stack
        .write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2))
        .to_string();
    let before = stack.table.items().len();
    let out = stack.run(&[
        "patterns",
        "send",
        "--group",
        &group,
        "--from",
        "londo",
        "let me in",
    ]);
    let line = one_line_error(&out);
    assert!(
        line.contains("londo is not in conversation")
            && line.contains("andrewbrown")
            && line.contains("bayko"),
        "{line}"
    );
    assert_eq!(stack.table.items().len(), before);
}

#[test]
fn blank_and_overlong_messages_are_refused_and_nothing_is_written() {
    let stack = Stack::new();
    let group = stack
        .write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2))
        .to_string();
    let before = stack.table.items().len();
    let too_long = "x".repeat(1025);
    for (text, says) in [("  ", "blank"), (too_long.as_str(), "1025")] {
        let out = stack.run(&[
            "patterns", "send", "--group", &group, "--from", "bayko", text,
        ]);
        assert!(one_line_error(&out).contains(says));
        let out = stack.run(&[
            "patterns", "start", "--from", "bayko", "--to", "londo", text,
        ]);
        assert!(one_line_error(&out).contains(says));
    }
    assert_eq!(stack.table.items().len(), before);
    let out = stack.run(&[
        "patterns",
        "start",
        "--from",
        "bayko",
        "--to",
        "londo",
        &"é".repeat(1024),
    ]);
    assert!(
        out.status.success(),
        "1024 characters are allowed: {}",
        stderr(&out)
    );
}

#[test]
fn unknown_handles_name_the_handles_that_exist() {
    let stack = Stack::new();
    let group = stack
        .write_conversation("andrewbrown", "bayko", &minutes_from(march_2025(), 2))
        .to_string();
    let before = stack.table.items().len();
    let runs: [&[&str]; 4] = [
        &["patterns", "list-conversations", "--handle", "nobody"],
        &[
            "patterns",
            "start",
            "--from",
            "andrewbrown",
            "--to",
            "nobody",
            "hi",
        ],
        &[
            "patterns",
            "start",
            "--from",
            "nobody",
            "--to",
            "andrewbrown",
            "hi",
        ],
        &[
            "patterns", "send", "--group", &group, "--from", "nobody", "hi",
        ],
    ];
    for args in runs {
        let line = one_line_error(&stack.run(args));
        assert!(
            line.contains("unknown handle nobody") && line.contains("andrewbrown, bayko, londo"),
            "{line}"
        );
    }
    assert_eq!(stack.table.items().len(), before);
    let out = stack.run(&[
        "patterns", "start", "--from", "bayko", "--to", "bayko", "hi",
    ]);
    assert!(one_line_error(&out).contains("between two users"));
}

#[test]
fn an_unknown_group_says_so_and_where_groups_are_listed() {
    let stack = Stack::new();
    let group = Uuid::new_v4().to_string();
    for args in [
        &["patterns", "get-conversation", "--group", &group][..],
        &[
            "patterns", "send", "--group", &group, "--from", "bayko", "hi",
        ],
    ] {
        let line = one_line_error(&stack.run(args));
        assert!(
            line.contains(&format!("conversation {group} is not in table"))
                && line.contains("list-conversations"),
            "{line}"
        );
    }
    assert!(stack.table.items().is_empty());
}

#[test]
fn a_bad_time_window_is_refused_with_the_accepted_formats() {
    let stack = Stack::new();
    let group = Uuid::new_v4().to_string();
    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group,
        "--since",
        "yesterday",
    ]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let text = stderr(&out);
    assert!(
        text.contains("--since")
            && text.contains("2026-05-01T09:30:00Z")
            && text.contains("2026-05-01 (UTC)"),
        "{text}"
    );
    let out = stack.run(&[
        "patterns",
        "list-conversations",
        "--handle",
        "bayko",
        "--since",
        "2025-03-02",
        "--until",
        "2025-03-01",
    ]);
    assert!(one_line_error(&out).contains("is after --until"));
    let out = stack.run(&[
        "patterns",
        "get-conversation",
        "--group",
        &group,
        "--year",
        "2025",
        "--since",
        "2025-03-01",
    ]);
    assert_eq!(out.status.code(), Some(2), "--year or a range, not both");
    let out = stack
        .cruddur()
        .args(["patterns", "list-conversations"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a handle is required");
}

#[test]
fn a_missing_table_is_named_with_the_command_that_creates_it() {
    let stack = Stack::new();
    let missing = unique("cruddur-missing");
    let group = Uuid::new_v4().to_string();
    let runs: [&[&str]; 4] = [
        &["patterns", "get-conversation", "--group", &group],
        &["patterns", "list-conversations", "--handle", "bayko"],
        &[
            "patterns", "send", "--group", &group, "--from", "bayko", "hi",
        ],
        &[
            "patterns", "start", "--from", "bayko", "--to", "londo", "hi",
        ],
    ];
    for args in runs {
        let out = stack
            .cruddur_on_table(&missing)
            .args(args)
            .output()
            .unwrap();
        let line = one_line_error(&out);
        assert!(
            line.contains(&format!("table {missing} does not exist"))
                && line.contains("cruddur ddb schema-load"),
            "{line}"
        );
    }
}

#[test]
fn servers_that_are_down_are_named_with_how_to_start_them() {
    let stack = Stack::new();
    let group = Uuid::new_v4().to_string();
    let out = stack
        .cruddur()
        .env("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:1")
        .args(["patterns", "get-conversation", "--group", &group])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("cannot reach DynamoDB at http://localhost:1")
            && line.contains("scripts/local-stack up"),
        "{line}"
    );
    let out = stack
        .cruddur()
        .env(
            "CONNECTION_URL",
            "postgresql://postgres:password@localhost:1/cruddur",
        )
        .args([
            "patterns", "start", "--from", "bayko", "--to", "londo", "hi",
        ])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("cannot reach Postgres at localhost:1")
            && line.contains("scripts/local-stack up"),
        "{line}"
    );
    assert!(stack.table.items().is_empty());
}
