//! Integration tests: the built binary against the local stack (scripts/local-stack up).
//! One test binary, so the AWS SDK is linked once.

mod common;
mod db;
mod foundation;
