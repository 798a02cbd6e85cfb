//! ecslint: a fast linter and policy checker for Amazon ECS task definitions.
//!
//! Data flows one way: [`discover`] → [`engine`] (read → [`parse`] → [`document`] recognise →
//! [`schema`] → [`rules`]) → sorted [`diagnostic`]s → one [`emit`]ter per output format.

pub mod cli;
pub mod codes;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod edit;
pub mod emit;
pub mod engine;
pub mod fargate;
pub mod filter;
pub mod fix;
pub mod front;
pub mod link;
pub mod parse;
pub mod report;
pub mod rules;
pub mod run;
pub mod schema;
pub mod source;
pub mod tree;
pub mod tree_json;
