//! `cruddur bootstrap`: everything ready in one idempotent command; prd refused.

use crate::common::*;
use crate::moto::{self, TestPool};

fn bootstrap(db: &TestDb, table: &TestTable, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = cruddur();
    cmd.env("CONNECTION_URL", db.url())
        .args(["--table", &table.name, "bootstrap"])
        .args(args);
    cmd
}

fn message_uuids(table: &TestTable) -> Vec<String> {
    let mut ids: Vec<String> = table
        .items()
        .iter()
        .filter(|i| i.contains_key("message_uuid"))
        .map(|i| string(i, "message_uuid"))
        .collect();
    ids.sort();
    ids
}

#[test]
fn bootstrap_makes_everything_ready_and_a_second_run_changes_nothing() {
    let db = TestDb::new();
    let table = TestTable::new();
    let first = bootstrap(&db, &table, &["--output", "json"])
        .output()
        .unwrap();
    let steps = json(&first);
    assert_eq!(steps.as_array().unwrap().len(), 6, "{steps}");
    assert_eq!(db.query("SELECT count(*) FROM users"), [["3"]]);
    let rows = table.items().len();
    assert_eq!(
        rows,
        include_str!("../../conversations/default.txt")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count()
            + 2
    );
    let described = block_on(async {
        dynamodb()
            .describe_table()
            .table_name(&table.name)
            .send()
            .await
            .unwrap()
    });
    assert!(
        described
            .table()
            .unwrap()
            .stream_specification()
            .unwrap()
            .stream_enabled(),
        "dev gets a stream for follow-stream"
    );

    let uuids = message_uuids(&table);
    let users = db.query("SELECT uuid FROM users ORDER BY handle");
    let second = bootstrap(&db, &table, &["--output", "json"])
        .output()
        .unwrap();
    let results: Vec<String> = json(&second)
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["result"].as_str().unwrap().to_string())
        .collect();
    for result in &results {
        assert!(
            result.contains("nothing to do") || result.starts_with("skipped"),
            "second run did something: {result}"
        );
    }
    assert_eq!(message_uuids(&table), uuids);
    assert_eq!(db.query("SELECT uuid FROM users ORDER BY handle"), users);
}

#[test]
fn bootstrap_reset_starts_from_scratch() {
    let db = TestDb::new();
    let table = TestTable::new();
    bootstrap(&db, &table, &[]).assert().success();
    let uuids = message_uuids(&table);
    let users = db.query("SELECT uuid FROM users ORDER BY handle");
    bootstrap(&db, &table, &["--reset"]).assert().success();
    assert_eq!(message_uuids(&table).len(), uuids.len());
    assert!(message_uuids(&table).iter().all(|id| !uuids.contains(id)));
    assert_ne!(db.query("SELECT uuid FROM users ORDER BY handle"), users);
}

#[test]
fn bootstrap_copies_cognito_ids_when_a_pool_is_set() {
    let db = TestDb::new();
    let table = TestTable::new();
    let pool = TestPool::new();
    let sub = pool.add_user("andrew", Some("andrewbrown"));
    moto::cruddur()
        .env("CONNECTION_URL", db.url())
        .env("AWS_COGNITO_USER_POOL_ID", &pool.id)
        .args(["--table", &table.name, "bootstrap"])
        .assert()
        .success();
    assert_eq!(
        db.query("SELECT cognito_user_id FROM users WHERE handle = 'andrewbrown'"),
        [[sub]]
    );
}

#[test]
fn bootstrap_refuses_prd() {
    let db = TestDb::new();
    let table = TestTable::new();
    let out = bootstrap(&db, &table, &["--env", "prd", "--yes"])
        .env("PROD_CONNECTION_URL", db.url())
        .output()
        .unwrap();
    assert!(one_line_error(&out).contains("production is never bootstrapped"));
    assert!(table.items_if_any().is_none(), "nothing created in prd");
}
