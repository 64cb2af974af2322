//! EC2's Query API, for the few calls cruddur makes: a form-encoded POST signed with SigV4 (AWS's own
//! signer), answered in XML. aws-sdk-ec2 would do the same but was half of the whole build.

use std::time::{Duration, SystemTime};

use anyhow::{anyhow, Result};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;

use crate::aws_error;
use crate::context::ServiceInfo;
use crate::http_client::{self, HttpClient};

const API_VERSION: &str = "2016-11-15";
/// As the SDK's standard retry mode: three attempts, exponential backoff with jitter.
const MAX_ATTEMPTS: u32 = 3;
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Where and as whom EC2 is called.
pub struct Ec2 {
    http: HttpClient<Full<Bytes>>,
    endpoint: String,
    region: String,
    credentials: Option<SharedCredentialsProvider>,
    info: ServiceInfo,
}

/// Why a call failed, kept apart so callers can name the cases they know (a missing rule, ...).
#[derive(Debug)]
pub enum Ec2Error {
    /// EC2 answered with an `<Error>`.
    Service { code: String, message: String },
    /// Anything else, already explained in one line.
    Other(anyhow::Error),
}

impl Ec2Error {
    pub fn code(&self) -> Option<&str> {
        match self {
            Ec2Error::Service { code, .. } => Some(code),
            Ec2Error::Other(_) => None,
        }
    }
}

impl Ec2 {
    /// `endpoint` is a URL such as `https://ec2.us-east-1.amazonaws.com` (or moto's).
    pub fn new(
        endpoint: String,
        region: String,
        credentials: Option<SharedCredentialsProvider>,
        info: ServiceInfo,
    ) -> Result<Self> {
        Ok(Ec2 {
            http: http_client::client()?,
            endpoint,
            region,
            credentials,
            info,
        })
    }

    /// Calls `action` with `params` (Query API names, e.g. `SecurityGroupRuleId.1`); the answer's XML.
    /// Throttling, 5xx and dropped connections are retried, as the SDK would.
    pub async fn call(&self, action: &str, params: &[(&str, &str)]) -> Result<String, Ec2Error> {
        let credentials = self.credentials().await?;
        let body = form_body(action, params);
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let result = self.attempt(&credentials, &body).await;
            let retryable = match &result {
                Err(Attempt::Unreachable(_)) => true,
                Err(Attempt::Answered { status, code, .. }) => {
                    *status >= 500 || is_throttling(code)
                }
                Ok(_) => false,
            };
            if !retryable || attempt == MAX_ATTEMPTS {
                return result.map_err(|failure| self.explain(failure));
            }
            tokio::time::sleep(jittered(backoff)).await;
            backoff *= 2;
            attempt += 1;
        }
    }

    async fn credentials(&self) -> Result<Credentials, Ec2Error> {
        let provider = self.credentials.as_ref().ok_or_else(|| {
            Ec2Error::Other(aws_error::no_credentials(
                self.info.name,
                "no credentials provider",
            ))
        })?;
        provider.provide_credentials().await.map_err(|e| {
            let cause = aws_error::root_cause(&e);
            Ec2Error::Other(aws_error::no_credentials(self.info.name, &cause))
        })
    }

    async fn attempt(&self, credentials: &Credentials, body: &str) -> Result<String, Attempt> {
        let request = signed_request(
            &self.endpoint,
            &self.region,
            credentials,
            body,
            SystemTime::now(),
        )
        .map_err(|e| Attempt::Unreachable(format!("{e:#}")))?;
        let exchange = async {
            let response = self.http.request(request.map(Full::new)).await?;
            let status = response.status().as_u16();
            let bytes = response.into_body().collect().await?.to_bytes();
            anyhow::Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
        };
        let (status, text) = match tokio::time::timeout(ATTEMPT_TIMEOUT, exchange).await {
            Err(_) => {
                return Err(Attempt::Unreachable(format!(
                    "no answer in {} s",
                    ATTEMPT_TIMEOUT.as_secs()
                )))
            }
            Ok(Err(e)) => return Err(Attempt::Unreachable(aws_error::root_cause(e.as_ref()))),
            Ok(Ok(answer)) => answer,
        };
        if (200..300).contains(&status) {
            return Ok(text);
        }
        let (code, message) = error_of(&text)
            .unwrap_or_else(|| (format!("HTTP{status}"), text.chars().take(200).collect()));
        Err(Attempt::Answered {
            status,
            code,
            message,
        })
    }

    fn explain(&self, failure: Attempt) -> Ec2Error {
        let ServiceInfo {
            name,
            endpoint,
            unreachable_hint,
        } = &self.info;
        match failure {
            Attempt::Unreachable(cause) => Ec2Error::Other(anyhow!(
                "cannot reach {name} at {endpoint} ({cause}): {unreachable_hint}"
            )),
            Attempt::Answered { code, message, .. } => {
                if aws_error::is_rejected_credentials(&code) {
                    Ec2Error::Other(aws_error::rejected_credentials(name, &code))
                } else if code == "RequestExpired" {
                    Ec2Error::Other(anyhow!(
                        "{name} at {endpoint}: RequestExpired: {message}: check this machine's clock"
                    ))
                } else {
                    Ec2Error::Service { code, message }
                }
            }
        }
    }
}

impl Ec2Error {
    /// One line for the user: a service error reads as the SDK's did, `EC2 at ENDPOINT: CODE: MESSAGE`.
    pub fn into_anyhow(self, info: &ServiceInfo) -> anyhow::Error {
        match self {
            Ec2Error::Service { code, message } => {
                anyhow!("{} at {}: {code}: {message}", info.name, info.endpoint)
            }
            Ec2Error::Other(e) => e,
        }
    }
}

/// One try's failure, before it is explained.
enum Attempt {
    Unreachable(String),
    Answered {
        status: u16,
        code: String,
        message: String,
    },
}

fn is_throttling(code: &str) -> bool {
    matches!(
        code,
        "RequestLimitExceeded" | "Throttling" | "ThrottlingException" | "RequestThrottled"
    )
}

/// Backoff between half and all of `base`, so parallel callers do not retry in step.
fn jittered(base: Duration) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    base / 2 + base.mul_f64(f64::from(nanos % 1000) / 2000.0)
}

fn form_body(action: &str, params: &[(&str, &str)]) -> String {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("Action", action);
    form.append_pair("Version", API_VERSION);
    for (name, value) in params {
        form.append_pair(name, value);
    }
    form.finish()
}

/// The POST for `body`, signed for service `ec2` in `region` at `time`.
fn signed_request(
    endpoint: &str,
    region: &str,
    credentials: &Credentials,
    body: &str,
    time: SystemTime,
) -> Result<http::Request<Bytes>> {
    let uri: http::Uri = endpoint
        .parse()
        .map_err(|e| anyhow!("{endpoint:?} is not a URL ({e}): check AWS_ENDPOINT_URL_EC2"))?;
    let host = match (uri.host(), uri.port_u16()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        (None, _) => anyhow::bail!("{endpoint:?} has no host: check AWS_ENDPOINT_URL_EC2"),
    };
    let mut request = http::Request::post(&uri)
        .header(http::header::HOST, host)
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(Bytes::from(body.to_string()))?;
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("ec2")
        .time(time)
        .settings(SigningSettings::default())
        .build()?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str()?)))
        .collect::<Result<Vec<_>, http::header::ToStrError>>()?;
    let signable = SignableRequest::new(
        "POST",
        uri.to_string(),
        headers.into_iter(),
        SignableBody::Bytes(body.as_bytes()),
    )?;
    let (instructions, _signature) = sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(&mut request);
    Ok(request)
}

/// `Code` and `Message` of an error answer (`<Response><Errors><Error>...`).
fn error_of(xml: &str) -> Option<(String, String)> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let error = doc.descendants().find(|n| n.has_tag_name("Error"))?;
    let text = |tag: &str| {
        error
            .children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    Some((text("Code"), text("Message")))
}

/// The text of `node`'s child `tag` (namespaces ignored, as EC2's answers carry one).
pub fn child_text<'a>(node: roxmltree::Node<'a, '_>, tag: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.tag_name().name() == tag)
        .and_then(|n| n.text())
}

/// The `<item>`s of every `set` element in `xml` (EC2's lists), e.g. `securityGroupRuleSet`.
pub fn items<'a>(doc: &'a roxmltree::Document<'a>, set: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == set)
        .flat_map(|n| n.children().filter(|c| c.tag_name().name() == "item"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed keys and clock: the request must be the one worked out by hand below.
    #[test]
    fn signs_the_query_post_as_sigv4_for_ec2() {
        let credentials = Credentials::new("AKIDEXAMPLE", "SECRETEXAMPLE", None, None, "test");
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600); // 2026-01-01T00:00:00Z
        let body = form_body(
            "DescribeSecurityGroupRules",
            &[("SecurityGroupRuleId.1", "sgr-0123")],
        );
        assert_eq!(
            body,
            "Action=DescribeSecurityGroupRules&Version=2016-11-15&SecurityGroupRuleId.1=sgr-0123"
        );
        let request = signed_request(
            "https://ec2.eu-west-1.amazonaws.com",
            "eu-west-1",
            &credentials,
            &body,
            time,
        )
        .unwrap();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.headers()["x-amz-date"], "20260101T000000Z");
        // The canonical request, as SigV4 defines it (method, path, query, headers, signed headers,
        // payload hash); its hash and the derived key give the signature below.
        //   POST
        //   /
        //
        //   content-type:application/x-www-form-urlencoded; charset=utf-8
        //   host:ec2.eu-west-1.amazonaws.com
        //   x-amz-date:20260101T000000Z
        //
        //   content-type;host;x-amz-date
        //   <sha256 of the body>
        // (worked out independently of aws-sigv4, with Python's hashlib and hmac)
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=6ba4c51276fa2c3f116085142a37e32c57de499bfa3fd4cd1098be0e3429fdeb"
        );
    }

    #[test]
    fn reads_code_and_message_of_an_error_answer() {
        let xml =
            "<?xml version=\"1.0\"?><Response><Errors><Error><Code>InvalidGroup.NotFound</Code>\
                   <Message>The security group 'sg-1' does not exist</Message></Error></Errors>\
                   <RequestID>r</RequestID></Response>";
        assert_eq!(
            error_of(xml),
            Some((
                "InvalidGroup.NotFound".to_string(),
                "The security group 'sg-1' does not exist".to_string()
            ))
        );
        assert_eq!(error_of("<html>bad gateway</html>"), None);
    }
}
