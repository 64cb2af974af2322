//! One-line explanations of AWS SDK errors: unreachable endpoints, missing credentials, service errors.

use std::error::Error as StdError;

use anyhow::anyhow;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};

use crate::context::{Context, ServiceInfo};

/// What went wrong talking to `service`, in one line with the fix.
pub fn explain<E, R>(err: SdkError<E, R>, service: &ServiceInfo) -> anyhow::Error
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let ServiceInfo {
        name,
        endpoint,
        unreachable_hint,
    } = service;
    match &err {
        SdkError::ServiceError(service_err) => {
            let e = service_err.err();
            let code = e.code().unwrap_or("UnknownError");
            let message = e.message().unwrap_or("no message");
            if is_rejected_credentials(code) {
                return rejected_credentials(name, code);
            }
            anyhow!("{name} at {endpoint}: {code}: {message}")
        }
        SdkError::TimeoutError(_) => {
            anyhow!("cannot reach {name} at {endpoint} (timed out): {unreachable_hint}")
        }
        SdkError::DispatchFailure(dispatch) => {
            if dispatch.is_io() || dispatch.is_timeout() {
                let cause = root_cause(&err);
                anyhow!("cannot reach {name} at {endpoint} ({cause}): {unreachable_hint}")
            } else {
                let cause = root_cause(&err);
                if cause.contains("credential") {
                    no_credentials(name, &cause)
                } else {
                    anyhow!("{name} at {endpoint}: {cause}")
                }
            }
        }
        _ => anyhow!("{name} at {endpoint}: {}", root_cause(&err)),
    }
}

/// An error code that means the service did not accept the keys or their signature.
pub fn is_rejected_credentials(code: &str) -> bool {
    [
        "UnrecognizedClient",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "AuthFailure",
    ]
    .iter()
    .any(|known| code.contains(known))
}

pub fn rejected_credentials(service: &str, code: &str) -> anyhow::Error {
    anyhow!(
        "{service} rejected the AWS credentials ({code}): check AWS_PROFILE or AWS_ACCESS_KEY_ID"
    )
}

/// The credentials chain found nothing; `cause` is its own explanation.
pub fn no_credentials(service: &str, cause: &str) -> anyhow::Error {
    // The chain's cause lists every provider it tried, one sentence each: too long for one line, and
    // the fix is the same whichever failed.
    let summary = cause.split(". Attempted:").next().unwrap_or(cause);
    anyhow!(
        "no AWS credentials for {service} ({summary}): set AWS_PROFILE (after `aws configure` or \
         `aws sso login`), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    )
}

/// The innermost error's text: the SDK's outer layers say "dispatch failure", the inner ones say why.
pub fn root_cause(err: &(dyn StdError + 'static)) -> String {
    let mut current = err;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string().replace('\n', " ")
}

/// True when the error is the service saying `code` (for special cases such as a missing table).
pub fn is_code<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>, code: &str) -> bool {
    err.as_service_error().and_then(|e| e.code()) == Some(code)
}

/// As [`explain`] for a call on the messages table: a missing table is named, with the command that
/// creates it.
pub fn explain_for_table<E, R>(err: SdkError<E, R>, ctx: &Context) -> anyhow::Error
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let service = ctx.dynamodb_info();
    if is_code(&err, "ResourceNotFoundException") {
        return anyhow!(
            "table {} does not exist at {}: create it with `{}`",
            ctx.table,
            service.endpoint,
            ctx.table_command("ddb schema-load")
        );
    }
    explain(err, &service)
}
