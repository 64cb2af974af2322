//! moto's server from the local stack (Cognito, EC2): the SDK config tests build their fixtures with,
//! and `cruddur` aimed at it.

use assert_cmd::Command;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use cruddur::context::ServiceInfo;
use cruddur::ec2::Ec2;

use aws_sdk_cognitoidentityprovider::types::AttributeType;

use crate::common::{self, block_on, unique, MOTO};

const REGION: &str = "us-east-1";
const ACCESS_KEY_ID: &str = "cruddurtest";
const SECRET_ACCESS_KEY: &str = "cruddurtestsecret";

/// For test clients: moto's endpoint, a region, and the static test keys.
pub fn sdk_config() -> SdkConfig {
    block_on(
        aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .credentials_provider(credentials())
            .endpoint_url(MOTO)
            .load(),
    )
}

pub fn cognito() -> aws_sdk_cognitoidentityprovider::Client {
    aws_sdk_cognitoidentityprovider::Client::new(&sdk_config())
}

fn credentials() -> Credentials {
    Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "test")
}

/// EC2's Query API on moto, through cruddur's own client (aws-sdk-ec2 is not built for tests either).
pub fn ec2() -> Ec2 {
    Ec2::new(
        MOTO.to_string(),
        REGION.to_string(),
        Some(SharedCredentialsProvider::new(credentials())),
        ServiceInfo {
            name: "EC2",
            endpoint: MOTO.to_string(),
            unreachable_hint: "scripts/local-stack up".to_string(),
        },
    )
    .expect("an HTTP client")
}

/// `action` with `params` on moto's EC2; the answer's XML.
pub fn ec2_call(action: &str, params: &[(&str, &str)]) -> String {
    block_on(ec2().call(action, params))
        .unwrap_or_else(|e| panic!("{action} on moto at {MOTO} (scripts/local-stack up): {e:?}"))
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

/// A user pool of the test's own on moto, deleted when the test ends.
pub struct TestPool {
    pub id: String,
}

impl TestPool {
    pub fn new() -> Self {
        let out = block_on(
            cognito()
                .create_user_pool()
                .pool_name(unique("cruddur-test"))
                .send(),
        )
        .expect("create a user pool on moto at localhost:5000 (scripts/local-stack up)");
        TestPool {
            id: out
                .user_pool()
                .and_then(|p| p.id())
                .expect("pool id")
                .to_string(),
        }
    }

    /// Adds a user whose handle (preferred_username) is `handle`, if any; returns its sub.
    pub fn add_user(&self, username: &str, handle: Option<&str>) -> String {
        let attribute = |name: &str, value: &str| {
            AttributeType::builder()
                .name(name)
                .value(value)
                .build()
                .unwrap()
        };
        let mut request = cognito()
            .admin_create_user()
            .user_pool_id(&self.id)
            .username(username)
            .user_attributes(attribute("email", &format!("{username}@example.com")));
        if let Some(handle) = handle {
            request = request.user_attributes(attribute("preferred_username", handle));
        }
        let out = block_on(request.send()).expect("admin_create_user");
        let user = out.user().expect("created user");
        user.attributes()
            .iter()
            .find(|a| a.name() == "sub")
            .and_then(|a| a.value())
            .expect("sub")
            .to_string()
    }
}

impl Drop for TestPool {
    fn drop(&mut self) {
        let _ = block_on(cognito().delete_user_pool().user_pool_id(&self.id).send());
    }
}
