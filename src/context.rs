//! The one place that turns `--env` into URLs, endpoints and clients.
//! No other module reads the environment variables named here.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use aws_config::environment::{
    EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
};
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::Credentials;
use tokio::sync::OnceCell;

use crate::cli::{Env, GlobalArgs, OutputFormat, DEFAULT_TABLE};
use crate::ec2::Ec2;
use crate::pg::{DbUrl, Postgres};

const DEV_DEFAULT_DB_URL: &str = "postgresql://postgres:password@localhost:5432/cruddur";
const DEV_DEFAULT_DYNAMODB: &str = "http://localhost:8000";
const DEV_DEFAULT_REGION: &str = "us-east-1";
/// DynamoDB answers a request in milliseconds; one without an answer by then is lost.
const TABLE_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
pub const START_LOCAL_STACK: &str = "start the local stack with scripts/local-stack up";

/// What every command gets: the global flags, plus lazily built clients.
pub struct Context {
    pub env: Env,
    pub table: String,
    pub output: OutputFormat,
    pub yes: bool,
    pub verbose: bool,
    /// How long DynamoDB jobs keep retrying while nothing goes through.
    pub stall_limit: Duration,
    sdk_config: OnceCell<SdkConfig>,
}

/// An AWS service as cruddur reaches it, for messages: where it is and how to fix "unreachable".
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub name: &'static str,
    pub endpoint: String,
    pub unreachable_hint: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A flag's value, else the variable's: the flag overrides.
fn flag_or_var(flag: Option<&str>, name: &str) -> Option<String> {
    flag.map(str::to_string).or_else(|| var(name))
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Self {
        Context {
            env: global.env,
            table: global.table.clone(),
            output: global.output,
            yes: global.yes,
            verbose: global.verbose,
            stall_limit: Duration::from_secs(global.stall_limit),
            sdk_config: OnceCell::new(),
        }
    }

    pub fn is_prd(&self) -> bool {
        self.env == Env::Prd
    }

    /// How the user names this env on the command line, for hints like "run `cruddur --env prd db create`".
    pub fn command(&self, rest: &str) -> String {
        format!("{} {rest}", self.command_prefix())
    }

    fn command_prefix(&self) -> &'static str {
        match self.env {
            Env::Dev => "cruddur",
            Env::Prd => "cruddur --env prd",
        }
    }

    /// As [`Context::command`], for a command on the messages table: names `--table` unless it is the default.
    pub fn table_command(&self, rest: &str) -> String {
        if self.table == DEFAULT_TABLE {
            self.command(rest)
        } else {
            self.command(&format!("--table {} {rest}", self.table))
        }
    }

    /// The variable that holds this env's Postgres URL.
    pub fn postgres_url_var(&self) -> &'static str {
        match self.env {
            Env::Dev => "CONNECTION_URL",
            Env::Prd => "PROD_CONNECTION_URL",
        }
    }

    pub fn postgres(&self) -> Result<Postgres> {
        let var_name = self.postgres_url_var();
        let raw = match (self.env, var(var_name)) {
            (_, Some(url)) => url,
            (Env::Dev, None) => DEV_DEFAULT_DB_URL.to_string(),
            (Env::Prd, None) => bail!(
                "PROD_CONNECTION_URL is not set: export it with the production database URL \
                 (postgresql://USER:PASSWORD@HOST:5432/cruddur?sslmode=verify-full&sslrootcert=PATH)"
            ),
        };
        let url = DbUrl::parse(&raw)
            .with_context(|| format!("{var_name} is not a valid postgresql:// URL"))?;
        let unreachable_hint = match self.env {
            Env::Dev => START_LOCAL_STACK.to_string(),
            Env::Prd => format!(
                "check {var_name}, and that this machine may reach the database ({})",
                self.command("rds update-sg-rule")
            ),
        };
        Ok(Postgres {
            url,
            source: var_name,
            unreachable_hint,
            command_prefix: self.command_prefix(),
        })
    }

    /// dev: the local DynamoDB endpoint. prd: None, the SDK resolves it (AWS_ENDPOINT_URL* still apply).
    fn dynamodb_endpoint_override(&self) -> Option<String> {
        match self.env {
            Env::Dev => Some(
                var("AWS_ENDPOINT_URL_DYNAMODB")
                    .or_else(|| var("AWS_ENDPOINT_URL"))
                    .unwrap_or_else(|| DEV_DEFAULT_DYNAMODB.to_string()),
            ),
            Env::Prd => None,
        }
    }

    pub fn dynamodb_info(&self) -> ServiceInfo {
        let endpoint = self
            .dynamodb_endpoint_override()
            .unwrap_or_else(|| aws_endpoint("DYNAMODB"));
        let unreachable_hint = match self.env {
            Env::Dev => format!("is DynamoDB Local running? {START_LOCAL_STACK}"),
            Env::Prd => "check the network and AWS_ENDPOINT_URL_DYNAMODB".to_string(),
        };
        ServiceInfo {
            name: "DynamoDB",
            endpoint,
            unreachable_hint,
        }
    }

    pub fn cognito_info(&self) -> ServiceInfo {
        aws_service_info("Cognito", "COGNITO_IDENTITY_PROVIDER")
    }

    pub fn ec2_info(&self) -> ServiceInfo {
        aws_service_info("EC2", "EC2")
    }

    pub fn user_pool_id(&self, flag: Option<&str>) -> Option<String> {
        flag_or_var(flag, "AWS_COGNITO_USER_POOL_ID")
    }

    /// The RDS database's security group.
    pub fn db_sg_id(&self, flag: Option<&str>) -> Option<String> {
        flag_or_var(flag, "DB_SG_ID")
    }

    /// The rule of that group that lets the developer's machine in.
    pub fn db_sg_rule_id(&self, flag: Option<&str>) -> Option<String> {
        flag_or_var(flag, "DB_SG_RULE_ID")
    }

    /// This machine's public IP as gitpod's start-up task exported it (not yet checked).
    pub fn gitpod_ip(&self, flag: Option<&str>) -> Option<String> {
        flag_or_var(flag, "GITPOD_IP")
    }

    /// Where cruddur keeps state between runs (the stream handler's checkpoints).
    pub fn state_dir(&self) -> PathBuf {
        var("XDG_STATE_HOME")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".local/state")))
            .unwrap_or_else(std::env::temp_dir)
            .join("cruddur")
    }

    /// Variables worth showing in `doctor`, with values masked where they could hold a secret.
    pub fn described_variables(&self) -> Vec<(&'static str, String)> {
        let mut names = vec![self.postgres_url_var()];
        names.extend([
            "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "AWS_REGION",
            "AWS_PROFILE",
            "AWS_COGNITO_USER_POOL_ID",
        ]);
        names
            .into_iter()
            .map(|name| {
                let shown = match var(name) {
                    None => "(not set)".to_string(),
                    Some(value) if name.ends_with("CONNECTION_URL") => DbUrl::parse(&value)
                        .map(|url| url.to_string())
                        .unwrap_or_else(|_| "(set, not a valid URL)".to_string()),
                    Some(value) => value,
                };
                (name, shown)
            })
            .collect()
    }

    /// Whether AWS access keys come from the environment (never their values).
    pub fn credentials_source(&self) -> &'static str {
        match (
            var("AWS_ACCESS_KEY_ID").is_some(),
            var("AWS_PROFILE").is_some(),
            self.env,
        ) {
            (true, _, _) => "AWS_ACCESS_KEY_ID (environment)",
            (false, true, _) => "AWS_PROFILE",
            (false, false, Env::Dev) => "profile files, else dev placeholder keys",
            (false, false, Env::Prd) => "the AWS default chain (profile, SSO, container, instance)",
        }
    }

    async fn sdk_config(&self) -> &SdkConfig {
        self.sdk_config
            .get_or_init(|| load_sdk_config(self.env))
            .await
    }

    pub async fn dynamodb(&self) -> aws_sdk_dynamodb::Client {
        aws_sdk_dynamodb::Client::from_conf(self.dynamodb_config().await.build())
    }

    /// For the messages table's reads and writes, which retry on their own (`table::retry`) with
    /// the whole job in view: the SDK's retries (3 attempts, a quota that throttling drains) off.
    /// A request that hangs is cut off, as a dropped connection, and retried.
    pub async fn dynamodb_for_table(&self) -> aws_sdk_dynamodb::Client {
        let config = self
            .dynamodb_config()
            .await
            .retry_config(RetryConfig::disabled())
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(3))
                    .operation_attempt_timeout(TABLE_ATTEMPT_TIMEOUT)
                    .build(),
            );
        aws_sdk_dynamodb::Client::from_conf(config.build())
    }

    async fn dynamodb_config(&self) -> aws_sdk_dynamodb::config::Builder {
        let mut builder = aws_sdk_dynamodb::config::Builder::from(self.sdk_config().await);
        if let Some(endpoint) = self.dynamodb_endpoint_override() {
            builder = builder.endpoint_url(endpoint);
        }
        builder
    }

    pub async fn dynamodb_streams(&self) -> aws_sdk_dynamodbstreams::Client {
        let mut builder = aws_sdk_dynamodbstreams::config::Builder::from(self.sdk_config().await);
        if let Some(endpoint) = self.dynamodb_endpoint_override() {
            builder = builder.endpoint_url(endpoint);
        }
        aws_sdk_dynamodbstreams::Client::from_conf(builder.build())
    }

    pub async fn cognito(&self) -> aws_sdk_cognitoidentityprovider::Client {
        aws_sdk_cognitoidentityprovider::Client::new(self.sdk_config().await)
    }

    /// EC2 as the SDK would reach it: `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL`, the profile's
    /// endpoint, else the region's public endpoint; credentials from the same chain as every client.
    pub async fn ec2(&self) -> Result<Ec2> {
        let config = self.sdk_config().await;
        let region = config
            .region()
            .map(|r| r.to_string())
            .context("no AWS region: set AWS_REGION (or a region in the AWS profile)")?;
        let endpoint = var("AWS_ENDPOINT_URL_EC2")
            .or_else(|| var("AWS_ENDPOINT_URL"))
            .or_else(|| config.endpoint_url().map(str::to_string))
            .unwrap_or_else(|| format!("https://ec2.{region}.amazonaws.com"));
        Ec2::new(
            endpoint,
            region,
            config.credentials_provider(),
            self.ec2_info(),
        )
    }
}

fn aws_endpoint(service_suffix: &str) -> String {
    var(&format!("AWS_ENDPOINT_URL_{service_suffix}"))
        .or_else(|| var("AWS_ENDPOINT_URL"))
        .unwrap_or_else(|| "AWS".to_string())
}

fn aws_service_info(name: &'static str, service_suffix: &str) -> ServiceInfo {
    ServiceInfo {
        name,
        endpoint: aws_endpoint(service_suffix),
        unreachable_hint: format!(
            "check the network, or AWS_ENDPOINT_URL_{service_suffix} (moto from the local stack: {START_LOCAL_STACK})"
        ),
    }
}

async fn load_sdk_config(env: Env) -> SdkConfig {
    let loader = aws_config::defaults(BehaviorVersion::latest());
    match env {
        Env::Prd => loader.load().await,
        // The default chains end with the EC2 instance-metadata service, which costs about a second
        // to time out on a laptop. dev never needs it: env, profile, then placeholders that
        // DynamoDB Local and moto accept.
        Env::Dev => {
            let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
                .or_else(ProfileFileRegionProvider::builder().build())
                .or_else(Region::new(DEV_DEFAULT_REGION));
            let credentials = CredentialsProviderChain::first_try(
                "Environment",
                EnvironmentVariableCredentialsProvider::new(),
            )
            .or_else("Profile", ProfileFileCredentialsProvider::builder().build())
            .or_else(
                "DevPlaceholder",
                Credentials::new("cruddurdev", "cruddurdev", None, None, "cruddur-dev"),
            );
            loader
                .region(region)
                .credentials_provider(credentials)
                // Local servers answer at once or not at all: fail fast instead of backing off.
                .retry_config(
                    RetryConfig::standard().with_initial_backoff(Duration::from_millis(50)),
                )
                .timeout_config(
                    TimeoutConfig::builder()
                        .connect_timeout(Duration::from_secs(2))
                        .build(),
                )
                .load()
                .await
        }
    }
}
