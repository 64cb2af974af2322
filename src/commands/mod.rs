//! One module per command group; `run` sends each command to its module.

mod cognito;
mod ddb;
mod doctor;
mod patterns;
mod rds;
mod shell_support;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::context::Context;

pub async fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli.global);
    match cli.command {
        Command::Ddb(command) => ddb::run(&ctx, command).await,
        Command::Cognito(command) => cognito::run(&ctx, command).await,
        Command::Rds(command) => rds::run(&ctx, command).await,
        Command::Doctor => doctor::run(&ctx).await,
        Command::Completions { shell } => shell_support::completions(shell),
        Command::Man => shell_support::man(),
        Command::Patterns(command) => patterns::run(&ctx, command).await,
    }
}
