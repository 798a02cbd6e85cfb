//! Benchmark baseline: a bare parallel walk + read + `serde_json::Value` parse of the same
//! files ecslint checks, with no positions, rules or output. `bench/run.sh` compares
//! ecslint against it.

use std::path::PathBuf;

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let files: Vec<PathBuf> = ignore::WalkBuilder::new(&root)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    let parsed: usize = files
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            usize::from(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok())
        })
        .sum();
    println!("{} files, {parsed} parsed", files.len());
}
