//! moto's server from the local stack (Cognito, EC2): the SDK config tests build their fixtures with,
//! and `cruddur` aimed at it.

use assert_cmd::Command;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_ec2::config::Credentials;

use crate::common::{self, block_on, MOTO};

const REGION: &str = "us-east-1";
const ACCESS_KEY_ID: &str = "cruddurtest";
const SECRET_ACCESS_KEY: &str = "cruddurtestsecret";

/// For test clients: moto's endpoint, a region, and the static test keys.
pub fn sdk_config() -> SdkConfig {
    block_on(
        aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .credentials_provider(Credentials::new(
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                None,
                None,
                "test",
            ))
            .endpoint_url(MOTO)
            .load(),
    )
}

pub fn cognito() -> aws_sdk_cognitoidentityprovider::Client {
    aws_sdk_cognitoidentityprovider::Client::new(&sdk_config())
}

pub fn ec2() -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::new(&sdk_config())
}

/// `cruddur` with moto as its Cognito and EC2, and the test keys in the environment (as a developer
/// with keys exported would run it).
pub fn cruddur() -> Command {
    let mut cmd = common::cruddur();
    cmd.env("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", MOTO)
        .env("AWS_ENDPOINT_URL_EC2", MOTO)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .env("AWS_REGION", REGION);
    cmd
}

/// `cmd` (a `cruddur()` above) in prd with no credentials anywhere: env, profile files (the harness
/// points them at nothing) and instance metadata, which would otherwise take seconds to time out.
pub fn in_prd_without_credentials(mut cmd: Command) -> Command {
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(["--env", "prd"]);
    cmd
}

/// The error rules for AWS keys: neither the test key id nor its secret is ever printed.
pub fn assert_no_keys(output: &std::process::Output) {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !all.contains(SECRET_ACCESS_KEY) && !all.contains(ACCESS_KEY_ID),
        "{all}"
    );
}
