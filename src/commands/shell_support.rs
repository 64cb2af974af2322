//! `cruddur completions SHELL` and `cruddur man`: generated from the clap tree, so never out of date.
//! The committed copies under `completions/` are checked against these by a test.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "cruddur",
        &mut std::io::stdout(),
    );
    Ok(())
}

pub fn man() -> Result<()> {
    // The package version alone: with the commit, the committed copy would be stale after every commit.
    let command = Cli::command().version(env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(command).render(&mut std::io::stdout())?;
    Ok(())
}
