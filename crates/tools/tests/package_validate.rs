//! `package` refuses a report the reader would refuse: the same validator, at build time, so an
//! invalid report never ships.

use fazhi_tools::package::find_reports;

fn folder(name: &str, json: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-package-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("r.json"), json).unwrap();
    dir
}

fn seed() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/shangcheng-2022.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_valid_report_is_found() {
    let dir = folder("valid", &seed().to_string());
    let found = find_reports(&dir).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].file, "r.json");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_invalid_report_is_refused_naming_the_field() {
    let mut r = seed();
    r["facts"][2]["block"] = "nowhere".into();
    let dir = folder("invalid", &r.to_string());
    let err = find_reports(&dir).unwrap_err().to_string();
    assert!(
        err.contains("r.json") && err.contains("字段 facts[2].block：段落 “nowhere” 不存在"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
