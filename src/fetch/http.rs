//! The one network operation fetching needs — GET a URL into memory — behind
//! [`Transport`], so the fetch logic can be tested with a fake, plus the
//! retry policy: a few attempts with growing pauses on the failures that
//! pass (server errors, timeouts, dropped connections), none on the ones
//! that do not (refused connection, unknown host, 404).

use std::time::Duration;

/// Largest body accepted from a server: the largest input the readers take
/// ([`crate::ingest::MAX_INPUT_BYTES`]); a session-74 zip of one language is
/// well under it.
pub const MAX_BODY_BYTES: u64 = crate::ingest::MAX_INPUT_BYTES;

/// Most redirects followed for one request (ODS answers with one or two).
pub const MAX_REDIRECTS: u32 = 10;

/// An answer from a server (after redirects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// Nothing listens there, or the host is unknown: no point in retrying.
    Unreachable(String),
    /// The server took longer than the timeout.
    Timeout,
    /// The connection broke or the answer was malformed; worth retrying.
    Broken(String),
    /// The answer is larger than [`MAX_BODY_BYTES`].
    TooLarge,
    /// The URL itself is wrong (a bad base URL in the configuration).
    BadUrl(String),
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransportError::Unreachable(why) => write!(f, "cannot connect ({why})"),
            TransportError::Timeout => f.write_str("no answer within the timeout"),
            TransportError::Broken(why) => write!(f, "the connection failed ({why})"),
            TransportError::TooLarge => write!(
                f,
                "the answer is larger than {} MiB",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
            TransportError::BadUrl(why) => write!(f, "bad URL ({why})"),
        }
    }
}

/// GET a URL, following redirects, into memory.
pub trait Transport {
    fn get(&self, url: &str) -> Result<Response, TransportError>;
}

/// Retry policy.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts in all (1 = no retry).
    pub attempts: u32,
    /// Pause before the second attempt; doubled before each further one.
    pub backoff: Duration,
}

/// Default attempts: a 503 or a timeout from a busy UN server usually
/// passes within a second or two, and three tries keep a dead link short.
pub const DEFAULT_ATTEMPTS: u32 = 3;

/// Default first pause between attempts.
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(500);

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: DEFAULT_ATTEMPTS,
            backoff: DEFAULT_BACKOFF,
        }
    }
}

/// The final outcome of [`get_with_retry`]: an answer that is not worth
/// retrying (any status below 500 except 429), or the last failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Answer(Response),
    /// Still a server error (5xx, 429) after every attempt.
    ServerError(u16),
    Failed(TransportError),
}

/// GET with retries on 5xx, 429, timeouts and broken connections.
/// `attempts` in the result counts the requests made.
pub fn get_with_retry(t: &dyn Transport, url: &str, retry: Retry) -> (Outcome, u32) {
    let attempts = retry.attempts.max(1);
    let mut pause = retry.backoff;
    let mut n = 0;
    loop {
        n += 1;
        let outcome = match t.get(url) {
            Ok(r) if r.status >= 500 || r.status == 429 => Outcome::ServerError(r.status),
            Ok(r) => return (Outcome::Answer(r), n),
            Err(e @ (TransportError::Timeout | TransportError::Broken(_))) => Outcome::Failed(e),
            Err(e) => return (Outcome::Failed(e), n),
        };
        if n >= attempts {
            return (outcome, n);
        }
        std::thread::sleep(pause);
        pause = pause.saturating_mul(2);
    }
}

/// The real transport: `ureq` with rustls, bounded timeouts, redirects
/// followed, every status returned as an answer.
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// `timeout` bounds each whole request (connect, answer, body);
    /// `proxy` is an `http://host:port` proxy URL, if any.
    pub fn new(timeout: Duration, proxy: Option<&str>) -> Result<Self, TransportError> {
        let proxy = match proxy {
            Some(p) => Some(
                ureq::Proxy::new(p)
                    .map_err(|e| TransportError::BadUrl(format!("proxy {p}: {e}")))?,
            ),
            None => None,
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .timeout_global(Some(timeout))
            .proxy(proxy)
            .user_agent(concat!("resdiff/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(UreqTransport {
            agent: config.new_agent(),
        })
    }
}

impl Transport for UreqTransport {
    fn get(&self, url: &str) -> Result<Response, TransportError> {
        let mut resp = self.agent.get(url).call().map_err(map_error)?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(map_error)?;
        Ok(Response { status, body })
    }
}

fn map_error(e: ureq::Error) -> TransportError {
    use std::io::ErrorKind as K;
    match e {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::HostNotFound => TransportError::Unreachable("host not found".into()),
        ureq::Error::BodyExceedsLimit(_) => TransportError::TooLarge,
        ureq::Error::BadUri(u) => TransportError::BadUrl(u),
        ureq::Error::Io(io) => match io.kind() {
            K::TimedOut | K::WouldBlock => TransportError::Timeout,
            K::ConnectionRefused => TransportError::Unreachable("connection refused".into()),
            K::NotFound | K::AddrNotAvailable => TransportError::Unreachable(io.to_string()),
            _ => TransportError::Broken(io.to_string()),
        },
        ureq::Error::ConnectionFailed => TransportError::Unreachable("connection failed".into()),
        other => TransportError::Broken(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    struct Script(RefCell<Vec<Result<Response, TransportError>>>);

    impl Transport for Script {
        fn get(&self, _url: &str) -> Result<Response, TransportError> {
            self.0.borrow_mut().remove(0)
        }
    }

    fn ok(status: u16, body: &str) -> Result<Response, TransportError> {
        Ok(Response {
            status,
            body: body.as_bytes().to_vec(),
        })
    }

    const FAST: Retry = Retry {
        attempts: 3,
        backoff: Duration::from_millis(1),
    };

    #[test]
    fn retries_server_errors_and_timeouts_then_succeeds() {
        let t = Script(RefCell::new(vec![
            ok(503, ""),
            Err(TransportError::Timeout),
            ok(200, "x"),
        ]));
        let (o, n) = get_with_retry(&t, "u", FAST);
        assert_eq!(n, 3);
        assert_eq!(
            o,
            Outcome::Answer(Response {
                status: 200,
                body: b"x".to_vec()
            })
        );
    }

    #[test]
    fn gives_up_after_the_last_attempt() {
        let t = Script(RefCell::new(vec![
            ok(503, ""),
            ok(502, ""),
            ok(500, ""),
            ok(200, ""),
        ]));
        assert_eq!(
            get_with_retry(&t, "u", FAST),
            (Outcome::ServerError(500), 3)
        );
    }

    #[test]
    fn does_not_retry_refused_connections_or_404() {
        let t = Script(RefCell::new(vec![Err(TransportError::Unreachable(
            "connection refused".into(),
        ))]));
        assert!(matches!(
            get_with_retry(&t, "u", FAST),
            (Outcome::Failed(TransportError::Unreachable(_)), 1)
        ));
        let t = Script(RefCell::new(vec![ok(404, "")]));
        assert!(
            matches!(get_with_retry(&t, "u", FAST), (Outcome::Answer(r), 1) if r.status == 404)
        );
    }
}
