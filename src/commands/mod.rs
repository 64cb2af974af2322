//! One module per command group; `run` sends each command to its module.

mod db;
mod ddb;
mod doctor;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::context::Context;

pub async fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli.global);
    match cli.command {
        Command::Db(command) => db::run(&ctx, command).await,
        Command::Ddb(command) => ddb::run(&ctx, command).await,
        Command::Doctor => doctor::run(&ctx).await,
    }
}
