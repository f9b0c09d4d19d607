//! The arithmetic the text states: a total followed by "其中" parts, and a rate next to the counts
//! it was computed from. Works from the finished facts so that it can be rerun on any report.

use super::Breaks;
// One formatter and one list of sentence ends for the whole crate (see `format`, `sentence`).
use crate::format::number as num;
use crate::model::{Fact, Outcome, Qualifier, Relation};
pub(super) use crate::sentence::SENTENCE_ENDS;

/// How far 余/近/约/超过 may move a figure: a tenth of it. "280余件" is read as 280 to 308,
/// "近200件" as 180 to 200, "约50人" as 45 to 55.
pub(super) const TOLERANCE: f64 = 0.10;
/// A rate that misses the recomputed one by at most this many percentage points is `Approx`.
pub(super) const RATE_POINTS: f64 = 1.0;

/// The position and unit of a figure, all the grouping needs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span<'a> {
    pub start: usize,
    pub end: usize,
    pub unit: &'a str,
}

/// A total and the parts that a "其中" after it lists, as indices into the spans.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group {
    pub total: usize,
    pub parts: Vec<usize>,
    /// The "其中" stands in brackets ("103宗（其中转送10宗、不予受理1宗）"): the parts single
    /// some out, they do not claim to add up to the total.
    pub partial: bool,
}

/// Where the bracket open at `q` closes, if `q` stands inside one opened since `from`.
fn bracket_close(cs: &[char], from: usize, q: usize) -> Option<usize> {
    let open = cs[from..q].iter().fold(0i32, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => (d - 1).max(0),
        _ => d,
    });
    if open == 0 {
        return None;
    }
    let mut depth = 0;
    (q..cs.len()).find(|&k| match cs[k] {
        '（' | '(' => {
            depth += 1;
            false
        }
        '）' | ')' if depth == 0 => true,
        '）' | ')' => {
            depth -= 1;
            false
        }
        _ => false,
    })
}

/// Every "其中" with a figure before it in its sentence: that figure is the total, and the
/// figures after it with the same unit, up to the sentence end, the next "其中" or the bracket
/// the "其中" stands in, are its parts.
pub(super) fn groups(
    cs: &[char],
    titled: &[bool],
    sentences: &Breaks,
    spans: &[Span<'_>],
) -> Vec<Group> {
    let mut out = Vec::new();
    let marks: Vec<usize> = (0..cs.len().saturating_sub(1))
        .filter(|&k| cs[k] == '其' && cs[k + 1] == '中' && !titled[k])
        .collect();
    for (m, &q) in marks.iter().enumerate() {
        let (s, e) = sentences.around(q, q);
        let stop = marks.get(m + 1).copied().filter(|&n| n < e).unwrap_or(e);
        let close = bracket_close(cs, s, q);
        let stop = close.map_or(stop, |c| c.min(stop));
        let Some(total) = spans.iter().rposition(|f| f.end <= q && f.start >= s) else {
            continue;
        };
        let parts: Vec<usize> = (0..spans.len())
            .filter(|&p| {
                let f = &spans[p];
                f.start >= q && f.end <= stop && f.unit == spans[total].unit
            })
            .collect();
        if !parts.is_empty() {
            let partial = close.is_some();
            out.push(Group {
                total,
                parts,
                partial,
            });
        }
    }
    out
}

/// A check before it gets its id, with facts named by their index in the slice it was given.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub relation: Relation,
    pub total: usize,
    pub parts: Vec<usize>,
    pub outcome: Outcome,
    pub detail: String,
}

fn hedged(f: &Fact) -> bool {
    f.qualifier.is_some_and(Qualifier::is_approximate)
}

/// The values a figure may stand for, given its hedge.
fn interval(f: &Fact) -> (f64, f64) {
    let v = f.value;
    match f.qualifier {
        Some(Qualifier::Over | Qualifier::Exceeds) => (v, v * (1.0 + TOLERANCE)),
        Some(Qualifier::Nearly) => (v * (1.0 - TOLERANCE), v),
        Some(Qualifier::About) => (v * (1.0 - TOLERANCE), v * (1.0 + TOLERANCE)),
        _ => (v, v),
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A figure in a detail line with its hedge: "280余", "近200", "约50", "超过30".
fn shown(f: &Fact) -> String {
    crate::format::term(f.value, f.qualifier)
}

/// Whether `terms` add up to `total`, and the arithmetic spelled out.
fn judge_sum(total: &Fact, terms: &[&Fact]) -> (Outcome, String) {
    let sum: f64 = terms.iter().map(|f| f.value).sum();
    let exact = !hedged(total) && !terms.iter().any(|f| hedged(f));
    let (lo, hi) = terms
        .iter()
        .map(|f| interval(f))
        .fold((0.0, 0.0), |(a, b), (l, h)| (a + l, b + h));
    let (tlo, thi) = interval(total);
    let eps = 1e-9 * thi.abs().max(1.0);
    let written = terms
        .iter()
        .map(|f| shown(f))
        .collect::<Vec<_>>()
        .join(" + ");
    let outcome = if exact && same(sum, total.value) {
        Outcome::Holds
    } else if !exact && lo <= thi + eps && tlo <= hi + eps {
        Outcome::Approx
    } else {
        Outcome::Fails
    };
    let detail = match (outcome, exact) {
        (Outcome::Holds, _) => format!("{written} = {}", shown(total)),
        (Outcome::Approx, _) => format!(
            "{written} ≈ {} ({} vs {})",
            shown(total),
            num(sum),
            num(total.value)
        ),
        (Outcome::Fails, true) => format!("{written} = {} ≠ {}", num(sum), shown(total)),
        (Outcome::Fails, false) => format!(
            "{written} ≠ {} ({} vs {})",
            shown(total),
            num(sum),
            num(total.value)
        ),
    };
    (outcome, detail)
}

/// The sums a group states. Parts are taken in order as consecutive runs of at least two; a run
/// closes at the first length that adds up (exactly or within the hedges) to the group's total or
/// to an earlier part ("受理25件，不予受理8件，已办结24件，有1件正在审理": 25 + 8 = 33, then
/// 24 + 1 = 25). When no run from the first part adds up, the prefix whose sum comes nearest the
/// total is recorded as failing; later parts that add up to nothing are left alone, because
/// which figure they were meant to sum to cannot be told.
/// A partial group (in brackets) states no sum.
pub(super) fn sums(facts: &[&Fact], group: &Group) -> Vec<Found> {
    if group.partial {
        return Vec::new();
    }
    let total = facts[group.total];
    let parts: Vec<&Fact> = group.parts.iter().map(|&p| facts[p]).collect();
    let n = parts.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        let mut found = None;
        'runs: for j in i + 1..n {
            let terms = &parts[i..=j];
            let candidates =
                std::iter::once(group.total).chain(group.parts[..i].iter().rev().copied());
            for c in candidates {
                let (outcome, detail) = judge_sum(facts[c], terms);
                if outcome != Outcome::Fails {
                    found = Some((j, c, outcome, detail));
                    break 'runs;
                }
            }
        }
        match found {
            Some((j, c, outcome, detail)) => {
                out.push(Found {
                    relation: Relation::Sum,
                    total: c,
                    parts: group.parts[i..=j].to_vec(),
                    outcome,
                    detail,
                });
                i = j + 1;
            }
            None if i == 0 => {
                let miss = |j: usize| {
                    let s: f64 = parts[..=j].iter().map(|f| f.value).sum();
                    (s - total.value).abs()
                };
                let m = (1..n)
                    .min_by(|&a, &b| miss(a).total_cmp(&miss(b)))
                    .unwrap_or(1);
                let (outcome, detail) = judge_sum(total, &parts[..=m]);
                out.push(Found {
                    relation: Relation::Sum,
                    total: group.total,
                    parts: group.parts[..=m].to_vec(),
                    outcome,
                    detail,
                });
                i = m + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn is_percent(f: &Fact) -> bool {
    matches!(f.unit.as_str(), "%" | "％")
}

/// The label a fact has of its own, without the total's prefix.
fn own_label(f: &Fact) -> &str {
    f.label.rsplit(" · ").next().unwrap_or(&f.label)
}

/// Digits after the decimal point as written: the precision a rate is stated to.
fn decimals(text: &str) -> i32 {
    let mut it = text.chars().skip_while(|c| !matches!(c, '.' | '．'));
    if it.next().is_none() {
        return 0;
    }
    it.take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count() as i32
}

/// A rate whose name is a count's label plus "率" ("调解成功率" after "调解成功1590件"), with
/// the nearest larger count before that one in the sentence as the base (1626件次 of
/// "排查调处各类矛盾纠纷"). A rate without a named count ("调解率100%") is not checked.
/// `sentence_of[i]` is the sentence of fact `i`.
pub(super) fn rates(facts: &[&Fact], sentence_of: &[usize]) -> Vec<Found> {
    let mut out = Vec::new();
    for (r, rate) in facts.iter().enumerate() {
        let name = own_label(rate);
        let Some(stem) = name.strip_suffix('率').filter(|s| s.chars().count() >= 2) else {
            continue;
        };
        if !is_percent(rate) {
            continue;
        }
        // Facts come in order, so the sentence's earlier facts are the run just before `r`.
        let same_sentence = |k: &usize| sentence_of[*k] == sentence_of[r];
        let earlier = |k: usize| !is_percent(facts[k]);
        let Some(n) = (0..r)
            .rev()
            .take_while(same_sentence)
            .filter(|&k| earlier(k))
            .find(|&k| {
                let l = own_label(facts[k]);
                l == stem || l.ends_with(stem)
            })
        else {
            continue;
        };
        let Some(d) = (0..n)
            .rev()
            .take_while(same_sentence)
            .filter(|&k| earlier(k))
            .find(|&k| facts[k].value >= facts[n].value && facts[k].value > 0.0)
        else {
            continue;
        };
        let (outcome, detail) = judge_rate(rate, facts[n], facts[d]);
        out.push(Found {
            relation: Relation::Rate,
            total: r,
            parts: vec![n, d],
            outcome,
            detail,
        });
    }
    out
}

fn judge_rate(rate: &Fact, numerator: &Fact, denominator: &Fact) -> (Outcome, String) {
    let computed = numerator.value / denominator.value * 100.0;
    let scale = 10f64.powi(decimals(&rate.text));
    let rounded = (computed * scale).round() / scale;
    let hedged = hedged(rate) || hedged(numerator) || hedged(denominator);
    let outcome = if same(rounded, rate.value) && !hedged {
        Outcome::Holds
    } else if (computed - rate.value).abs() <= RATE_POINTS + 1e-9 {
        Outcome::Approx
    } else {
        Outcome::Fails
    };
    let unit = &rate.unit;
    let (n, d) = (shown(numerator), shown(denominator));
    let detail = if same(computed, rate.value) {
        format!("{n} / {d} = {}{unit}", num(rate.value))
    } else {
        // Two decimals are enough to see why a rate rounds the way it does.
        let exactly = num((computed * 100.0).round() / 100.0);
        let relation = if outcome == Outcome::Fails {
            "≠"
        } else {
            "≈"
        };
        format!(
            "{n} / {d} = {exactly}{unit} {relation} {}{unit}",
            shown(rate)
        )
    };
    (outcome, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn fact(value: f64, unit: &str, q: Option<Qualifier>, label: &str) -> Fact {
        Fact {
            id: String::new(),
            value,
            unit: unit.into(),
            qualifier: q,
            text: String::new(),
            label: label.into(),
            block: "b".into(),
            field: Field::Text,
            start: 0,
            end: 0,
        }
    }

    fn n(v: f64) -> Fact {
        fact(v, "件", None, "")
    }

    fn run(all: &[Fact]) -> Vec<(Vec<usize>, usize, Outcome, String)> {
        let refs: Vec<&Fact> = all.iter().collect();
        let g = Group {
            total: 0,
            parts: (1..all.len()).collect(),
            partial: false,
        };
        sums(&refs, &g)
            .into_iter()
            .map(|f| (f.parts, f.total, f.outcome, f.detail))
            .collect()
    }

    #[test]
    fn a_total_and_two_parts() {
        let got = run(&[n(33.0), n(25.0), n(8.0)]);
        assert_eq!(
            got,
            vec![(vec![1, 2], 0, Outcome::Holds, "25 + 8 = 33".to_string())]
        );
    }

    #[test]
    fn a_second_run_sums_to_an_earlier_part() {
        let got = run(&[n(33.0), n(25.0), n(8.0), n(24.0), n(1.0)]);
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[1].0.clone(), got[1].1, got[1].2),
            (vec![3, 4], 1, Outcome::Holds)
        );
        assert_eq!(got[1].3, "24 + 1 = 25");
    }

    #[test]
    fn a_second_run_sums_to_the_total() {
        let got = run(&[n(60.0), n(27.0), n(26.0), n(7.0), n(54.0), n(6.0)]);
        let shape: Vec<_> = got.iter().map(|g| (g.0.clone(), g.1, g.2)).collect();
        assert_eq!(
            shape,
            vec![
                (vec![1, 2, 3], 0, Outcome::Holds),
                (vec![4, 5], 0, Outcome::Holds)
            ]
        );
    }

    #[test]
    fn hedges_give_approx() {
        use Qualifier::*;
        let all = [
            fact(280.0, "件", Some(Over), ""),
            n(12.0),
            n(65.0),
            fact(30.0, "件", Some(Over), ""),
            fact(200.0, "件", Some(Nearly), ""),
        ];
        let got = run(&all);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, Outcome::Approx);
        assert_eq!(got[0].3, "12 + 65 + 30余 + 近200 ≈ 280余 (307 vs 280)");
    }

    #[test]
    fn hedges_beyond_the_tolerance_fail() {
        use Qualifier::*;
        let all = [
            fact(280.0, "件", Some(Over), ""),
            n(12.0),
            fact(400.0, "件", Some(Nearly), ""),
        ];
        let got = run(&all);
        assert_eq!(got[0].2, Outcome::Fails);
        assert_eq!(got[0].3, "12 + 近400 ≠ 280余 (412 vs 280)");
    }

    #[test]
    fn a_wrong_sum_fails_at_the_nearest_prefix() {
        // 再审 left out: 27 + 26 = 53, then 54 + 6 = 60 still holds.
        let got = run(&[n(60.0), n(27.0), n(26.0), n(54.0), n(6.0)]);
        let shape: Vec<_> = got
            .iter()
            .map(|g| (g.0.clone(), g.2, g.3.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (vec![1, 2], Outcome::Fails, "27 + 26 = 53 ≠ 60".to_string()),
                (vec![3, 4], Outcome::Holds, "54 + 6 = 60".to_string())
            ]
        );
    }

    #[test]
    fn a_single_part_is_no_check() {
        assert_eq!(run(&[n(12340.0), n(8321.0)]), vec![]);
    }

    #[test]
    fn a_rate_that_rounds_to_the_stated_precision_holds() {
        let all = [
            fact(1626.0, "件次", None, "矛盾纠纷"),
            fact(1590.0, "件", None, "调解成功"),
            fact(100.0, "%", None, "调解率"),
            fact(98.0, "%", Some(Qualifier::Reaches), "调解成功率"),
        ];
        let refs: Vec<&Fact> = all.iter().collect();
        let got = rates(&refs, &[0, 0, 0, 0]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].total, got[0].parts.clone()), (3, vec![1, 0]));
        assert_eq!(got[0].outcome, Outcome::Holds);
        assert_eq!(got[0].detail, "1590 / 1626 = 97.79% ≈ 98%");
    }

    #[test]
    fn a_rate_within_a_point_is_approx_and_beyond_fails() {
        let mk = |stated: f64| {
            let all = [
                fact(200.0, "件", None, "案件"),
                fact(150.0, "件", None, "办结"),
                fact(stated, "%", None, "办结率"),
            ];
            let refs: Vec<&Fact> = all.iter().collect();
            rates(&refs, &[0, 0, 0])[0].outcome
        };
        assert_eq!(mk(75.0), Outcome::Holds);
        assert_eq!(mk(75.8), Outcome::Approx);
        assert_eq!(mk(80.0), Outcome::Fails);
    }

    #[test]
    fn rates_need_the_same_sentence() {
        let all = [
            fact(200.0, "件", None, "案件"),
            fact(150.0, "件", None, "办结"),
            fact(75.0, "%", None, "办结率"),
        ];
        let refs: Vec<&Fact> = all.iter().collect();
        assert!(rates(&refs, &[0, 1, 1]).is_empty());
    }

    #[test]
    fn precision_is_read_from_the_text() {
        assert_eq!(decimals("82.14%"), 2);
        assert_eq!(decimals("达98%"), 0);
        assert_eq!(decimals("８２．１％"), 1);
    }

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(307.0), "307");
        assert_eq!(num(82.14), "82.14");
    }
}
