//! The one error type of the core, and the `{ kind, message, field }` shape it takes across IPC.

use serde::Serialize;

/// Everything that can go wrong in the core. Messages are written for the person using the app:
/// plain, calm, and saying that nothing was changed where that is true.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule. `field` names the form field the sentence belongs next to.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("That entry could not be found. It may already have been deleted.")]
    NotFound,
    /// The data file exists but cannot be trusted; it was left exactly as it was.
    #[error("The data file at {path} could not be opened: {detail} It was left untouched.")]
    Damaged { path: String, detail: String },
    #[error(
        "The data file was written by a newer version of Recovery Companion. \
         It was left untouched; please update the app to open it."
    )]
    TooNew,
    /// The diary is encrypted and not unlocked, or the person locked the app.
    #[error("Your diary is locked. Unlock it with your passphrase to see or change your entries.")]
    Locked,
    #[error("Your data could not be read or saved ({0}). Nothing was changed; please try again.")]
    Storage(#[from] rusqlite::Error),
    #[error("The data file could not be prepared ({0}). It was left as it was.")]
    Migration(String),
    #[error("The data folder could not be used ({0}).")]
    Io(#[from] std::io::Error),
    #[error("The chart could not be drawn ({0}).")]
    Chart(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of error this is, so the UI can branch without parsing sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ErrorKind {
    Invalid,
    NotFound,
    Damaged,
    TooNew,
    Locked,
    Storage,
}

/// The serialisable form of [`Error`]: what the shell returns to the web view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ErrorBody {
    pub kind: ErrorKind,
    pub message: String,
    /// The form field the message belongs to, for `invalid` errors.
    pub field: Option<String>,
}

impl Error {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::NotFound => ErrorKind::NotFound,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::TooNew => ErrorKind::TooNew,
            Error::Locked => ErrorKind::Locked,
            Error::Storage(_) | Error::Migration(_) | Error::Io(_) | Error::Chart(_) => {
                ErrorKind::Storage
            }
        }
    }

    /// The field an `invalid` error belongs to.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<Error> for ErrorBody {
    fn from(e: Error) -> Self {
        ErrorBody {
            kind: e.kind(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ErrorBody {
            kind: self.kind(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
        }
        .serialize(s)
    }
}
