//! Creating and deleting the messages table, and waiting for DynamoDB to finish either.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ProvisionedThroughput, ScalarAttributeType, StreamSpecification,
    StreamViewType, TableDescription, TableStatus,
};
use aws_sdk_dynamodb::Client;
use serde_json::json;

use crate::aws_error;
use crate::cli::Billing;
use crate::context::Context;
use crate::model::GROUP_INDEX;
use crate::output::{self, Report};

/// The key schema cruddur needs: the table's, then the GSI's, as `describe_keys` renders them.
const TABLE_KEYS: &str = "pk HASH, sk RANGE";
const INDEX_KEYS: &str = "message_group_uuid HASH, sk RANGE";
/// The free tier: 5 read and 5 write capacity units on the table and on the GSI.
const FREE_TIER_UNITS: i64 = 5;
const WAIT_LIMIT: Duration = Duration::from_secs(600);

/// Creates the table unless it is there with the same keys.
pub async fn schema_load(ctx: &Context, billing: Billing, stream: bool) -> Result<Report> {
    let client = ctx.dynamodb().await;
    let table = &ctx.table;
    if let Some(existing) = describe(ctx, &client, table).await? {
        check_keys(table, &existing)?;
        let stream_on = existing
            .stream_specification()
            .is_some_and(|s| s.stream_enabled());
        if stream && !stream_on {
            client
                .update_table()
                .table_name(table)
                .stream_specification(new_image_stream()?)
                .send()
                .await
                .map_err(|e| aws_error::explain_for_table(e, ctx))?;
            wait_until_active(ctx, &client, table).await?;
            return Ok(Report::new(
                format!("table {table} already existed; turned on its stream (NEW_IMAGE)"),
                json!({"table": table, "created": false, "stream_enabled": true}),
            ));
        }
        return Ok(Report::new(
            format!("table {table} already exists with the same keys: nothing to do"),
            json!({"table": table, "created": false}),
        ));
    }
    create_table(ctx, &client, billing, stream).await?;
    let active = wait_until_active(ctx, &client, table).await?;
    check_keys(table, &active)?;
    let billing_text = match billing {
        Billing::Provisioned => "provisioned 5/5",
        Billing::OnDemand => "on-demand",
    };
    let stream_text = if stream { ", stream NEW_IMAGE" } else { "" };
    Ok(Report::new(format!("created table {table} with index {GROUP_INDEX} ({billing_text}{stream_text}); it is ACTIVE"), json!({"table": table, "created": true, "billing": billing_text, "stream_enabled": stream})))
}

/// Deletes a table and waits until it is gone.
pub async fn drop_table(ctx: &Context, table: &str) -> Result<Report> {
    output::confirm_destructive(ctx, &format!("delete DynamoDB table {table}"), table)?;
    let client = ctx.dynamodb().await;
    match client.delete_table().table_name(table).send().await {
        Ok(_) => {}
        Err(e) if aws_error::is_code(&e, "ResourceNotFoundException") => {
            return Ok(Report::new(
                format!("table {table} does not exist: nothing to drop"),
                json!({"table": table, "dropped": false}),
            ));
        }
        Err(e) => return Err(aws_error::explain(e, &ctx.dynamodb_info())),
    }
    let spinner = output::spinner(format!("waiting for table {table} to be deleted"));
    let started = Instant::now();
    while describe(ctx, &client, table).await?.is_some() {
        if started.elapsed() > WAIT_LIMIT {
            bail!("table {table} is still being deleted after {} s; check it later with `cruddur ddb list-tables`", WAIT_LIMIT.as_secs());
        }
        tokio::time::sleep(poll_interval(ctx)).await;
    }
    spinner.finish_and_clear();
    Ok(Report::new(
        format!("dropped table {table}"),
        json!({"table": table, "dropped": true}),
    ))
}

async fn create_table(
    ctx: &Context,
    client: &Client,
    billing: Billing,
    stream: bool,
) -> Result<()> {
    let attribute = |name: &str| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(ScalarAttributeType::S)
            .build()
    };
    let key = |name: &str, key_type: KeyType| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(key_type)
            .build()
    };
    let mut index = GlobalSecondaryIndex::builder()
        .index_name(GROUP_INDEX)
        .key_schema(key("message_group_uuid", KeyType::Hash)?)
        .key_schema(key("sk", KeyType::Range)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        );
    let mut request = client
        .create_table()
        .table_name(&ctx.table)
        .attribute_definitions(attribute("pk")?)
        .attribute_definitions(attribute("sk")?)
        .attribute_definitions(attribute("message_group_uuid")?)
        .key_schema(key("pk", KeyType::Hash)?)
        .key_schema(key("sk", KeyType::Range)?);
    match billing {
        Billing::Provisioned => {
            let throughput = ProvisionedThroughput::builder()
                .read_capacity_units(FREE_TIER_UNITS)
                .write_capacity_units(FREE_TIER_UNITS)
                .build()?;
            index = index.provisioned_throughput(throughput.clone());
            request = request
                .billing_mode(BillingMode::Provisioned)
                .provisioned_throughput(throughput);
        }
        Billing::OnDemand => request = request.billing_mode(BillingMode::PayPerRequest),
    }
    request = request.global_secondary_indexes(index.build()?);
    if stream {
        request = request.stream_specification(new_image_stream()?);
    }
    match request.send().await {
        Ok(_) => Ok(()),
        // Created by someone else since we looked: the caller checks its keys once it is ACTIVE.
        Err(e) if aws_error::is_code(&e, "ResourceInUseException") => Ok(()),
        Err(e) => Err(aws_error::explain(e, &ctx.dynamodb_info())),
    }
}

fn new_image_stream() -> Result<StreamSpecification> {
    Ok(StreamSpecification::builder()
        .stream_enabled(true)
        .stream_view_type(StreamViewType::NewImage)
        .build()?)
}

/// The table's description, or None when it does not exist.
pub async fn describe(
    ctx: &Context,
    client: &Client,
    table: &str,
) -> Result<Option<TableDescription>> {
    match client.describe_table().table_name(table).send().await {
        Ok(out) => Ok(out.table),
        Err(e) if aws_error::is_code(&e, "ResourceNotFoundException") => Ok(None),
        Err(e) => Err(aws_error::explain(e, &ctx.dynamodb_info())),
    }
}

fn describe_keys(keys: &[KeySchemaElement]) -> String {
    keys.iter()
        .map(|k| format!("{} {}", k.attribute_name(), k.key_type().as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_keys(table: &str, description: &TableDescription) -> Result<()> {
    let table_keys = describe_keys(description.key_schema());
    let index_keys = description
        .global_secondary_indexes()
        .iter()
        .find(|index| index.index_name() == Some(GROUP_INDEX))
        .map(|index| describe_keys(index.key_schema()));
    let mut differences = Vec::new();
    if table_keys != TABLE_KEYS {
        differences.push(format!("its keys are {table_keys}, not {TABLE_KEYS}"));
    }
    match index_keys {
        None => differences.push(format!("it has no index {GROUP_INDEX}")),
        Some(keys) if keys != INDEX_KEYS => differences.push(format!(
            "its index {GROUP_INDEX} has keys {keys}, not {INDEX_KEYS}"
        )),
        Some(_) => {}
    }
    if !differences.is_empty() {
        bail!(
            "table {table} already exists with other keys ({}): drop it with `cruddur ddb drop {table}` or choose another --table",
            differences.join("; ")
        );
    }
    Ok(())
}

fn is_active(description: &TableDescription) -> bool {
    description.table_status() == Some(&TableStatus::Active)
        && description
            .global_secondary_indexes()
            .iter()
            .all(|index| index.index_status().is_none_or(|s| s.as_str() == "ACTIVE"))
}

async fn wait_until_active(
    ctx: &Context,
    client: &Client,
    table: &str,
) -> Result<TableDescription> {
    let spinner = output::spinner(format!("waiting for table {table} to be ACTIVE"));
    let started = Instant::now();
    loop {
        match describe(ctx, client, table).await? {
            Some(description) if is_active(&description) => {
                spinner.finish_and_clear();
                return Ok(description);
            }
            _ if started.elapsed() > WAIT_LIMIT => {
                bail!(
                    "table {table} is not ACTIVE after {} s; check it later with `cruddur doctor`",
                    WAIT_LIMIT.as_secs()
                )
            }
            _ => tokio::time::sleep(poll_interval(ctx)).await,
        }
    }
}

/// DynamoDB Local answers at once; AWS takes seconds, and polling it fast only costs requests.
fn poll_interval(ctx: &Context) -> Duration {
    if ctx.is_prd() {
        Duration::from_secs(2)
    } else {
        Duration::from_millis(100)
    }
}
