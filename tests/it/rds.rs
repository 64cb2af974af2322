//! `rds update-sg-rule` against moto's EC2: the rule is read back with DescribeSecurityGroupRules.

use std::net::{Ipv4Addr, ToSocketAddrs};

use assert_cmd::Command;
use cruddur::ec2::{child_text, items};

use crate::common::*;
use crate::moto;

const OLD_CIDR: &str = "192.0.2.1/32";

/// A security group of the test's own with one inbound rule, TCP 5432 from OLD_CIDR ("OLD"), as the
/// RDS database's group has; deleted when the test ends.
struct TestGroup {
    group_id: String,
    rule_id: String,
}

impl TestGroup {
    fn new() -> Self {
        let group = moto::ec2_call(
            "CreateSecurityGroup",
            &[
                ("GroupName", &unique("cruddur-test")),
                ("GroupDescription", "cruddur test"),
            ],
        );
        let group_id = first_text(&group, "groupId");
        let rule = moto::ec2_call(
            "AuthorizeSecurityGroupIngress",
            &[
                ("GroupId", &group_id),
                ("IpPermissions.1.IpProtocol", "tcp"),
                ("IpPermissions.1.FromPort", "5432"),
                ("IpPermissions.1.ToPort", "5432"),
                ("IpPermissions.1.IpRanges.1.CidrIp", OLD_CIDR),
                ("IpPermissions.1.IpRanges.1.Description", "OLD"),
            ],
        );
        let rule_id = first_text(&rule, "securityGroupRuleId");
        TestGroup { group_id, rule_id }
    }

    /// (cidr, description, from port, to port, protocol), read straight from EC2.
    fn rule(&self) -> (String, String, i32, i32, String) {
        let xml = moto::ec2_call(
            "DescribeSecurityGroupRules",
            &[("SecurityGroupRuleId.1", &self.rule_id)],
        );
        let doc = roxmltree::Document::parse(&xml).expect("XML");
        let rule = items(&doc, "securityGroupRuleSet")[0];
        let text = |tag| child_text(rule, tag).unwrap_or_default().to_string();
        let port = |tag| text(tag).parse().unwrap_or_default();
        (
            text("cidrIpv4"),
            text("description"),
            port("fromPort"),
            port("toPort"),
            text("ipProtocol"),
        )
    }

    fn cidr(&self) -> String {
        self.rule().0
    }

    /// `cruddur rds update-sg-rule` on this group and rule, plus `args`.
    fn update(&self, args: &[&str]) -> Command {
        let mut cmd = update_sg_rule(&["--group-id", &self.group_id, "--rule-id", &self.rule_id]);
        cmd.args(args);
        cmd
    }
}

impl Drop for TestGroup {
    fn drop(&mut self) {
        let _ = block_on(moto::ec2().call("DeleteSecurityGroup", &[("GroupId", &self.group_id)]));
    }
}

/// `cruddur rds update-sg-rule` aimed at moto, with `args`.
fn update_sg_rule(args: &[&str]) -> Command {
    let mut cmd = moto::cruddur();
    cmd.args(["rds", "update-sg-rule"]).args(args);
    cmd
}

/// The text of the first `tag` element in `xml`.
fn first_text(xml: &str, tag: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("XML");
    doc.descendants()
        .find(|n| n.tag_name().name() == tag)
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no {tag} in {xml}"))
        .to_string()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn points_the_rule_at_the_given_ip_then_finds_nothing_to_do() {
    let group = TestGroup::new();
    let out = group.update(&["--ip", "203.0.113.7"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        group.rule(),
        (
            "203.0.113.7/32".to_string(),
            "GITPOD".to_string(),
            5432,
            5432,
            "tcp".to_string()
        )
    );
    let text = stdout(&out);
    let before = row_starting(&text, "before");
    let after = row_starting(&text, "after");
    assert!(
        before.contains(OLD_CIDR) && before.contains("OLD") && before.contains(&group.rule_id),
        "{before}"
    );
    assert!(
        after.contains("203.0.113.7/32") && after.contains("GITPOD"),
        "{after}"
    );
    moto::assert_no_keys(&out);

    let out = group.update(&["--ip", "203.0.113.7"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to do"), "{}", stderr(&out));
    assert_eq!(group.cidr(), "203.0.113.7/32");
}

#[test]
fn ids_and_ip_come_from_the_environment_and_flags_override_them() {
    let group = TestGroup::new();
    let out = moto::cruddur()
        .env("DB_SG_ID", &group.group_id)
        .env("DB_SG_RULE_ID", &group.rule_id)
        .env("GITPOD_IP", "198.51.100.1")
        .args([
            "rds",
            "update-sg-rule",
            "--description",
            "laptop",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    let report = json(&out);
    assert_eq!(report["changed"], true);
    assert_eq!(report["before"]["cidr"], OLD_CIDR);
    assert_eq!(report["after"]["cidr"], "198.51.100.1/32");
    assert_eq!(report["after"]["description"], "laptop");
    assert_eq!(group.rule().1, "laptop");

    // Flags win over the variables.
    let out = group
        .update(&["--ip", "198.51.100.2"])
        .env("DB_SG_ID", "sg-0000000000000000f")
        .env("DB_SG_RULE_ID", "sgr-0000000000000000f")
        .env("GITPOD_IP", "198.51.100.1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(group.cidr(), "198.51.100.2/32");
}

#[test]
fn prd_changes_the_rule_only_when_confirmed() {
    let group = TestGroup::new();
    let prd = |extra: &[&str]| {
        group
            .update(&["--ip", "203.0.113.9"])
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(["--env", "prd"])
            .args(extra)
            .output()
            .unwrap()
    };
    let line = one_line_error(&prd(&[]));
    assert!(
        line.contains("--yes") && line.contains(&group.rule_id),
        "{line}"
    );
    assert_eq!(group.cidr(), OLD_CIDR);
    let out = prd(&["--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(group.cidr(), "203.0.113.9/32");
}

#[test]
fn missing_group_or_rule_id_says_which_flag_or_variable() {
    for (ids, names) in [
        (["--rule-id", "sgr-1"], ["--group-id", "DB_SG_ID"]),
        (["--group-id", "sg-1"], ["--rule-id", "DB_SG_RULE_ID"]),
    ] {
        let line = one_line_error(
            &update_sg_rule(&ids)
                .args(["--ip", "203.0.113.7"])
                .output()
                .unwrap(),
        );
        assert!(names.iter().all(|name| line.contains(name)), "{line}");
    }
}

#[test]
fn a_rule_that_does_not_exist_or_is_in_another_group_changes_nothing() {
    let group = TestGroup::new();
    let missing_rule = "sgr-0123456789abcdef0";
    let other_group = "sg-0123456789abcdef0";
    let cases = [
        (
            group.group_id.as_str(),
            missing_rule,
            [missing_rule, "does not exist", "DB_SG_RULE_ID"],
        ),
        (
            other_group,
            group.rule_id.as_str(),
            [other_group, group.group_id.as_str(), "DB_SG_ID"],
        ),
    ];
    for (group_id, rule_id, expected) in cases {
        let out = update_sg_rule(&[
            "--group-id",
            group_id,
            "--rule-id",
            rule_id,
            "--ip",
            "203.0.113.7",
        ])
        .output()
        .unwrap();
        let line = one_line_error(&out);
        assert!(expected.iter().all(|text| line.contains(text)), "{line}");
    }
    assert_eq!(group.cidr(), OLD_CIDR);
}

#[test]
fn an_ip_that_is_not_ipv4_is_refused() {
    let group = TestGroup::new();
    for bad in ["2001:db8::1", "203.0.113.7/24", "300.1.2.3", "localhost"] {
        let line = one_line_error(&group.update(&["--ip", bad]).output().unwrap());
        assert!(
            line.contains(bad) && line.contains("not an IPv4 address"),
            "{line}"
        );
        let line = one_line_error(&group.update(&[]).env("GITPOD_IP", bad).output().unwrap());
        assert!(
            line.contains(bad) && line.contains("not an IPv4 address"),
            "{line}"
        );
    }
    assert_eq!(group.cidr(), OLD_CIDR);
}

#[test]
fn without_an_ip_it_asks_checkip_and_offline_says_to_pass_ip() {
    let group = TestGroup::new();
    let out = group.update(&[]).output().unwrap();
    let online = ("checkip.amazonaws.com", 443)
        .to_socket_addrs()
        .is_ok_and(|mut addrs| addrs.next().is_some());
    if online {
        assert!(out.status.success(), "{}", stderr(&out));
        let cidr = group.cidr();
        let ip = cidr.strip_suffix("/32").unwrap_or_else(|| panic!("{cidr}"));
        assert!(ip.parse::<Ipv4Addr>().is_ok(), "{cidr}");
    } else {
        // This machine has no internet: the lookup fails, fast, with the way out.
        let line = one_line_error(&out);
        assert!(
            line.contains("checkip.amazonaws.com") && line.contains("--ip"),
            "{line}"
        );
        assert_eq!(group.cidr(), OLD_CIDR);
    }
}

#[test]
fn no_credentials_in_prd_is_one_line_saying_how_to_configure_them() {
    let group = TestGroup::new();
    let out = moto::in_prd_without_credentials(group.update(&["--ip", "203.0.113.7"]))
        .output()
        .unwrap();
    let line = one_line_error(&out);
    assert!(
        line.contains("no AWS credentials") && line.contains("AWS_PROFILE"),
        "{line}"
    );
    assert_eq!(group.cidr(), OLD_CIDR);
}
