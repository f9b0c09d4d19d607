//! A short human label for each figure, made from the words of its own clause.
//!
//! The rule, in the order it is tried:
//! 1. *Before*: the words between the clause start (or the previous figure) and the figure, with a
//!    leading date dropped, "各类"/"所有" and quote and title marks deleted, and everything up to
//!    the last filler verb (收到, 开展, 发布, 办理, 参与, 解答, 起草, 审查, 提供, …) cut off:
//!    "收到行政复议申请33件" -> "行政复议申请". Leading subject words (全县, 我县, 全年, 其中, 已,
//!    有, …) are stripped. When what is left after the verb is shorter than three chars the verb
//!    stays ("县政府网站发布信息" rather than "信息").
//! 2. *After*: a count unit is a measure word, and in "2142个政务服务事项" the thing counted
//!    follows it; those words (up to a verb or adverb such as 均, 全部, 进行) are appended
//!    ("乡镇级" + "服务事项").
//! 3. When both are empty: the rest of the clause ("有1件正在审理" -> "正在审理"), else the bare
//!    verb before the figure ("其中受理25件" -> "受理").
//!
//! 4. A label never cuts a bracket: a figure inside "（其中转送10宗）" takes its words from inside
//!    the brackets, and a bracket group is kept whole or left out.
//! 5. A label too thin to name anything (fewer than two Han characters: "村", "事") takes the
//!    words that say what the counted things did ("村成功创建省级民主法治示范村(社区)"), else
//!    keeps its verb ("涉及事"); a label never has a digit and is never the figure's own text.
//!
//! Labels only ever contain chars of their sentence; the caller adds " · " for a part of a total.

use super::scan::{is_digit, starts_with as at, Figure};
use super::Breaks;

/// Where a label's clause ends; "、" too, since list members are counted separately.
pub(super) const CLAUSE_ENDS: &[char] = &[
    '，', ',', '；', ';', '。', '：', ':', '！', '!', '？', '?', '、',
];

/// A quoted name is one word: "、" inside “双随机、一公开” does not end a clause. Quotes that do
/// not close within this many chars (or before a sentence ends) are not taken as a name.
const MAX_QUOTED: usize = 24;

/// The clauses of `cs` a label is taken from: split at [`CLAUSE_ENDS`], except inside 《…》
/// (`titled`) and inside a short “…” name.
pub(super) fn clauses(cs: &[char], titled: &[bool]) -> Breaks {
    let mut inside = titled.to_vec();
    let mut k = 0;
    while k < cs.len() {
        let close = (cs[k] == '“')
            .then(|| {
                cs[k + 1..]
                    .iter()
                    .take(MAX_QUOTED)
                    .take_while(|c| !matches!(c, '。' | '；' | '！' | '？' | '“'))
                    .position(|&c| c == '”')
            })
            .flatten();
        match close {
            Some(n) => {
                inside[k..=k + n + 1].iter_mut().for_each(|b| *b = true);
                k += n + 2;
            }
            None => k += 1,
        }
    }
    Breaks::new(cs, &inside, CLAUSE_ENDS)
}

/// Verbs (and "等", which closes a list) after which the counted thing is named; only
/// multi-char words, because one char such as "有" is too often part of another word ("有效").
const FILLERS: &[&str] = &[
    "排查调处",
    "梳理出",
    "收到",
    "开展",
    "发布",
    "办理",
    "参与",
    "解答",
    "起草",
    "审查",
    "提供",
    "审核",
    "公示",
    "备案",
    "报送",
    "汇总",
    "梳理",
    "举办",
    "组织",
    "召开",
    "调处",
    "排查",
    "选聘",
    "确立",
    "担任",
    "涉及",
    "受理",
    "接待",
    "印发",
    "出台",
    "制定",
    "查处",
    "作出",
    "等",
];

/// Subject and adverb words that say nothing about what is counted.
const LEADING: &[&str] = &[
    "其中", "全县", "我县", "全市", "全省", "全区", "全镇", "全年", "目前", "现有", "当年", "年内",
    "同时", "累计", "共计", "共有", "已经", "已", "有", "共", "对", "向", "了", "的",
];

/// Words that start with a one-char leading word but are not it ("有效投诉", "对外公开").
const KEEP_LEADING: &[&str] = &[
    "有效", "有关", "有序", "有力", "对外", "对口", "对接", "向上", "共享", "共建", "共同", "了解",
    "的确",
];

/// Words that only pad the noun.
const DELETED: &[&str] = &["各类", "所有"];
const DELETED_CHARS: &[char] = &[
    '“', '”', '"', '‘', '’', '\'', '《', '》', '〈', '〉', '「', '」',
];

/// Words that end the clause's subject right before a figure ("出庭应诉率为82.14%").
const TRAILING: &[&str] = &["为", "是", "了", "有"];

/// Words that end in a trailing word but are not it ("违法行为100起", "现有100家").
const KEEP_TRAILING: &[&str] = &[
    "行为", "作为", "认为", "成为", "视为", "称为", "更为", "改为", "因为", "以为", "有为", "拥有",
    "没有", "具有", "享有", "含有", "共有", "所有", "还有", "现有", "特有", "固有", "占有",
];

/// Date words left after a year or month in the words before a figure.
const DATE_WORDS: &[&str] = &[
    "年以来",
    "年度",
    "年底",
    "年初",
    "年末",
    "以来",
    "月份",
    "季度",
    "年",
    "月",
    "日",
    "号",
];

/// Where the thing counted after a measure word ends: a verb or an adverb.
const AFTER_STOPS: &[&str] = &[
    "全部", "均", "正在", "已", "被", "在", "经", "成功", "依法", "担任", "参加", "进行", "实现",
    "为", "是", "将", "并", "都", "共", "运营", "得到", "完成", "纳入", "建立", "通过", "参与",
    "开展",
];
/// Stops that only end a noun already begun ("事项中", not "中心").
const AFTER_STOPS_INNER: &[&str] = &["中", "的"];

const MAX_LABEL: usize = 16;
/// How long a thin label may grow when it takes the words after it.
const MAX_EXTENDED: usize = 20;
const MAX_AFTER: usize = 10;
/// A label shorter than this after cutting at a verb is too thin ("信息"); keep the verb.
const MIN_TAIL: usize = 3;

/// The label of a figure, and the short form used as the prefix of its parts' labels.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub own: String,
    pub short: String,
}

/// Drops everything up to a leftover number (a date, an ordinal) and its date words.
fn after_date(s: &[char]) -> &[char] {
    let Some(last) = s.iter().rposition(|c| is_digit(*c)) else {
        return s;
    };
    let mut k = last + 1;
    'words: loop {
        for w in DATE_WORDS {
            if at(s, k, w) {
                k += w.chars().count();
                continue 'words;
            }
        }
        break;
    }
    &s[k.min(s.len())..]
}

fn clean(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut k = 0;
    'chars: while k < s.len() {
        for w in DELETED {
            if at(s, k, w) {
                k += w.chars().count();
                continue 'chars;
            }
        }
        if !DELETED_CHARS.contains(&s[k]) {
            out.push(s[k]);
        }
        k += 1;
    }
    out
}

fn strip_leading(mut s: &[char]) -> &[char] {
    'again: loop {
        if KEEP_LEADING.iter().any(|w| at(s, 0, w)) {
            return s;
        }
        for w in LEADING {
            let n = w.chars().count();
            if s.len() >= n && at(s, 0, w) {
                s = &s[n..];
                continue 'again;
            }
        }
        return s;
    }
}

fn ends_with(s: &[char], word: &str) -> bool {
    let n = word.chars().count();
    s.len() >= n && at(s, s.len() - n, word)
}

fn strip_trailing(mut s: &[char]) -> &[char] {
    'again: loop {
        if KEEP_TRAILING.iter().any(|w| ends_with(s, w)) {
            return s;
        }
        for w in TRAILING {
            if ends_with(s, w) {
                s = &s[..s.len() - w.chars().count()];
                continue 'again;
            }
        }
        return s;
    }
}

/// What follows the last filler verb, if there is one.
fn after_last_filler(s: &[char]) -> Option<&[char]> {
    let mut cut = None;
    for k in 0..s.len() {
        for w in FILLERS {
            if at(s, k, w) {
                let e = k + w.chars().count();
                cut = Some(cut.map_or(e, |c: usize| c.max(e)));
            }
        }
    }
    cut.map(|c| &s[c..])
}

/// The words before the figure: (label part, the part after the last verb).
fn before_words(s: &[char]) -> (Vec<char>, Vec<char>) {
    let s = clean(after_date(s));
    let s = strip_trailing(&s);
    let whole = strip_leading(s).to_vec();
    let tail = strip_leading(after_last_filler(s).unwrap_or(s)).to_vec();
    let part = if tail.len() >= MIN_TAIL || tail.is_empty() {
        tail.clone()
    } else {
        whole
    };
    (part, tail)
}

/// The thing counted right after a measure word, up to a verb or adverb.
fn after_words(s: &[char]) -> Vec<char> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < s.len() && out.len() < MAX_AFTER {
        let c = s[k];
        if is_digit(c) || c.is_ascii_alphanumeric() || c.is_whitespace() {
            break;
        }
        if AFTER_STOPS.iter().any(|w| at(s, k, w))
            || (k > 0 && AFTER_STOPS_INNER.iter().any(|w| at(s, k, w)))
        {
            break;
        }
        out.push(c);
        k += 1;
    }
    clean(&out)
}

fn last_chars(s: &[char], n: usize) -> &[char] {
    &s[s.len().saturating_sub(n)..]
}

/// Where a word ends inside a noun phrase: a label may start after one of these.
const WORD_ENDS: &[char] = &['的', '和', '及', '与', '、'];
/// How far past its limit a label is kept whole rather than cut.
const SLACK: usize = 4;

/// The last words of `s`, about `n` chars, never starting inside a word: all of `s` when it is
/// at most [`SLACK`] chars too long ("行政机关作为被告的一审行政诉讼案件"), else from after the
/// first [`WORD_ENDS`] char in the last `n` ("……作为被告的一审行政诉讼案件" -> "一审行政诉讼案件"),
/// and only when the phrase has no such place, its last `n` chars.
fn last_words(s: &[char], n: usize) -> &[char] {
    if s.len() <= n + SLACK {
        return s;
    }
    let from = s.len() - n;
    (from..s.len())
        .find(|&i| WORD_ENDS.contains(&s[i - 1]) && s.len() - i >= MIN_TAIL)
        .map_or_else(|| last_chars(s, n), |i| &s[i..])
}

const OPEN: &[char] = &['（', '('];
const CLOSE: &[char] = &['）', ')'];

/// The words before a figure that stand outside any bracket the figure is in: after an opening
/// bracket not closed before the figure ("（其中转送" -> "其中转送"), and after a closing bracket
/// whose opening lies before the words.
fn balanced_before(s: &[char]) -> &[char] {
    let mut open = Vec::new();
    let mut cut = 0;
    for (k, c) in s.iter().enumerate() {
        if OPEN.contains(c) {
            open.push(k);
        } else if CLOSE.contains(c) && open.pop().is_none() {
            cut = k + 1;
        }
    }
    if let Some(&k) = open.last() {
        cut = cut.max(k + 1);
    }
    &s[cut..]
}

/// The words after a figure up to a closing bracket it stands inside, or an opening bracket not
/// closed in them.
fn balanced_after(s: &[char]) -> &[char] {
    let mut open = Vec::new();
    for (k, c) in s.iter().enumerate() {
        if OPEN.contains(c) {
            open.push(k);
        } else if CLOSE.contains(c) && open.pop().is_none() {
            return &s[..k];
        }
    }
    open.first().map_or(s, |&k| &s[..k])
}

/// A finished label without a bracket it cut: leading words up to an unmatched closing
/// bracket, and trailing words from an unmatched opening one, are dropped.
fn trim_unbalanced(s: &[char]) -> &[char] {
    let mut open = Vec::new();
    let mut start = 0;
    for (k, c) in s.iter().enumerate() {
        if OPEN.contains(c) {
            open.push(k);
        } else if CLOSE.contains(c) && open.pop().is_none() {
            start = k + 1;
        }
    }
    let end = open.into_iter().find(|&k| k >= start).unwrap_or(s.len());
    &s[start..end]
}

pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2EBEF}')
}

/// Too thin to name what is counted: fewer than two Han characters.
pub(super) fn is_thin(s: &[char]) -> bool {
    s.iter().filter(|c| is_han(**c)).count() < 2
}

/// The first `n` chars of `s`, not cutting a bracket group.
fn first_chars(s: &[char], n: usize) -> &[char] {
    trim_unbalanced(&s[..s.len().min(n)])
}

/// The nearest words before `at` in its sentence, for a figure whose clause says nothing else:
/// up to [`MAX_AFTER`] chars of Han text, skipping figures and punctuation on the way back.
fn words_back(cs: &[char], at: usize) -> Vec<char> {
    let ends = ['。', '；', ';', '！', '？'];
    let mut k = at;
    while k > 0 && !is_han(cs[k - 1]) && !ends.contains(&cs[k - 1]) {
        k -= 1;
    }
    let end = k;
    while k > 0 && is_han(cs[k - 1]) && end - k < MAX_AFTER {
        k -= 1;
    }
    cs[k..end].to_vec()
}

/// A label that names nothing (too thin, or with a digit) made from more of its sentence:
/// what the counted things did ("6个村成功创建…"), else the verb before them ("涉及30件事"),
/// else the nearest words back; and never a cut bracket. "未说明" when the sentence has no words
/// for it, rather than the figure's own text.
fn thicken(
    mut own: Vec<char>,
    noun: &[char],
    before: &[char],
    after: &[char],
    back: impl FnOnce() -> Vec<char>,
) -> Vec<char> {
    let weak = |s: &[char]| is_thin(s) || s.iter().any(|c| is_digit(*c));
    if weak(&own) && !noun.is_empty() {
        let rest = clean(after);
        let extended = first_chars(&rest, MAX_EXTENDED);
        if !weak(extended) {
            own = extended.to_vec();
        }
    }
    if weak(&own) {
        let s = clean(after_date(before));
        let mut with_verb = last_words(strip_leading(strip_trailing(&s)), MAX_LABEL).to_vec();
        with_verb.extend(noun);
        if !weak(&with_verb) {
            own = with_verb;
        }
    }
    if weak(&own) {
        own = back();
    }
    let own = trim_unbalanced(&own);
    if own.is_empty() {
        "未说明".chars().collect()
    } else {
        own.to_vec()
    }
}

/// The label of figure `idx` of `figs` in `cs`.
/// `clauses` holds the clause ends of `cs`, outside 《…》 (whose commas do not end a clause).
pub(super) fn label(cs: &[char], clauses: &Breaks, figs: &[Figure], idx: usize) -> Label {
    // A range's ends are one figure for the label: the upper end takes the lower end's.
    if let Some(lower) = idx
        .checked_sub(1)
        .filter(|&l| figs[l].range_upper == Some(idx))
    {
        return label(cs, clauses, figs, lower);
    }
    let fig = &figs[idx];
    let end = fig
        .range_upper
        .and_then(|u| figs.get(u))
        .map_or(fig.end, |u| u.end);
    // From outside the figure: "12,340" holds a comma.
    let (cl_start, cl_end) = clauses.around(fig.start, end);
    let prev_end = idx
        .checked_sub(1)
        .map(|p| figs[p].end)
        .filter(|&e| e <= fig.start)
        .unwrap_or(0);
    let next_start = figs[idx + 1..]
        .iter()
        .map(|f| f.start)
        .find(|&s| s >= end)
        .unwrap_or(cs.len());
    let before = balanced_before(&cs[cl_start.max(prev_end).min(fig.start)..fig.start]);
    let after = balanced_after(&cs[end..cl_end.min(next_start).max(end)]);

    let (part, tail) = before_words(before);
    let measure = !matches!(fig.unit.as_str(), "%" | "％" | "‰");
    let noun = if measure {
        after_words(after)
    } else {
        Vec::new()
    };
    let mut own: Vec<char> = last_words(&part, MAX_LABEL.saturating_sub(noun.len())).to_vec();
    own.extend(&noun);
    if own.is_empty() {
        own = clean(strip_leading(&after[..after.len().min(MAX_AFTER)]));
    }
    if own.is_empty() {
        let s = clean(after_date(before));
        own = last_words(strip_leading(strip_trailing(&s)), MAX_LABEL).to_vec();
    }
    let own: String = thicken(own, &noun, before, after, || words_back(cs, fig.start))
        .into_iter()
        .collect();
    let short = if tail.is_empty() {
        own.clone()
    } else {
        last_words(&tail, MAX_AFTER).iter().collect()
    };
    Label { own, short }
}

#[cfg(test)]
mod tests {
    use super::super::scan::{figures, in_title_marks};
    use super::*;

    /// The own labels of every figure in `s`.
    fn labels(s: &str) -> Vec<String> {
        let cs: Vec<char> = s.chars().collect();
        let clauses = clauses(&cs, &in_title_marks(&cs));
        let figs = figures(&cs);
        (0..figs.len())
            .map(|i| label(&cs, &clauses, &figs, i).own)
            .collect()
    }

    #[test]
    fn verb_before_the_object_is_cut() {
        assert_eq!(labels("2022年以来,收到行政复议申请33件,"), ["行政复议申请"]);
        assert_eq!(
            labels("全县村居法律顾问共开展法治培训100场次,"),
            ["法治培训"]
        );
        assert_eq!(
            labels("参与民事调解200余件,解答法律咨询5000余人次,"),
            ["民事调解", "法律咨询"]
        );
    }

    #[test]
    fn rates_keep_their_name() {
        assert_eq!(
            labels("调解率100%,调解成功率达98%,"),
            ["调解率", "调解成功率"]
        );
        assert_eq!(
            labels("行政机关负责人出庭应诉率为82.14%,"),
            ["行政机关负责人出庭应诉率"]
        );
    }

    #[test]
    fn a_bare_verb_is_the_label() {
        assert_eq!(
            labels("其中受理25件,不予受理8件,已办结24件"),
            ["受理", "不予受理", "办结"]
        );
        assert_eq!(labels("调解成功1590件,"), ["调解成功"]);
    }

    #[test]
    fn the_counted_thing_after_a_measure_word() {
        assert_eq!(
            labels("全县2142个政务服务事项中“网上办”事项2142项,"),
            ["政务服务事项", "政务服务事项中网上办事项"]
        );
        assert_eq!(labels("乡镇级154项服务事项,"), ["乡镇级服务事项"]);
        assert_eq!(
            labels("选聘10名行政执法特约监督员,"),
            ["行政执法特约监督员"]
        );
        assert_eq!(labels("24家单位均完成了"), ["单位"]);
    }

    #[test]
    fn words_that_only_look_like_fillers_stay() {
        assert_eq!(labels("在线办理事项100件,"), ["在线办理事项"]);
        assert_eq!(labels("查处违法行为100起,"), ["违法行为"]);
        assert_eq!(labels("有效投诉30件,"), ["有效投诉"]);
        assert_eq!(labels("对外公开信息30条,"), ["对外公开信息"]);
    }

    #[test]
    fn the_rest_of_the_clause_when_nothing_else() {
        assert_eq!(labels("有1件正在审理。"), ["正在审理"]);
    }

    #[test]
    fn a_thin_tail_keeps_its_verb() {
        assert_eq!(
            labels("县政府网站发布各类信息12340余条,"),
            ["县政府网站发布信息"]
        );
        assert_eq!(labels("留言办理事项178件;"), ["留言办理事项"]);
    }

    #[test]
    fn titles_and_dates_are_trimmed() {
        assert_eq!(
            labels("梳理出《商城县“一件事一次办”清单》共193项,"),
            ["商城县一件事一次办清单"]
        );
        assert_eq!(
            labels("2022年共汇总“一件事一次办”案例704个,"),
            ["一件事一次办案例"]
        );
    }

    #[test]
    fn a_range_shares_one_label() {
        assert_eq!(labels("开展培训10—20场,"), ["开展培训", "开展培训"]);
    }

    #[test]
    fn labels_stay_short() {
        let long = "县人民政府办公室会同县发展和改革委员会及县财政局等部门联合印发文件12件";
        assert!(labels(long)[0].chars().count() <= MAX_LABEL + SLACK);
    }

    #[test]
    fn a_quoted_name_is_one_word() {
        assert_eq!(
            labels("开展“双随机、一公开”联合抽查86次，"),
            ["双随机、一公开联合抽查"]
        );
        // An unclosed quote does not swallow the clause ends after it.
        assert_eq!(labels("开展“双随机、抽查86次，"), ["抽查"]);
    }

    #[test]
    fn labels_never_start_inside_a_word() {
        let got = labels("全县行政机关作为被告的一审行政诉讼案件38件，其中胜诉29件。");
        assert_eq!(got[0], "行政机关作为被告的一审行政诉讼案件");
        // The short form that prefixes the parts' labels.
        let tail: Vec<char> = "行政机关作为被告的一审行政诉讼案件".chars().collect();
        let short: String = last_words(&tail, MAX_AFTER).iter().collect();
        assert_eq!(short, "一审行政诉讼案件");
        let long = "县人民政府办公室会同县发展和改革委员会及县财政局等部门联合印发文件12件";
        assert_eq!(labels(long), ["县财政局等部门联合印发文件"]);
    }
}
