//! The whole command tree, in one place. Commands live in `commands/`, one module per group.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

pub const DEFAULT_TABLE: &str = "cruddur-messages";

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
    #[arg(long, global = true, env = "CRUDDUR_TABLE", default_value = DEFAULT_TABLE)]
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

    /// Give up on DynamoDB when nothing has gone through for this many seconds (throttling,
    /// errors, dropped connections are retried until then)
    #[arg(long, global = true, env = "CRUDDUR_STALL_LIMIT", value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub stall_limit: u64,
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
    /// The Postgres database: create, drop, schema, seed, psql
    #[command(subcommand)]
    Db(DbCommand),
    /// The DynamoDB messages table
    #[command(subcommand)]
    Ddb(DdbCommand),
    /// The app's access patterns on the messages table, read and written as its backend does
    #[command(subcommand)]
    Patterns(PatternsCommand),
    /// The Cognito user pool, and the Postgres users' ids in it
    #[command(subcommand)]
    Cognito(CognitoCommand),
    /// The RDS database's network access
    #[command(subcommand)]
    Rds(RdsCommand),
    /// Make the dev environment ready: database, tables, seed users, Cognito ids, messages table, a conversation
    Bootstrap {
        /// Start from scratch: drop the database and the messages table first
        #[arg(long)]
        reset: bool,
    },
    /// Check that the chosen env is reachable and ready; exits 1 when a required check fails
    Doctor,
    /// Print a shell completion script (see the README to install it)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): cruddur man | man -l -
    Man,
}

#[derive(Debug, Subcommand)]
pub enum DdbCommand {
    /// List every table, following pagination
    ListTables,
    /// Create the messages table and its GSI, and wait until it is ACTIVE (nothing to do when it exists)
    SchemaLoad {
        /// provisioned: 5 read / 5 write on the table and the GSI (the free tier)
        #[arg(long, value_enum, default_value_t = Billing::Provisioned)]
        billing: Billing,
        /// Turn on a stream with NEW_IMAGE (what `patterns follow-stream` reads)
        #[arg(long)]
        stream: bool,
    },
    /// Delete a table (default: the messages table) and wait until it is gone
    Drop {
        /// The table to delete, if not the configured one
        table: Option<String>,
    },
    /// Write a sample conversation between two users, as the app stores it
    Seed(SeedArgs),
    /// Print every item, page by page as it arrives
    Scan {
        /// Stop after this many items
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Scan in this many parallel segments
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
        segments: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Billing {
    Provisioned,
    OnDemand,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// An embedded conversation or the path of a file of `Person 1: text` lines
    #[arg(long, value_name = "NAME|PATH", default_value = crate::conversation::DEFAULT, value_parser = ConversationArg)]
    pub conversation: String,
    /// Person 1's handle (a user in Postgres)
    #[arg(long, value_name = "HANDLE", default_value = crate::conversation::PERSON_1_HANDLE)]
    pub my_handle: String,
    /// Person 2's handle (a user in Postgres)
    #[arg(long, value_name = "HANDLE", default_value = crate::conversation::PERSON_2_HANDLE)]
    pub other_handle: String,
    /// The message group's uuid (default: one fixed per conversation)
    #[arg(long, value_name = "UUID")]
    pub group: Option<uuid::Uuid>,
    /// Delete the group's earlier rows first (needed when it already has messages)
    #[arg(long)]
    pub replace: bool,
    /// The last message's time (RFC 3339; default now); earlier ones are a minute apart
    #[arg(long, value_name = "TIME", value_parser = crate::model::parse_time)]
    pub end: Option<chrono::DateTime<chrono::Utc>>,
    /// Print the rows instead of writing them
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum CognitoCommand {
    /// List every user of the pool (all pages)
    ListUsers {
        /// The user pool [default: AWS_COGNITO_USER_POOL_ID]
        #[arg(long)]
        user_pool_id: Option<String>,
        /// Print the {handle: sub} JSON object instead
        #[arg(long)]
        map: bool,
    },
    /// Set users.cognito_user_id in Postgres to each Cognito user's sub, matched on handle
    UpdateIds {
        /// The user pool [default: AWS_COGNITO_USER_POOL_ID]
        #[arg(long)]
        user_pool_id: Option<String>,
        /// Show what would change; write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RdsCommand {
    /// Point the database's security group rule at this machine: TCP 5432 from IP/32
    UpdateSgRule {
        /// The security group [default: DB_SG_ID]
        #[arg(long)]
        group_id: Option<String>,
        /// The rule to change [default: DB_SG_RULE_ID]
        #[arg(long)]
        rule_id: Option<String>,
        /// This machine's IPv4 address [default: GITPOD_IP, else asked of checkip.amazonaws.com]
        #[arg(long)]
        ip: Option<String>,
        /// The rule's description
        #[arg(long, default_value = "GITPOD")]
        description: String,
    },
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
    /// E without AWS: the stream handler, moving both group rows to each new message (needs a stream)
    FollowStream(FollowStreamArgs),
}

#[derive(Debug, Args)]
pub struct FollowStreamArgs {
    /// Process what is in the stream now, then exit
    #[arg(long)]
    pub once: bool,
    /// Where to start, ignoring the checkpoint [default: the checkpoint, else trim-horizon]
    #[arg(long, value_enum)]
    pub from: Option<StreamStart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StreamStart {
    /// Only records written from now on
    Latest,
    /// The oldest records the stream still holds (24 hours on AWS)
    TrimHorizon,
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

/// `--conversation`: any name or path is accepted (the seed says what is wrong with it); the embedded
/// names are offered to help and to shell completion.
#[derive(Debug, Clone, Copy)]
struct ConversationArg;

impl TypedValueParser for ConversationArg {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            crate::conversation::embedded_names().map(PossibleValue::new),
        ))
    }
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
