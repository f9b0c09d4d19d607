//! `public/report.schema.json` must describe exactly what the model writes and reads: a small
//! schema walker (the subset of draft 2020-12 the schema uses, refusing any other keyword) checks
//! the seed report against it, and the enums and `required` lists are compared with serde's own
//! behaviour.

use fazhi_core::model::{
    ChartForm, Field, Kind, Origin, Outcome, Qualifier, Relation, Report, FORMAT,
};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

fn schema() -> Value {
    let text = std::fs::read_to_string(format!("{}/public/report.schema.json", root())).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The bundled report as shipped (with its charts); `committed_json` proves it is what the
/// converter makes today.
fn seed() -> Value {
    let text = std::fs::read_to_string(format!("{}/public/shangcheng-2022.json", root())).unwrap();
    let report: fazhi_core::model::Report = serde_json::from_str(&text).unwrap();
    serde_json::to_value(&report).unwrap()
}

/// The seed and every fixture as the converter makes them: together they hold every kind of
/// object the format has (the glossary and its terms only in a fixture).
fn samples() -> Vec<(String, Value)> {
    let mut out = vec![("seed".to_string(), seed())];
    let dir = format!("{}/tests/fixtures", root());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        // The saved web page is the one sample that names its own address (meta.article_url).
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let src = fazhi_core::ingest::Source {
            bytes: &bytes,
            file_name: Some(&name),
            title: None,
        };
        let c = fazhi_core::ingest::convert(&src, &fazhi_core::ingest::Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name, serde_json::to_value(&c.report).unwrap()));
    }
    out
}

/// The keywords the walker understands; a schema using another one fails the test rather than
/// being checked only in part.
const KNOWN: &[&str] = &[
    "$schema",
    "title",
    "description",
    "type",
    "additionalProperties",
    "required",
    "properties",
    "$defs",
    "$ref",
    "items",
    "default",
    "const",
    "enum",
    "anyOf",
    "minimum",
    "format",
    "pattern",
];

struct Walker<'a> {
    root: &'a Value,
    errors: Vec<String>,
    /// (schema location of an object, property) for every property met in the instance.
    seen: BTreeSet<(String, String)>,
}

impl<'a> Walker<'a> {
    fn resolve(&self, reference: &str) -> (&'a Value, String) {
        let name = reference
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("only local $defs references are supported: {reference}"));
        let def = self.root["$defs"]
            .get(name)
            .unwrap_or_else(|| panic!("dangling $ref {reference}"));
        (def, format!("#/$defs/{name}"))
    }

    fn type_ok(t: &str, v: &Value) -> bool {
        match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.as_i64().is_some() || v.as_u64().is_some(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("unknown type {other}"),
        }
    }

    fn date_ok(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    }

    /// Checks `v` against `s` (found at `at`); `path` names the instance location.
    fn check(&mut self, s: &'a Value, at: &str, v: &Value, path: &str) {
        let obj = s
            .as_object()
            .unwrap_or_else(|| panic!("schema at {at} is not an object"));
        for k in obj.keys() {
            assert!(
                KNOWN.contains(&k.as_str()),
                "schema keyword {k} at {at} is not supported by the test walker"
            );
        }
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let (def, loc) = self.resolve(r);
            self.check(def, &loc, v, path);
        }
        if let Some(any) = obj.get("anyOf").and_then(Value::as_array) {
            let ok = any.iter().enumerate().any(|(i, alt)| {
                let mut trial = Walker {
                    root: self.root,
                    errors: Vec::new(),
                    seen: BTreeSet::new(),
                };
                trial.check(alt, &format!("{at}/anyOf/{i}"), v, path);
                let fine = trial.errors.is_empty();
                if fine {
                    self.seen.extend(trial.seen);
                }
                fine
            });
            if !ok {
                self.errors
                    .push(format!("{path}: matches no alternative of {at}/anyOf"));
            }
        }
        match obj.get("type") {
            Some(Value::String(t)) if !Self::type_ok(t, v) => {
                self.errors.push(format!("{path}: expected {t}, found {v}"))
            }
            Some(Value::Array(ts)) if !ts.iter().any(|t| Self::type_ok(t.as_str().unwrap(), v)) => {
                self.errors
                    .push(format!("{path}: expected one of {ts:?}, found {v}"))
            }
            _ => {}
        }
        if let Some(c) = obj.get("const") {
            if c != v {
                self.errors.push(format!("{path}: expected {c}, found {v}"));
            }
        }
        if let Some(e) = obj.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                self.errors.push(format!("{path}: {v} is not one of {e:?}"));
            }
        }
        if let (Some(m), Some(n)) = (obj.get("minimum").and_then(Value::as_f64), v.as_f64()) {
            if n < m {
                self.errors
                    .push(format!("{path}: {n} is below the minimum {m}"));
            }
        }
        if obj.get("format").and_then(Value::as_str) == Some("date") {
            if let Some(s) = v.as_str() {
                if !Self::date_ok(s) {
                    self.errors
                        .push(format!("{path}: {s} is not a YYYY-MM-DD date"));
                }
            }
        }
        if let Some(o) = v.as_object().filter(|_| obj.contains_key("properties")) {
            self.object(obj, at, o, path);
        }
        if let (Some(items), Some(a)) = (obj.get("items"), v.as_array()) {
            for (i, x) in a.iter().enumerate() {
                self.check(items, &format!("{at}/items"), x, &format!("{path}[{i}]"));
            }
        }
    }

    fn object(&mut self, s: &'a Map<String, Value>, at: &str, o: &Map<String, Value>, path: &str) {
        let props = s["properties"].as_object().unwrap();
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !o.contains_key(r) {
                self.errors
                    .push(format!("{path}: required field {r} is missing"));
            }
        }
        assert_eq!(
            s.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{at} must refuse undeclared fields, or the walker cannot tell that every field is declared"
        );
        for (k, x) in o {
            self.seen.insert((at.to_string(), k.clone()));
            match props.get(k) {
                Some(p) => self.check(
                    p,
                    &format!("{at}/properties/{k}"),
                    x,
                    &format!("{path}.{k}"),
                ),
                None => self
                    .errors
                    .push(format!("{path}: field {k} is not declared in {at}")),
            }
        }
    }
}

/// Every object schema in the file: its location and its declared properties.
fn object_schemas(schema: &Value) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut add = |at: String, s: &Value| {
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            out.push((at, p.keys().cloned().collect()));
        }
    };
    add("#".to_string(), schema);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        add(format!("#/$defs/{name}"), def);
    }
    out
}

#[test]
fn the_seed_report_is_valid() {
    let schema = schema();
    let seed = seed();
    let mut w = Walker {
        root: &schema,
        errors: Vec::new(),
        seen: BTreeSet::new(),
    };
    w.check(&schema, "#", &seed, "$");
    assert!(
        w.errors.is_empty(),
        "the seed report does not match the schema:\n{}",
        w.errors.join("\n")
    );
}

#[test]
fn every_declared_field_is_written() {
    let schema = schema();
    let mut w = Walker {
        root: &schema,
        errors: Vec::new(),
        seen: BTreeSet::new(),
    };
    for (name, report) in samples() {
        w.check(&schema, "#", &report, &format!("{name}:$"));
    }
    assert!(w.errors.is_empty(), "{}", w.errors.join("\n"));
    for (at, declared) in object_schemas(&schema) {
        let written: BTreeSet<String> = w
            .seen
            .iter()
            .filter(|(a, _)| *a == at)
            .map(|(_, k)| k.clone())
            .collect();
        assert_eq!(
            written, declared,
            "the fields serde writes for {at} differ from those the schema declares"
        );
    }
}

#[test]
fn the_format_is_the_models() {
    assert_eq!(
        schema()["properties"]["format"]["const"],
        Value::from(FORMAT)
    );
}

/// serde's name for a unit variant.
fn name<T: serde::Serialize>(x: T) -> Value {
    serde_json::to_value(x).unwrap()
}

fn enum_of(def: &str) -> Vec<Value> {
    schema()["$defs"][def]["enum"].as_array().unwrap().clone()
}

#[test]
fn enums_match_serde() {
    // The matches make adding a variant without updating this list a compile error.
    let kinds = [
        Kind::Chapter,
        Kind::Section,
        Kind::Item,
        Kind::SubItem,
        Kind::Paragraph,
        Kind::Point,
        Kind::Signature,
        Kind::Glossary,
        Kind::Term,
    ];
    for k in kinds {
        match k {
            Kind::Chapter
            | Kind::Section
            | Kind::Item
            | Kind::SubItem
            | Kind::Paragraph
            | Kind::Point
            | Kind::Signature
            | Kind::Glossary
            | Kind::Term => {}
        }
        assert_eq!(name(k), Value::from(k.as_str()));
    }
    assert_eq!(enum_of("kind"), kinds.map(name).to_vec());

    use fazhi_core::model::TitleFrom;
    let froms = [
        TitleFrom::Heading,
        TitleFrom::Page,
        TitleFrom::Option,
        TitleFrom::File,
        TitleFrom::None,
    ];
    for f in froms {
        match f {
            TitleFrom::Heading
            | TitleFrom::Page
            | TitleFrom::Option
            | TitleFrom::File
            | TitleFrom::None => {}
        }
    }
    let meta = &schema()["$defs"]["meta"]["properties"]["title_from"]["enum"];
    assert_eq!(meta.as_array().unwrap(), &froms.map(name).to_vec());

    let fields = [Field::Text, Field::Title];
    for f in fields {
        match f {
            Field::Text | Field::Title => {}
        }
    }
    assert_eq!(enum_of("field"), fields.map(name).to_vec());

    let forms = [
        ChartForm::Bars,
        ChartForm::Part,
        ChartForm::Rate,
        ChartForm::Units,
    ];
    for f in forms {
        match f {
            ChartForm::Bars | ChartForm::Part | ChartForm::Rate | ChartForm::Units => {}
        }
    }
    assert_eq!(enum_of("chartForm"), forms.map(name).to_vec());

    let origins = [Origin::Editor, Origin::Proposed];
    for o in origins {
        match o {
            Origin::Editor | Origin::Proposed => {}
        }
    }
    assert_eq!(enum_of("origin"), origins.map(name).to_vec());

    use Qualifier::*;
    let qualifiers = [Over, Nearly, About, Reaches, Total, Exceeds];
    for q in qualifiers {
        match q {
            Over | Nearly | About | Reaches | Total | Exceeds => {}
        }
    }
    assert_eq!(enum_of("qualifier"), qualifiers.map(name).to_vec());

    let relations = [Relation::Sum, Relation::Rate];
    for r in relations {
        match r {
            Relation::Sum | Relation::Rate => {}
        }
    }
    assert_eq!(enum_of("relation"), relations.map(name).to_vec());

    let outcomes = [Outcome::Holds, Outcome::Approx, Outcome::Fails];
    for o in outcomes {
        match o {
            Outcome::Holds | Outcome::Approx | Outcome::Fails => {}
        }
    }
    assert_eq!(enum_of("outcome"), outcomes.map(name).to_vec());
}

/// The JSON pointer of one instance of each object schema in the seed report.
const SAMPLES: &[(&str, &str)] = &[
    ("#", ""),
    ("#/$defs/meta", "/meta"),
    ("#/$defs/block", "/blocks/1"),
    ("#/$defs/fact", "/facts/0"),
    ("#/$defs/check", "/checks/0"),
];

#[test]
fn required_is_what_deserialization_requires() {
    let schema = schema();
    let seed = seed();
    for &(at, pointer) in SAMPLES {
        let def = if at == "#" {
            &schema
        } else {
            &schema["$defs"][&at[8..]]
        };
        let required: BTreeSet<&str> = def["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let sample = seed.pointer(pointer).unwrap().as_object().unwrap();
        for key in sample.keys() {
            let mut v = seed.clone();
            v.pointer_mut(pointer)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
            let read = serde_json::from_value::<Report>(v);
            assert_eq!(
                read.is_err(),
                required.contains(key.as_str()),
                "{at}: the schema says {key} is {}required, serde disagrees",
                if required.contains(key.as_str()) {
                    ""
                } else {
                    "not "
                }
            );
        }
    }
}

#[test]
fn every_property_has_a_description() {
    let schema = schema();
    for (at, declared) in object_schemas(&schema) {
        let def = if at == "#" {
            &schema
        } else {
            &schema["$defs"][&at[8..]]
        };
        assert!(def.get("description").is_some(), "{at} has no description");
        for p in declared {
            assert!(
                def["properties"][&p]
                    .get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| !d.is_empty()),
                "{at}/properties/{p} has no description"
            );
        }
    }
}

#[test]
fn the_walker_catches_mistakes() {
    let schema = schema();
    let mut bad = seed();
    bad["blocks"][0]["kind"] = Value::from("heading");
    bad["facts"][0]["value"] = Value::from("12");
    bad["meta"]["extra"] = Value::from(1);
    bad["blocks"][0].as_object_mut().unwrap().remove("text");
    bad["format"] = Value::from("fazhi-report/2");
    let mut w = Walker {
        root: &schema,
        errors: Vec::new(),
        seen: BTreeSet::new(),
    };
    w.check(&schema, "#", &bad, "$");
    let should_be = [
        "$.format: expected \"fazhi-report/1\"",
        "$.meta: field extra",
        "$.blocks[0]: required field text",
        "$.blocks[0].kind: \"heading\" is not one of",
        "$.facts[0].value: expected number",
    ];
    assert_eq!(w.errors.len(), should_be.len(), "{:#?}", w.errors);
    for s in should_be {
        assert!(
            w.errors.iter().any(|e| e.contains(s)),
            "no error like {s} in {:#?}",
            w.errors
        );
    }
}
