//! `cruddur patterns follow-stream`: pattern E's stream handler against DynamoDB Local's stream.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::common::*;

/// A table with a stream, the seed users, and a state dir of the test's own (for the checkpoint).
struct Streamed {
    db: TestDb,
    table: TestTable,
    state: std::path::PathBuf,
}

impl Streamed {
    fn new() -> Self {
        let streamed = Streamed {
            db: db_with_seed_users(),
            table: TestTable::new(),
            state: std::env::temp_dir().join(unique("cruddur-state")),
        };
        streamed
            .cruddur(&["ddb", "schema-load", "--billing", "on-demand", "--stream"])
            .assert()
            .success();
        streamed
    }

    fn cruddur(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = cruddur();
        cmd.env("CONNECTION_URL", self.db.url())
            .env("XDG_STATE_HOME", &self.state)
            .args(["--table", &self.table.name])
            .args(args);
        cmd
    }

    fn start(&self, from: &str, to: &str, text: &str) -> String {
        let out = self
            .cruddur(&[
                "patterns", "start", "--from", from, "--to", to, text, "--output", "json",
            ])
            .output()
            .unwrap();
        json(&out)["message_group_uuid"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn send(&self, group: &str, from: &str, text: &str) -> String {
        let out = self
            .cruddur(&[
                "patterns", "send", "--group", group, "--from", from, text, "--output", "json",
            ])
            .output()
            .unwrap();
        json(&out)["created_at"].as_str().unwrap().to_string()
    }

    /// The lines `follow-stream --once` printed, one per group row moved.
    fn follow_once(&self) -> Vec<serde_json::Value> {
        let out = self
            .cruddur(&["patterns", "follow-stream", "--once", "--output", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// (sk, message) of each group row of the conversation, read from DynamoDB.
    fn group_rows(&self, group: &str) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = self
            .table
            .items()
            .iter()
            .filter(|i| {
                i.get("message_group_uuid").and_then(|v| v.as_s().ok()) == Some(&group.to_string())
            })
            .map(|i| (string(i, "sk"), string(i, "message")))
            .collect();
        rows.sort();
        rows
    }

    /// A message row written straight to the table, as another writer (or a late one) would.
    fn put_message(&self, group: &str, sk: &str, text: &str) {
        let item: Item = [
            ("pk", format!("MSG#{group}")),
            ("sk", sk.to_string()),
            ("message_uuid", uuid::Uuid::new_v4().to_string()),
            ("message", text.to_string()),
            ("user_uuid", uuid::Uuid::new_v4().to_string()),
            ("user_display_name", "Someone".to_string()),
            ("user_handle", "someone".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), AttributeValue::S(v)))
        .collect();
        block_on(async {
            dynamodb()
                .put_item()
                .table_name(&self.table.name)
                .set_item(Some(item))
                .send()
                .await
                .unwrap()
        });
    }
}

impl Drop for Streamed {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

#[test]
fn new_messages_move_both_group_rows_and_list_conversations_shows_the_last_one() {
    let s = Streamed::new();
    let group = s.start("andrewbrown", "londo", "Hello Londo");
    s.send(&group, "londo", "Hello back");
    let last = s.send(&group, "andrewbrown", "How is the move going?");
    let moved = s.follow_once();
    assert_eq!(moved.len(), 4, "two sends, two group rows each: {moved:?}");
    assert_eq!(
        s.group_rows(&group),
        vec![(last.clone(), "How is the move going?".to_string()); 2]
    );
    for handle in ["andrewbrown", "londo"] {
        let out = s
            .cruddur(&[
                "patterns",
                "list-conversations",
                "--handle",
                handle,
                "--output",
                "json",
            ])
            .output()
            .unwrap();
        let listed = json(&out);
        assert_eq!(listed[0]["uuid"], group.as_str());
        assert_eq!(listed[0]["message"], "How is the move going?");
        assert_eq!(listed[0]["created_at"], last.as_str());
    }
}

#[test]
fn a_message_processed_out_of_order_never_moves_a_group_back() {
    let s = Streamed::new();
    let group = s.start("andrewbrown", "bayko", "First");
    s.put_message(&group, "2099-01-01T00:00:02.000000+00:00", "newest");
    s.put_message(
        &group,
        "2099-01-01T00:00:01.000000+00:00",
        "older, but later in the stream",
    );
    assert_eq!(s.follow_once().len(), 2);
    let newest = vec![
        (
            "2099-01-01T00:00:02.000000+00:00".to_string(),
            "newest".to_string()
        );
        2
    ];
    assert_eq!(s.group_rows(&group), newest);
    // Replaying the whole stream moves nothing either.
    let out = s
        .cruddur(&[
            "patterns",
            "follow-stream",
            "--once",
            "--from",
            "trim-horizon",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success() && stdout(&out).is_empty(),
        "{}",
        stdout(&out)
    );
    assert_eq!(s.group_rows(&group), newest);
}

#[test]
fn a_restart_from_the_checkpoint_repeats_nothing_and_skips_nothing() {
    let s = Streamed::new();
    let group = s.start("andrewbrown", "bayko", "One");
    s.send(&group, "bayko", "Two");
    assert_eq!(s.follow_once().len(), 2);
    assert!(s.follow_once().is_empty(), "nothing new: nothing printed");
    let last = s.send(&group, "andrewbrown", "Three");
    let moved = s.follow_once();
    assert_eq!(moved.len(), 2);
    assert!(moved
        .iter()
        .all(|m| m["to_sk"] == last.as_str() && m["message"] == "Three"));
    let checkpoints: Vec<_> = std::fs::read_dir(s.state.join("cruddur"))
        .unwrap()
        .collect();
    assert_eq!(checkpoints.len(), 1);
}

#[test]
fn removes_modifies_and_group_rows_are_ignored() {
    let s = Streamed::new();
    let group = s.start("andrewbrown", "bayko", "Hi");
    s.follow_once();
    let before = s.group_rows(&group);
    let message = s
        .table
        .items()
        .into_iter()
        .find(|i| string(i, "pk").starts_with("MSG#"))
        .unwrap();
    let key: Item = message
        .iter()
        .filter(|(k, _)| *k == "pk" || *k == "sk")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    block_on(async {
        let client = dynamodb();
        client
            .update_item()
            .table_name(&s.table.name)
            .set_key(Some(key.clone()))
            .update_expression("SET message = :m")
            .expression_attribute_values(":m", AttributeValue::S("edited".into()))
            .send()
            .await
            .unwrap();
        client
            .delete_item()
            .table_name(&s.table.name)
            .set_key(Some(key))
            .send()
            .await
            .unwrap();
    });
    assert!(s.follow_once().is_empty());
    assert_eq!(s.group_rows(&group), before);
}

#[test]
fn a_table_without_a_stream_says_how_to_turn_it_on() {
    let db = db_with_seed_users();
    let table = TestTable::new();
    create_messages_table(&table.name);
    let out = cruddur()
        .env("CONNECTION_URL", db.url())
        .args([
            "--table",
            &table.name,
            "patterns",
            "follow-stream",
            "--once",
        ])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("has no stream") && line.contains("ddb schema-load --stream"),
        "{line}"
    );
}

#[test]
fn prd_refuses_without_yes_because_the_lambda_does_this_job() {
    let s = Streamed::new();
    let out = in_prd(&mut s.cruddur(&["patterns", "follow-stream", "--once"]))
        .output()
        .unwrap();
    assert!(one_line_error(&out).contains("--yes"));
}
