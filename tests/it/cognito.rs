//! `cognito list-users` and `cognito update-ids` against moto's Cognito and the local Postgres.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common::*;
use crate::moto::{self, TestPool};

fn cognito_ids(db: &TestDb) -> BTreeMap<String, String> {
    db.query("SELECT handle, cognito_user_id FROM users")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

fn update_ids(db: &TestDb, pool: &TestPool, args: &[&str]) -> std::process::Output {
    moto::cruddur()
        .env("CONNECTION_URL", db.url())
        .args(["cognito", "update-ids", "--user-pool-id", &pool.id])
        .args(args)
        .output()
        .unwrap()
}

/// `{handle: result}` from update-ids' JSON.
fn results(report: &Value) -> BTreeMap<String, String> {
    report["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["handle"].as_str().unwrap().to_string(),
                u["result"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn list_users_reads_every_page_of_a_130_user_pool() {
    // ListUsers returns at most 60 users a page: 130 take three pages. Every 13th user has no handle.
    let pool = TestPool::new();
    let mut expected_map = serde_json::Map::new();
    let mut subs = Vec::new();
    for i in 0..130 {
        let handle = (i % 13 != 0).then(|| format!("user{i:03}"));
        let sub = pool.add_user(&format!("login{i:03}"), handle.as_deref());
        if let Some(handle) = handle {
            expected_map.insert(handle, json!(sub));
        }
        subs.push(sub);
    }

    let listed = json(
        &moto::cruddur()
            .args([
                "cognito",
                "list-users",
                "--user-pool-id",
                &pool.id,
                "--output",
                "json",
            ])
            .output()
            .unwrap(),
    );
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 130);
    let mut listed_subs: Vec<&str> = listed.iter().map(|u| u["sub"].as_str().unwrap()).collect();
    listed_subs.sort();
    subs.sort();
    assert_eq!(listed_subs, subs);
    let login007 = listed.iter().find(|u| u["handle"] == "user007").unwrap();
    assert_eq!(login007["email"], "login007@example.com");
    assert_eq!(login007["status"], "FORCE_CHANGE_PASSWORD");
    assert!(
        login007["created"].as_str().unwrap().starts_with("20"),
        "{login007}"
    );
    assert_eq!(listed.iter().filter(|u| u["handle"].is_null()).count(), 10);

    // The pool id from the environment, as the old script read it; a table with a header row.
    let out = moto::cruddur()
        .env("AWS_COGNITO_USER_POOL_ID", &pool.id)
        .args(["cognito", "list-users"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["handle", "sub", "email", "status", "created"]);
    assert_eq!(text.lines().count(), 131);

    let out = moto::cruddur()
        .args(["cognito", "list-users", "--user-pool-id", &pool.id, "--map"])
        .output()
        .unwrap();
    assert_eq!(json(&out), Value::Object(expected_map));
    assert_eq!(
        stderr(&out).matches("no preferred_username").count(),
        10,
        "{}",
        stderr(&out)
    );
}

#[test]
fn update_ids_sets_matching_handles_reports_the_rest_and_then_finds_nothing_to_change() {
    let db = db_with_seed_users();
    let pool = TestPool::new();
    let andrew = pool.add_user("andrew-login", Some("andrewbrown"));
    let bayko = pool.add_user("bayko-login", Some("bayko"));
    let stranger = pool.add_user("stranger-login", Some("stranger"));
    pool.add_user("no-handle-login", None);

    let out = update_ids(&db, &pool, &["--output", "json"]);
    let report = json(&out);
    assert_eq!(
        results(&report),
        BTreeMap::from([
            ("andrewbrown".to_string(), "updated".to_string()),
            ("bayko".to_string(), "updated".to_string()),
            (
                "stranger".to_string(),
                "no such handle in Postgres".to_string()
            ),
        ])
    );
    assert!(report["users"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["handle"] == "stranger" && u["sub"] == stranger.as_str()));
    assert_eq!(report["still_mock"], json!(["londo"]));
    assert!(
        stderr(&out).contains("skipped Cognito user no-handle-login"),
        "{}",
        stderr(&out)
    );
    let expected = BTreeMap::from([
        ("andrewbrown".to_string(), andrew),
        ("bayko".to_string(), bayko),
        ("londo".to_string(), "MOCK".to_string()),
    ]);
    assert_eq!(cognito_ids(&db), expected);

    // Again, as a table: nothing to change.
    let out = update_ids(&db, &pool, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    for row in rows {
        let expected = if row[0] == "stranger" {
            "no such handle in Postgres"
        } else {
            "unchanged"
        };
        assert_eq!(row[2..].join(" "), expected, "{text}");
    }
    assert!(
        stderr(&out).contains("still at MOCK: londo"),
        "{}",
        stderr(&out)
    );
    assert_eq!(cognito_ids(&db), expected);
}

#[test]
fn update_ids_dry_run_shows_the_plan_and_writes_nothing() {
    let db = db_with_seed_users();
    let pool = TestPool::new();
    pool.add_user("andrew-login", Some("andrewbrown"));
    let report = json(&update_ids(&db, &pool, &["--dry-run", "--output", "json"]));
    assert_eq!(report["dry_run"], true);
    assert_eq!(
        results(&report),
        BTreeMap::from([("andrewbrown".to_string(), "would update".to_string())])
    );
    assert_eq!(report["still_mock"], json!(["bayko", "londo"]));
    assert!(cognito_ids(&db).values().all(|id| id == "MOCK"));
}

#[test]
fn update_ids_skips_a_handle_two_cognito_users_share() {
    let db = db_with_seed_users();
    let pool = TestPool::new();
    pool.add_user("bayko-one", Some("bayko"));
    pool.add_user("bayko-two", Some("bayko"));
    let out = update_ids(&db, &pool, &["--output", "json"]);
    assert_eq!(json(&out)["users"], json!([]));
    assert!(
        stderr(&out).contains("skipped handle bayko"),
        "{}",
        stderr(&out)
    );
    assert_eq!(cognito_ids(&db)["bayko"], "MOCK");
}

#[test]
fn update_ids_in_prd_writes_only_when_confirmed() {
    let db = db_with_seed_users();
    let pool = TestPool::new();
    let andrew = pool.add_user("andrew-login", Some("andrewbrown"));
    let prd = |yes: bool| {
        let mut cmd = moto::cruddur();
        cmd.env("PROD_CONNECTION_URL", db.url())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args([
                "--env",
                "prd",
                "cognito",
                "update-ids",
                "--user-pool-id",
                &pool.id,
            ]);
        if yes {
            cmd.arg("--yes");
        }
        cmd.output().unwrap()
    };
    let line = one_line_error(&prd(false));
    assert!(line.contains("--yes") && line.contains(&db.name), "{line}");
    assert_eq!(cognito_ids(&db)["andrewbrown"], "MOCK");

    let out = prd(true);
    assert!(out.status.success(), "{}", stderr(&out));
    moto::assert_no_keys(&out);
    assert_eq!(cognito_ids(&db)["andrewbrown"], andrew);
}

#[test]
fn no_pool_id_says_to_pass_or_set_one() {
    let line = one_line_error(
        &moto::cruddur()
            .args(["cognito", "list-users"])
            .output()
            .unwrap(),
    );
    assert!(
        line.contains("--user-pool-id") && line.contains("AWS_COGNITO_USER_POOL_ID"),
        "{line}"
    );
}

#[test]
fn a_pool_that_does_not_exist_is_named_with_the_fix() {
    let missing = "us-east-1_doesnotexist0";
    for command in ["list-users", "update-ids"] {
        let db = db_with_seed_users();
        let out = moto::cruddur()
            .env("CONNECTION_URL", db.url())
            .args(["cognito", command, "--user-pool-id", missing])
            .output()
            .unwrap();
        let line = one_line_error(&out);
        assert!(
            line.contains(missing)
                && line.contains("does not exist")
                && line.contains("AWS_COGNITO_USER_POOL_ID"),
            "{line}"
        );
        assert!(cognito_ids(&db).values().all(|id| id == "MOCK"));
    }
}

#[test]
fn no_credentials_in_prd_is_one_line_saying_how_to_configure_them() {
    let pool = TestPool::new();
    let out = moto::in_prd_without_credentials(moto::cruddur())
        .args(["cognito", "list-users", "--user-pool-id", &pool.id])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("no AWS credentials")
            && line.contains("AWS_PROFILE")
            && line.contains("AWS_ACCESS_KEY_ID"),
        "{line}"
    );
    assert!(line.len() < 300, "one short line: {line}");
}

#[test]
fn postgres_down_is_one_line_naming_the_fix() {
    let pool = TestPool::new();
    pool.add_user("andrew-login", Some("andrewbrown"));
    let out = moto::cruddur()
        .env(
            "CONNECTION_URL",
            "postgresql://postgres:password@localhost:1/cruddur",
        )
        .args(["cognito", "update-ids", "--user-pool-id", &pool.id])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("cannot reach Postgres at localhost:1")
            && line.contains("scripts/local-stack up"),
        "{line}"
    );
}
