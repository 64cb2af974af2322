//! Bulk writes and reads against what real DynamoDB does and DynamoDB Local does not: provisioned
//! capacity, throttling, UnprocessedItems, 5xx and dropped connections, produced by the project's
//! fault proxy in front of the real DynamoDB Local. Every row still lands there and is counted there.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use crate::fault_proxy::{FaultProxy, Faults};

const LINES: usize = 400;

/// A database with the seed users, a messages table, and a conversation file to seed.
struct Setup {
    db: TestDb,
    table: TestTable,
    conversation: TempFile,
}

impl Setup {
    fn new(lines: usize) -> Self {
        let db = db_with_seed_users();
        let table = TestTable::new();
        create_messages_table(&table.name);
        Setup {
            db,
            table,
            conversation: TempFile::new("txt", &conversation_text(lines)),
        }
    }

    /// `cruddur --table T ARGS` with DynamoDB behind `proxy`.
    fn cruddur_through(&self, proxy: &FaultProxy, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = cruddur();
        cmd.env("CONNECTION_URL", self.db.url())
            .env("AWS_ENDPOINT_URL_DYNAMODB", proxy.url())
            .args(["--table", &self.table.name])
            .args(args);
        cmd
    }

    fn seed_through(&self, proxy: &FaultProxy, extra: &[&str]) -> Output {
        self.cruddur_through(
            proxy,
            &["ddb", "seed", "--conversation", self.conversation.path()],
        )
        .args(extra)
        .output()
        .unwrap()
    }

    /// Every row of the table, straight from DynamoDB Local: exactly one conversation, once.
    fn assert_one_conversation(&self, lines: usize) {
        let items = self.table.items();
        let mut messages: Vec<String> = items
            .iter()
            .filter(|i| string(i, "pk").starts_with("MSG#"))
            .map(|i| string(i, "message"))
            .collect();
        assert_eq!(items.len(), lines + 2, "rows in the table");
        messages.sort();
        messages.dedup();
        assert_eq!(messages.len(), lines, "every message once");
    }
}

fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn seed_completes_exactly_through(faults: Faults) -> FaultProxy {
    let setup = Setup::new(LINES);
    let proxy = FaultProxy::spawn(DYNAMODB, faults).unwrap();
    let out = setup.seed_through(&proxy, &[]);
    succeeded(&out);
    setup.assert_one_conversation(LINES);
    proxy
}

#[test]
fn seed_completes_under_provisioned_capacity() {
    let proxy = seed_completes_exactly_through(Faults {
        write_units_per_sec: Some(200.0),
        write_burst: 200.0,
        ..Faults::default()
    });
    assert!(proxy.stats().capacity_throttled > 0, "{:?}", proxy.stats());
}

#[test]
fn seed_completes_through_random_throttling() {
    let proxy = seed_completes_exactly_through(Faults {
        throttle: 0.3,
        seed: 1,
        ..Faults::default()
    });
    assert!(proxy.stats().random_throttled > 0, "{:?}", proxy.stats());
}

#[test]
fn seed_completes_when_items_come_back_unprocessed() {
    let proxy = seed_completes_exactly_through(Faults {
        unprocessed: 0.5,
        seed: 2,
        ..Faults::default()
    });
    assert!(proxy.stats().unprocessed_items > 0, "{:?}", proxy.stats());
}

#[test]
fn seed_completes_through_server_errors() {
    let proxy = seed_completes_exactly_through(Faults {
        server_error: 0.2,
        seed: 3,
        ..Faults::default()
    });
    assert!(proxy.stats().server_errors > 0, "{:?}", proxy.stats());
}

#[test]
fn seed_completes_through_dropped_connections() {
    let proxy = seed_completes_exactly_through(Faults {
        reset: 0.2,
        seed: 4,
        ..Faults::default()
    });
    assert!(proxy.stats().resets > 0, "{:?}", proxy.stats());
}

#[test]
fn seed_completes_through_every_fault_at_once() {
    seed_completes_exactly_through(Faults {
        write_units_per_sec: Some(600.0),
        write_burst: 100.0,
        throttle: 0.2,
        unprocessed: 0.2,
        server_error: 0.05,
        reset: 0.05,
        seed: 5,
        ..Faults::default()
    });
}

#[test]
fn a_table_that_never_takes_a_write_stops_after_the_stall_limit_and_says_so() {
    let setup = Setup::new(50);
    // One unit in the bucket, and hardly any more: one row lands, then nothing.
    let proxy = FaultProxy::spawn(
        DYNAMODB,
        Faults {
            write_units_per_sec: Some(0.001),
            write_burst: 1.0,
            ..Faults::default()
        },
    )
    .unwrap();
    let started = Instant::now();
    let out = setup.seed_through(&proxy, &["--stall-limit", "2"]);
    let line = one_line_error(&out);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "gave up only after {:?}",
        started.elapsed()
    );
    let landed = setup.table.items().len();
    assert!(
        line.contains("nothing was written for 2 s")
            && line.contains(&format!("{landed} of 52 rows were written"))
            && line.contains("--replace"),
        "{line} (the table holds {landed})"
    );
}

#[test]
fn reads_that_never_go_through_stop_after_the_stall_limit_and_say_so() {
    let setup = Setup::new(2);
    let proxy = FaultProxy::spawn(
        DYNAMODB,
        Faults {
            throttle: 1.0,
            ..Faults::default()
        },
    )
    .unwrap();
    let out = setup
        .cruddur_through(&proxy, &["ddb", "scan", "--stall-limit", "1"])
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("ThrottlingException") && line.contains("--stall-limit"),
        "{line}"
    );
}

#[test]
fn ctrl_c_mid_seed_reports_exactly_what_landed_and_replace_completes_it() {
    let setup = Setup::new(LINES);
    let proxy = FaultProxy::spawn(
        DYNAMODB,
        Faults {
            write_units_per_sec: Some(100.0),
            write_burst: 25.0,
            delay: Some(Duration::from_millis(20)),
            ..Faults::default()
        },
    )
    .unwrap();
    let mut seed = cruddur_process();
    seed.env("AWS_ENDPOINT_URL_DYNAMODB", proxy.url())
        .env("CONNECTION_URL", setup.db.url())
        .args(["--table", &setup.table.name, "ddb", "seed"])
        .args(["--conversation", setup.conversation.path()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let running = seed.spawn().unwrap();
    let started = Instant::now();
    while setup.table.items().len() < 60 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "nothing landed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: kill(2) on our own child's pid; no memory is involved.
    unsafe { libc::kill(running.id() as i32, libc::SIGINT) };
    let out = running.wait_with_output().unwrap();
    let line = one_line_error_exiting(&out, 130);
    let landed = setup.table.items().len();
    assert!(
        line.contains(&format!("{landed} of {} rows were written", LINES + 2))
            && line.contains("--replace"),
        "{line} (the table holds {landed})"
    );
    assert!(landed < LINES + 2, "the seed finished before the interrupt");

    let done = setup.seed_through(&proxy, &["--replace"]);
    succeeded(&done);
    setup.assert_one_conversation(LINES);
}

#[test]
fn scan_and_queries_read_everything_through_throttling_and_faults() {
    let setup = Setup::new(LINES);
    let direct = FaultProxy::spawn(DYNAMODB, Faults::default()).unwrap();
    succeeded(&setup.seed_through(&direct, &[]));
    let group = string(
        setup
            .table
            .items()
            .iter()
            .find(|i| string(i, "pk").starts_with("MSG#"))
            .unwrap(),
        "pk",
    )
    .trim_start_matches("MSG#")
    .to_string();
    let faulty = FaultProxy::spawn(
        DYNAMODB,
        Faults {
            read_units_per_sec: Some(2000.0),
            read_burst: 100.0,
            throttle: 0.3,
            server_error: 0.1,
            reset: 0.1,
            seed: 6,
            ..Faults::default()
        },
    )
    .unwrap();
    for segments in ["1", "3"] {
        let out = setup
            .cruddur_through(
                &faulty,
                &[
                    "ddb",
                    "scan",
                    "--segments",
                    segments,
                    "--output",
                    "json",
                    "--stall-limit",
                    "20",
                ],
            )
            .output()
            .unwrap();
        succeeded(&out);
        assert_eq!(
            stdout(&out).lines().count(),
            LINES + 2,
            "{segments} segments"
        );
    }
    let out = setup
        .cruddur_through(
            &faulty,
            &[
                "patterns",
                "get-conversation",
                "--group",
                &group,
                "--all",
                "--since",
                "2000-01-01",
                "--output",
                "json",
            ],
        )
        .output()
        .unwrap();
    succeeded(&out);
    assert_eq!(json(&out).as_array().unwrap().len(), LINES);
    assert!(faulty.stats().random_throttled > 0, "{:?}", faulty.stats());
}

#[test]
fn starting_a_conversation_is_retried_when_its_transaction_is_throttled() {
    let setup = Setup::new(2);
    // A transaction of three rows costs 6 units: the first empties the bucket, the second waits.
    let proxy = FaultProxy::spawn(
        DYNAMODB,
        Faults {
            write_units_per_sec: Some(3.0),
            write_burst: 6.0,
            ..Faults::default()
        },
    )
    .unwrap();
    for text in ["hello", "hello again"] {
        let out = setup
            .cruddur_through(
                &proxy,
                &[
                    "patterns",
                    "start",
                    "--from",
                    "andrewbrown",
                    "--to",
                    "bayko",
                    text,
                ],
            )
            .output()
            .unwrap();
        succeeded(&out);
    }
    assert_eq!(
        setup.table.items().len(),
        6,
        "two conversations of three rows"
    );
    assert!(proxy.stats().capacity_throttled > 0, "{:?}", proxy.stats());
}
