//! One module per command group; `run` sends each command to its module.

mod bootstrap;
mod cognito;
mod db;
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
        Command::Db(command) => db::run(&ctx, command).await,
        Command::Ddb(command) => ddb::run(&ctx, command).await,
        Command::Cognito(command) => cognito::run(&ctx, command).await,
        Command::Rds(command) => rds::run(&ctx, command).await,
        Command::Bootstrap { reset } => bootstrap::run(&ctx, reset).await,
        Command::Doctor => doctor::run(&ctx).await,
        Command::Completions { shell } => shell_support::completions(shell),
        Command::Man => shell_support::man(),
        Command::Patterns(command) => patterns::run(&ctx, command).await,
    }
}
