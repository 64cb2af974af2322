//! `cruddur doctor`: is the chosen env reachable and ready? The first step of a gitpod start-up task.

use std::fmt;

use anyhow::{bail, Result};
use serde_json::json;

use crate::aws_error;
use crate::cli::OutputFormat;
use crate::context::Context;
use crate::output;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    /// Not ready, but nothing is broken: a step of set-up still to run.
    Warn,
    /// A required check: doctor exits 1.
    Fail,
    Skip,
    Info,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
            Status::Skip => "skip",
            Status::Info => "info",
        })
    }
}

struct Check {
    name: String,
    status: Status,
    detail: String,
}

fn check(name: impl Into<String>, status: Status, detail: impl Into<String>) -> Check {
    Check { name: name.into(), status, detail: detail.into() }
}

pub async fn run(ctx: &Context) -> Result<()> {
    let mut checks = vec![check("env", Status::Info, format!("{:?}", ctx.env).to_lowercase())];
    checks.extend(ctx.described_variables().into_iter().map(|(name, value)| check(name, Status::Info, value)));
    checks.push(check("AWS credentials", Status::Info, ctx.credentials_source()));
    let (postgres, dynamodb, cognito) = tokio::join!(postgres_checks(ctx), dynamodb_checks(ctx), cognito_check(ctx));
    checks.extend(postgres);
    checks.extend(dynamodb);
    checks.push(cognito);
    checks.push(psql_check());
    print(ctx, &checks)?;
    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    if failed > 0 {
        bail!("{failed} required check(s) failed; see the hints above");
    }
    Ok(())
}

async fn postgres_checks(ctx: &Context) -> Vec<Check> {
    let pg = match ctx.postgres() {
        Ok(pg) => pg,
        Err(e) => return vec![check("Postgres", Status::Fail, format!("{e:#}"))],
    };
    let database = pg.database();
    let probe = async {
        let client = pg.connect_maintenance().await?;
        let row = client
            .query_one(
                "SELECT current_setting('server_version'), EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)",
                &[&database],
            )
            .await
            .map_err(|e| pg.explain(e.into()))?;
        anyhow::Ok((row.get::<_, String>(0), row.get::<_, bool>(1)))
    };
    match probe.await {
        Err(e) => vec![check("Postgres", Status::Fail, format!("{e:#}"))],
        Ok((version, exists)) => vec![
            check("Postgres", Status::Ok, format!("{} (server {version})", pg.url)),
            if exists {
                check(format!("database {database}"), Status::Ok, "present")
            } else {
                check(
                    format!("database {database}"),
                    Status::Warn,
                    format!("missing: create it with `{}`", ctx.command("db setup")),
                )
            },
        ],
    }
}

async fn dynamodb_checks(ctx: &Context) -> Vec<Check> {
    let info = ctx.dynamodb_info();
    let client = ctx.dynamodb().await;
    let table_check = format!("table {}", ctx.table);
    match client.describe_table().table_name(&ctx.table).send().await {
        Ok(out) => {
            let status = out.table().and_then(|t| t.table_status()).map(|s| s.as_str().to_string()).unwrap_or_default();
            vec![
                check("DynamoDB", Status::Ok, info.endpoint.clone()),
                check(table_check, Status::Ok, status),
            ]
        }
        Err(e) if aws_error::is_code(&e, "ResourceNotFoundException") => vec![
            check("DynamoDB", Status::Ok, info.endpoint.clone()),
            check(table_check, Status::Warn, format!("missing: create it with `{}`", ctx.command("ddb schema-load"))),
        ],
        Err(e) => vec![check("DynamoDB", Status::Fail, format!("{:#}", aws_error::explain(e, &info)))],
    }
}

async fn cognito_check(ctx: &Context) -> Check {
    let Some(pool_id) = ctx.user_pool_id(None) else {
        return check("Cognito user pool", Status::Skip, "AWS_COGNITO_USER_POOL_ID is not set");
    };
    let client = ctx.cognito().await;
    match client.describe_user_pool().user_pool_id(&pool_id).send().await {
        Ok(out) => {
            let name = out.user_pool().and_then(|p| p.name()).unwrap_or_default();
            check("Cognito user pool", Status::Ok, format!("{pool_id} ({name})"))
        }
        Err(e) => check("Cognito user pool", Status::Fail, format!("{:#}", aws_error::explain(e, &ctx.cognito_info()))),
    }
}

fn psql_check() -> Check {
    match find_on_path("psql") {
        Some(path) => check("psql", Status::Ok, path.display().to_string()),
        None => check("psql", Status::Warn, "not on PATH (needed by `cruddur db connect`): apt-get install postgresql-client"),
    }
}

pub fn find_on_path(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

fn print(ctx: &Context, checks: &[Check]) -> Result<()> {
    match ctx.output {
        OutputFormat::Json => output::print_json(&json!(checks
            .iter()
            .map(|c| json!({"check": c.name, "status": c.status.to_string(), "detail": c.detail}))
            .collect::<Vec<_>>())),
        OutputFormat::Table => {
            let mut table = output::table(&["check", "status", "detail"]);
            for c in checks {
                output::add_row(&mut table, [c.name.clone(), c.status.to_string(), c.detail.clone()]);
            }
            output::print_table(&table)
        }
    }
}
