//! Look-ups of the app's users in Postgres, by handle (for seeds, patterns and Cognito ids).

use anyhow::{anyhow, bail, Result};
use tokio_postgres::Client;

use crate::context::Context;
use crate::model::User;
use crate::pg::Postgres;

const USERS_BY_HANDLES: &str = include_str!("../sql/users_by_handles.sql");
const USER_HANDLES: &str = include_str!("../sql/user_handles.sql");

/// The users with these handles, in the order asked, from the env's database (one connection, one query).
pub async fn look_up<const N: usize>(ctx: &Context, handles: [&str; N]) -> Result<[User; N]> {
    let pg = ctx.postgres()?;
    let client = pg.connect().await?;
    let users = by_handles(&pg, &client, &handles).await?;
    users
        .try_into()
        .map_err(|found: Vec<User>| anyhow!("asked for {N} users, found {}", found.len()))
}

/// The users with these handles, in the order asked; an unknown handle is an error that lists the
/// handles there are.
async fn by_handles(pg: &Postgres, client: &Client, handles: &[&str]) -> Result<Vec<User>> {
    let wanted: Vec<String> = handles.iter().map(|h| h.to_string()).collect();
    let rows = client
        .query(USERS_BY_HANDLES, &[&wanted])
        .await
        .map_err(|e| pg.explain(e.into()))?;
    let found: Vec<User> = rows
        .iter()
        .map(|row| User {
            uuid: row.get(0),
            display_name: row.get(1),
            handle: row.get(2),
        })
        .collect();
    let mut users = Vec::with_capacity(handles.len());
    for handle in handles {
        match found.iter().find(|u| u.handle == *handle) {
            Some(user) => users.push(user.clone()),
            None => bail!("{}", unknown_handle(pg, client, handle).await?),
        }
    }
    Ok(users)
}

async fn unknown_handle(pg: &Postgres, client: &Client, handle: &str) -> Result<String> {
    let handles: Vec<String> = client
        .query(USER_HANDLES, &[])
        .await
        .map_err(|e| pg.explain(e.into()))?
        .iter()
        .map(|row| row.get(0))
        .collect();
    Ok(if handles.is_empty() {
        format!(
            "unknown handle {handle}: database {} has no users yet; load them with `{}`",
            pg.database(),
            pg.command("db seed")
        )
    } else {
        format!(
            "unknown handle {handle}: the handles in database {} are {}",
            pg.database(),
            handles.join(", ")
        )
    })
}
