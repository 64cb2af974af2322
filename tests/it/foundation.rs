//! The binary, --env, doctor, ddb list-tables, and the error rules.

use crate::common::*;

#[test]
fn version_names_the_commit() {
    let out = cruddur().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("cruddur 0."), "{}", stdout(&out));
}

#[test]
fn unknown_env_is_a_usage_error_listing_both_values() {
    let out = cruddur()
        .args(["--env", "staging", "doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dev") && stderr.contains("prd"), "{stderr}");
    let out = cruddur()
        .env("CRUDDUR_ENV", "staging")
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn doctor_is_green_on_the_running_stack() {
    let db = TestDb::new();
    db.create();
    let table = TestTable::new();
    create_plain_table(&table.name);
    let out = cruddur()
        .env("CONNECTION_URL", db.url())
        .args(["--table", &table.name, "doctor", "--output", "json"])
        .output()
        .unwrap();
    let checks = json(&out);
    let status = |name: &str| {
        checks
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .unwrap_or_else(|| panic!("no {name} check"))["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("Postgres"), "ok");
    assert_eq!(status(&format!("database {}", db.name)), "ok");
    assert_eq!(status("DynamoDB"), "ok");
    assert_eq!(status(&format!("table {}", table.name)), "ok");
    assert!(
        !stdout(&out).contains(":password@"),
        "the password must be masked"
    );
}

#[test]
fn doctor_names_the_dynamodb_endpoint_and_how_to_start_it_when_it_is_down() {
    let out = cruddur()
        .env("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:1")
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let row = row_starting(&text, "DynamoDB");
    assert!(row.contains("FAIL"), "{row}");
    assert_names_endpoint_and_start(row, "http://localhost:1");
    assert!(one_line_error(&out).contains("required check"));
}

#[test]
fn doctor_in_prd_without_prod_connection_url_says_to_set_it() {
    let out = cruddur()
        .args(["--env", "prd", "doctor"])
        .env("AWS_ENDPOINT_URL", "http://localhost:1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("PROD_CONNECTION_URL is not set"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn list_tables_follows_pagination() {
    // ListTables pages at 100 names: 101 tables of this test's own must all be listed.
    let prefix = unique("cruddur-page");
    let names: Vec<String> = (0..101).map(|i| format!("{prefix}-{i:03}")).collect();
    for name in &names {
        create_plain_table(name);
    }
    let out = cruddur()
        .args(["ddb", "list-tables", "--output", "json"])
        .output()
        .unwrap();
    let listed = json(&out);
    for name in &names {
        block_on(async {
            dynamodb()
                .delete_table()
                .table_name(name)
                .send()
                .await
                .unwrap()
        });
    }
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        listed.iter().filter(|n| n.starts_with(&prefix)).count(),
        101
    );
}

#[test]
fn list_tables_as_a_table_has_one_column() {
    let table = TestTable::new();
    create_plain_table(&table.name);
    let out = cruddur().args(["ddb", "list-tables"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text.lines().next().unwrap().trim(), "table");
    assert!(text.lines().any(|l| l.trim() == table.name), "{text}");
}

#[test]
fn unreachable_dynamodb_is_one_line_naming_endpoint_and_fix() {
    let out = cruddur()
        .env("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:1")
        .args(["ddb", "list-tables"])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert_names_endpoint_and_start(&line, "http://localhost:1");
}

#[test]
fn rejected_aws_credentials_are_one_line_without_the_secret() {
    let out = cruddur()
        .env("AWS_ACCESS_KEY_ID", "not-a-valid-key")
        .env("AWS_SECRET_ACCESS_KEY", "TopSecretValue123")
        .args(["ddb", "list-tables"])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(line.contains("credentials"), "{line}");
    assert!(!line.contains("TopSecretValue123"));
}

#[test]
fn wrong_postgres_password_names_the_variable_and_hides_the_password() {
    let out = cruddur()
        .env(
            "CONNECTION_URL",
            "postgresql://postgres:WrongPass77@localhost:5432/postgres",
        )
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("rejected the password") && text.contains("CONNECTION_URL"),
        "{text}"
    );
    assert!(
        !text.contains("WrongPass77")
            && !String::from_utf8_lossy(&out.stderr).contains("WrongPass77")
    );
}

#[test]
fn refused_postgres_says_how_to_start_it() {
    let out = cruddur()
        .env(
            "CONNECTION_URL",
            "postgresql://postgres:password@localhost:1/cruddur",
        )
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let row = row_starting(&text, "Postgres");
    assert!(
        row.contains("cannot reach Postgres at localhost:1")
            && row.contains("scripts/local-stack up"),
        "{row}"
    );
}
