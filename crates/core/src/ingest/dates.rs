//! Dates as the reports and portals write them: "2023年2月27日", "2025年03月28日",
//! "2023-03-07", "2023/3/7", "2023.3.7", and in Chinese numerals as official documents sign them
//! ("二〇二三年二月二十七日"). All become ISO 8601 "YYYY-MM-DD".

use super::numbering::cn_number;

/// A line that is only a date: the signing date.
pub(super) fn date_line(s: &str) -> Option<String> {
    parse_date(s).or_else(|| cn_date(s.trim()))
}

/// "2023年2月27日", "2025年03月28日", "2023-03-07", "2023/3/7", "2023.3.7" -> "YYYY-MM-DD".
pub(crate) fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let nums: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if nums.len() != 3 {
        return None;
    }
    let rest: String = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    if !matches!(rest.as_str(), "年月日" | "--" | "//" | "..") {
        return None;
    }
    iso(
        nums[0].parse().ok()?,
        nums[1].parse().ok()?,
        nums[2].parse().ok()?,
    )
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    ((1949..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The year digit by digit: "二〇二三", "二○二三".
fn cn_year(s: &str) -> Option<(u32, usize)> {
    let digits: Vec<u32> = s
        .chars()
        .take(4)
        .map_while(|c| match c {
            '〇' | '○' | '零' => Some(0),
            _ => cn_number(c.encode_utf8(&mut [0; 4])).map(|(v, _)| v),
        })
        .collect();
    (digits.len() == 4 && digits.iter().all(|&d| d <= 9))
        .then(|| (digits.iter().fold(0, |y, d| y * 10 + d), 4))
}

/// "二〇二三年二月二十七日" -> "2023-02-27": the whole string must be the date.
fn cn_date(s: &str) -> Option<String> {
    let (y, n) = cn_year(s)?;
    let rest = s.char_indices().nth(n).map_or("", |(i, _)| &s[i..]);
    let rest = rest.strip_prefix('年')?;
    let (m, n) = cn_number(rest)?;
    let rest = rest[rest.char_indices().nth(n)?.0..].strip_prefix('月')?;
    let (d, n) = cn_number(rest)?;
    let rest = rest.char_indices().nth(n).map_or("", |(i, _)| &rest[i..]);
    (rest == "日").then(|| iso(y, m, d)).flatten()
}

/// The first date written anywhere in `s` ("（2024年1月10日在区第十届人民代表大会第三次会议上）").
pub(super) fn find_date(s: &str) -> Option<String> {
    s.char_indices().find_map(|(i, _)| {
        let rest = &s[i..];
        let end = rest.find('日')? + '日'.len_utf8();
        date_line(&rest[..end])
    })
}

/// A short line under the title that only dates it: "（2024年1月10日）",
/// "——2024年1月10日在区第十届人民代表大会第三次会议上", "(二〇二四年一月十日)".
pub(super) fn is_dateline(s: &str) -> bool {
    let bracketed = s.starts_with(['（', '(']) && s.ends_with(['）', ')']);
    let dashed = s.starts_with(['—', '-', '－']);
    (bracketed || dashed) && s.chars().count() <= 60 && find_date(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_written_form() {
        assert_eq!(parse_date("2023年2月27日").as_deref(), Some("2023-02-27"));
        assert_eq!(parse_date("2025年03月28日").as_deref(), Some("2025-03-28"));
        assert_eq!(parse_date("2023-03-07").as_deref(), Some("2023-03-07"));
        assert_eq!(parse_date("2023年13月1日"), None);
        assert_eq!(parse_date("2023年"), None);
        assert_eq!(parse_date("共2023件"), None);
        assert_eq!(
            date_line("二〇二三年二月二十七日").as_deref(),
            Some("2023-02-27")
        );
        assert_eq!(
            date_line("二○二四年十二月三十一日").as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(date_line("二〇二三年二月二十七日前完成"), None);
        assert_eq!(date_line("二〇二三年"), None);
    }

    #[test]
    fn datelines_under_the_title() {
        assert!(is_dateline("（2024年1月10日）"));
        assert!(is_dateline("(2024年1月10日)"));
        assert!(is_dateline(
            "——2024年1月10日在区第十届人民代表大会第三次会议上"
        ));
        assert!(is_dateline("（二〇二四年一月十日）"));
        assert!(!is_dateline("（一）加强领导"));
        assert!(!is_dateline("2024年1月10日"));
        assert_eq!(
            find_date("（2024年1月10日在区第十届人民代表大会第三次会议上）").as_deref(),
            Some("2024-01-10")
        );
    }
}
