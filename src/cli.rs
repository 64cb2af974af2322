//! The whole command tree, in one place. Commands live in `commands/`, one module per group.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `--version` also names the commit it was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CRUDDUR_GIT_COMMIT"),
    ")"
);

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
    /// Check that the chosen env is reachable and ready; exits 1 when a required check fails
    Doctor,
    /// The app's access patterns on the messages table, read and written as its backend does
    #[command(subcommand)]
    Patterns(PatternsCommand),
}

#[derive(Debug, Subcommand)]
pub enum DdbCommand {
    /// List every table, following pagination
    ListTables,
}

#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// A: a conversation's messages, as the app shows them (the newest page, oldest first)
    GetConversation {
        /// The message group uuid (`patterns list-conversations` shows a user's groups)
        #[arg(long, value_name = "UUID")]
        group: uuid::Uuid,
        #[command(flatten)]
        window: QueryWindow,
    },
    /// B: a user's conversations, the most recent first
    ListConversations {
        /// Whose conversations
        #[arg(long, value_name = "HANDLE", env = "CRUDDUR_HANDLE")]
        handle: String,
        #[command(flatten)]
        window: QueryWindow,
    },
    /// C: send a message in an existing conversation (writes the message row only, as the backend does)
    Send {
        /// The message group uuid
        #[arg(long, value_name = "UUID")]
        group: uuid::Uuid,
        /// The sender's handle: a member of the conversation
        #[arg(long, value_name = "HANDLE")]
        from: String,
        /// The message: 1 to 1024 characters, not blank
        text: String,
    },
    /// D: start a conversation: a new group, its two group rows and the first message, written at once
    Start {
        /// The sender's handle
        #[arg(long, value_name = "HANDLE")]
        from: String,
        /// The other user's handle
        #[arg(long, value_name = "HANDLE")]
        to: String,
        /// The first message: 1 to 1024 characters, not blank
        text: String,
    },
}

/// Which rows a reading pattern queries, newest first. Default: the current year, as the app does.
#[derive(Debug, Clone, Args)]
pub struct QueryWindow {
    /// Only this year (UTC); without --since or --until, the current year
    #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999), conflicts_with_all = ["since", "until"])]
    pub year: Option<i32>,
    /// From this day or time on: 2026-05-01, 2026-05-01T09:30:00Z, 2026-05-01T09:30:00.000000+00:00
    #[arg(long, value_name = "TIME", value_parser = crate::model::TimeArg::parse)]
    pub since: Option<crate::model::TimeArg>,
    /// Up to this day (all of it) or time; same formats as --since
    #[arg(long, value_name = "TIME", value_parser = crate::model::TimeArg::parse)]
    pub until: Option<crate::model::TimeArg>,
    /// How many rows, newest first [default: 20, the app's page]; with --all, the size of each page read
    #[arg(long, value_parser = clap::value_parser!(i32).range(1..))]
    pub limit: Option<i32>,
    /// Every row in the window, following pagination
    #[arg(long)]
    pub all: bool,
    /// Also print the read capacity DynamoDB reports as consumed (on stderr)
    #[arg(long)]
    pub consumed: bool,
}
