//! `cruddur bootstrap`: the dev environment made ready in one idempotent command, the first step of
//! a gitpod start-up task or a CI seeding step. Each step does its work only when it is still to do.

use anyhow::{bail, Result};

use super::{db, ddb};
use crate::cli::Billing;
use crate::context::Context;
use crate::output::{self, Steps};

pub async fn run(ctx: &Context, reset: bool) -> Result<()> {
    if ctx.is_prd() {
        bail!(
            "refusing to bootstrap prd: production is never bootstrapped; \
             run the individual commands with --env prd if you must"
        );
    }
    let mut steps = Steps::default();
    db::ensure_ready(ctx, reset, &mut steps).await?;
    if reset {
        steps.record(
            "drop messages table",
            ddb::drop_table(ctx, &ctx.table).await?.sentence,
        );
    }
    // With a stream, so that `patterns follow-stream` can stand in for the app's Lambda in dev.
    let table = ddb::schema_load(ctx, Billing::Provisioned, true).await?;
    steps.record("messages table", table.sentence);
    steps.record("conversation", ddb::seed_default_conversation(ctx).await?);
    steps.print(ctx)?;
    output::note(format!(
        "ready: see the conversation with `{}`",
        ctx.table_command(&format!(
            "patterns list-conversations --handle {}",
            crate::conversation::PERSON_1_HANDLE
        ))
    ));
    Ok(())
}
