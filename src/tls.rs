//! The one TLS client configuration esc makes, for every server it talks
//! to that is not a mail relay (lettre has its own): rustls with Mozilla's
//! roots, and a company's own authority when one is named.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rustls::pki_types::{CertificateDer, pem::PemObject};

/// A client configuration trusting Mozilla's roots and the PEM
/// certificates in `extra`, if given; `what` names the file in errors.
pub fn client(extra: Option<(&Path, &str)>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some((file, what)) = extra {
        let certs = CertificateDer::pem_file_iter(file)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .with_context(|| {
                format!(
                    "cannot read the certificates in {what} (`{}`)",
                    file.display()
                )
            })?;
        roots.add_parsable_certificates(certs);
    }
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("setting up TLS")?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
