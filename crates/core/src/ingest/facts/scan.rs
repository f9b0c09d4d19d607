//! Finds the figures in one string: a number in Arabic digits, the hedge words around it and a
//! unit from a closed list. Everything is counted in `char`s so the offsets are the model's.

use crate::model::Qualifier;

/// One figure as found in a string, before it gets an id and a label.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    /// First char of the figure, qualifier words included.
    pub start: usize,
    /// One past its last char (unit and trailing hedge included).
    pub end: usize,
    /// The number.
    pub value: f64,
    /// The unit as written, without a 余/多 hedge that stands inside it ("10余万人" -> "万人").
    pub unit: String,
    /// The hedge, if any.
    pub qualifier: Option<Qualifier>,
    /// For the lower end of a range ("10—20件"), the index of the upper end in the output: the
    /// two share a label and the lower end borrows the unit.
    pub range_upper: Option<usize>,
}

/// Units after which a number is a count or a measure. Longest first wherever one is a prefix
/// of another, so that "人次" wins over "人" and "个月" over "个". "年", "月", "日", "号",
/// "时", "届", "岁" are deliberately absent: after a number they make a date, a time, an age or
/// an ordinal, not a statistic.
const UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "平方公里",
    "工作日",
    "个月",
    "部门",
    "人次",
    "件次",
    "场次",
    "户次",
    "批次",
    "车次",
    "架次",
    "班次",
    "课时",
    "学时",
    "小时",
    "分钟",
    "平方米",
    "公里",
    "千米",
    "公顷",
    "千克",
    "公斤",
    "件",
    "项",
    "个",
    "人",
    "名",
    "家",
    "条",
    "起",
    "次",
    "场",
    "户",
    "批",
    "期",
    "轮",
    "份",
    "篇",
    "部",
    "本",
    "册",
    "卷",
    "张",
    "块",
    "处",
    "所",
    "座",
    "类",
    "种",
    "支",
    "位",
    "宗",
    "笔",
    "台",
    "辆",
    "套",
    "例",
    "门",
    "元",
    "亩",
    "米",
    "吨",
    "天",
    "倍",
    "分",
    "%",
    "％",
    "‰",
];

/// Magnitudes that may stand between the number and the unit ("12万元") or alone ("5万").
const MAGNITUDES: &[char] = &['万', '亿'];

/// Hedge words written right before the number, longest first.
const PREFIXES: &[(&str, Qualifier)] = &[
    ("共计", Qualifier::Total),
    ("总计", Qualifier::Total),
    ("合计", Qualifier::Total),
    ("累计", Qualifier::Total),
    ("总共", Qualifier::Total),
    ("一共", Qualifier::Total),
    ("共有", Qualifier::Total),
    ("共", Qualifier::Total),
    ("达到", Qualifier::Reaches),
    ("高达", Qualifier::Reaches),
    ("多达", Qualifier::Reaches),
    ("长达", Qualifier::Reaches),
    ("达", Qualifier::Reaches),
    ("接近", Qualifier::Nearly),
    ("将近", Qualifier::Nearly),
    ("近", Qualifier::Nearly),
    ("大约", Qualifier::About),
    ("约", Qualifier::About),
    ("超过", Qualifier::Exceeds),
    ("逾", Qualifier::Exceeds),
];

/// A one-char hedge word is a hedge only when it does not end a longer word: "公共", "中共";
/// "送达", "下达", "到达"; "最近", "就近", "附近"; "预约", "签约", "合约".
fn ends_a_word(word: &str, before: Option<char>) -> bool {
    let Some(b) = before else { return false };
    let blockers: &[char] = match word {
        "共" => &['公', '中'],
        "达" => &[
            '送', '下', '传', '到', '抵', '表', '通', '直', '转', '发', '畅', '豁',
        ],
        "近" => &['最', '附', '邻', '就', '靠', '亲', '贴', '新', '临'],
        "约" => &[
            '预', '签', '合', '契', '邀', '特', '违', '履', '节', '制', '公', '条', '相', '婚',
            '失', '守', '践', '赴', '集',
        ],
        _ => &[],
    };
    blockers.contains(&b)
}

/// Range separators between two numbers sharing one unit ("10—20件", "3至5家").
const RANGE_SEPS: &[char] = &['-', '—', '―', '–', '－', '～', '~', '〜', '至'];

/// Numbers with more digits are identifiers (phone, ID, account numbers), not statistics; up
/// to this many, a value survives f64 and a JSON round trip exactly.
const MAX_DIGITS: usize = 15;

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn ascii_digit(c: char) -> char {
    if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
    } else {
        c
    }
}

/// A number in digits at `cs[i..]`.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    end: usize,
    value: f64,
}

/// Reads the number starting at `i`, or says where the digit run that cannot be one ends.
/// Thousands separators are ASCII commas in groups of three after a lead of one to three digits;
/// a second decimal point makes the run a dotted date or version ("2023.3.7"), not a number.
fn read_number(cs: &[char], i: usize) -> Result<Number, usize> {
    let run = |from: usize| from + cs[from..].iter().take_while(|c| is_digit(**c)).count();
    let mut j = run(i);
    let mut s: String = cs[i..j].iter().map(|&c| ascii_digit(c)).collect();
    if j - i <= 3 {
        while cs.get(j) == Some(&',') && run(j + 1) == j + 4 {
            s.extend(cs[j + 1..j + 4].iter().map(|&c| ascii_digit(c)));
            j += 4;
        }
    }
    let is_point = |k: usize| matches!(cs.get(k), Some('.' | '．'));
    if is_point(j) && cs.get(j + 1).is_some_and(|c| is_digit(*c)) {
        let k = run(j + 1);
        if is_point(k) && cs.get(k + 1).is_some_and(|c| is_digit(*c)) {
            let mut end = k;
            while is_point(end) && cs.get(end + 1).is_some_and(|c| is_digit(*c)) {
                end = run(end + 1);
            }
            return Err(end);
        }
        s.push('.');
        s.extend(cs[j + 1..k].iter().map(|&c| ascii_digit(c)));
        j = k;
    }
    if s.chars().filter(char::is_ascii_digit).count() > MAX_DIGITS {
        return Err(j);
    }
    match s.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Number { end: j, value }),
        _ => Err(j),
    }
}

/// What follows a number: hedge, magnitude and unit, and where that ends.
#[derive(Debug, Clone, PartialEq)]
struct Suffix {
    end: usize,
    unit: String,
    over: bool,
}

/// True when `word` is written at `cs[at..]`.
pub(super) fn starts_with(cs: &[char], at: usize, word: &str) -> bool {
    (at..).zip(word.chars()).all(|(k, w)| cs.get(k) == Some(&w))
}

/// The unit after a number at `at`, with a 余/多 hedge before or after a magnitude.
fn read_suffix(cs: &[char], at: usize) -> Option<Suffix> {
    let mut k = at;
    let mut over = false;
    let hedge = |k: usize| matches!(cs.get(k), Some('余' | '多'));
    if hedge(k) {
        over = true;
        k += 1;
    }
    let mut unit = String::new();
    if let Some(&m) = cs.get(k).filter(|c| MAGNITUDES.contains(c)) {
        unit.push(m);
        k += 1;
        if !over && hedge(k) {
            over = true;
            k += 1;
        }
    }
    match UNITS.iter().find(|u| starts_with(cs, k, u)) {
        Some(u) => {
            unit.push_str(u);
            k += u.chars().count();
        }
        None if unit.is_empty() => return None,
        None => {}
    }
    Some(Suffix { end: k, unit, over })
}

/// A hedge word ending right before `i` (and not before `floor`): its start and meaning.
fn read_prefix(cs: &[char], i: usize, floor: usize) -> Option<(usize, Qualifier)> {
    PREFIXES.iter().find_map(|&(word, q)| {
        let n = word.chars().count();
        let s = i.checked_sub(n).filter(|&s| s >= floor)?;
        if !starts_with(cs, s, word) {
            return None;
        }
        if n == 1 && ends_a_word(word, s.checked_sub(1).map(|p| cs[p])) {
            return None;
        }
        Some((s, q))
    })
}

/// A hedge after the unit that turns the figure into a bound: "95%以上", "100件左右".
fn read_trailing(cs: &[char], at: usize) -> Option<(usize, Qualifier)> {
    if starts_with(cs, at, "以上") {
        Some((at + 2, Qualifier::Exceeds))
    } else if starts_with(cs, at, "左右") {
        Some((at + 2, Qualifier::About))
    } else {
        None
    }
}

/// Marks the chars inside a title 《…》 / 〈…〉: numbers there belong to a document's name.
pub(super) fn in_title_marks(cs: &[char]) -> Vec<bool> {
    let mut depth = 0usize;
    cs.iter()
        .map(|&c| match c {
            '《' | '〈' => {
                depth += 1;
                true
            }
            '》' | '〉' => {
                let inside = depth > 0;
                depth = depth.saturating_sub(1);
                inside
            }
            _ => depth > 0,
        })
        .collect()
}

/// A number glued to Latin letters or dots is part of a code ("5G", "G20", "v1.2").
fn glued(cs: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|p| cs[p]);
    let after = cs.get(end).copied();
    before.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '．' | '/' | '_'))
        || after.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '_'))
}

/// All figures of `cs` in order.
pub(super) fn figures(cs: &[char]) -> Vec<Figure> {
    let titled = in_title_marks(cs);
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if !is_digit(cs[i]) {
            i += 1;
            continue;
        }
        let num = match read_number(cs, i) {
            Ok(n) => n,
            Err(end) => {
                i = end;
                continue;
            }
        };
        let ordinal = i > 0 && cs[i - 1] == '第';
        let skip = titled[i] || ordinal || glued(cs, i, num.end);
        if let Some(next) = range(cs, i, &num, skip, &mut out) {
            i = next;
            continue;
        }
        if skip {
            i = num.end;
            continue;
        }
        let Some(suf) = read_suffix(cs, num.end) else {
            i = num.end;
            continue;
        };
        let floor = out.last().map_or(0, |f| f.end);
        let prefix = read_prefix(cs, i, floor);
        let fig = finish(cs, i, &num, suf, prefix);
        i = fig.end;
        out.push(fig);
    }
    out
}

/// A range whose unit is written once, after the upper end ("3-5人"): both ends become figures,
/// the lower one pointing at the upper. `None` when no range starts at `num`; otherwise where
/// the scan goes on (past a date range, a date or an ordinal range too, which are no figures).
fn range(cs: &[char], i: usize, num: &Number, skip: bool, out: &mut Vec<Figure>) -> Option<usize> {
    let sep_len = range_sep(cs, num.end);
    let (k, up) = (sep_len > 0)
        .then(|| num.end + sep_len)
        .filter(|&k| k < cs.len() && is_digit(cs[k]))
        .and_then(|k| read_number(cs, k).ok().map(|n| (k, n)))?;
    match read_suffix(cs, up.end) {
        Some(suf) if !skip && !glued(cs, k, up.end) => {
            let floor = out.last().map_or(0, |f| f.end);
            let prefix = read_prefix(cs, i, floor);
            out.push(Figure {
                start: prefix.map_or(i, |p| p.0),
                end: num.end,
                value: num.value,
                unit: suf.unit.clone(),
                qualifier: prefix.map(|p| p.1),
                range_upper: Some(out.len() + 1),
            });
            let upper = finish(cs, k, &up, suf, None);
            let end = upper.end;
            out.push(upper);
            Some(end)
        }
        _ => Some(up.end),
    }
}

/// Length of a range separator at `at` (one char, or a doubled dash "——").
fn range_sep(cs: &[char], at: usize) -> usize {
    match cs.get(at) {
        Some(&c) if RANGE_SEPS.contains(&c) => {
            if c != '至' && cs.get(at + 1) == Some(&c) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

fn finish(
    cs: &[char],
    start: usize,
    num: &Number,
    suf: Suffix,
    prefix: Option<(usize, Qualifier)>,
) -> Figure {
    let mut qualifier = prefix.map(|p| p.1);
    if suf.over {
        qualifier = Some(Qualifier::Over);
    }
    let mut end = suf.end;
    if let Some((e, q)) = read_trailing(cs, end) {
        // A bound after the unit says more than 达/共 before the number.
        end = e;
        qualifier = Some(q);
    }
    Figure {
        start: prefix.map_or(start, |p| p.0),
        end,
        value: num.value,
        unit: suf.unit,
        qualifier,
        range_upper: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    /// (text, value, unit, qualifier) of every figure in `s`.
    fn scan(s: &str) -> Vec<(String, f64, String, Option<Qualifier>)> {
        let cs: Vec<char> = s.chars().collect();
        figures(&cs)
            .into_iter()
            .map(|f| {
                let text: String = cs[f.start..f.end].iter().collect();
                (text, f.value, f.unit, f.qualifier)
            })
            .collect()
    }

    fn one(
        text: &str,
        value: f64,
        unit: &str,
        q: Option<Qualifier>,
    ) -> (String, f64, String, Option<Qualifier>) {
        (text.to_string(), value, unit.to_string(), q)
    }

    #[test]
    fn plain_count() {
        assert_eq!(
            scan("收到行政复议申请33件"),
            vec![one("33件", 33.0, "件", None)]
        );
    }

    #[test]
    fn longest_unit_wins() {
        assert_eq!(
            scan("解答5000人次"),
            vec![one("5000人次", 5000.0, "人次", None)]
        );
        assert_eq!(
            scan("调处1626件次"),
            vec![one("1626件次", 1626.0, "件次", None)]
        );
        assert_eq!(
            scan("培训100场次"),
            vec![one("100场次", 100.0, "场次", None)]
        );
        assert_eq!(scan("活动3场,"), vec![one("3场", 3.0, "场", None)]);
        assert_eq!(scan("时限6个月"), vec![one("6个月", 6.0, "个月", None)]);
    }

    #[test]
    fn over_after_the_number() {
        assert_eq!(
            scan("文件280余件"),
            vec![one("280余件", 280.0, "件", Some(Over))]
        );
        assert_eq!(
            scan("咨询5000余人次"),
            vec![one("5000余人次", 5000.0, "人次", Some(Over))]
        );
        assert_eq!(
            scan("调解200多件"),
            vec![one("200多件", 200.0, "件", Some(Over))]
        );
    }

    #[test]
    fn hedges_before_the_number() {
        assert_eq!(
            scan("文件近200件"),
            vec![one("近200件", 200.0, "件", Some(Nearly))]
        );
        assert_eq!(scan("约30人"), vec![one("约30人", 30.0, "人", Some(About))]);
        assert_eq!(
            scan("率达95%"),
            vec![one("达95%", 95.0, "%", Some(Reaches))]
        );
        assert_eq!(
            scan("率达到95%"),
            vec![one("达到95%", 95.0, "%", Some(Reaches))]
        );
        assert_eq!(
            scan("清单共193项"),
            vec![one("共193项", 193.0, "项", Some(Total))]
        );
        assert_eq!(
            scan("共计12件"),
            vec![one("共计12件", 12.0, "件", Some(Total))]
        );
        assert_eq!(
            scan("累计12件"),
            vec![one("累计12件", 12.0, "件", Some(Total))]
        );
        assert_eq!(
            scan("超过30家"),
            vec![one("超过30家", 30.0, "家", Some(Exceeds))]
        );
        assert_eq!(
            scan("逾30家"),
            vec![one("逾30家", 30.0, "家", Some(Exceeds))]
        );
    }

    #[test]
    fn hedge_words_that_are_part_of_other_words() {
        assert_eq!(scan("送达3件"), vec![one("3件", 3.0, "件", None)]);
        assert_eq!(scan("最近3次"), vec![one("3次", 3.0, "次", None)]);
        assert_eq!(scan("预约5人"), vec![one("5人", 5.0, "人", None)]);
        assert_eq!(scan("公共3处"), vec![one("3处", 3.0, "处", None)]);
    }

    #[test]
    fn a_far_hedge_is_not_the_figures() {
        assert_eq!(
            scan("共开展法治培训100场次"),
            vec![one("100场次", 100.0, "场次", None)]
        );
    }

    #[test]
    fn trailing_bounds() {
        assert_eq!(
            scan("满意度达95%以上"),
            vec![one("达95%以上", 95.0, "%", Some(Exceeds))]
        );
        assert_eq!(
            scan("100件左右"),
            vec![one("100件左右", 100.0, "件", Some(About))]
        );
    }

    #[test]
    fn percentages_and_decimals() {
        assert_eq!(scan("调解率100%,"), vec![one("100%", 100.0, "%", None)]);
        assert_eq!(
            scan("应诉率为82.14%"),
            vec![one("82.14%", 82.14, "%", None)]
        );
        assert_eq!(scan("增长12.4％"), vec![one("12.4％", 12.4, "％", None)]);
        assert_eq!(scan("“12.4”"), vec![]);
    }

    #[test]
    fn thousands_and_full_width() {
        assert_eq!(
            scan("信息12,340余条"),
            vec![one("12,340余条", 12340.0, "条", Some(Over))]
        );
        assert_eq!(scan("１２３件"), vec![one("１２３件", 123.0, "件", None)]);
        assert_eq!(
            scan("８２．１４％"),
            vec![one("８２．１４％", 82.14, "％", None)]
        );
        // A clause comma after a year is no thousands separator.
        assert_eq!(scan("2022,100家"), vec![one("100家", 100.0, "家", None)]);
    }

    #[test]
    fn magnitudes() {
        assert_eq!(
            scan("资金12.5万元"),
            vec![one("12.5万元", 12.5, "万元", None)]
        );
        assert_eq!(
            scan("群众10余万人"),
            vec![one("10余万人", 10.0, "万人", Some(Over))]
        );
        assert_eq!(
            scan("群众1万余人"),
            vec![one("1万余人", 1.0, "万人", Some(Over))]
        );
        assert_eq!(scan("人口5万,"), vec![one("5万", 5.0, "万", None)]);
    }

    #[test]
    fn dates_are_not_figures() {
        assert_eq!(scan("2022年,我县"), vec![]);
        assert_eq!(scan("2023年2月27日"), vec![]);
        assert_eq!(scan("于2022年7月份率先"), vec![]);
        assert_eq!(scan("于2022年12月份召开"), vec![]);
        assert_eq!(scan("时间:2023-03-07"), vec![]);
        assert_eq!(scan("2023.3.7召开"), vec![]);
        assert_eq!(scan("2025年03月28日"), vec![]);
        assert_eq!(scan("近3年"), vec![]);
    }

    #[test]
    fn date_ranges_are_not_figures() {
        assert_eq!(scan("规划(2022-2025年)"), vec![]);
        assert_eq!(scan("2022—2025年"), vec![]);
        assert_eq!(scan("1至6月"), vec![]);
    }

    #[test]
    fn count_ranges_give_both_ends() {
        let both = |t: &str| {
            let cs: Vec<char> = t.chars().collect();
            figures(&cs)
        };
        for s in [
            "10-20件",
            "10—20件",
            "10―20件",
            "10～20件",
            "10至20件",
            "10——20件",
        ] {
            let got = both(s);
            assert_eq!(got.len(), 2, "{s}");
            assert_eq!((got[0].value, got[0].unit.as_str()), (10.0, "件"), "{s}");
            assert_eq!((got[1].value, got[1].unit.as_str()), (20.0, "件"), "{s}");
            assert_eq!(got[0].range_upper, Some(1));
            assert_eq!((got[0].start, got[0].end), (0, 2));
        }
        assert_eq!(scan("压缩至3天"), vec![one("3天", 3.0, "天", None)]);
        assert_eq!(
            scan("由10天压缩至3天"),
            vec![one("10天", 10.0, "天", None), one("3天", 3.0, "天", None)]
        );
    }

    #[test]
    fn ordinals_and_titles_are_not_figures() {
        assert_eq!(scan("第3次会议"), vec![]);
        assert_eq!(scan("第1名"), vec![]);
        assert_eq!(scan("第1-3名"), vec![]);
        assert_eq!(scan("印发《2022年度100项任务》"), vec![]);
        assert_eq!(
            scan("《办法》共10条"),
            vec![one("共10条", 10.0, "条", Some(Total))]
        );
    }

    #[test]
    fn chinese_numerals_and_bare_numbers_are_skipped() {
        assert_eq!(scan("第三次会议,一张表单,百项事项"), vec![]);
        assert_eq!(scan("12345热线"), vec![]);
        assert_eq!(scan("5G基站,G20峰会,v1.2版"), vec![]);
    }

    #[test]
    fn identifiers_are_not_figures() {
        assert_eq!(scan("1234567890123456件"), vec![]);
        assert_eq!(scan("20000000000001.401件"), vec![]);
        assert_eq!(scan("123456789012345件").len(), 1);
    }
}
