//! Task size: parsing the forms AWS accepts for task `cpu`/`memory`, and the Fargate matrix
//! (kept as data in `schemas/fargate-task-sizes.json`).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::document::at::At;
use crate::tree::Value;

#[derive(Deserialize)]
struct RawRow {
    cpu: u32,
    #[serde(default)]
    memory: Vec<u32>,
    min: Option<u32>,
    max: Option<u32>,
    step: Option<u32>,
    windows: bool,
}

#[derive(Deserialize)]
struct RawMatrix {
    rows: Vec<RawRow>,
    #[serde(rename = "ec2Cpu")]
    ec2_cpu: Range,
}

#[derive(Deserialize, Clone, Copy)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

pub struct Row {
    pub cpu: u32,
    pub memory: Vec<u32>,
    pub windows: bool,
}

pub struct Matrix {
    pub rows: Vec<Row>,
    pub ec2_cpu: Range,
}

pub static MATRIX: LazyLock<Matrix> = LazyLock::new(|| {
    let raw: RawMatrix = serde_json::from_str(include_str!("../schemas/fargate-task-sizes.json"))
        .expect("schemas/fargate-task-sizes.json is valid");
    let rows = raw
        .rows
        .into_iter()
        .map(|r| {
            let memory = match (r.min, r.max, r.step) {
                (Some(min), Some(max), Some(step)) => (min..=max).step_by(step as usize).collect(),
                _ => r.memory,
            };
            Row {
                cpu: r.cpu,
                memory,
                windows: r.windows,
            }
        })
        .collect();
    Matrix {
        rows,
        ec2_cpu: raw.ec2_cpu,
    }
});

impl Matrix {
    pub fn row(&self, cpu: u32) -> Option<&Row> {
        self.rows.iter().find(|r| r.cpu == cpu)
    }

    /// CPU values whose row allows this memory.
    pub fn cpus_for_memory(&self, memory: u32, windows: bool) -> Vec<u32> {
        self.rows
            .iter()
            .filter(|r| (!windows || r.windows) && r.memory.contains(&memory))
            .map(|r| r.cpu)
            .collect()
    }
}

/// A task-level `cpu` or `memory` as written.
pub enum Size {
    Absent,
    /// A placeholder, or a JSON type the schema check reports (ECS003).
    Unknown,
    /// A string AWS does not understand.
    Bad,
    Value(u32),
}

/// Read a task-level size: strings in any form AWS accepts, or a positive integer number.
pub fn task_size(node: Option<At<'_>>, parse: fn(&str) -> Option<u32>) -> Size {
    let Some(node) = node else {
        return Size::Absent;
    };
    if node.is_unknown() {
        return Size::Unknown;
    }
    match node.value() {
        Value::String { value, .. } => parse(value).map_or(Size::Bad, Size::Value),
        Value::Number(n) if *n > 0.0 && n.fract() == 0.0 && *n < u32::MAX as f64 => {
            Size::Value(*n as u32)
        }
        Value::Null => Size::Absent,
        _ => Size::Unknown,
    }
}

/// Parse `"1024"`, `1024`, `"1 vCPU"`, `".25 vcpu"` into CPU units.
pub fn parse_cpu(s: &str) -> Option<u32> {
    parse_with_unit(s, "vcpu")
}

/// Parse `"2048"`, `2048`, `"2 GB"`, `"2GB"`, `"0.5 GB"` into MiB.
pub fn parse_memory(s: &str) -> Option<u32> {
    parse_with_unit(s, "gb")
}

fn parse_with_unit(s: &str, unit: &str) -> Option<u32> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let lower = t.to_ascii_lowercase();
    let number = lower.strip_suffix(unit)?.trim_end();
    if number.is_empty()
        || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || number.matches('.').count() > 1
    {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let scaled = value * 1024.0;
    (scaled.fract() == 0.0 && scaled > 0.0 && scaled < u32::MAX as f64).then_some(scaled as u32)
}

/// A list of numbers for a message: "1024, 2048, 3072 or 4096" (long runs shortened).
pub fn list(values: &[u32]) -> String {
    let fmt = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>();
    let items = if values.len() > 8 {
        let step = values[1] - values[0];
        return format!(
            "{}–{} in steps of {step}",
            values[0],
            values[values.len() - 1]
        );
    } else {
        fmt(values)
    };
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_forms() {
        assert_eq!(parse_cpu("1024"), Some(1024));
        assert_eq!(parse_cpu("1 vCPU"), Some(1024));
        assert_eq!(parse_cpu("1 vcpu"), Some(1024));
        assert_eq!(parse_cpu(".25 vCPU"), Some(256));
        assert_eq!(parse_cpu("0.5 vCPU"), Some(512));
        assert_eq!(parse_cpu("1 core"), None);
        assert_eq!(parse_memory("2 GB"), Some(2048));
        assert_eq!(parse_memory("2GB"), Some(2048));
        assert_eq!(parse_memory("0.5 GB"), Some(512));
        assert_eq!(parse_memory("2048"), Some(2048));
        assert_eq!(parse_memory("2 GiB"), None);
        assert_eq!(parse_memory("-1"), None);
    }

    #[test]
    fn matrix_rows() {
        let m = &*MATRIX;
        assert_eq!(m.row(256).unwrap().memory, vec![512, 1024, 2048]);
        assert_eq!(m.row(512).unwrap().memory, vec![1024, 2048, 3072, 4096]);
        assert!(m.row(16384).unwrap().memory.contains(&122880));
        assert!(!m.row(8192).unwrap().memory.contains(&18432));
        assert_eq!(m.cpus_for_memory(512, false), vec![256]);
        assert_eq!(m.cpus_for_memory(4096, false), vec![512, 1024, 2048]);
        assert_eq!(m.cpus_for_memory(4096, true), vec![1024, 2048]);
    }
}
