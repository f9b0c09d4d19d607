//! `reports.json`: the reports one deployed folder serves, so a site can carry every county's
//! report and every year's, with one reader. `package` writes it from the report JSONs it finds;
//! the editor's desk adds the report it publishes to the folder's copy (the file an editor drops
//! beside the new report); the reader lists it in its report switcher ("其他报告"), grouped by
//! issuer and year, each entry a `?report=<file>` link.

use crate::model::Report;
use serde::{Deserialize, Serialize};

/// The listing's name beside `index.html`.
pub const REPORTS_FILE: &str = "reports.json";
/// The `format` of a [`Listing`].
pub const REPORTS_FORMAT: &str = "fazhi-reports/1";

/// Every report a folder serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    /// Always [`REPORTS_FORMAT`].
    pub format: String,
    /// The reports, grouped by issuer (in order of first appearance), latest year first.
    pub reports: Vec<Listed>,
}

/// One report of a [`Listing`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    /// The report JSON, relative to `index.html` ("shangcheng-2022.json"): the `?report=` value.
    pub file: String,
    /// The report's title.
    pub title: String,
    /// Who issued it ("商城县人民政府"), if the report says.
    pub issuer: Option<String>,
    /// The year it is about, if the report says.
    pub year: Option<i32>,
    /// SHA-256 (hex) of the official text it was made from, if known: `sha256sum` of that file
    /// gives the same value.
    pub sha256: Option<String>,
}

impl Listed {
    /// The entry for `report`, served as `file`.
    pub fn new(file: &str, report: &Report, sha256: Option<&str>) -> Listed {
        Listed {
            file: file.to_string(),
            title: report.meta.title.clone(),
            issuer: report.meta.issuer.clone(),
            year: report.meta.year,
            sha256: sha256.map(str::to_string),
        }
    }
}

/// One issuer's reports in a [`Listing::groups`], latest year first.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// The issuer, or "其他" for reports that do not name one.
    pub issuer: &'a str,
    pub reports: Vec<&'a Listed>,
}

impl Listing {
    /// A listing of `reports`, in the listing's order.
    pub fn new(reports: Vec<Listed>) -> Listing {
        let mut l = Listing {
            format: REPORTS_FORMAT.to_string(),
            reports,
        };
        l.sort();
        l
    }

    /// Reads a `reports.json`, saying in Chinese where it is broken.
    pub fn from_json(text: &str) -> Result<Listing, String> {
        let l: Listing = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("第 {} 行第 {} 列：{e}", e.line(), e.column()))?;
        if l.format != REPORTS_FORMAT {
            return Err(format!("格式为“{}”，应为“{REPORTS_FORMAT}”", l.format));
        }
        Ok(l)
    }

    /// The listing as `package` and the desk write it: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The listing with `entry` in it: it replaces the entry for the same file, if any.
    pub fn with(mut self, entry: Listed) -> Listing {
        self.reports.retain(|r| r.file != entry.file);
        self.reports.push(entry);
        self.sort();
        self
    }

    /// The reports by issuer (in order of first appearance), each issuer's latest year first.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut out: Vec<Group> = Vec::new();
        for r in &self.reports {
            let issuer = r.issuer.as_deref().unwrap_or("其他");
            match out.iter_mut().find(|g| g.issuer == issuer) {
                Some(g) => g.reports.push(r),
                None => out.push(Group {
                    issuer,
                    reports: vec![r],
                }),
            }
        }
        out
    }

    /// Issuers stay in order of first appearance; within one, latest year first, then by
    /// title. A stable sort, so a hand-ordered listing keeps its order otherwise.
    fn sort(&mut self) {
        let mut issuers: Vec<Option<String>> = Vec::new();
        for r in &self.reports {
            if !issuers.contains(&r.issuer) {
                issuers.push(r.issuer.clone());
            }
        }
        let rank = |r: &Listed| issuers.iter().position(|i| *i == r.issuer);
        self.reports.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(b.year.cmp(&a.year))
                .then(a.title.cmp(&b.title))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, issuer: Option<&str>, year: Option<i32>) -> Listed {
        Listed {
            file: file.into(),
            title: format!(
                "{}关于{}年法治政府建设情况的报告",
                issuer.unwrap_or(""),
                year.unwrap_or(0)
            ),
            issuer: issuer.map(str::to_string),
            year,
            sha256: None,
        }
    }

    #[test]
    fn groups_by_issuer_latest_year_first() {
        let l = Listing::new(vec![
            entry("a-2021.json", Some("甲县人民政府"), Some(2021)),
            entry("b-2022.json", Some("乙区人民政府"), Some(2022)),
            entry("a-2022.json", Some("甲县人民政府"), Some(2022)),
            entry("x.json", None, None),
        ]);
        let files: Vec<&str> = l.reports.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(
            files,
            ["a-2022.json", "a-2021.json", "b-2022.json", "x.json"]
        );
        let groups: Vec<(&str, usize)> = l
            .groups()
            .iter()
            .map(|g| (g.issuer, g.reports.len()))
            .collect();
        assert_eq!(
            groups,
            [("甲县人民政府", 2), ("乙区人民政府", 1), ("其他", 1)]
        );
    }

    #[test]
    fn adding_a_report_replaces_its_old_entry_and_reads_back() {
        let l = Listing::new(vec![entry("a-2021.json", Some("甲县人民政府"), Some(2021))]);
        let mut newer = entry("a-2021.json", Some("甲县人民政府"), Some(2021));
        newer.sha256 = Some("ab".into());
        let l = l
            .with(newer)
            .with(entry("a-2022.json", Some("甲县人民政府"), Some(2022)));
        assert_eq!(l.reports.len(), 2);
        assert_eq!(l.reports[1].sha256.as_deref(), Some("ab"));
        let json = l.to_json();
        assert!(json.ends_with("}\n"));
        assert_eq!(Listing::from_json(&json).unwrap(), l);
    }

    #[test]
    fn a_broken_listing_says_where() {
        let e = Listing::from_json("{\"format\": \"fazhi-reports/1\",\n \"reports\": [1]}")
            .unwrap_err();
        assert!(e.starts_with("第 2 行"), "{e}");
        let e = Listing::from_json(r#"{"format": "x", "reports": []}"#).unwrap_err();
        assert!(e.contains("应为“fazhi-reports/1”"), "{e}");
    }
}
