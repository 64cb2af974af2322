//! `cruddur db`: the steps against the local Postgres, what lands there (read directly and through a
//! real psql), TLS as libpq's sslmode, the prd guard, and every error as one line.

use std::process::Output;

use crate::common::*;
use crate::moto::{self, TestPool};

/// The CA that signed the local stack's server certificate.
fn stack_ca() -> String {
    std::env::var("CRUDDUR_TEST_PG_CA")
        .unwrap_or_else(|_| format!("{}/.stack/pg/tls/ca.crt", env!("CARGO_MANIFEST_DIR")))
}

/// A CA certificate that signed nothing the local stack has.
fn unrelated_ca() -> String {
    format!(
        "{}/tests/fixtures/unrelated-ca.crt",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `cruddur <args>` in dev with CONNECTION_URL = `url`.
fn db_cmd(url: &str, args: &[&str]) -> Output {
    cruddur()
        .env("CONNECTION_URL", url)
        .args(args)
        .output()
        .unwrap()
}

/// What a successful run printed: its result (stdout), then its progress (stderr).
fn succeeded(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "failed: {stderr}");
    let printed = stdout(output) + &stderr;
    assert!(!printed.contains(":password@"), "a password was shown");
    printed
}

fn server_has_database(name: &str) -> bool {
    let rows = psql(
        &format!("{PG_SERVER}/postgres"),
        &format!("SELECT count(*) FROM pg_database WHERE datname = '{name}'"),
    );
    rows == "1"
}

/// What a real psql client prints for `sql` (unaligned, tuples only), the password through PGPASSWORD.
fn psql(url: &str, sql: &str) -> String {
    let out = std::process::Command::new("psql")
        .env("PGPASSWORD", "password")
        .args([&url.replace(":password@", "@"), "-X", "-Atc", sql])
        .output()
        .expect("psql must be installed (apt-get install postgresql-client)");
    assert!(
        out.status.success(),
        "psql: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out).trim().to_string()
}

/// A session of the test's own on `db`, open until dropped; `application` names it.
fn hold_session(db: &TestDb, application: &str) -> (tokio_postgres::Client, i32) {
    block_on(async {
        let url = format!("{}?application_name={application}", db.url());
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        let pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .await
            .unwrap()
            .get(0);
        (client, pid)
    })
}

// ---------- setup and the steps ----------

#[test]
fn setup_twice_leaves_the_schema_and_seed_that_psql_reads() {
    let db = TestDb::new();
    succeeded(&db_cmd(&db.url(), &["db", "setup"]));
    let second = succeeded(&db_cmd(&db.url(), &["db", "setup"]));
    assert!(
        second.contains(&format!("dropped database {}", db.name)),
        "{second}"
    );

    let users = db.query("SELECT handle, display_name, email, cognito_user_id FROM users ORDER BY created_at, handle");
    let handles: Vec<&str> = users.iter().map(|u| u[0].as_str()).collect();
    assert_eq!(handles, ["andrewbrown", "bayko", "londo"]);
    assert!(
        users
            .iter()
            .all(|u| u[2].ends_with("@example.com") && u[3] == "MOCK"),
        "{users:?}"
    );
    let activities = db.query(
        "SELECT u.handle, a.expires_at BETWEEN now() + interval '9 days' AND now() + interval '11 days' \
         FROM activities a JOIN users u ON u.uuid = a.user_uuid",
    );
    assert_eq!(activities, [["andrewbrown", "t"]]);

    // A real client sees the same rows.
    assert_eq!(
        psql(&db.url(), "SELECT handle FROM users ORDER BY handle"),
        "andrewbrown\nbayko\nlondo"
    );
    assert_eq!(
        psql(
            &db.url(),
            "SELECT count(*) FROM activities WHERE expires_at > now()"
        ),
        "1"
    );
}

#[test]
fn setup_summary_lists_each_step_and_copies_cognito_ids_when_a_pool_is_set() {
    let db = TestDb::new();
    let pool = TestPool::new();
    let sub = pool.add_user("bayko", Some("bayko"));
    let out = moto::cruddur()
        .env("CONNECTION_URL", db.url())
        .env("AWS_COGNITO_USER_POOL_ID", &pool.id)
        .args(["db", "setup", "--output", "json"])
        .output()
        .unwrap();
    succeeded(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let steps = json(&out);
    let names: Vec<&str> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "drop",
            "create",
            "schema-load",
            "seed",
            "cognito update-ids"
        ]
    );
    assert_eq!(steps[1]["result"], format!("created database {}", db.name));
    let update_ids = steps[4]["result"].as_str().unwrap();
    assert!(
        update_ids.starts_with("1 updated")
            && update_ids.contains("still at MOCK: andrewbrown, londo"),
        "{update_ids}"
    );
    assert_eq!(
        db.query("SELECT cognito_user_id FROM users WHERE handle = 'bayko'"),
        [[sub]]
    );
    // Progress goes to stderr as each step runs.
    assert!(
        stderr.contains("schema-load: loaded sql/schema.sql"),
        "{stderr}"
    );
}

#[test]
fn setup_without_a_pool_id_says_why_update_ids_was_skipped() {
    let db = TestDb::new();
    let steps = json(
        &cruddur()
            .env("CONNECTION_URL", db.url())
            .args(["db", "setup", "--output", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        steps[4]["result"],
        "skipped: AWS_COGNITO_USER_POOL_ID is not set"
    );
}

#[test]
fn create_makes_the_database_and_says_so_when_it_is_there() {
    let db = TestDb::new();
    succeeded(&db_cmd(&db.url(), &["db", "create"]));
    assert!(server_has_database(&db.name));
    let again = succeeded(&db_cmd(&db.url(), &["db", "create"]));
    assert!(again.contains("already exists"), "{again}");
}

#[test]
fn drop_removes_the_database_and_says_so_when_it_is_absent() {
    let db = TestDb::new();
    db.create();
    succeeded(&db_cmd(&db.url(), &["db", "drop"]));
    assert!(!server_has_database(&db.name));
    let again = succeeded(&db_cmd(&db.url(), &["db", "drop"]));
    assert!(again.contains("does not exist"), "{again}");
}

#[test]
fn drop_with_another_session_needs_force_which_ends_it() {
    let db = TestDb::new();
    db.create();
    let (_backend, _) = hold_session(&db, "cruddur_test_backend");
    let line = one_line_error(&db_cmd(&db.url(), &["db", "drop"]));
    assert!(
        line.contains("in use by other sessions") && line.contains("--force"),
        "{line}"
    );
    assert!(server_has_database(&db.name));
    succeeded(&db_cmd(&db.url(), &["db", "drop", "--force"]));
    assert!(!server_has_database(&db.name));
}

#[test]
fn a_database_name_that_needs_quoting_is_created_and_dropped() {
    let db = TestDb {
        name: format!("{} Mixed-Case", unique("cruddur_test")),
    };
    let url = format!("{PG_SERVER}/{}", db.name.replace(' ', "%20"));
    succeeded(&db_cmd(&url, &["db", "create"]));
    assert!(server_has_database(&db.name));
    succeeded(&db_cmd(&url, &["db", "drop"]));
    assert!(!server_has_database(&db.name));
}

#[test]
fn seed_into_a_seeded_database_changes_nothing_and_says_so() {
    let db = TestDb::new();
    succeeded(&db_cmd(&db.url(), &["db", "setup"]));
    let again = succeeded(&db_cmd(&db.url(), &["db", "seed"]));
    assert!(again.contains("already has users"), "{again}");
    assert_eq!(db.query("SELECT count(*) FROM users"), [["3"]]);
}

#[test]
fn schema_load_and_seed_take_a_file() {
    let db = TestDb::new();
    db.create();
    let schema = TempFile::new(
        "sql",
        "CREATE TABLE users (handle text);\nCREATE TABLE activities (message text);\n",
    );
    let seed = TempFile::new("sql", "INSERT INTO users VALUES ('only;one');\n");
    succeeded(&db_cmd(
        &db.url(),
        &["db", "schema-load", "--file", schema.path()],
    ));
    succeeded(&db_cmd(&db.url(), &["db", "seed", "--file", seed.path()]));
    assert_eq!(db.query("SELECT handle FROM users"), [["only;one"]]);
}

// ---------- sessions and connect ----------

#[test]
fn sessions_lists_a_connected_client() {
    let db = TestDb::new();
    db.create();
    let application = unique("cruddur_test_app");
    let (_client, pid) = hold_session(&db, &application);
    let sessions = json(&db_cmd(&db.url(), &["db", "sessions", "--output", "json"]));
    let ours = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["application"] == application.as_str())
        .unwrap_or_else(|| panic!("no session of {application}: {sessions}"));
    assert_eq!(ours["pid"], pid);
    assert_eq!(ours["database"], db.name.as_str());
    assert_eq!(ours["user"], "postgres");
    // Over TCP to localhost: IPv4 or IPv6 loopback, as the server listens.
    assert!(
        ["127.0.0.1", "::1"].contains(&ours["client_address"].as_str().unwrap()),
        "{ours}"
    );
    assert_eq!(ours["state"], "idle");

    let table = stdout(&db_cmd(&db.url(), &["db", "sessions"]));
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["pid", "user", "database", "client", "application", "state"]
    );
    assert!(table.lines().any(|l| l.contains(&application)), "{table}");
}

#[test]
fn connect_hands_psql_the_database_and_extra_arguments() {
    let db = TestDb::new();
    db.create();
    let out = db_cmd(
        &db.url(),
        &["db", "connect", "--", "-Atc", "select current_database()"],
    );
    succeeded(&out);
    assert_eq!(stdout(&out).trim(), db.name);
}

#[test]
fn connect_keeps_the_password_off_psqls_command_line() {
    let db = TestDb::new();
    db.create();
    // psql's own command line, as `ps` shows it: read by a shell that psql starts.
    let out = db_cmd(
        &db.url(),
        &[
            "db",
            "connect",
            "--",
            "-Atc",
            r#"\! tr '\0' ' ' < /proc/$PPID/cmdline"#,
        ],
    );
    succeeded(&out);
    let command_line = stdout(&out);
    assert!(
        command_line.contains("psql") && command_line.contains(&db.name),
        "{command_line}"
    );
    assert!(!command_line.contains("password"), "{command_line}");
}

#[test]
fn connect_without_psql_says_how_to_install_it() {
    let db = TestDb::new();
    let out = cruddur()
        .env("CONNECTION_URL", db.url())
        .env("PATH", "/nonexistent")
        .args(["db", "connect"])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("psql is not installed") && line.contains("postgresql-client"),
        "{line}"
    );
}

// ---------- TLS, as libpq's sslmode ----------

#[test]
fn sslmode_require_connects() {
    let db = TestDb::new();
    succeeded(&db_cmd(
        &format!("{}?sslmode=require", db.url()),
        &["db", "setup"],
    ));
    assert_eq!(db.query("SELECT count(*) FROM users"), [["3"]]);
}

#[test]
fn sslmode_verify_full_with_the_stack_ca_connects() {
    let db = TestDb::new();
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        db.url(),
        stack_ca()
    );
    succeeded(&db_cmd(&url, &["db", "create"]));
    assert!(server_has_database(&db.name));
}

#[test]
fn verify_full_with_a_host_name_the_certificate_does_not_name_fails_in_one_line() {
    let db = TestDb::new();
    // Reaches 127.0.0.1 but checks the certificate against "wronghost", as libpq's hostaddr does.
    let url = format!(
        "postgresql://postgres:password@wronghost:5432/{}?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert={}",
        db.name,
        stack_ca()
    );
    let line = one_line_error(&db_cmd(&url, &["db", "create"]));
    assert!(
        line.contains("failed TLS verification") && line.contains("wronghost"),
        "{line}"
    );
    assert!(!server_has_database(&db.name));
}

#[test]
fn verify_ca_checks_the_chain_but_not_the_host_name() {
    let db = TestDb::new();
    let url = format!(
        "postgresql://postgres:password@wronghost:5432/{}?hostaddr=127.0.0.1&sslmode=verify-ca&sslrootcert={}",
        db.name,
        stack_ca()
    );
    succeeded(&db_cmd(&url, &["db", "create"]));
    assert!(server_has_database(&db.name));
}

#[test]
fn verify_full_with_a_ca_that_did_not_sign_the_certificate_fails_in_one_line() {
    let db = TestDb::new();
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        db.url(),
        unrelated_ca()
    );
    let line = one_line_error(&db_cmd(&url, &["db", "create"]));
    assert!(
        line.contains("failed TLS verification") && line.contains("sslrootcert"),
        "{line}"
    );
    assert!(!server_has_database(&db.name));
}

// ---------- prd ----------

#[test]
fn prd_without_prod_connection_url_says_to_set_it() {
    let line = one_line_error(
        &cruddur()
            .args(["--env", "prd", "db", "sessions"])
            .output()
            .unwrap(),
    );
    assert!(line.contains("PROD_CONNECTION_URL is not set"), "{line}");
}

#[test]
fn prd_destructive_commands_without_a_terminal_or_yes_refuse_and_change_nothing() {
    let db = TestDb::new();
    succeeded(&db_cmd(&db.url(), &["db", "setup"]));
    for command in [
        &["db", "drop"][..],
        &["db", "schema-load"],
        &["db", "seed"],
        &["db", "setup"],
    ] {
        let out = cruddur()
            .env("PROD_CONNECTION_URL", db.url())
            .args(["--env", "prd"])
            .args(command)
            .output()
            .unwrap();
        let line = one_line_error(&out);
        assert!(
            line.contains("refusing") && line.contains("--yes"),
            "{command:?}: {line}"
        );
    }
    assert_eq!(db.query("SELECT count(*) FROM users"), [["3"]]);
}

#[test]
fn prd_setup_with_yes_over_verify_full_tls() {
    let db = TestDb::new();
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        db.url(),
        stack_ca()
    );
    let out = cruddur()
        .env("PROD_CONNECTION_URL", url)
        .args(["--env", "prd", "--yes", "db", "setup"])
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(
        db.query("SELECT handle FROM users ORDER BY handle"),
        [["andrewbrown"], ["bayko"], ["londo"]]
    );
}

// ---------- errors: one line, the fix, nothing half-done ----------

#[test]
fn server_down_says_how_to_start_it() {
    let line = one_line_error(&db_cmd(
        "postgresql://postgres:password@localhost:1/cruddur",
        &["db", "setup"],
    ));
    assert!(
        line.contains("cannot reach Postgres at localhost:1")
            && line.contains("scripts/local-stack up"),
        "{line}"
    );
}

#[test]
fn wrong_password_names_the_variable_and_hides_the_password() {
    let db = TestDb::new();
    let url = format!(
        "postgresql://postgres:WrongPass77@localhost:5432/{}",
        db.name
    );
    let out = db_cmd(&url, &["db", "create"]);
    let line = one_line_error(&out);
    assert!(
        line.contains("rejected the password") && line.contains("CONNECTION_URL"),
        "{line}"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("WrongPass77"));
    assert!(!server_has_database(&db.name));
}

#[test]
fn missing_database_says_db_create() {
    let db = TestDb::new();
    for command in ["schema-load", "seed"] {
        let line = one_line_error(&db_cmd(&db.url(), &["db", command]));
        assert!(
            line.contains("does not exist") && line.contains("`cruddur db create`"),
            "{line}"
        );
    }
}

#[test]
fn missing_tables_say_db_schema_load() {
    let db = TestDb::new();
    db.create();
    let line = one_line_error(&db_cmd(&db.url(), &["db", "seed"]));
    assert!(
        line.contains("tables are missing") && line.contains("`cruddur db schema-load`"),
        "{line}"
    );
}

#[test]
fn a_broken_statement_names_its_line_and_rolls_back_the_whole_file() {
    let db = TestDb::new();
    succeeded(&db_cmd(&db.url(), &["db", "setup"]));
    let file = TempFile::new("sql", 
        "-- replaces the tables, then breaks\nDROP TABLE activities;\nCREATE TABLE second (\n  x int,\n  y nosuchtype\n);\n",
    );
    let line = one_line_error(&db_cmd(
        &db.url(),
        &["db", "schema-load", "--file", file.path()],
    ));
    assert!(
        line.contains(&format!(
            "{} line 5, statement 2 starting \"CREATE TABLE second (\"",
            file.path()
        )),
        "{line}"
    );
    assert!(
        line.contains("nosuchtype") && line.contains("rolled back"),
        "{line}"
    );
    assert_eq!(
        db.query("SELECT to_regclass('activities') IS NOT NULL, to_regclass('second') IS NULL"),
        [["t", "t"]]
    );
}

#[test]
fn a_failing_seed_statement_rolls_back_the_rows_before_it() {
    let db = TestDb::new();
    db.create();
    succeeded(&db_cmd(&db.url(), &["db", "schema-load"]));
    let file = TempFile::new("sql", 
        "INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES ('A', 'a', 'a@example.com', 'MOCK');\n\
         INSERT INTO users (display_name, handle, email, cognito_user_id) VALUES ('A', 'a', 'a@example.com', 'MOCK');\n",
    );
    let line = one_line_error(&db_cmd(&db.url(), &["db", "seed", "--file", file.path()]));
    assert!(
        line.contains("line 2, statement 2") && line.contains("duplicate key"),
        "{line}"
    );
    assert_eq!(db.query("SELECT count(*) FROM users"), [["0"]]);
}

#[test]
fn an_unreadable_file_names_the_path() {
    let db = TestDb::new();
    db.create();
    let line = one_line_error(&db_cmd(
        &db.url(),
        &["db", "schema-load", "--file", "/nonexistent/schema.sql"],
    ));
    assert!(
        line.contains("cannot read /nonexistent/schema.sql"),
        "{line}"
    );
}
