//! The integration tests' fault-injecting proxy as a standalone program, for benchmark scripts:
//! puts DynamoDB's throttling and failures in front of DynamoDB Local.
//!
//!     cargo run --example fault_proxy -- --wcu 100 --burst 100 --seed 7
//!
//! Prints `fault-proxy listening on http://127.0.0.1:PORT` on stdout once it listens, runs until
//! SIGTERM or SIGINT, then prints what it did on stderr (one line of counters).

#[path = "../tests/it/fault_proxy.rs"]
mod fault_proxy;

use std::io::Write as _;
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{bail, Context as _};
use fault_proxy::{FaultProxy, Faults};
use tokio::signal::unix::{signal, SignalKind};

const USAGE: &str = "\
usage: fault_proxy [--upstream URL] [--port N] [--wcu N] [--burst N] [--rcu N] [--read-burst N]
                   [--throttle P] [--unprocessed P] [--server-error P] [--reset P]
                   [--delay-ms N] [--seed N]

  --upstream URL     DynamoDB Local (default http://127.0.0.1:8000)
  --port N           port on 127.0.0.1 to listen on (default 0: any free one)
  --wcu N            write capacity units per second (default unlimited)
  --burst N          write bucket size in units (default one second's worth)
  --rcu N            read capacity units per second (default unlimited)
  --read-burst N     read bucket size in units (default one second's worth)
  --throttle P       probability of ThrottlingException per data-plane request
  --unprocessed P    probability that a BatchWriteItem hands back some items unprocessed
  --server-error P   probability of HTTP 500 InternalServerError
  --reset P          probability of a reset connection (half after the request was forwarded)
  --delay-ms N       latency added to each data-plane request
  --seed N           seed of the random faults (default 0)";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fault_proxy: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let (upstream, faults) = parse(std::env::args().skip(1))?;
    // Signal handlers first, so that a SIGTERM right after the line below is caught.
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let proxy = FaultProxy::spawn(&upstream, faults)?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "fault-proxy listening on {}", proxy.url())?;
    stdout.flush()?;
    tokio::select! {
        _ = terminate.recv() => {}
        _ = interrupt.recv() => {}
    }
    drop(proxy); // prints the stats on stderr
    Ok(())
}

fn parse(mut args: impl Iterator<Item = String>) -> anyhow::Result<(String, Faults)> {
    let mut upstream = "http://127.0.0.1:8000".to_string();
    let mut faults = Faults::default();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--upstream" => upstream = value,
            "--port" => faults.port = number(&flag, &value)?,
            "--wcu" => faults.write_units_per_sec = Some(number(&flag, &value)?),
            "--burst" => faults.write_burst = number(&flag, &value)?,
            "--rcu" => faults.read_units_per_sec = Some(number(&flag, &value)?),
            "--read-burst" => faults.read_burst = number(&flag, &value)?,
            "--throttle" => faults.throttle = number(&flag, &value)?,
            "--unprocessed" => faults.unprocessed = number(&flag, &value)?,
            "--server-error" => faults.server_error = number(&flag, &value)?,
            "--reset" => faults.reset = number(&flag, &value)?,
            "--delay-ms" => faults.delay = Some(Duration::from_millis(number(&flag, &value)?)),
            "--seed" => faults.seed = number(&flag, &value)?,
            _ => bail!("unknown flag {flag}\n{USAGE}"),
        }
    }
    Ok((upstream, faults))
}

fn number<T: FromStr>(flag: &str, value: &str) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    value
        .parse()
        .with_context(|| format!("{flag} {value}: not a valid number"))
}
