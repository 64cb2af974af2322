//! The whole command tree, in one place. Commands live in `commands/`, one module per group.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `--version` also names the commit it was built from.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("CRUDDUR_GIT_COMMIT"), ")");

#[derive(Debug, Parser)]
#[command(
    name = "cruddur",
    version = VERSION,
    about = "Ops toolkit for the Cruddur app: Postgres, DynamoDB, Cognito and RDS chores in one binary",
    after_help = "dev talks to the local stack (scripts/local-stack up); prd talks to AWS and PROD_CONNECTION_URL."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Which stack to talk to: dev (local servers) or prd (AWS)
    #[arg(long, global = true, env = "CRUDDUR_ENV", value_enum, default_value_t = Env::Dev)]
    pub env: Env,

    /// The DynamoDB messages table
    #[arg(long, global = true, env = "CRUDDUR_TABLE", default_value = "cruddur-messages")]
    pub table: String,

    /// table for people, json for scripts
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// Confirm destructive actions without asking
    #[arg(long, global = true)]
    pub yes: bool,

    /// Say more about what is being done
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Env {
    /// Local servers: DynamoDB Local, Postgres from CONNECTION_URL
    Dev,
    /// AWS and PROD_CONNECTION_URL
    Prd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The DynamoDB messages table
    #[command(subcommand)]
    Ddb(DdbCommand),
    /// The Postgres database: create, drop, schema, seed, psql
    #[command(subcommand)]
    Db(DbCommand),
    /// Check that the chosen env is reachable and ready; exits 1 when a required check fails
    Doctor,
}

#[derive(Debug, Subcommand)]
pub enum DdbCommand {
    /// List every table, following pagination
    ListTables,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create the database named in the URL (nothing to do when it exists)
    Create,
    /// Drop the database (nothing to do when it is absent)
    Drop {
        /// Also end other sessions on it, so a running backend does not block the drop
        #[arg(long)]
        force: bool,
    },
    /// Replace the app's tables with sql/schema.sql, in one transaction
    SchemaLoad {
        /// Load this file instead of the embedded sql/schema.sql
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
    },
    /// Load the seed users and activities from sql/seed.sql, in one transaction
    Seed {
        /// Load this file instead of the embedded sql/seed.sql
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
    },
    /// drop, create, schema-load, seed (then cognito update-ids when a pool id is set)
    Setup {
        /// Also end other sessions on the database, so a running backend does not block the drop
        #[arg(long)]
        force: bool,
    },
    /// Open psql on the env's database; arguments after -- go to psql
    Connect {
        #[arg(last = true, value_name = "PSQL_ARGS")]
        psql_args: Vec<String>,
    },
    /// Who is connected to the server
    Sessions,
}
