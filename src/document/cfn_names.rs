//! How CloudFormation spells the API's fields: the table `tools/gen_cfn_names.py` generates
//! from AWS's CloudFormation resource provider schemas (`schemas/cloudformation-names.json`).
//! The one place CloudFormation property names live.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use serde_json::Value as Json;

/// The API's type at a place, which is what a CloudFormation scalar is coerced to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    /// An object whose keys are the user's (`Options`, `DockerLabels`): kept verbatim.
    Map,
    Any,
}

/// One place of a resource's properties.
#[derive(Debug)]
pub struct Shape {
    /// The API field this CloudFormation property is; `None` for CloudFormation-only ones.
    pub api: Option<String>,
    pub ty: Ty,
    /// Properties by CloudFormation name (objects).
    pub props: BTreeMap<String, Shape>,
    /// The item (arrays).
    pub item: Option<Box<Shape>>,
    /// The type of the values (maps).
    pub values: Ty,
}

/// A place ecslint has no table for: values are read as they are.
pub static ANY: Shape = Shape {
    api: None,
    ty: Ty::Any,
    props: BTreeMap::new(),
    item: None,
    values: Ty::Any,
};

impl Shape {
    fn from_json(v: &Json) -> Shape {
        let ty = Shape::ty(v.get("t"));
        Shape {
            api: v.get("api").and_then(Json::as_str).map(str::to_string),
            ty,
            props: v
                .get("p")
                .and_then(Json::as_object)
                .map(|p| {
                    p.iter()
                        .map(|(k, c)| (k.clone(), Shape::from_json(c)))
                        .collect()
                })
                .unwrap_or_default(),
            item: v.get("i").map(|i| Box::new(Shape::from_json(i))),
            values: Shape::ty(v.get("v")),
        }
    }

    fn ty(t: Option<&Json>) -> Ty {
        match t.and_then(Json::as_str) {
            Some("string") => Ty::String,
            Some("integer") => Ty::Integer,
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Boolean,
            Some("object") => Ty::Object,
            Some("array") => Ty::Array,
            Some("map") => Ty::Map,
            _ => Ty::Any,
        }
    }
}

struct Table {
    resources: HashMap<String, Shape>,
    /// API field → CloudFormation property, for naming a field that is not written.
    to_cfn: HashMap<String, String>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let json: Json = serde_json::from_str(include_str!("../../schemas/cloudformation-names.json"))
        .expect("bundled CloudFormation name table is valid JSON");
    let mut resources = HashMap::new();
    let mut to_cfn = HashMap::new();
    fn collect(s: &Shape, out: &mut HashMap<String, String>) {
        for (cfn, child) in &s.props {
            if let Some(api) = &child.api {
                out.entry(api.clone()).or_insert_with(|| cfn.clone());
            }
            collect(child, out);
        }
        if let Some(i) = &s.item {
            collect(i, out);
        }
    }
    if let Some(r) = json.get("resources").and_then(Json::as_object) {
        for (name, v) in r {
            let shape = Shape::from_json(v);
            collect(&shape, &mut to_cfn);
            resources.insert(name.clone(), shape);
        }
    }
    Table { resources, to_cfn }
});

/// The properties table of a resource type ecslint reads (`AWS::ECS::TaskDefinition`, ...).
pub fn resource(rtype: &str) -> Option<&'static Shape> {
    TABLE.resources.get(rtype)
}

/// The CloudFormation name of an API field, wherever it is (`privileged` → `Privileged`,
/// `placementStrategy` → `PlacementStrategies`); `None` for a name the table does not know.
pub fn cfn_name(api: &str) -> Option<&'static str> {
    TABLE.to_cfn.get(api).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_the_measured_renames() {
        let task = resource("AWS::ECS::TaskDefinition").unwrap();
        let volumes = task.props["Volumes"].item.as_ref().unwrap();
        let efs = &volumes.props["EFSVolumeConfiguration"];
        assert_eq!(efs.api.as_deref(), Some("efsVolumeConfiguration"));
        assert_eq!(
            efs.props["FilesystemId"].api.as_deref(),
            Some("fileSystemId")
        );
        let proxy = &task.props["ProxyConfiguration"];
        assert_eq!(
            proxy.props["ProxyConfigurationProperties"].api.as_deref(),
            Some("properties")
        );
        assert_eq!(task.props["TaskDefinitionArn"].api, None);
        assert_eq!(task.props["Cpu"].ty, Ty::String);
        let c = task.props["ContainerDefinitions"].item.as_ref().unwrap();
        assert_eq!(c.props["Memory"].ty, Ty::Integer);
        assert_eq!(c.props["Essential"].ty, Ty::Boolean);
        assert_eq!(c.props["DockerLabels"].ty, Ty::Map);
        let service = resource("AWS::ECS::Service").unwrap();
        assert_eq!(
            service.props["PlacementStrategies"].api.as_deref(),
            Some("placementStrategy")
        );
        assert_eq!(cfn_name("placementStrategy"), Some("PlacementStrategies"));
        assert_eq!(cfn_name("privileged"), Some("Privileged"));
        assert_eq!(
            cfn_name("readonlyRootFilesystem"),
            Some("ReadonlyRootFilesystem")
        );
    }
}
