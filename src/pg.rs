//! Postgres connections: a URL type that never prints its password, libpq's `sslmode` over rustls,
//! and one-line explanations of connection and query errors.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres::config::SslMode as WireSslMode;
use tokio_postgres::error::SqlState;
use tokio_postgres::Client;
use tokio_postgres_rustls::MakeRustlsConnect;
use url::Url;

/// A postgresql:// URL. Display masks the password; `password()` is for PGPASSWORD only.
#[derive(Clone)]
pub struct DbUrl(Url);

impl DbUrl {
    pub fn parse(raw: &str) -> Result<Self> {
        let url = Url::parse(raw).map_err(|e| anyhow!("{e}"))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            bail!("the scheme is {}, expected postgresql://", url.scheme());
        }
        if url.host_str().is_none() {
            bail!("it names no host");
        }
        Ok(DbUrl(url))
    }

    pub fn database(&self) -> String {
        let name = self.0.path().trim_start_matches('/');
        if name.is_empty() {
            self.user()
        } else {
            decode(name)
        }
    }

    pub fn user(&self) -> String {
        match self.0.username() {
            "" => "postgres".to_string(),
            user => decode(user),
        }
    }

    pub fn password(&self) -> Option<String> {
        self.0.password().map(decode)
    }

    pub fn host(&self) -> String {
        self.0.host_str().unwrap_or_default().to_string()
    }

    pub fn port(&self) -> u16 {
        self.0.port().unwrap_or(5432)
    }

    /// The whole URL but the password, for clients that take the password from PGPASSWORD (psql).
    pub fn without_password(&self) -> String {
        let mut url = self.0.clone();
        let _ = url.set_password(None);
        url.to_string()
    }

    /// The same server and credentials, another database (the maintenance database for create/drop).
    pub fn with_database(&self, name: &str) -> DbUrl {
        let mut url = self.0.clone();
        url.set_path(&format!("/{name}"));
        DbUrl(url)
    }

    fn query(&self, key: &str) -> Option<String> {
        self.0
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    /// The URL without the options that tokio-postgres does not know (sslmode's verify modes, sslrootcert).
    fn driver_config(&self) -> Result<tokio_postgres::Config> {
        let mut url = self.0.clone();
        let kept: Vec<(String, String)> = self
            .0
            .query_pairs()
            .filter(|(k, _)| k != "sslmode" && k != "sslrootcert")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        if !kept.is_empty() {
            url.query_pairs_mut().extend_pairs(kept);
        }
        tokio_postgres::Config::from_str(url.as_str()).map_err(|e| anyhow!("{e}"))
    }
}

fn decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.0.clone();
        if shown.password().is_some() {
            let _ = shown.set_password(Some("****"));
        }
        f.write_str(shown.as_str())
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// libpq's sslmode values, as `PROD_CONNECTION_URL` for RDS uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn of(url: &DbUrl) -> Result<SslMode> {
        let mode = match url.query("sslmode").as_deref() {
            None | Some("prefer") => SslMode::Prefer,
            Some("disable") => SslMode::Disable,
            // libpq: `require` with a root certificate verifies the CA as verify-ca does
            Some("require") if url.query("sslrootcert").is_some() => SslMode::VerifyCa,
            Some("require") => SslMode::Require,
            Some("verify-ca") => SslMode::VerifyCa,
            Some("verify-full") => SslMode::VerifyFull,
            Some(other) => bail!(
                "sslmode={other} is not one of disable, prefer, require, verify-ca, verify-full"
            ),
        };
        Ok(mode)
    }
}

/// A database as one env reaches it, with what to tell the user when it is not there.
pub struct Postgres {
    pub url: DbUrl,
    /// The variable the URL came from (or would have).
    pub source: &'static str,
    pub unreachable_hint: String,
    /// How the user names this env on the command line (`cruddur`, `cruddur --env prd`), for hints.
    pub command_prefix: &'static str,
}

impl Postgres {
    pub fn database(&self) -> String {
        self.url.database()
    }

    /// A command of this env to suggest, e.g. `cruddur --env prd db create`.
    pub fn command(&self, rest: &str) -> String {
        format!("{} {rest}", self.command_prefix)
    }

    /// Connect to the database the URL names.
    pub async fn connect(&self) -> Result<Client> {
        connect_url(&self.url).await.map_err(|e| self.explain(e))
    }

    /// Connect to the server's maintenance database, for creating and dropping the app's one.
    pub async fn connect_maintenance(&self) -> Result<Client> {
        connect_url(&self.url.with_database("postgres"))
            .await
            .map_err(|e| self.explain(e))
    }

    /// One line for a connection or query error: what went wrong, and the fix.
    pub fn explain(&self, err: anyhow::Error) -> anyhow::Error {
        let at = format!("{}:{}", self.url.host(), self.url.port());
        let Some(pg) = err.downcast_ref::<tokio_postgres::Error>() else {
            return err.context(format!("Postgres at {at}"));
        };
        if let Some(db) = pg.as_db_error() {
            let code = db.code();
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
            {
                return anyhow!(
                    "Postgres at {at} rejected the password for user {}: check the password in {}",
                    self.url.user(),
                    self.source
                );
            }
            if *code == SqlState::INVALID_CATALOG_NAME {
                return anyhow!(
                    "database {} does not exist at {at}: create it with `{}`",
                    self.url.database(),
                    self.command("db create")
                );
            }
            if *code == SqlState::UNDEFINED_TABLE {
                return anyhow!(
                    "{} in database {}: load the schema with `{}`",
                    db.message(),
                    self.url.database(),
                    self.command("db schema-load")
                );
            }
            return anyhow!("Postgres at {at}: {}", db.message());
        }
        if let Some(tls) = find_tls_error(&err) {
            return anyhow!(
                "Postgres at {at} failed TLS verification ({tls}): {}",
                tls_fix(tls, self.source)
            );
        }
        if let Some(io) = find_io_error(&err) {
            return anyhow!(
                "cannot reach Postgres at {at} ({io}): {}",
                self.unreachable_hint
            );
        }
        let text = format!("{pg}");
        if text.contains("timed out") || text.contains("timeout") {
            return anyhow!(
                "cannot reach Postgres at {at} (timed out): {}",
                self.unreachable_hint
            );
        }
        anyhow!("Postgres at {at}: {}", one_line(&err))
    }
}

/// What to change when the server's certificate did not pass: the URL in `source` names host and CA.
fn tls_fix(err: &rustls::Error, source: &str) -> String {
    match err {
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => format!("put a host name the certificate names in {source}"),
        rustls::Error::InvalidCertificate(_) => format!(
            "point sslrootcert in {source} at the CA that signed the server's certificate (for RDS, the region's CA bundle)"
        ),
        _ => format!("check sslmode in {source}"),
    }
}

fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace('\n', " ")
}

/// rustls' verdict on the server's certificate; tokio-rustls hands it over wrapped in an io::Error.
fn find_tls_error(err: &anyhow::Error) -> Option<&rustls::Error> {
    find_io_error(err)?
        .get_ref()?
        .downcast_ref::<rustls::Error>()
}

fn find_io_error(err: &anyhow::Error) -> Option<&std::io::Error> {
    err.chain().find_map(|e| e.downcast_ref::<std::io::Error>())
}

async fn connect_url(url: &DbUrl) -> Result<Client> {
    let mode = SslMode::of(url)?;
    let mut config = url.driver_config()?;
    config.connect_timeout(Duration::from_secs(5));
    if config.get_application_name().is_none() {
        config.application_name("cruddur");
    }
    config.ssl_mode(match mode {
        SslMode::Disable => WireSslMode::Disable,
        SslMode::Prefer => WireSslMode::Prefer,
        _ => WireSslMode::Require,
    });
    let tls = MakeRustlsConnect::new(tls_config(mode, url.query("sslrootcert"))?);
    let (client, connection) = config.connect(tls).await?;
    tokio::spawn(async move {
        // The connection ends when the client is dropped; errors surface on the client's calls.
        let _ = connection.await;
    });
    Ok(client)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn tls_config(mode: SslMode, root_cert: Option<String>) -> Result<ClientConfig> {
    let chain = match mode {
        // libpq encrypts but does not verify the certificate in these modes
        SslMode::Disable | SslMode::Prefer | SslMode::Require => None,
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let roots = Arc::new(load_roots(root_cert)?);
            let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider())
                .build()
                .context("TLS set-up")?;
            Some(ChainCheck {
                webpki,
                check_name: mode == SslMode::VerifyFull,
            })
        }
    };
    let verifier = Verifier {
        provider: provider(),
        chain,
    };
    Ok(ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .context("TLS set-up")?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

/// The CA bundle: `sslrootcert=PATH`, else libpq's default `~/.postgresql/root.crt`.
fn load_roots(root_cert: Option<String>) -> Result<RootCertStore> {
    let path = match root_cert {
        Some(path) => PathBuf::from(path),
        None => {
            let default = std::env::home_dir()
                .unwrap_or_default()
                .join(".postgresql/root.crt");
            if !default.exists() {
                bail!(
                    "sslmode=verify-ca/verify-full needs the CA certificates: add sslrootcert=PATH to the URL \
                     (for RDS, the region's CA bundle)"
                );
            }
            default
        }
    };
    let mut roots = RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(&path)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| anyhow!("cannot read sslrootcert {}: {e}", path.display()))?;
    let (added, _) = roots.add_parsable_certificates(certs);
    if added == 0 {
        bail!("sslrootcert {} holds no usable certificate", path.display());
    }
    Ok(roots)
}

/// libpq's levels of verification over rustls: every mode checks the handshake's signatures;
/// verify-ca also checks the certificate chain, verify-full also the host name.
#[derive(Debug)]
struct Verifier {
    provider: Arc<CryptoProvider>,
    chain: Option<ChainCheck>,
}

#[derive(Debug)]
struct ChainCheck {
    webpki: Arc<WebPkiServerVerifier>,
    check_name: bool,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(ChainCheck { webpki, check_name }) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_masks_the_password() {
        let url =
            DbUrl::parse("postgresql://app:s3cr%40t@db.example.com:6543/cruddur?sslmode=require")
                .unwrap();
        let shown = url.to_string();
        assert!(!shown.contains("s3cr"), "{shown}");
        assert!(
            shown.contains("app:****@db.example.com:6543/cruddur"),
            "{shown}"
        );
        assert_eq!(url.password().as_deref(), Some("s3cr@t"));
        assert_eq!(url.database(), "cruddur");
        assert_eq!(url.with_database("postgres").database(), "postgres");
    }

    #[test]
    fn sslmode_follows_libpq() {
        let mode = |q: &str| SslMode::of(&DbUrl::parse(&format!("postgresql://h/db{q}")).unwrap());
        assert_eq!(mode("").unwrap(), SslMode::Prefer);
        assert_eq!(mode("?sslmode=require").unwrap(), SslMode::Require);
        assert_eq!(
            mode("?sslmode=require&sslrootcert=/ca.pem").unwrap(),
            SslMode::VerifyCa
        );
        assert_eq!(mode("?sslmode=verify-full").unwrap(), SslMode::VerifyFull);
        assert!(mode("?sslmode=bogus").is_err());
    }

    #[test]
    fn driver_config_drops_the_options_it_does_not_know() {
        let url = DbUrl::parse(
            "postgresql://u:p@h:5/db?sslmode=verify-full&sslrootcert=/ca&application_name=x",
        )
        .unwrap();
        let config = url.driver_config().unwrap();
        assert_eq!(config.get_dbname(), Some("db"));
        assert_eq!(config.get_application_name(), Some("x"));
    }
}
