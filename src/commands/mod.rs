//! One module per command group; `run` sends each command to its module.

mod ddb;
mod doctor;
mod patterns;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::context::Context;

pub async fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli.global);
    match cli.command {
        Command::Ddb(command) => ddb::run(&ctx, command).await,
        Command::Doctor => doctor::run(&ctx).await,
        Command::Patterns(command) => patterns::run(&ctx, command).await,
    }
}
