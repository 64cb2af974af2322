//! `cruddur rds update-sg-rule`: lets this machine reach the RDS database by pointing the security
//! group's rule at its IP (dev machines such as gitpod's change IP on every start).

use std::net::Ipv4Addr;
use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_ec2::types::{SecurityGroupRule, SecurityGroupRuleRequest, SecurityGroupRuleUpdate};
use serde_json::{json, Value};

use crate::aws_error;
use crate::cli::{OutputFormat, RdsCommand};
use crate::context::Context;
use crate::output;

const POSTGRES_PORT: i32 = 5432;
const CHECKIP_URL: &str = "https://checkip.amazonaws.com";
/// checkip answers in well under a second; offline, fail fast and say to pass --ip.
const CHECKIP_TIMEOUT: Duration = Duration::from_secs(3);

pub async fn run(ctx: &Context, command: RdsCommand) -> Result<()> {
    match command {
        RdsCommand::UpdateSgRule {
            group_id,
            rule_id,
            ip,
            description,
        } => {
            let rule = RuleId {
                group_id: ctx.db_sg_id(group_id.as_deref()).ok_or_else(|| {
                    anyhow!("no security group id: pass --group-id or set DB_SG_ID (the RDS database's group, sg-...)")
                })?,
                rule_id: ctx.db_sg_rule_id(rule_id.as_deref()).ok_or_else(|| {
                    anyhow!("no security group rule id: pass --rule-id or set DB_SG_RULE_ID (the rule to change, sgr-...)")
                })?,
            };
            let ip = this_machine_ip(ctx, ip.as_deref()).await?;
            let wanted = RuleSettings::postgres_from(ip, description);
            update_sg_rule(ctx, &rule, &wanted).await
        }
    }
}

/// A rule, and the group it must belong to.
struct RuleId {
    group_id: String,
    rule_id: String,
}

/// What update-sg-rule sets on the rule; equal settings mean nothing to do.
#[derive(Debug, PartialEq, Eq)]
struct RuleSettings {
    protocol: String,
    from_port: i32,
    to_port: i32,
    cidr: String,
    description: String,
}

impl RuleSettings {
    fn postgres_from(ip: Ipv4Addr, description: String) -> Self {
        RuleSettings {
            protocol: "tcp".to_string(),
            from_port: POSTGRES_PORT,
            to_port: POSTGRES_PORT,
            cidr: format!("{ip}/32"),
            description,
        }
    }

    fn of(rule: &SecurityGroupRule) -> Self {
        RuleSettings {
            protocol: rule.ip_protocol().unwrap_or_default().to_string(),
            from_port: rule.from_port().unwrap_or(-1),
            to_port: rule.to_port().unwrap_or(-1),
            cidr: rule
                .cidr_ipv4()
                .or(rule.cidr_ipv6())
                .unwrap_or_default()
                .to_string(),
            description: rule.description().unwrap_or_default().to_string(),
        }
    }

    fn ports(&self) -> String {
        if self.from_port == self.to_port {
            self.from_port.to_string()
        } else {
            format!("{}-{}", self.from_port, self.to_port)
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "protocol": self.protocol,
            "from_port": self.from_port,
            "to_port": self.to_port,
            "cidr": self.cidr,
            "description": self.description,
        })
    }
}

/// `--ip`, else `GITPOD_IP`, else what checkip.amazonaws.com sees; IPv4 only, as the rule's CIDR is.
async fn this_machine_ip(ctx: &Context, flag: Option<&str>) -> Result<Ipv4Addr> {
    match ctx.gitpod_ip(flag) {
        Some(given) => parse_ipv4(&given, "--ip/GITPOD_IP"),
        None => {
            let answer = tokio::time::timeout(CHECKIP_TIMEOUT, fetch_text(CHECKIP_URL))
                .await
                .unwrap_or_else(|_| Err(anyhow!("no answer in {} s", CHECKIP_TIMEOUT.as_secs())))
                .map_err(|e| {
                    anyhow!("cannot ask {CHECKIP_URL} for this machine's IP ({e:#}): pass --ip (or set GITPOD_IP)")
                })?;
            parse_ipv4(&answer, CHECKIP_URL)
        }
    }
}

fn parse_ipv4(text: &str, source: &str) -> Result<Ipv4Addr> {
    text.trim().parse().map_err(|_| {
        anyhow!("{:?} from {source} is not an IPv4 address: the rule takes one IPv4 address, e.g. --ip 203.0.113.7", text.trim())
    })
}

async fn fetch_text(url: &str) -> Result<String> {
    use http_body_util::{BodyExt, Empty};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;

    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())?
        .https_only()
        .enable_http1()
        .build();
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build(https);
    let response = client.get(url.parse()?).await?;
    if !response.status().is_success() {
        bail!("HTTP {}", response.status());
    }
    let body = response.into_body().collect().await?.to_bytes();
    Ok(String::from_utf8_lossy(&body).into_owned())
}

async fn update_sg_rule(ctx: &Context, rule: &RuleId, wanted: &RuleSettings) -> Result<()> {
    let client = ctx.ec2().await;
    let before = read_rule(ctx, &client, rule).await?;
    if before == *wanted {
        print_rule(ctx, rule, &before, None)?;
        output::note(format!(
            "nothing to do: rule {} already allows TCP {} from {} ({})",
            rule.rule_id, POSTGRES_PORT, wanted.cidr, wanted.description
        ));
        return Ok(());
    }
    output::confirm_destructive(
        ctx,
        &format!(
            "point rule {} of security group {} at {}",
            rule.rule_id, rule.group_id, wanted.cidr
        ),
        &rule.rule_id,
    )?;
    let request = SecurityGroupRuleRequest::builder()
        .ip_protocol(&wanted.protocol)
        .from_port(wanted.from_port)
        .to_port(wanted.to_port)
        .cidr_ipv4(&wanted.cidr)
        .description(&wanted.description)
        .build();
    let accepted = client
        .modify_security_group_rules()
        .group_id(&rule.group_id)
        .security_group_rules(
            SecurityGroupRuleUpdate::builder()
                .security_group_rule_id(&rule.rule_id)
                .security_group_rule(request)
                .build(),
        )
        .send()
        .await
        .map_err(|e| explain(e, ctx, rule))?
        .r#return()
        .unwrap_or(false);
    if !accepted {
        bail!(
            "EC2 did not accept the change to rule {} of security group {}",
            rule.rule_id,
            rule.group_id
        );
    }
    let after = read_rule(ctx, &client, rule).await?;
    print_rule(ctx, rule, &before, Some(&after))
}

/// The rule as EC2 has it now; it must be an inbound rule of the given group.
async fn read_rule(
    ctx: &Context,
    client: &aws_sdk_ec2::Client,
    rule: &RuleId,
) -> Result<RuleSettings> {
    let out = client
        .describe_security_group_rules()
        .security_group_rule_ids(&rule.rule_id)
        .send()
        .await
        .map_err(|e| explain(e, ctx, rule))?;
    let Some(found) = out.security_group_rules().first() else {
        bail!("{}", rule_not_found(ctx, rule));
    };
    match found.group_id() {
        Some(group_id) if group_id == rule.group_id => {}
        other => bail!(
            "rule {} belongs to security group {}, not {}: check --group-id or DB_SG_ID",
            rule.rule_id,
            other.unwrap_or("(none)"),
            rule.group_id
        ),
    }
    if found.is_egress() == Some(true) {
        bail!(
            "rule {} is an outbound rule: give the inbound rule that allows Postgres",
            rule.rule_id
        );
    }
    Ok(RuleSettings::of(found))
}

fn rule_not_found(ctx: &Context, rule: &RuleId) -> String {
    format!(
        "security group rule {} does not exist at {}: check --rule-id or DB_SG_RULE_ID, and AWS_REGION",
        rule.rule_id,
        ctx.ec2_info().endpoint
    )
}

fn explain<E, R>(err: SdkError<E, R>, ctx: &Context, rule: &RuleId) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    if aws_error::is_code(&err, "InvalidSecurityGroupRuleId.NotFound") {
        return anyhow!("{}", rule_not_found(ctx, rule));
    }
    if aws_error::is_code(&err, "InvalidGroup.NotFound") {
        return anyhow!(
            "security group {} does not exist at {}: check --group-id or DB_SG_ID, and AWS_REGION",
            rule.group_id,
            ctx.ec2_info().endpoint
        );
    }
    aws_error::explain(err, &ctx.ec2_info())
}

/// The rule before and after (`after` None: unchanged).
fn print_rule(
    ctx: &Context,
    rule: &RuleId,
    before: &RuleSettings,
    after: Option<&RuleSettings>,
) -> Result<()> {
    match ctx.output {
        OutputFormat::Json => output::print_json(&json!({
            "group_id": rule.group_id,
            "rule_id": rule.rule_id,
            "changed": after.is_some(),
            "before": before.to_json(),
            "after": after.unwrap_or(before).to_json(),
        })),
        OutputFormat::Table => {
            let mut table = output::table(&[
                "",
                "rule",
                "group",
                "protocol",
                "ports",
                "cidr",
                "description",
            ]);
            let rows = match after {
                Some(after) => vec![("before", before), ("after", after)],
                None => vec![("now", before)],
            };
            for (when, settings) in rows {
                output::add_row(
                    &mut table,
                    [
                        when.to_string(),
                        rule.rule_id.clone(),
                        rule.group_id.clone(),
                        settings.protocol.clone(),
                        settings.ports(),
                        settings.cidr.clone(),
                        settings.description.clone(),
                    ],
                );
            }
            output::print_table(&table)
        }
    }
}
