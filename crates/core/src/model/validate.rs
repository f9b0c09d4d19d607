//! The one check a report passes wherever it enters: the site's own report, `?report=`, a file
//! opened in the reader, `package`, and the editor's desk. serde already guarantees the shape
//! (types, required fields); this checks what the shape cannot say and what the reader relies
//! on: every reference resolves, offsets lie inside their text and do not overlap, ids are
//! unique and safe as HTML ids and in links, values are finite numbers. A report that fails is
//! refused with the JSON path of the first bad field, in Chinese, for the page to show.

use super::{Block, ChartForm, Field, Kind, Relation, Report, FORMAT};
use std::collections::HashMap;
use thiserror::Error;

/// Why a report was refused: the field, as a JSON path (`facts[3].end`), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("字段 {path}：{problem}")]
pub struct Invalid {
    /// Where, e.g. `blocks[0].children[2].id`.
    pub path: String,
    /// What is wrong with it, in Chinese.
    pub problem: String,
}

/// The longest id accepted: the converter's are under 20 characters.
pub const MAX_ID: usize = 64;

/// Ids the page itself gives to its own elements and routes; a block or check named so would
/// take their place in `#/b/<id>` links and `document.getElementById`. (Every other id the
/// page makes contains a `-`, which block and check ids may not.)
pub const RESERVED: &[&str] = &[
    "top",
    "main",
    "toc",
    "tools",
    "indicators",
    "checks",
    "prerender",
];

/// Checks everything the reader relies on; the first problem found is returned.
pub fn validate(r: &Report) -> Result<(), Invalid> {
    if r.format != FORMAT {
        return Err(invalid(
            "format",
            format!("为 “{}”，本阅读器只支持 “{FORMAT}”", r.format),
        ));
    }
    if let Some(u) = &r.meta.article_url {
        web_address(u).map_err(|why| invalid("meta.article_url", why))?;
    }
    let mut v = Validator::default();
    for (i, b) in r.blocks.iter().enumerate() {
        v.block(b, None, i, 1)?;
    }
    v.facts(r)?;
    v.checks(r)?;
    for (i, id) in r.cards.iter().enumerate() {
        v.fact_ref(id, || format!("cards[{i}]"))?;
    }
    if r.card_labels.len() > r.cards.len() {
        return Err(invalid(
            "card_labels",
            format!(
                "有 {} 个名称，但只有 {} 张卡片",
                r.card_labels.len(),
                r.cards.len()
            ),
        ));
    }
    v.charts(r)?;
    v.terms(r)
}

/// The reader links to `meta.article_url`: only an absolute `http(s)` address without spaces
/// (never `javascript:` or another scheme), as the schema's pattern says.
fn web_address(u: &str) -> Result<(), String> {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !u.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Ok(())
        }
        _ => Err(format!("“{u}” 不是以 http:// 或 https:// 开头的网址")),
    }
}

/// Blocks may nest at most this deep (the converter's deepest is 5: chapter, section, item,
/// paragraph, point); rendering recurses once per level.
pub const MAX_DEPTH: usize = 16;

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> Invalid {
    Invalid {
        path: path.into(),
        problem: problem.into(),
    }
}

/// `id` as an HTML id and in links: 1 to [`MAX_ID`] ASCII letters, digits, `_` and, where
/// `dash` allows, `-`. The error says what is wrong, for the caller to say where.
fn check_id(id: &str, dash: bool) -> Result<(), String> {
    if id.is_empty() {
        return Err("不能为空".into());
    }
    if id.len() > MAX_ID {
        return Err(format!("超过 {MAX_ID} 个字符"));
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '_' || (dash && c == '-');
    if let Some(c) = id.chars().find(|&c| !ok(c)) {
        let allowed = if dash {
            "字母、数字、- 和 _"
        } else {
            "字母、数字和 _"
        };
        return Err(format!(
            "“{}” 含有不允许的字符 “{c}”（只能用{allowed}）",
            shown(id)
        ));
    }
    Ok(())
}

/// At most 40 characters of a hostile string, for a message.
fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Where a block or check is: enough to spell its path (`blocks[0].children[2]`) when a
/// message needs it. Paths are only spelled for messages: building one per block, fact and
/// reference took a third of the time a long report's validation takes.
struct Place<'a> {
    /// The block (None for a check).
    block: Option<&'a Block>,
    /// The place of the block whose child it is (None for a top-level block or a check).
    up: Option<usize>,
    /// Its index among its siblings (or among the checks).
    at: usize,
}

#[derive(Default)]
struct Validator<'a> {
    /// Block and check ids (one namespace: both are HTML ids and `#/b/` targets), each with its
    /// index in `places`. One map type throughout (`String` to index, as the reader's own
    /// lookups): every other key type would add its own copy of the hash table to the wasm.
    names: HashMap<String, usize>,
    places: Vec<Place<'a>>,
    /// Fact ids and their index in `facts`.
    facts: HashMap<String, usize>,
}

impl<'a> Validator<'a> {
    /// The JSON path of a place: a block's (`blocks[0].children[2]`) or a check's id
    /// (`checks[3].id`).
    fn path(&self, place: usize) -> String {
        let p = &self.places[place];
        match (p.block, p.up) {
            (None, _) => format!("checks[{}].id", p.at),
            (Some(_), None) => format!("blocks[{}]", p.at),
            (Some(_), Some(up)) => format!("{}.children[{}]", self.path(up), p.at),
        }
    }

    fn block(
        &mut self,
        b: &'a Block,
        up: Option<usize>,
        at: usize,
        depth: usize,
    ) -> Result<(), Invalid> {
        let place = self.places.len();
        self.places.push(Place {
            block: Some(b),
            up,
            at,
        });
        let path = |v: &Self, field: &str| format!("{}{field}", v.path(place));
        if depth > MAX_DEPTH {
            return Err(invalid(
                path(self, ""),
                format!("段落层级超过 {MAX_DEPTH} 层"),
            ));
        }
        self.new_html_id(&b.id, || path(self, ".id"))?;
        self.names.insert(b.id.clone(), place);
        if b.kind == Kind::Point && !b.children.is_empty() {
            return Err(invalid(
                path(self, ".children"),
                "行内要点（point）不能再有下级",
            ));
        }
        for (i, c) in b.children.iter().enumerate() {
            self.block(c, Some(place), i, depth + 1)?;
        }
        Ok(())
    }

    /// A block or check id: safe, not reserved, not seen before. `path` spells where it is.
    fn new_html_id(&self, id: &str, path: impl Fn() -> String) -> Result<(), Invalid> {
        check_id(id, false).map_err(|why| invalid(path(), why))?;
        if RESERVED.contains(&id) {
            return Err(invalid(path(), format!("“{id}” 是阅读器页面自用的名称")));
        }
        match self.names.get(id).map(|&i| (i, self.places[i].block)) {
            Some((other, Some(_))) => Err(invalid(
                path(),
                format!("“{id}” 与 {} 重复", self.path(other)),
            )),
            Some((_, None)) => Err(invalid(path(), format!("“{id}” 与另一条核对重复"))),
            None => Ok(()),
        }
    }

    fn facts(&mut self, r: &'a Report) -> Result<(), Invalid> {
        // Where the previous fact in each (block, field) ended, in chars and in bytes: facts
        // come in document order and never overlap, so each can be marked in the text on its
        // own, and each field's text is walked once for all its facts.
        let mut ends = vec![[(0usize, 0usize); 2]; self.places.len()];
        for (i, f) in r.facts.iter().enumerate() {
            let at = |field: &str| format!("facts[{i}].{field}");
            check_id(&f.id, true).map_err(|why| invalid(at("id"), why))?;
            if self.facts.insert(f.id.clone(), i).is_some() {
                return Err(invalid(at("id"), format!("“{}” 重复", f.id)));
            }
            if !f.value.is_finite() {
                return Err(invalid(at("value"), "不是有限的数值"));
            }
            let (place, text) = self.span(&f.block, f.field, f.start, f.end, &at)?;
            let end = &mut ends[place][f.field as usize];
            let (prev, from) = *end;
            if f.start < prev {
                return Err(invalid(
                    at("start"),
                    format!(
                        "与同一段中前一个数字重叠或顺序颠倒（起点 {}，前一个终点 {prev}）",
                        f.start
                    ),
                ));
            }
            let rest = &text[from..];
            let (Some(a), Some(b)) = (byte_at(rest, f.start - prev), byte_at(rest, f.end - prev))
            else {
                return Err(past_end(text, f.end, &at));
            };
            let stated = &rest[a..b];
            if stated != f.text {
                return Err(invalid(
                    at("text"),
                    format!(
                        "“{}” 与原文该位置的 “{}” 不符",
                        shown(&f.text),
                        shown(stated)
                    ),
                ));
            }
            *end = (f.end, from + b);
        }
        Ok(())
    }

    /// The place of block `id` and the text of its `field`, for a span `start..end` (chars)
    /// that does not run backwards; whether it ends inside the text is the caller's to check
    /// ([`past_end`]). `at(name)` is the path of the span's own field `name`.
    fn span(
        &self,
        id: &str,
        field: Field,
        start: usize,
        end: usize,
        at: &dyn Fn(&str) -> String,
    ) -> Result<(usize, &'a str), Invalid> {
        let Some((place, block)) = self
            .names
            .get(id)
            .and_then(|&i| Some((i, self.places[i].block?)))
        else {
            return Err(invalid(at("block"), format!("段落 “{}” 不存在", shown(id))));
        };
        let text = match field {
            Field::Text => block.text.as_str(),
            Field::Title => block
                .title
                .as_deref()
                .ok_or_else(|| invalid(at("field"), "该段落没有标题"))?,
        };
        if start > end {
            return Err(invalid(
                at("start"),
                format!("起点 {start} 在终点 {end} 之后"),
            ));
        }
        Ok((place, text))
    }

    fn fact_ref(&self, id: &str, path: impl FnOnce() -> String) -> Result<usize, Invalid> {
        self.facts
            .get(id)
            .copied()
            .ok_or_else(|| invalid(path(), format!("数字 “{}” 不存在", shown(id))))
    }

    fn checks(&mut self, r: &'a Report) -> Result<(), Invalid> {
        for (i, c) in r.checks.iter().enumerate() {
            let at = |field: &str| format!("checks[{i}].{field}");
            self.new_html_id(&c.id, || at("id"))?;
            self.names.insert(c.id.clone(), self.places.len());
            self.places.push(Place {
                block: None,
                up: None,
                at: i,
            });
            self.fact_ref(&c.total, || at("total"))?;
            let want = match c.relation {
                Relation::Sum => 1..=usize::MAX,
                Relation::Rate => 2..=2,
            };
            if !want.contains(&c.parts.len()) {
                let need = if c.relation == Relation::Rate {
                    "比率核对需要分子和分母两项"
                } else {
                    "求和核对至少需要一项"
                };
                return Err(invalid(at("parts"), need));
            }
            for (j, p) in c.parts.iter().enumerate() {
                self.fact_ref(p, || format!("checks[{i}].parts[{j}]"))?;
            }
        }
        Ok(())
    }

    fn charts(&self, r: &Report) -> Result<(), Invalid> {
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (i, c) in r.charts.iter().enumerate() {
            let at = |field: &str| format!("charts[{i}].{field}");
            check_id(&c.id, true).map_err(|why| invalid(at("id"), why))?;
            if ids.insert(c.id.clone(), i).is_some() {
                return Err(invalid(at("id"), format!("“{}” 重复", c.id)));
            }
            if c.facts.is_empty() {
                return Err(invalid(at("facts"), "图表至少要有一个数字"));
            }
            for (j, f) in c.facts.iter().enumerate() {
                self.fact_ref(f, || format!("charts[{i}].facts[{j}]"))?;
            }
            match (&c.total, c.form) {
                (Some(t), _) => {
                    self.fact_ref(t, || at("total"))?;
                }
                (None, ChartForm::Part) => {
                    return Err(invalid(at("total"), "部分与整体图（part）必须指明总数"))
                }
                (None, _) => {}
            }
            if c.labels.len() > c.facts.len() {
                return Err(invalid(
                    at("labels"),
                    format!(
                        "有 {} 个名称，但只有 {} 个数字",
                        c.labels.len(),
                        c.facts.len()
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl Validator<'_> {
    /// Glossary terms: the entry that explains each, and every use inside its text.
    fn terms(&self, r: &Report) -> Result<(), Invalid> {
        for (i, t) in r.terms.iter().enumerate() {
            if self
                .names
                .get(&t.block)
                .is_none_or(|&i| self.places[i].block.is_none())
            {
                return Err(invalid(
                    format!("terms[{i}].block"),
                    format!("段落 “{}” 不存在", shown(&t.block)),
                ));
            }
            for (j, u) in t.uses.iter().enumerate() {
                let at = |field: &str| format!("terms[{i}].uses[{j}].{field}");
                let (_, text) = self.span(&u.block, u.field, u.start, u.end, &at)?;
                if byte_at(text, u.end).is_none() {
                    return Err(past_end(text, u.end, &at));
                }
            }
        }
        Ok(())
    }
}

/// A span of `text` ends at char `end`, past its end. `at(name)` as for [`Validator::span`].
fn past_end(text: &str, end: usize, at: &dyn Fn(&str) -> String) -> Invalid {
    let len = text.chars().count();
    invalid(at("end"), format!("终点 {end} 超出所在文字的长度 {len}"))
}

/// The byte offset of char `n` of `text` (its length for `n` = the number of chars), or None
/// past its end.
fn byte_at(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::parse;

    fn report() -> Report {
        parse("标题报告\n一、工作\n1.复议。收到申请33件，其中受理25件，不予受理8件。\n").unwrap()
    }

    fn refused(r: &Report) -> String {
        validate(r).unwrap_err().to_string()
    }

    #[test]
    fn a_converted_report_passes() {
        let r = report();
        assert!(r.facts.len() >= 3 && !r.checks.is_empty());
        assert_eq!(validate(&r), Ok(()));
    }

    #[test]
    fn the_article_address_is_a_web_address() {
        let mut r = report();
        r.meta.article_url = Some("https://www.a.gov.cn/art/1.html".into());
        assert_eq!(validate(&r), Ok(()));
        for bad in [
            "javascript:alert(1)",
            "www.a.gov.cn/art/1.html",
            "https://",
            "https://a b",
        ] {
            r.meta.article_url = Some(bad.into());
            assert_eq!(
                refused(&r),
                format!("字段 meta.article_url：“{bad}” 不是以 http:// 或 https:// 开头的网址")
            );
        }
    }

    #[test]
    fn offsets_must_lie_in_their_text_in_order() {
        let mut r = report();
        r.facts[0].end = 1000;
        assert!(refused(&r).starts_with("字段 facts[0].end：终点 1000 超出"));
        let mut r = report();
        (r.facts[1].start, r.facts[1].end) = (r.facts[1].end, r.facts[1].start);
        assert!(refused(&r).starts_with("字段 facts[1].start：起点"));
        let mut r = report();
        r.facts.swap(0, 1);
        assert!(refused(&r).contains("facts[1].start"), "{}", refused(&r));
        let mut r = report();
        r.facts[0].start += 1;
        assert!(refused(&r).starts_with("字段 facts[0].text："));
        let mut r = report();
        r.blocks[0].children[0].title = None;
        r.facts[0].field = Field::Title;
        assert_eq!(refused(&r), "字段 facts[0].field：该段落没有标题");
    }

    #[test]
    fn every_reference_resolves() {
        let mut r = report();
        r.facts[0].block = "nowhere".into();
        assert_eq!(refused(&r), "字段 facts[0].block：段落 “nowhere” 不存在");
        let mut r = report();
        r.checks[0].parts.push("f9".into());
        assert!(refused(&r).contains("checks[0].parts["));
        let mut r = report();
        let n = r.cards.len();
        r.card_labels = vec!["受理".into(); n + 1];
        assert_eq!(
            refused(&r),
            format!("字段 card_labels：有 {} 个名称，但只有 {n} 张卡片", n + 1)
        );
        let mut r = report();
        r.cards.push("missing".into());
        let at = r.cards.len() - 1;
        assert_eq!(
            refused(&r),
            format!("字段 cards[{at}]：数字 “missing” 不存在")
        );
        let mut r = report();
        let at = r.charts.len();
        r.charts.push(crate::model::ChartDef {
            id: "x".into(),
            title: "图".into(),
            form: ChartForm::Part,
            total: None,
            facts: vec![r.facts[1].id.clone()],
            labels: vec![],
            note: None,
            origin: Default::default(),
        });
        assert!(refused(&r).starts_with(&format!("字段 charts[{at}].total：")));
    }

    #[test]
    fn ids_are_unique_safe_and_not_the_pages_own() {
        for (id, what) in [
            ("", "不能为空"),
            ("c1\" onmouseover=\"x", "不允许的字符"),
            ("a-b", "不允许的字符 “-”"),
            ("main", "页面自用"),
            ("c1", "与 blocks[0] 重复"),
        ] {
            let mut r = report();
            r.blocks[0].children[0].id = id.into();
            let m = refused(&r);
            assert!(
                m.starts_with("字段 blocks[0].children[0].id：") && m.contains(what),
                "{id}: {m}"
            );
        }
        let mut r = report();
        r.checks[0].id = r.blocks[0].id.clone();
        assert_eq!(refused(&r), "字段 checks[0].id：“c1” 与 blocks[0] 重复");
        let mut r = report();
        r.facts[1].id = r.facts[0].id.clone();
        assert!(refused(&r).starts_with("字段 facts[1].id："));
        let mut r = report();
        r.blocks[0].id = "x".repeat(MAX_ID + 1);
        assert!(refused(&r).contains("超过 64 个字符"));
    }

    #[test]
    fn values_are_finite_and_the_format_known() {
        let mut r = report();
        r.facts[2].value = f64::NAN;
        assert_eq!(refused(&r), "字段 facts[2].value：不是有限的数值");
        let mut r = report();
        r.format = "other/2".into();
        assert!(refused(&r).starts_with("字段 format："));
    }

    #[test]
    fn glossary_terms_point_inside_their_text() {
        use crate::model::{Term, TermUse};
        let mut r = report();
        let item = r.blocks[0].children[0].id.clone();
        let used = |start, end| TermUse {
            block: item.clone(),
            field: Field::Text,
            start,
            end,
        };
        r.terms.push(Term {
            block: item.clone(),
            term: "复议".into(),
            uses: vec![used(0, 2)],
        });
        assert_eq!(validate(&r), Ok(()));
        r.terms[0].uses.push(used(3, 900));
        assert!(refused(&r).starts_with("字段 terms[0].uses[1].end：终点 900 超出"));
        r.terms[0].uses.pop();
        r.terms[0].block = "g9".into();
        assert_eq!(refused(&r), "字段 terms[0].block：段落 “g9” 不存在");
    }

    #[test]
    fn nesting_is_bounded() {
        let mut r = report();
        let mut b = r.blocks[0].clone();
        for d in 0..MAX_DEPTH {
            b = Block {
                id: format!("d{d}"),
                children: vec![b],
                ..r.blocks[0].clone()
            };
        }
        r.blocks = vec![b];
        r.facts.clear();
        r.checks.clear();
        assert!(refused(&r).contains("层级超过"), "{}", refused(&r));
    }
}
