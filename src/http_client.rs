//! The one HTTP client for calls outside the AWS SDK (EC2's Query API, checkip): hyper with rustls,
//! both already built for the SDK.

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

pub type HttpClient<B> = Client<HttpsConnector<HttpConnector>, B>;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// HTTPS with the system's roots, and plain HTTP for local servers (moto).
pub fn client<B>() -> Result<HttpClient<B>>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
{
    let mut http = HttpConnector::new();
    http.set_connect_timeout(Some(CONNECT_TIMEOUT));
    http.enforce_http(false);
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
        .map_err(|e| anyhow!("no CA certificates on this machine ({e}): install ca-certificates"))?
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(Client::builder(TokioExecutor::new()).build(https))
}

/// The body of a GET of `url`, as text.
pub async fn get_text(url: &str) -> Result<String> {
    let response = client::<Empty<Bytes>>()?.get(url.parse()?).await?;
    if !response.status().is_success() {
        bail!("HTTP {}", response.status());
    }
    let body = response.into_body().collect().await?.to_bytes();
    Ok(String::from_utf8_lossy(&body).into_owned())
}
