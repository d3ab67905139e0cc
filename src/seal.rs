//! Sealed files: an export encrypted with age for one reader — a mentor's journal (its age
//! key, `age1…`, which `praxis journal` shows), or a passphrase for a mentor without praxis keys
//! yet — so it can be mailed. The file inside is the usual signed exchange file; `import` and
//! `review` open a sealed file with the journal's own age key, or the passphrase.

use std::io::{Read, Write};
use std::iter;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Who a file is sealed for.
pub enum SealFor {
    /// A journal's age key (`age1…`).
    Key(age::x25519::Recipient),
    /// Several journals' age keys: any of them opens it (a sealed network file).
    Keys(Vec<age::x25519::Recipient>),
    /// Whoever knows the passphrase.
    Passphrase(SecretString),
}

/// What can go wrong sealing or opening a file.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The reader's key is not an age key.
    #[error(
        "'{0}' is not an age key (it starts with age1…) nor a file holding one: ask your mentor for \
         the key `praxis journal` shows them"
    )]
    NotAKey(String),
    /// The file is sealed for someone else.
    #[error("{0} is sealed, but not for this journal's key{1}. Nothing was imported")]
    NotForYou(String, &'static str),
    /// The file is sealed with a passphrase and none was given.
    #[error(
        "{0} is sealed with a passphrase: set PRAXIS_PASSPHRASE to it (or run praxis on a terminal, \
         which asks). Nothing was imported"
    )]
    NeedsPassphrase(String),
    /// The sealed file is damaged or not a whole age file.
    #[error("{0} is sealed but cannot be opened ({1}): ask for it again. Nothing was imported")]
    Broken(String, String),
    /// The journal's age key could not be read or made.
    #[error("the journal's sealing key {0}: {1}")]
    Key(PathBuf, String),
}

/// The journal's age key file.
pub fn key_file(journal_dir: &Path) -> PathBuf {
    journal_dir.join("age.key")
}

/// The journal's own age key, made (0600) the first time it is needed.
pub fn own_identity(journal_dir: &Path) -> Result<age::x25519::Identity, SealError> {
    let path = key_file(journal_dir);
    let fail = |e: String| SealError::Key(path.clone(), e);
    match crate::input::read_text(&path, 4096) {
        Ok(text) => text.trim().parse().map_err(|e: &str| fail(e.to_string())),
        Err(_) if !path.exists() => {
            let identity = age::x25519::Identity::generate();
            crate::safe_fs::write_atomically(&path, identity.to_string().expose_secret())
                .map_err(|e| fail(e.to_string()))?;
            Ok(identity)
        }
        Err(e) => Err(fail(e.to_string())),
    }
}

/// The reader named on the command line: an age key, or a file holding one.
pub fn recipient(given: &str) -> Result<age::x25519::Recipient, SealError> {
    if let Ok(r) = given.trim().parse() {
        return Ok(r);
    }
    let text = crate::input::read_text(Path::new(given), 4096)
        .map_err(|_| SealError::NotAKey(given.to_string()))?;
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("age1"))
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| SealError::NotAKey(given.to_string()))
}

/// The longest header praxis reads: room for the keys of well over a thousand readers.
const MAX_HEADER: usize = 256 * 1024;

/// Whether an age header's end (its `---` line) comes within `limit` bytes, each of its lines
/// no longer than age writes them.
fn header_ends_within(bytes: &[u8], limit: usize) -> bool {
    let head = &bytes[..bytes.len().min(limit)];
    let mut at = 0;
    for line in head.split(|b| *b == b'\n') {
        if line.starts_with(b"--- ") {
            return true;
        }
        // age wraps stanza bodies at 64 columns; its argument lines are short too.
        if line.len() > 1024 || at + line.len() >= head.len() {
            return false;
        }
        at += line.len() + 1;
    }
    false
}

/// An age error in words a reader can act on.
fn plain_words(e: &str) -> String {
    if e.contains("fill whole buffer") || e.contains("unexpected end") {
        "it is cut off".to_string()
    } else {
        e.to_string()
    }
}

/// Whether `bytes` are a sealed (age) file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Writes what `fill` writes into `w`, sealed for `reader`.
pub fn seal_into<W: Write, E: From<std::io::Error>>(
    w: W,
    reader: &SealFor,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let encryptor = match reader {
        SealFor::Key(r) => age::Encryptor::with_recipients(iter::once(r as &dyn age::Recipient))
            .map_err(|e| std::io::Error::other(e.to_string()))?,
        SealFor::Keys(rs) => {
            age::Encryptor::with_recipients(rs.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| std::io::Error::other(e.to_string()))?
        }
        SealFor::Passphrase(p) => age::Encryptor::with_user_passphrase(p.clone()),
    };
    let mut sealed = encryptor.wrap_output(w)?;
    fill(&mut sealed)?;
    sealed.finish()?;
    Ok(())
}

/// How a sealed file was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenedWith {
    /// The journal's own age key.
    Key,
    /// A passphrase.
    Passphrase,
}

/// Opens a sealed file's `bytes` (named `shown` in messages) with the journal's key, or with
/// `passphrase` when it was sealed with one.
pub fn open(
    shown: &str,
    bytes: &[u8],
    journal_dir: Option<&Path>,
    passphrase: impl FnOnce() -> Option<SecretString>,
) -> Result<(Vec<u8>, OpenedWith), SealError> {
    let broken = |e: String| SealError::Broken(shown.to_string(), e);
    // age's header parser slows down with the square of a long header line, so a small file
    // with a forged one could stall a sync: a real header (a line for each reader) is short.
    if !header_ends_within(bytes, MAX_HEADER) {
        return Err(broken("its header is cut off or far too long".to_string()));
    }
    let decryptor = age::Decryptor::new(bytes).map_err(|e| broken(plain_words(&e.to_string())))?;
    let (reader, how) = if decryptor.is_scrypt() {
        let pass = passphrase().ok_or_else(|| SealError::NeedsPassphrase(shown.to_string()))?;
        let identity = age::scrypt::Identity::new(pass);
        let reader = decryptor
            .decrypt(iter::once(&identity as &dyn age::Identity))
            .map_err(|_| {
                SealError::NotForYou(shown.to_string(), ": the passphrase is not right")
            })?;
        (reader, OpenedWith::Passphrase)
    } else {
        let Some(dir) = journal_dir else {
            return Err(SealError::NotForYou(
                shown.to_string(),
                ": there is no journal here to open it with",
            ));
        };
        let identity = own_identity(dir)?;
        let reader = decryptor
            .decrypt(iter::once(&identity as &dyn age::Identity))
            .map_err(|_| SealError::NotForYou(shown.to_string(), ""))?;
        (reader, OpenedWith::Key)
    };
    let mut out = Vec::new();
    reader
        .take(crate::input::EXCHANGE_LIMIT + 1)
        .read_to_end(&mut out)
        .map_err(|e| broken(plain_words(&e.to_string())))?;
    Ok((out, how))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_with_its_readers_key_or_passphrase() {
        let mentor = tempfile::TempDir::new().unwrap();
        let other = tempfile::TempDir::new().unwrap();
        let key = own_identity(mentor.path()).unwrap().to_public();
        let mut sealed = Vec::new();
        seal_into::<_, std::io::Error>(&mut sealed, &SealFor::Key(key), |w| {
            w.write_all(b"{\"secret\": \"the council\"}")
        })
        .unwrap();
        assert!(is_sealed(&sealed));
        assert!(!String::from_utf8_lossy(&sealed).contains("council"));
        let (plain, how) = open("f", &sealed, Some(mentor.path()), || None).unwrap();
        assert_eq!(
            (plain.as_slice(), how),
            (&b"{\"secret\": \"the council\"}"[..], OpenedWith::Key)
        );
        assert!(matches!(
            open("f", &sealed, Some(other.path()), || None),
            Err(SealError::NotForYou(..))
        ));
        let mut by_pass = Vec::new();
        let pass = SealFor::Passphrase(SecretString::from("kaffe og kage".to_string()));
        seal_into::<_, std::io::Error>(&mut by_pass, &pass, |w| w.write_all(b"x")).unwrap();
        assert!(matches!(
            open("f", &by_pass, None, || None),
            Err(SealError::NeedsPassphrase(_))
        ));
        assert!(matches!(
            open("f", &by_pass, None, || Some(SecretString::from(
                "wrong".to_string()
            ))),
            Err(SealError::NotForYou(..))
        ));
        let (plain, how) = open("f", &by_pass, None, || {
            Some(SecretString::from("kaffe og kage".to_string()))
        })
        .unwrap();
        assert_eq!((plain.as_slice(), how), (&b"x"[..], OpenedWith::Passphrase));
        assert!(recipient("not a key").is_err());
    }
}
