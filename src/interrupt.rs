//! Ctrl-C and SIGTERM. Outside a graceful section they end the process at once, as usual. Inside one
//! (a bulk write), the first asks the work to stop: nothing new is sent, what is in flight finishes,
//! and the command reports what landed; a second ends the process at once.

use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::OnceLock;

use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::watch;

/// Sections that stop gracefully, now running.
static GRACEFUL: AtomicUsize = AtomicUsize::new(0);
/// The signal that asked for a stop (0: none yet).
static REQUESTED: AtomicI32 = AtomicI32::new(0);
static NOTIFY: OnceLock<watch::Sender<i32>> = OnceLock::new();

/// The command stopped because the user asked; the exit code is 128 + the signal, as shells expect.
#[derive(Debug)]
pub struct Stopped {
    pub signal: i32,
    /// What was done by then, and how to complete it.
    pub detail: Option<String>,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = if self.signal == libc::SIGTERM {
            "terminated (SIGTERM)"
        } else {
            "interrupted (Ctrl-C)"
        };
        match &self.detail {
            Some(detail) => write!(f, "{name}: {detail}"),
            None => f.write_str(name),
        }
    }
}

impl std::error::Error for Stopped {}

impl Stopped {
    pub fn exit_code(&self) -> u8 {
        u8::try_from(128 + self.signal).unwrap_or(1)
    }
}

/// Starts listening; call once, inside the runtime, before any work.
pub fn listen() -> std::io::Result<()> {
    let (sender, _) = watch::channel(0);
    let _ = NOTIFY.set(sender);
    for kind in [SignalKind::interrupt(), SignalKind::terminate()] {
        let mut stream = signal(kind)?;
        tokio::spawn(async move {
            while stream.recv().await.is_some() {
                let number = kind.as_raw_value();
                let first = REQUESTED
                    .compare_exchange(0, number, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok();
                if !first || GRACEFUL.load(Ordering::SeqCst) == 0 {
                    std::process::exit(128 + number);
                }
                eprintln!("\nstopping: waiting for the requests in flight (press Ctrl-C again to quit at once)");
                if let Some(sender) = NOTIFY.get() {
                    sender.send_replace(number);
                }
            }
        });
    }
    Ok(())
}

/// While the guard lives, a first signal asks for a stop instead of ending the process.
pub struct Graceful(());

impl Graceful {
    pub fn begin() -> Self {
        GRACEFUL.fetch_add(1, Ordering::SeqCst);
        Graceful(())
    }

    /// Resolves when a stop is asked for (at once if it already was); the signal's number.
    pub async fn requested(&self) -> i32 {
        let Some(sender) = NOTIFY.get() else {
            return std::future::pending().await;
        };
        let mut receiver = sender.subscribe();
        let signal = receiver.wait_for(|signal| *signal != 0).await.map(|s| *s);
        match signal {
            Ok(signal) => signal,
            Err(_) => std::future::pending().await,
        }
    }

    /// The stop asked for so far, if any.
    pub fn stop_requested(&self) -> Option<Stopped> {
        match REQUESTED.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(Stopped {
                signal,
                detail: None,
            }),
        }
    }
}

impl Drop for Graceful {
    fn drop(&mut self) {
        GRACEFUL.fetch_sub(1, Ordering::SeqCst);
    }
}
