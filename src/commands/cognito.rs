//! `cruddur cognito ...`: the Cognito user pool, and copying its users' ids (`sub`) into Postgres.

use std::collections::{BTreeMap, HashMap};

use anyhow::{anyhow, Result};
use aws_sdk_cognitoidentityprovider::primitives::DateTimeFormat;
use aws_sdk_cognitoidentityprovider::types::UserType;
use serde_json::{json, Value};

use crate::aws_error;
use crate::cli::{CognitoCommand, OutputFormat};
use crate::context::Context;
use crate::output;

const COGNITO_USER_IDS_BY_HANDLES: &str = include_str!("../../sql/cognito_user_ids_by_handles.sql");
const UPDATE_COGNITO_USER_ID: &str = include_str!("../../sql/update_cognito_user_id.sql");
const USERS_WITH_MOCK_COGNITO_ID: &str = include_str!("../../sql/users_with_mock_cognito_id.sql");

pub async fn run(ctx: &Context, command: CognitoCommand) -> Result<()> {
    match command {
        CognitoCommand::ListUsers { user_pool_id, map } => {
            let pool_id = require_pool_id(ctx, user_pool_id.as_deref())?;
            list_users(ctx, &pool_id, map).await
        }
        CognitoCommand::UpdateIds {
            user_pool_id,
            dry_run,
        } => {
            let pool_id = require_pool_id(ctx, user_pool_id.as_deref())?;
            if !dry_run {
                let database = ctx.postgres()?.database();
                output::confirm_destructive(
                    ctx,
                    &format!("set the Cognito ids of the users in database {database}"),
                    &database,
                )?;
            }
            update_ids(ctx, &pool_id, dry_run).await?.print(ctx)
        }
    }
}

fn require_pool_id(ctx: &Context, flag: Option<&str>) -> Result<String> {
    ctx.user_pool_id(flag).ok_or_else(|| {
        anyhow!("no Cognito user pool: pass --user-pool-id or set AWS_COGNITO_USER_POOL_ID (e.g. us-east-1_AbCdEf123)")
    })
}

/// A user of the pool, as cruddur shows it. `handle` is the `preferred_username` attribute, which the
/// app's sign-up sets; users created by hand may lack it.
struct CognitoUser {
    username: String,
    handle: Option<String>,
    sub: String,
    email: Option<String>,
    status: String,
    created: String,
}

impl CognitoUser {
    fn from_sdk(user: &UserType) -> Self {
        let attribute = |name: &str| {
            user.attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_string)
        };
        CognitoUser {
            username: user.username().unwrap_or_default().to_string(),
            handle: attribute("preferred_username"),
            // Cognito gives every user a sub; an empty one would only show up as "not found" in Postgres.
            sub: attribute("sub").unwrap_or_default(),
            email: attribute("email"),
            status: user
                .user_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            created: user
                .user_create_date()
                .and_then(|d| d.fmt(DateTimeFormat::DateTime).ok())
                .unwrap_or_default(),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "handle": self.handle,
            "sub": self.sub,
            "email": self.email,
            "status": self.status,
            "created": self.created,
        })
    }
}

/// Every user of the pool: ListUsers returns at most 60 a page, the paginator follows the tokens.
async fn pool_users(ctx: &Context, pool_id: &str) -> Result<Vec<CognitoUser>> {
    let users: Vec<UserType> = ctx
        .cognito()
        .await
        .list_users()
        .user_pool_id(pool_id)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(|e| {
            let service = ctx.cognito_info();
            if aws_error::is_code(&e, "ResourceNotFoundException") {
                anyhow!(
                    "user pool {pool_id} does not exist at {}: check --user-pool-id or AWS_COGNITO_USER_POOL_ID, \
                     and AWS_REGION",
                    service.endpoint
                )
            } else {
                aws_error::explain(e, &service)
            }
        })?;
    Ok(users.iter().map(CognitoUser::from_sdk).collect())
}

async fn list_users(ctx: &Context, pool_id: &str, map: bool) -> Result<()> {
    let users = pool_users(ctx, pool_id).await?;
    if map {
        return print_handle_map(&users);
    }
    match ctx.output {
        OutputFormat::Json => output::print_json(&Value::Array(
            users.iter().map(CognitoUser::to_json).collect(),
        )),
        OutputFormat::Table => {
            let mut table = output::table(&["handle", "sub", "email", "status", "created"]);
            for user in &users {
                output::add_row(
                    &mut table,
                    [
                        user.handle.clone().unwrap_or_default(),
                        user.sub.clone(),
                        user.email.clone().unwrap_or_default(),
                        user.status.clone(),
                        user.created.clone(),
                    ],
                );
            }
            output::print_table(&table)
        }
    }
}

/// The `{handle: sub}` object the old bin/cognito/list-users printed, always JSON.
fn print_handle_map(users: &[CognitoUser]) -> Result<()> {
    let mut map = serde_json::Map::new();
    for user in users {
        match &user.handle {
            Some(handle) => {
                map.insert(handle.clone(), json!(user.sub));
            }
            None => warn_no_handle(user),
        }
    }
    output::print_json(&Value::Object(map))
}

fn warn_no_handle(user: &CognitoUser) {
    output::note(format!(
        "warning: skipped Cognito user {}: it has no preferred_username (its handle)",
        user.username
    ));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Updated,
    Unchanged,
    NoSuchHandle,
}

impl Outcome {
    fn describe(self, dry_run: bool) -> &'static str {
        match (self, dry_run) {
            (Outcome::Updated, false) => "updated",
            (Outcome::Updated, true) => "would update",
            (Outcome::Unchanged, _) => "unchanged",
            (Outcome::NoSuchHandle, _) => "no such handle in Postgres",
        }
    }
}

/// One Cognito user matched (or not) to a Postgres user by handle.
struct IdUpdate {
    handle: String,
    sub: String,
    outcome: Outcome,
}

/// What `update_ids` did, or would do with `dry_run`.
pub(crate) struct IdUpdates {
    dry_run: bool,
    updates: Vec<IdUpdate>,
    /// Handles of Postgres users with no Cognito user yet.
    still_mock: Vec<String>,
}

/// Sets `users.cognito_user_id` to the `sub` of the Cognito user whose `preferred_username` is the
/// user's handle, in one transaction; `dry_run` runs the same transaction and rolls it back.
/// Writes without asking: callers confirm first in prd (`output::confirm_destructive`).
pub(crate) async fn update_ids(ctx: &Context, pool_id: &str, dry_run: bool) -> Result<IdUpdates> {
    let pg = ctx.postgres()?;
    let mut client = pg.connect().await?;
    let subs_by_handle = subs_by_handle(pool_id, pool_users(ctx, pool_id).await?);
    let handles: Vec<&str> = subs_by_handle.keys().map(String::as_str).collect();

    let tx = client
        .transaction()
        .await
        .map_err(|e| pg.explain(e.into()))?;
    let current: HashMap<String, String> = tx
        .query(COGNITO_USER_IDS_BY_HANDLES, &[&handles])
        .await
        .map_err(|e| pg.explain(e.into()))?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let updates: Vec<IdUpdate> = subs_by_handle
        .into_iter()
        .map(|(handle, sub)| {
            let outcome = match current.get(&handle) {
                None => Outcome::NoSuchHandle,
                Some(id) if *id == sub => Outcome::Unchanged,
                Some(_) => Outcome::Updated,
            };
            IdUpdate {
                handle,
                sub,
                outcome,
            }
        })
        .collect();
    let (changed_handles, changed_subs): (Vec<&str>, Vec<&str>) = updates
        .iter()
        .filter(|u| u.outcome == Outcome::Updated)
        .map(|u| (u.handle.as_str(), u.sub.as_str()))
        .unzip();
    tx.execute(UPDATE_COGNITO_USER_ID, &[&changed_handles, &changed_subs])
        .await
        .map_err(|e| pg.explain(e.into()))?;
    let still_mock: Vec<String> = tx
        .query(USERS_WITH_MOCK_COGNITO_ID, &[])
        .await
        .map_err(|e| pg.explain(e.into()))?
        .iter()
        .map(|row| row.get(0))
        .collect();
    if dry_run {
        tx.rollback().await.map_err(|e| pg.explain(e.into()))?;
    } else {
        tx.commit().await.map_err(|e| pg.explain(e.into()))?;
    }
    Ok(IdUpdates {
        dry_run,
        updates,
        still_mock,
    })
}

/// Handle → sub, sorted by handle. Users without a handle, or sharing one (which user would it
/// be?), are skipped with a warning.
fn subs_by_handle(pool_id: &str, users: Vec<CognitoUser>) -> BTreeMap<String, String> {
    let mut by_handle: BTreeMap<String, Vec<CognitoUser>> = BTreeMap::new();
    for user in users {
        match &user.handle {
            Some(handle) => by_handle.entry(handle.clone()).or_default().push(user),
            None => warn_no_handle(&user),
        }
    }
    by_handle
        .into_iter()
        .filter_map(|(handle, mut users)| {
            if users.len() > 1 {
                let names: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
                output::note(format!(
                    "warning: skipped handle {handle}: it is the preferred_username of {} users of pool {pool_id} ({}); \
                     give each user its own",
                    users.len(),
                    names.join(", ")
                ));
                return None;
            }
            users.pop().map(|user| (handle, user.sub))
        })
        .collect()
}

impl IdUpdates {
    /// One line for a step of `db setup` or `bootstrap`.
    pub(crate) fn summary(&self) -> String {
        let count = |outcome: Outcome| self.updates.iter().filter(|u| u.outcome == outcome).count();
        let mock = if self.still_mock.is_empty() {
            "every Postgres user has a Cognito id".to_string()
        } else {
            format!("still at MOCK: {}", self.still_mock.join(", "))
        };
        format!(
            "{} updated, {} unchanged, {} Cognito users with no Postgres user; {mock}",
            count(Outcome::Updated),
            count(Outcome::Unchanged),
            count(Outcome::NoSuchHandle)
        )
    }

    pub(crate) fn print(&self, ctx: &Context) -> Result<()> {
        let result = |u: &IdUpdate| u.outcome.describe(self.dry_run);
        match ctx.output {
            OutputFormat::Json => output::print_json(&json!({
                "dry_run": self.dry_run,
                "users": self
                    .updates
                    .iter()
                    .map(|u| json!({"handle": u.handle, "sub": u.sub, "result": result(u)}))
                    .collect::<Vec<_>>(),
                "still_mock": self.still_mock,
            }))?,
            OutputFormat::Table => {
                let mut table = output::table(&["handle", "sub", "result"]);
                for u in &self.updates {
                    output::add_row(&mut table, [u.handle.as_str(), u.sub.as_str(), result(u)]);
                }
                output::print_table(&table)?;
            }
        }
        if self.still_mock.is_empty() {
            output::note("every Postgres user has a Cognito id");
        } else {
            output::note(format!(
                "Postgres users still at MOCK: {}",
                self.still_mock.join(", ")
            ));
        }
        if self.dry_run {
            output::note("dry run: nothing written");
        }
        Ok(())
    }
}
