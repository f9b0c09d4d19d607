//! The lines around the body: the portal's breadcrumb, page title and "时间/来源" line before it,
//! the report's own heading lines, and the signing date and portal widgets after it.
//! Any of them may be missing; what is there is recorded in [`Meta`].

use super::dates::{date_line, find_date, is_dateline, parse_date};
use super::numbering::marker;
use super::{is_trim_char, Ctx, Line};
use crate::model::{Meta, TitleFrom};

/// Portal widgets that follow the body on government sites; never part of the report.
const PORTAL_WIDGETS: &[&str] = &[
    "扫一扫在手机打开当前页",
    "【打印本页】",
    "【关闭窗口】",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
];

/// Splits the lines into metadata and the body lines (heading lines excluded, signature
/// included), filling `meta.front`, `meta.heading` and `meta.back`. The title may stay empty:
/// [`settle_title`] fills it from what the person converting gave.
pub(super) fn split<'a>(lines: &'a [Line<'a>]) -> (Meta, &'a [Line<'a>]) {
    let mut meta = Meta::default();
    let (body_start, page_title) = front_matter(lines, &mut meta);
    // Back matter: portal widgets at the end.
    let mut end = lines.len();
    while end > body_start && is_widget(lines[end - 1].text) {
        end -= 1;
    }
    meta.back = lines[end..].iter().map(|l| l.text.to_string()).collect();
    let body = heading(&lines[body_start..end], &mut meta);
    if meta.heading.is_empty() {
        if let Some(t) = page_title {
            meta.title = t.to_string();
            meta.title_from = TitleFrom::Page;
        }
    } else {
        meta.title = meta.heading.concat();
    }
    (meta, body)
}

/// Breadcrumb, page title and portal line, only within the first few lines so that prose is
/// never mistaken for them: where the body starts, and the page title if there is one.
fn front_matter<'a>(lines: &'a [Line<'a>], meta: &mut Meta) -> (usize, Option<&'a str>) {
    let mut body_start = 0;
    let mut page_title: Option<&str> = None;
    for (i, l) in lines.iter().enumerate().take(6) {
        // A numbered line is body, so is anything after it, whatever words it holds
        // ("（一）明确办理时间：…" is no portal line).
        if marker(l.text).is_some() {
            break;
        }
        if is_breadcrumb(l.text) {
            meta.breadcrumb = l
                .text
                .split(['>', '＞', '›', '»'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            body_start = i + 1;
        } else if let Some(p) = portal_line(l.text) {
            meta.site = p.site;
            meta.site_url = p.url;
            meta.published = p.date;
            meta.source = p.source;
            body_start = i + 1;
            // A page title stands between the breadcrumb and the portal line.
            if i > 0 && page_title.is_none() && !is_breadcrumb(lines[i - 1].text) {
                page_title = Some(lines[i - 1].text);
            }
        }
    }
    meta.front = lines[..body_start]
        .iter()
        .map(|l| l.text.to_string())
        .collect();
    (body_start, page_title)
}

/// The report's own heading: short unnumbered lines at the top of the body. Returns the body
/// after them.
fn heading<'a>(mut body: &'a [Line<'a>], meta: &mut Meta) -> &'a [Line<'a>] {
    let mut heading = Vec::new();
    while let Some(l) = body.first() {
        if heading.len() < 3 && is_heading_line(l.text) && body.len() > 1 {
            heading.push(l.text.to_string());
            body = &body[1..];
        } else {
            break;
        }
    }
    // Without a portal line the page title is not separated from the heading; a first heading
    // line that repeats the rest belongs to the front matter.
    if heading.len() >= 2 && heading[0] == heading[1..].concat() {
        let t = heading.remove(0);
        meta.front.push(t);
    }
    meta.heading = heading;
    // A date line under the title ("（2024年1月10日）") dates the report; it is no part of it.
    if let Some(l) = body
        .first()
        .filter(|l| is_dateline(l.text) && body.len() > 1)
    {
        meta.dateline = Some(l.text.to_string());
        meta.dated = find_date(l.text);
        body = &body[1..];
    }
    body
}

/// What the converter knows about a file besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Given<'a> {
    pub title: Option<&'a str>,
    pub file_name: Option<&'a str>,
}

/// Fills an empty title from the user's choice or the file's name, else says it stays empty;
/// then reads the issuer and year from whatever title there is.
pub(super) fn settle_title(meta: &mut Meta, given: Given<'_>, body: &[Line<'_>], ctx: &mut Ctx) {
    if meta.title.is_empty() {
        let opening = body
            .first()
            .map_or(String::new(), |l| l.text.chars().take(20).collect());
        let at = body.first().map_or(1, |l| l.no);
        if let Some(t) = given.title.map(str::trim).filter(|t| !t.is_empty()) {
            meta.title = t.to_string();
            meta.title_from = TitleFrom::Option;
        } else if let Some(t) = given.file_name.and_then(title_from_file_name) {
            ctx.warn(
                at,
                1,
                format!("正文前没有标题行（正文以“{opening}”开头），标题取自文件名：“{t}”"),
            );
            meta.title = t;
            meta.title_from = TitleFrom::File;
        } else {
            ctx.warn(
                at,
                1,
                format!("正文前没有标题行（正文以“{opening}”开头），文件名也不是标题：标题留空"),
            );
            meta.title_from = TitleFrom::None;
        }
    }
    meta.issuer = issuer(&meta.title).or_else(|| meta.source.clone());
    meta.year = year_in(&meta.title);
}

/// "某区人民政府关于2021年度法治政府建设情况的报告_2022.docx" -> the name without folder,
/// extension and the suffixes that downloads and copies add ("_2022", "(1)", " - 副本"); `None`
/// when what is left has fewer than four Han characters ("report.txt", "2022.txt").
pub(crate) fn title_from_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut t = match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            stem
        }
        _ => base,
    };
    loop {
        let before = t;
        t = t.trim_matches(|c: char| is_trim_char(c) || c == '_' || c == '-');
        for suffix in ["副本", "- 副本"] {
            t = t.strip_suffix(suffix).unwrap_or(t);
        }
        // A copy or download number: "_2022", "-1", "(1)", "（2）".
        let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
        if digits.len() < t.len() && digits.ends_with(['_', '-', ' ']) {
            t = digits;
        }
        for (open, close) in [('(', ')'), ('（', '）')] {
            if let Some(inner) = t.strip_suffix(close).and_then(|x| x.rsplit_once(open)) {
                if !inner.1.is_empty() && inner.1.chars().all(|c| c.is_ascii_digit()) {
                    t = inner.0;
                }
            }
        }
        if t == before {
            break;
        }
    }
    let han = t.chars().filter(|c| is_han(*c)).count();
    (han >= 4).then(|| t.to_string())
}

/// A CJK ideograph (the unified block and its extensions A to F).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2EBEF}')
}

/// "首页 > 专题 > …", "当前位置：首页 > …", "您现在的位置：首页 » …".
pub(super) fn is_breadcrumb(s: &str) -> bool {
    ["首页", "当前位置", "您现在的位置", "您的位置", "当前的位置"]
        .iter()
        .any(|p| s.starts_with(p))
        && s.contains(['>', '＞', '›', '»'])
}

/// A portal's "时间/来源" line.
pub(super) fn is_portal_line(s: &str) -> bool {
    portal_line(s).is_some()
}

/// A line made only of portal widgets, one or several ("【打印本页】 【关闭窗口】").
fn is_widget(s: &str) -> bool {
    let mut rest = s.to_string();
    for w in PORTAL_WIDGETS {
        rest = rest.replace(w, "");
    }
    rest.len() < s.len() && rest.trim_matches(super::is_trim_char).is_empty()
}

/// A heading line: short, unnumbered, not a sentence, not a date.
fn is_heading_line(s: &str) -> bool {
    let n = s.chars().count();
    n <= 40
        && !s.ends_with(['。', '：', ':', '；', ';'])
        && marker(s).is_none()
        && date_line(s).is_none()
        && !is_dateline(s)
}

struct Portal {
    site: Option<String>,
    url: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

/// Parses "信阳市人民政府门户网站 www.xinyang.gov.cn 时间:2023-03-07 来源:商城县人民政府".
/// A line that ends like a sentence is prose that happens to say "时间：", not a portal line.
fn portal_line(s: &str) -> Option<Portal> {
    let has = |k: &str| s.contains(&format!("{k}:")) || s.contains(&format!("{k}："));
    if s.ends_with(['。', '；', ';', '！', '？']) {
        return None;
    }
    if !(has("时间") || has("来源") || has("发布时间") || has("发布日期")) {
        return None;
    }
    let after = |k: &str| -> Option<String> {
        let i = s.find(k)? + k.len();
        let rest = s[i..].trim_start_matches([':', '：', ' ', '\u{3000}']);
        let v: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>();
        (!v.is_empty()).then_some(v)
    };
    let date = ["发布时间", "发布日期", "时间", "日期"]
        .iter()
        .find_map(|k| after(k))
        .and_then(|d| parse_date(&d));
    let source = after("来源");
    let words: Vec<&str> = s.split_whitespace().collect();
    let url = words
        .iter()
        .find(|w| w.starts_with("www.") || w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.to_string());
    let site = words
        .first()
        .filter(|w| !w.contains([':', '：']) && !w.starts_with("www.") && !w.starts_with("http"))
        .map(|w| w.to_string());
    Some(Portal {
        site,
        url,
        date,
        source,
    })
}

/// The issuing body: what stands before "关于" in the title.
fn issuer(title: &str) -> Option<String> {
    let i = title.find("关于")?;
    let s = title[..i].trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The first "YYYY年" in the title.
fn year_in(title: &str) -> Option<i32> {
    let cs: Vec<char> = title.chars().collect();
    (0..cs.len().saturating_sub(4)).find_map(|i| {
        let d = &cs[i..i + 4];
        (d.iter().all(char::is_ascii_digit)
            && cs[i + 4] == '年'
            && (i == 0 || !cs[i - 1].is_ascii_digit()))
        .then(|| d.iter().collect::<String>().parse().ok())
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_line_fields() {
        let p = portal_line(
            "信阳市人民政府门户网站 www.xinyang.gov.cn 时间:2023-03-07 来源:商城县人民政府",
        )
        .unwrap();
        assert_eq!(p.site.as_deref(), Some("信阳市人民政府门户网站"));
        assert_eq!(p.url.as_deref(), Some("www.xinyang.gov.cn"));
        assert_eq!(p.date.as_deref(), Some("2023-03-07"));
        assert_eq!(p.source.as_deref(), Some("商城县人民政府"));
        let q = portal_line("发布时间：2025年03月28日　来源：某县司法局").unwrap();
        assert!(portal_line("我县明确了完成时间：年底前全部完成。").is_none());
        assert_eq!(q.date.as_deref(), Some("2025-03-28"));
        assert_eq!(q.source.as_deref(), Some("某县司法局"));
    }

    #[test]
    fn widget_lines() {
        assert!(is_widget("扫一扫在手机打开当前页"));
        assert!(is_widget("【打印本页】 【关闭窗口】"));
        assert!(is_widget("【打印】【关闭】"));
        assert!(!is_widget("继续努力。【关闭】"));
        assert!(!is_widget(""));
    }

    #[test]
    fn issuer_and_year_from_title() {
        let t = "商城县人民政府关于2022年法治政府建设情况的报告";
        assert_eq!(issuer(t).as_deref(), Some("商城县人民政府"));
        assert_eq!(year_in(t), Some(2022));
        assert_eq!(year_in("2022年法治政府建设年度报告"), Some(2022));
    }
}
