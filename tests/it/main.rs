//! Integration tests: the built binary against the local stack (scripts/local-stack up).
//! One test binary, so the AWS SDK is linked once.

mod bootstrap;
mod capacity;
mod cognito;
mod common;
mod completions;
mod db;
mod ddb;
mod fault_proxy;
mod follow_stream;
mod foundation;
mod moto;
mod patterns;
mod rds;
