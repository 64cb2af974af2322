//! `cruddur rds update-sg-rule`: lets this machine reach the RDS database by pointing the security
//! group's rule at its IP (dev machines such as gitpod's change IP on every start).

use std::net::Ipv4Addr;
use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use serde_json::{json, Value};

use crate::cli::{OutputFormat, RdsCommand};
use crate::context::Context;
use crate::ec2::{self, Ec2, Ec2Error};
use crate::http_client;
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

    /// The settings of a `securityGroupRuleSet` item of DescribeSecurityGroupRules.
    fn of(rule: roxmltree::Node) -> Self {
        let text = |tag| ec2::child_text(rule, tag).unwrap_or_default().to_string();
        let port = |tag| {
            ec2::child_text(rule, tag)
                .and_then(|p| p.parse().ok())
                .unwrap_or(-1)
        };
        let cidr = ec2::child_text(rule, "cidrIpv4").or(ec2::child_text(rule, "cidrIpv6"));
        RuleSettings {
            protocol: text("ipProtocol"),
            from_port: port("fromPort"),
            to_port: port("toPort"),
            cidr: cidr.unwrap_or_default().to_string(),
            description: text("description"),
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
            let answer = tokio::time::timeout(CHECKIP_TIMEOUT, http_client::get_text(CHECKIP_URL))
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

async fn update_sg_rule(ctx: &Context, rule: &RuleId, wanted: &RuleSettings) -> Result<()> {
    let client = ctx.ec2().await?;
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
    let from_port = wanted.from_port.to_string();
    let to_port = wanted.to_port.to_string();
    const RULE: &str = "SecurityGroupRule.1.SecurityGroupRule";
    let answer = client
        .call(
            "ModifySecurityGroupRules",
            &[
                ("GroupId", &rule.group_id),
                ("SecurityGroupRule.1.SecurityGroupRuleId", &rule.rule_id),
                (&format!("{RULE}.IpProtocol"), &wanted.protocol),
                (&format!("{RULE}.FromPort"), &from_port),
                (&format!("{RULE}.ToPort"), &to_port),
                (&format!("{RULE}.CidrIpv4"), &wanted.cidr),
                (&format!("{RULE}.Description"), &wanted.description),
            ],
        )
        .await
        .map_err(|e| explain(e, ctx, rule))?;
    let accepted = parse(&answer)?
        .descendants()
        .find(|n| n.tag_name().name() == "return")
        .and_then(|n| n.text())
        == Some("true");
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
async fn read_rule(ctx: &Context, client: &Ec2, rule: &RuleId) -> Result<RuleSettings> {
    let answer = client
        .call(
            "DescribeSecurityGroupRules",
            &[("SecurityGroupRuleId.1", &rule.rule_id)],
        )
        .await
        .map_err(|e| explain(e, ctx, rule))?;
    let doc = parse(&answer)?;
    let Some(&found) = ec2::items(&doc, "securityGroupRuleSet").first() else {
        bail!("{}", rule_not_found(ctx, rule));
    };
    match ec2::child_text(found, "groupId") {
        Some(group_id) if group_id == rule.group_id => {}
        other => bail!(
            "rule {} belongs to security group {}, not {}: check --group-id or DB_SG_ID",
            rule.rule_id,
            other.unwrap_or("(none)"),
            rule.group_id
        ),
    }
    if ec2::child_text(found, "isEgress") == Some("true") {
        bail!(
            "rule {} is an outbound rule: give the inbound rule that allows Postgres",
            rule.rule_id
        );
    }
    Ok(RuleSettings::of(found))
}

fn parse(xml: &str) -> Result<roxmltree::Document<'_>> {
    roxmltree::Document::parse(xml)
        .map_err(|e| anyhow!("EC2 answered something that is not XML ({e})"))
}

fn rule_not_found(ctx: &Context, rule: &RuleId) -> String {
    format!(
        "security group rule {} does not exist at {}: check --rule-id or DB_SG_RULE_ID, and AWS_REGION",
        rule.rule_id,
        ctx.ec2_info().endpoint
    )
}

fn explain(err: Ec2Error, ctx: &Context, rule: &RuleId) -> anyhow::Error {
    match err.code() {
        Some("InvalidSecurityGroupRuleId.NotFound") => anyhow!("{}", rule_not_found(ctx, rule)),
        Some("InvalidGroup.NotFound") => anyhow!(
            "security group {} does not exist at {}: check --group-id or DB_SG_ID, and AWS_REGION",
            rule.group_id,
            ctx.ec2_info().endpoint
        ),
        _ => err.into_anyhow(&ctx.ec2_info()),
    }
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
