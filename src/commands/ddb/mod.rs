//! `cruddur ddb ...`: the DynamoDB messages table.

mod scan;
mod seed;
mod table;

use anyhow::Result;
use serde_json::json;

use crate::aws_error;
use crate::cli::{DdbCommand, OutputFormat};
use crate::context::Context;
use crate::output;

pub use seed::seed_default_conversation;
pub use table::{drop_table, schema_load};

pub async fn run(ctx: &Context, command: DdbCommand) -> Result<()> {
    match command {
        DdbCommand::ListTables => list_tables(ctx).await,
        DdbCommand::SchemaLoad { billing, stream } => {
            schema_load(ctx, billing, stream).await?.print(ctx)
        }
        DdbCommand::Drop { table } => drop_table(ctx, table.as_deref().unwrap_or(&ctx.table))
            .await?
            .print(ctx),
        DdbCommand::Seed(args) => {
            let seed = seed::prepare(ctx, &args).await?;
            if args.dry_run {
                seed.print(ctx)?;
                if ctx.is_prd() {
                    seed.note_capacity(ctx).await?;
                }
                Ok(())
            } else {
                let existing = seed.existing_rows(ctx).await?;
                seed.write(ctx, existing, args.replace).await?.print(ctx)
            }
        }
        DdbCommand::Scan { limit, segments } => scan::scan(ctx, limit, segments).await,
    }
}

async fn list_tables(ctx: &Context) -> Result<()> {
    let client = ctx.dynamodb().await;
    let names: Vec<String> = client
        .list_tables()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(|e| aws_error::explain(e, &ctx.dynamodb_info()))?;
    match ctx.output {
        OutputFormat::Json => output::print_json(&json!(names)),
        OutputFormat::Table => {
            let mut table = output::table(&["table"]);
            for name in names {
                output::add_row(&mut table, [name]);
            }
            output::print_table(&table)
        }
    }
}
