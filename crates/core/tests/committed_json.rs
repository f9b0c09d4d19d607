//! The report JSON shipped in `public/` must be exactly what the converter makes from `seeds/`
//! today; regenerate it with `cargo run --release -p fazhi-tools --bin ingest -- seeds/shangcheng-2022.txt -o public/shangcheng-2022.json`.

#[test]
fn committed_json_matches_the_converter() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let src = std::fs::read(format!("{root}/seeds/shangcheng-2022.txt")).unwrap();
    let mut report = fazhi_core::ingest::convert(
        &fazhi_core::ingest::Source {
            bytes: &src,
            ..Default::default()
        },
        &fazhi_core::ingest::Limits::default(),
    )
    .unwrap()
    .report;
    let side =
        std::fs::read_to_string(format!("{root}/seeds/shangcheng-2022.charts.json")).unwrap();
    fazhi_core::ingest::attach_indicators(&mut report, &side).unwrap();
    let made = serde_json::to_string_pretty(&report).unwrap() + "\n";
    let committed = std::fs::read_to_string(format!("{root}/public/shangcheng-2022.json")).unwrap();
    assert!(
        made == committed,
        "public/shangcheng-2022.json is stale: regenerate it with \
         `cargo run --release -p fazhi-tools --bin ingest -- seeds/shangcheng-2022.txt -o public/shangcheng-2022.json`"
    );
}
