//! `cruddur db ...`: the app's Postgres database. As sqlx-cli's `database setup`, `setup` is small
//! idempotent steps composed; the steps are `pub(crate)` so that `bootstrap` can run only the ones
//! still to do (create if missing, schema when tables are missing, seed when users are missing).

mod sql_script;

use std::os::unix::process::CommandExt as _;
use std::path::Path;

use anyhow::{anyhow, bail, Result};
use serde_json::json;
use tokio_postgres::error::{ErrorPosition, SqlState};
use tokio_postgres::Client;

use self::sql_script::{SqlScript, Statement};
use super::cognito;
use super::doctor::find_on_path;
use crate::cli::{DbCommand, OutputFormat};
use crate::context::Context;
use crate::output::{self, Report, Steps};
use crate::pg::Postgres;

const SCHEMA: &str = include_str!("../../sql/schema.sql");
const SEED: &str = include_str!("../../sql/seed.sql");
const DATABASE_EXISTS: &str = include_str!("../../sql/database_exists.sql");
const APP_TABLES_EXIST: &str = include_str!("../../sql/app_tables_exist.sql");
const USERS_EXIST: &str = include_str!("../../sql/users_exist.sql");
const SESSIONS: &str = include_str!("../../sql/sessions.sql");

/// Where `connect_maintenance` goes: dropping it would break create and drop for every database.
const MAINTENANCE_DATABASE: &str = "postgres";

pub async fn run(ctx: &Context, command: DbCommand) -> Result<()> {
    match command {
        DbCommand::Create => create(ctx).await,
        DbCommand::Drop { force } => drop(ctx, force).await,
        DbCommand::SchemaLoad { file } => schema_load(ctx, file.as_deref()).await,
        DbCommand::Seed { file } => seed(ctx, file.as_deref()).await,
        DbCommand::Setup { force } => setup(ctx, force).await,
        DbCommand::Connect { psql_args } => connect(ctx, &psql_args),
        DbCommand::Sessions => sessions(ctx).await,
    }
}

// ---------- the steps ----------

/// What a step found: it did the work, or the work was already done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Done,
    AlreadyDone,
}

/// Create the URL's database if it is missing. `server` is a `connect_maintenance` client.
pub(crate) async fn create_database(pg: &Postgres, server: &Client) -> Result<Outcome> {
    if database_exists(pg, server).await? {
        return Ok(Outcome::AlreadyDone);
    }
    match server
        .batch_execute(&format!(
            "CREATE DATABASE {}",
            quote_identifier(&pg.database())
        ))
        .await
    {
        Ok(()) => Ok(Outcome::Done),
        // Created meanwhile by someone else: the end state asked for.
        Err(e) if e.code() == Some(&SqlState::DUPLICATE_DATABASE) => Ok(Outcome::AlreadyDone),
        Err(e) => Err(pg.explain(e.into())),
    }
}

/// Drop the URL's database if it is there; `end_sessions` ends other sessions on it first (a running
/// backend would block the drop otherwise). `server` is a `connect_maintenance` client.
pub(crate) async fn drop_database(
    pg: &Postgres,
    server: &Client,
    end_sessions: bool,
) -> Result<Outcome> {
    let database = pg.database();
    if database == MAINTENANCE_DATABASE {
        bail!("refusing to drop {database}, the server's maintenance database: point {} at the app's database", pg.source);
    }
    if !database_exists(pg, server).await? {
        return Ok(Outcome::AlreadyDone);
    }
    let force = if end_sessions { " WITH (FORCE)" } else { "" };
    match server.batch_execute(&format!("DROP DATABASE IF EXISTS {}{force}", quote_identifier(&database))).await {
        Ok(()) => Ok(Outcome::Done),
        Err(e) if e.code() == Some(&SqlState::OBJECT_IN_USE) => Err(anyhow!(
            "database {database} is in use by other sessions (`{}` lists them): stop them, or pass --force to end them",
            pg.command("db sessions")
        )),
        Err(e) => Err(pg.explain(e.into())),
    }
}

pub(crate) async fn tables_exist(pg: &Postgres, client: &Client) -> Result<bool> {
    query_bool(pg, client, APP_TABLES_EXIST, &[]).await
}

pub(crate) async fn users_exist(pg: &Postgres, client: &Client) -> Result<bool> {
    query_bool(pg, client, USERS_EXIST, &[]).await
}

/// Replace the app's tables with `schema`, in one transaction. Always does the work.
pub(crate) async fn load_schema(
    pg: &Postgres,
    client: &mut Client,
    schema: &SqlScript,
) -> Result<Outcome> {
    run_in_transaction(pg, client, schema).await?;
    Ok(Outcome::Done)
}

/// Load `seed` in one transaction, unless users are there already (the seed's handles would clash).
pub(crate) async fn seed_data(
    pg: &Postgres,
    client: &mut Client,
    seed: &SqlScript,
) -> Result<Outcome> {
    if !tables_exist(pg, client).await? {
        bail!(
            "the app's tables are missing in database {}: load the schema with `{}`",
            pg.database(),
            pg.command("db schema-load")
        );
    }
    if users_exist(pg, client).await? {
        return Ok(Outcome::AlreadyDone);
    }
    run_in_transaction(pg, client, seed).await?;
    Ok(Outcome::Done)
}

async fn database_exists(pg: &Postgres, server: &Client) -> Result<bool> {
    query_bool(pg, server, DATABASE_EXISTS, &[&pg.database()]).await
}

async fn query_bool(
    pg: &Postgres,
    client: &Client,
    sql: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<bool> {
    let row = client
        .query_one(sql, params)
        .await
        .map_err(|e| pg.explain(e.into()))?;
    Ok(row.get(0))
}

/// A name for CREATE/DROP DATABASE, which take no bound parameters: double-quoted, inner quotes doubled.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every statement of `script` or none: a failure rolls back and names the statement and its line.
async fn run_in_transaction(pg: &Postgres, client: &mut Client, script: &SqlScript) -> Result<()> {
    let transaction = client
        .transaction()
        .await
        .map_err(|e| pg.explain(e.into()))?;
    for (index, statement) in script.statements().iter().enumerate() {
        // On error the transaction is dropped, which rolls it back.
        if let Err(e) = transaction.batch_execute(statement.text).await {
            return Err(statement_failed(pg, script, index, statement, e));
        }
    }
    transaction.commit().await.map_err(|e| pg.explain(e.into()))
}

fn statement_failed(
    pg: &Postgres,
    script: &SqlScript,
    index: usize,
    statement: &Statement<'_>,
    err: tokio_postgres::Error,
) -> anyhow::Error {
    let Some(db) = err.as_db_error() else {
        return pg.explain(err.into());
    };
    let line = match db.position() {
        Some(ErrorPosition::Original(position)) => statement.line_of(*position as usize),
        _ => statement.line,
    };
    let excerpt: String = statement.first_line().chars().take(60).collect();
    anyhow!(
        "{} line {line}, statement {} starting {excerpt:?}: {}; nothing was changed (rolled back): fix {} and run again",
        script.name,
        index + 1,
        db.message(),
        script.name
    )
}

// ---------- the commands ----------

async fn create(ctx: &Context) -> Result<()> {
    let pg = ctx.postgres()?;
    let server = pg.connect_maintenance().await?;
    report(ctx, &pg, create_step(&pg, &server).await?)
}

async fn drop(ctx: &Context, force: bool) -> Result<()> {
    let pg = confirmed_database(ctx, "drop database")?;
    let server = pg.connect_maintenance().await?;
    report(ctx, &pg, drop_step(&pg, &server, force).await?)
}

async fn schema_load(ctx: &Context, file: Option<&Path>) -> Result<()> {
    let schema = SqlScript::file_or_embedded(file, "sql/schema.sql", SCHEMA)?;
    let pg = confirmed_database(ctx, "replace the tables of database")?;
    let mut client = pg.connect().await?;
    report(ctx, &pg, schema_step(&pg, &mut client, &schema).await?)
}

async fn seed(ctx: &Context, file: Option<&Path>) -> Result<()> {
    let seed = SqlScript::file_or_embedded(file, "sql/seed.sql", SEED)?;
    let pg = confirmed_database(ctx, "load seed data into database")?;
    let mut client = pg.connect().await?;
    report(ctx, &pg, seed_step(&pg, &mut client, &seed).await?)
}

/// The env's database, once prd has confirmed `action` on it (by typing its name).
fn confirmed_database(ctx: &Context, action: &str) -> Result<Postgres> {
    let pg = ctx.postgres()?;
    let database = pg.database();
    output::confirm_destructive(ctx, &format!("{action} {database}"), &database)?;
    Ok(pg)
}

/// What a one-step command did: the sentence, or `{database, result}` for scripts.
fn report(ctx: &Context, pg: &Postgres, result: String) -> Result<()> {
    let json = json!({"database": pg.database(), "result": result});
    Report::new(result, json).print(ctx)
}

async fn setup(ctx: &Context, force: bool) -> Result<()> {
    let schema = SqlScript::file_or_embedded(None, "sql/schema.sql", SCHEMA)?;
    let seed = SqlScript::file_or_embedded(None, "sql/seed.sql", SEED)?;
    let pg = confirmed_database(ctx, "drop and recreate database")?;
    let mut steps = Steps::default();
    let server = pg.connect_maintenance().await?;
    steps.record("drop", drop_step(&pg, &server, force).await?);
    steps.record("create", create_step(&pg, &server).await?);
    let mut client = pg.connect().await?;
    steps.record("schema-load", schema_step(&pg, &mut client, &schema).await?);
    steps.record("seed", seed_step(&pg, &mut client, &seed).await?);
    steps.record("cognito update-ids", cognito_update_ids_step(ctx).await?);
    steps.print(ctx)
}

/// `bootstrap`'s Postgres part: each step only when it is still to do (`reset` drops the database first).
pub(crate) async fn ensure_ready(ctx: &Context, reset: bool, steps: &mut Steps) -> Result<()> {
    let pg = ctx.postgres()?;
    let server = pg.connect_maintenance().await?;
    if reset {
        steps.record("drop database", drop_step(&pg, &server, true).await?);
    }
    steps.record("database", create_step(&pg, &server).await?);
    let mut client = pg.connect().await?;
    let schema = if tables_exist(&pg, &client).await? {
        format!(
            "the app's tables are in database {}: nothing to do",
            pg.database()
        )
    } else {
        schema_step(
            &pg,
            &mut client,
            &SqlScript::file_or_embedded(None, "sql/schema.sql", SCHEMA)?,
        )
        .await?
    };
    steps.record("schema", schema);
    let seed = SqlScript::file_or_embedded(None, "sql/seed.sql", SEED)?;
    steps.record("seed users", seed_step(&pg, &mut client, &seed).await?);
    steps.record("cognito ids", cognito_update_ids_step(ctx).await?);
    Ok(())
}

/// Copies the Cognito users' ids into Postgres when there is a pool to copy them from.
async fn cognito_update_ids_step(ctx: &Context) -> Result<String> {
    match ctx.user_pool_id(None) {
        None => Ok("skipped: AWS_COGNITO_USER_POOL_ID is not set".to_string()),
        Some(pool_id) => Ok(cognito::update_ids(ctx, &pool_id, false).await?.summary()),
    }
}

async fn create_step(pg: &Postgres, server: &Client) -> Result<String> {
    let database = pg.database();
    Ok(match create_database(pg, server).await? {
        Outcome::Done => format!("created database {database}"),
        Outcome::AlreadyDone => format!("database {database} already exists: nothing to do"),
    })
}

async fn drop_step(pg: &Postgres, server: &Client, force: bool) -> Result<String> {
    let database = pg.database();
    Ok(match drop_database(pg, server, force).await? {
        Outcome::Done => format!("dropped database {database}"),
        Outcome::AlreadyDone => format!("database {database} does not exist: nothing to drop"),
    })
}

async fn schema_step(pg: &Postgres, client: &mut Client, schema: &SqlScript) -> Result<String> {
    load_schema(pg, client, schema).await?;
    Ok(format!(
        "loaded {} into database {}",
        schema.name,
        pg.database()
    ))
}

async fn seed_step(pg: &Postgres, client: &mut Client, seed: &SqlScript) -> Result<String> {
    let database = pg.database();
    Ok(match seed_data(pg, client, seed).await? {
        Outcome::Done => format!("loaded {} into database {database}", seed.name),
        Outcome::AlreadyDone => format!(
            "database {database} already has users: nothing to do (`{}` starts over)",
            pg.command("db setup")
        ),
    })
}

/// Hands the terminal to psql. The password goes through PGPASSWORD: on the command line `ps` would show it.
fn connect(ctx: &Context, psql_args: &[String]) -> Result<()> {
    let pg = ctx.postgres()?;
    let psql = find_on_path("psql").ok_or_else(|| {
        anyhow!(
            "psql is not installed (not on PATH): install the Postgres client \
             (apt-get install postgresql-client, or brew install libpq)"
        )
    })?;
    let mut command = std::process::Command::new(&psql);
    command
        .arg("--dbname")
        .arg(pg.url.without_password())
        .args(psql_args);
    if let Some(password) = pg.url.password() {
        command.env("PGPASSWORD", password);
    }
    let err = command.exec();
    Err(anyhow!("cannot start {}: {err}", psql.display()))
}

/// A row of `db sessions`. NULLs: sessions on a local socket have no client address; the server
/// hides other users' state from a user without the privilege.
struct Session {
    pid: i32,
    user: Option<String>,
    database: Option<String>,
    client_address: Option<String>,
    application: Option<String>,
    state: Option<String>,
}

async fn sessions(ctx: &Context) -> Result<()> {
    let pg = ctx.postgres()?;
    let server = pg.connect_maintenance().await?;
    let rows = server
        .query(SESSIONS, &[])
        .await
        .map_err(|e| pg.explain(e.into()))?;
    let sessions: Vec<Session> = rows
        .iter()
        .map(|row| Session {
            pid: row.get(0),
            user: row.get(1),
            database: row.get(2),
            client_address: row.get(3),
            application: row.get(4),
            state: row.get(5),
        })
        .collect();
    match ctx.output {
        OutputFormat::Json => output::print_json(&json!(sessions
            .iter()
            .map(|s| json!({
                "pid": s.pid,
                "user": s.user,
                "database": s.database,
                "client_address": s.client_address,
                "application": s.application,
                "state": s.state,
            }))
            .collect::<Vec<_>>())),
        OutputFormat::Table => {
            let mut table =
                output::table(&["pid", "user", "database", "client", "application", "state"]);
            for s in &sessions {
                let text = |cell: &Option<String>| cell.clone().unwrap_or_default();
                output::add_row(
                    &mut table,
                    [
                        s.pid.to_string(),
                        text(&s.user),
                        text(&s.database),
                        text(&s.client_address),
                        text(&s.application),
                        text(&s.state),
                    ],
                );
            }
            output::print_table(&table)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_double_quoted_with_inner_quotes_doubled() {
        assert_eq!(quote_identifier("cruddur"), "\"cruddur\"");
        assert_eq!(
            quote_identifier("a\"; DROP DATABASE x; --"),
            "\"a\"\"; DROP DATABASE x; --\""
        );
    }
}
