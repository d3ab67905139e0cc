//! A journal's identity: an ed25519 key pair made when the journal is made. Exchange files are
//! signed with it, so a reader can tell who wrote a file, not only that it was not damaged; a
//! public key's fingerprint is short enough to read out over the phone.

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const PUBLIC_PREFIX: &str = "ed25519:";
const SECRET_PREFIX: &str = "ed25519-secret:";

/// A journal's signing key (its secret half; the public half follows from it).
#[derive(Clone)]
pub struct Identity {
    key: SigningKey,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        write!(f, "Identity({})", self.public().fingerprint())
    }
}

impl Identity {
    /// A new key pair from the operating system's randomness.
    pub fn generate() -> std::io::Result<Identity> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(std::io::Error::other)?;
        Ok(Identity {
            key: SigningKey::from_bytes(&secret),
        })
    }

    /// The key as it is kept in a file (`ed25519-secret:<hex>`).
    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}", hex(&self.key.to_bytes()))
    }

    /// Reads a key kept by [`Identity::to_text`].
    pub fn from_text(text: &str) -> Option<Identity> {
        let bytes: [u8; 32] = unhex(text.trim().strip_prefix(SECRET_PREFIX)?)?
            .try_into()
            .ok()?;
        Some(Identity {
            key: SigningKey::from_bytes(&bytes),
        })
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(format!(
            "{PUBLIC_PREFIX}{}",
            hex(self.key.verifying_key().as_bytes())
        ))
    }

    /// A signature over `message`, as hex.
    pub fn sign(&self, message: &[u8]) -> String {
        hex(&self.key.sign(message).to_bytes())
    }
}

/// A journal's public key, as files carry it (`ed25519:<hex>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublicKey(String);

impl PublicKey {
    /// Reads a key; `None` if it is not an ed25519 public key.
    pub fn parse(text: &str) -> Option<PublicKey> {
        let key = PublicKey(text.trim().to_string());
        key.verifying_key().map(|_| key)
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn verifying_key(&self) -> Option<VerifyingKey> {
        let bytes: [u8; 32] = unhex(self.0.strip_prefix(PUBLIC_PREFIX)?)?
            .try_into()
            .ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }

    /// Whether `signature` (hex) is this key's signature over `message`.
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        let Some(key) = self.verifying_key() else {
            return false;
        };
        let Some(bytes) = unhex(signature.trim()).and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
            return false;
        };
        key.verify(message, &ed25519_dalek::Signature::from_bytes(&bytes))
            .is_ok()
    }

    /// What two people compare by phone: the first 16 bytes of the key's SHA-256, as eight
    /// groups of four letters and digits ("3F9A C2D1 …").
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        digest[..16]
            .chunks(2)
            .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl std::fmt::Display for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_its_key_only_and_over_its_message_only() {
        let anna = Identity::generate().unwrap();
        let bo = Identity::generate().unwrap();
        let sig = anna.sign(b"sha256:abc");
        assert!(anna.public().verifies(b"sha256:abc", &sig));
        assert!(!anna.public().verifies(b"sha256:abd", &sig));
        assert!(!bo.public().verifies(b"sha256:abc", &sig));
        assert!(!anna.public().verifies(b"sha256:abc", "00"));
        assert!(!anna.public().verifies(b"sha256:abc", "not hex at all"));
    }

    #[test]
    fn a_key_reads_back_from_its_text_and_its_fingerprint_is_stable() {
        let anna = Identity::generate().unwrap();
        let again = Identity::from_text(&anna.to_text()).unwrap();
        assert_eq!(again.public(), anna.public());
        let fp = anna.public().fingerprint();
        assert_eq!(fp.len(), 8 * 4 + 7);
        assert_eq!(fp, again.public().fingerprint());
        assert_ne!(fp, Identity::generate().unwrap().public().fingerprint());
        assert_eq!(
            PublicKey::parse(anna.public().as_str()),
            Some(anna.public())
        );
        assert_eq!(PublicKey::parse("ed25519:00"), None);
        assert!(Identity::from_text("ed25519-secret:zz").is_none());
        assert!(!format!("{anna:?}").contains(&anna.to_text()[15..]));
    }
}
