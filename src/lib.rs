//! cruddur: one binary for the Cruddur app's ops chores (Postgres, DynamoDB, Cognito, RDS).
//! `main.rs` only calls [`main`]; the command tree is in [`cli`], each command group in `commands/`.

mod aws_error;
pub mod cli;
mod commands;
pub mod context;
pub mod conversation;
pub mod ec2;
mod http_client;
mod interrupt;
pub mod model;
mod output;
pub mod pg;
mod table;
mod users;

use std::process::ExitCode;

use clap::Parser;

pub fn main() -> ExitCode {
    restore_default_sigpipe();
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error, please report it: {info}");
    }));
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        interrupt::listen()?;
        commands::run(cli).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", format!("{e:#}").replace('\n', " "));
            match e.downcast_ref::<interrupt::Stopped>() {
                Some(stopped) => ExitCode::from(stopped.exit_code()),
                None => ExitCode::FAILURE,
            }
        }
    }
}

/// `cruddur ddb scan | head` should end quietly, as other Unix tools do, not fail on a closed pipe.
fn restore_default_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
