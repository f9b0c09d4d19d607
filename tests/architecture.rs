//! The reader's code stays easy to live in: the modules of `src/app` import each other without
//! cycles and without reaching back into the module that wires them, and no function grows
//! past 60 lines without a written reason (`// Over 60 lines: …` right above it).
//!
//! The same holds, a little more loosely, for the workspace's other crates (core, tools, worker):
//! no cycle between sibling modules (a child may use what its parent declares — that is how Rust
//! modules share their types — but two modules never need each other) and the same 60-line rule.
//!
//! Plain text analysis, no parser: comments, strings and chars are blanked first, then paths
//! (`super::x`, `crate::app::x`) and brace depth are read. Run with `--nocapture` to see the
//! module graph and the longest functions; `FAZHI_SRC=DIR` measures another checkout's `src`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A function may be this long (lines, its signature and closing brace included).
const MAX_LINES: usize = 60;
/// The marker for a function that is longer on purpose, with the reason after it.
const LONG_REASON: &str = "// Over 60 lines:";

fn src() -> PathBuf {
    std::env::var_os("FAZHI_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// `text` with comments, string literals and char literals replaced by spaces (newlines kept),
/// so braces and paths inside them do not count.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            while i < c.len() && !(c[i] == '*' && c.get(i + 1) == Some(&'/')) {
                blank(&mut out, c[i]);
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c[i] == 'r'
            && matches!(c.get(i + 1), Some('"' | '#'))
            && !ident(c.get(i.wrapping_sub(1)))
        {
            // Raw string r"…" or r#"…"#.
            let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let start = i;
            i += 2 + hashes;
            while i < c.len() && !c[i..].iter().collect::<String>().starts_with(&close) {
                i += 1;
            }
            i = (i + close.len()).min(c.len());
            c[start..i].iter().for_each(|&ch| blank(&mut out, ch));
        } else if c[i] == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '\'' && is_char_literal(&c, i) {
            let end = c[i + 1..]
                .iter()
                .position(|&x| x == '\'')
                .map_or(c.len(), |p| i + 2 + p);
            c[i..end].iter().for_each(|&ch| blank(&mut out, ch));
            i = end;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// A `'` that opens a char literal ('a', '\n', '\u{1F600}'), not a lifetime ('a).
fn is_char_literal(c: &[char], i: usize) -> bool {
    matches!(
        (c.get(i + 1), c.get(i + 2)),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

/// The workspace's crates other than the reader, by their source folder.
const CRATES: &[&str] = &["crates/core/src", "crates/tools/src", "crates/worker/src"];

fn crate_src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

/// `code` (already [`code_only`]) with every `#[cfg(test)]` item blanked: a test module may use
/// anything, its imports are no dependency of the code.
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    while let Some(at) = out.find("#[cfg(test)]") {
        let open = out[at..].find(['{', ';']).map(|i| at + i);
        let end = match open {
            Some(o) if out.as_bytes()[o] == b'{' => {
                let mut depth = 0;
                out[o..]
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(out.len(), |(i, _)| o + i + 1)
            }
            Some(o) => o + 1,
            None => out.len(),
        };
        let blank: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blank);
    }
    out
}

/// Every `.rs` file under `dir`, with its module path (`app`, `app::body`, …) relative to `src`.
fn modules(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(root).unwrap().with_extension("");
                let name = rel.to_string_lossy().replace('/', "::");
                out.insert(name, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

/// The modules `module` names through `super::` or `crate::` paths, and the child modules it
/// names by their own name.
fn imports(module: &str, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map(|(p, _)| p.to_string());
    let mut out = BTreeSet::new();
    let resolve = |base: &str, first: &str| -> String {
        let child = if base.is_empty() {
            first.to_string()
        } else {
            format!("{base}::{first}")
        };
        if all.contains_key(&child) {
            child
        } else {
            base.to_string()
        }
    };
    let words: Vec<(usize, &str)> = code
        .match_indices(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
        .map(|(i, _)| i)
        .scan(0, |start, end| {
            let w = &code[*start..end];
            let s = *start;
            *start = end + 1;
            Some((s, w))
        })
        .collect();
    for (at, w) in words {
        let (base, rest) = if let Some(r) = w.strip_prefix("super::") {
            (parent.clone().unwrap_or_default(), r)
        } else if let Some(r) = w.strip_prefix("crate::") {
            (String::new(), r)
        } else if let Some((first, _)) = w.split_once("::") {
            // A child module named directly (`body::Body` in app.rs).
            let child = format!("{module}::{first}");
            if all.contains_key(&child) && !code[..at].ends_with("mod ") {
                out.insert(child);
            }
            continue;
        } else {
            continue;
        };
        let firsts: Vec<String> = match rest.strip_prefix('{') {
            // `super::{a, b::c}`: the group was cut at the first space; read it whole.
            Some(_) => {
                let group = &code[at..];
                let group =
                    &group[group.find('{').unwrap() + 1..group.find('}').unwrap_or(group.len())];
                group
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or("").to_string())
                    .collect()
            }
            None => vec![rest.split("::").next().unwrap_or("").to_string()],
        };
        for f in firsts.iter().filter(|f| !f.is_empty()) {
            let target = resolve(&base, f);
            if target != module && !target.is_empty() {
                out.insert(target);
            }
        }
    }
    out
}

/// The module graph's strongly connected components with more than one module (its cycles).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for n in graph.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for m in graph.keys() {
        let scc: Vec<String> = graph
            .keys()
            .filter(|n| *n == m || (reaches[m].contains(*n) && reaches[n].contains(m)))
            .cloned()
            .collect();
        if scc.len() > 1 && !out.contains(&scc) {
            out.push(scc);
        }
    }
    out
}

/// Every function: (lines, module, name, whether a reason for its length is written above it).
fn functions(module: &str, text: &str) -> Vec<(usize, String, String, bool)> {
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    let raw: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = find_fn(line) else { continue };
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // From the signature to the brace that closes the body (a `;` first: no body).
        let mut depth = 0i32;
        let mut opened = false;
        let mut end = None;
        'scan: for (j, l) in lines.iter().enumerate().skip(i) {
            let from = if j == i { at } else { 0 };
            for ch in l[from..].chars() {
                match ch {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth -= 1;
                        if opened && depth == 0 {
                            end = Some(j);
                            break 'scan;
                        }
                    }
                    ';' if !opened && depth == 0 => break 'scan,
                    _ => {}
                }
            }
        }
        if let Some(end) = end {
            let reason = raw[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let t = l.trim_start();
                    t.starts_with("//") || t.starts_with("#[")
                })
                .any(|l| l.trim_start().starts_with(LONG_REASON));
            out.push((end - i + 1, module.to_string(), name, reason));
        }
    }
    out
}

/// Where `fn name` starts in a line of code, if it declares a function.
fn find_fn(line: &str) -> Option<usize> {
    let at = line.find("fn ")?;
    let before = line[..at].trim_end();
    let keyword = before.is_empty()
        || before.ends_with("pub")
        || before.ends_with(')')
        || before.ends_with("async")
        || before.ends_with("const")
        || before.ends_with("unsafe");
    let named = line[at + 3..].starts_with(|c: char| c.is_alphabetic() || c == '_');
    (keyword && named && (at == 0 || !ident(line[..at].chars().last().as_ref()))).then_some(at)
}

#[test]
fn app_modules_form_no_cycle_and_no_back_edge() {
    let all = modules(&src());
    let app: BTreeMap<String, String> = all
        .iter()
        .filter(|(m, _)| m.as_str() == "app" || m.starts_with("app::"))
        .map(|(m, t)| (m.clone(), code_only(t)))
        .collect();
    assert!(app.len() > 5, "src/app has {} modules", app.len());
    let graph: BTreeMap<String, BTreeSet<String>> = app
        .iter()
        .map(|(m, code)| (m.clone(), imports(m, code, &app)))
        .collect();
    println!("module graph of src/app ({} modules):", graph.len());
    for (m, to) in &graph {
        println!(
            "  {m} -> {}",
            to.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    let cycles = cycles(&graph);
    println!("cycles: {}", cycles.len());
    for c in &cycles {
        println!("  {}", c.join(" <-> "));
    }
    // A child importing what the module that declares it defines: `app` wires its children,
    // so they must not need it (shared types live in a child of their own).
    let back: Vec<String> = graph
        .iter()
        .flat_map(|(m, to)| {
            to.iter()
                .filter(|t| m.starts_with(&format!("{t}::")))
                .map(move |t| format!("{m} -> {t}"))
        })
        .collect();
    println!("back-edges: {}", back.len());
    for b in &back {
        println!("  {b}");
    }
    assert!(
        cycles.is_empty() && back.is_empty(),
        "cycles {cycles:?}, back-edges {back:?}"
    );
}

#[test]
fn crates_form_no_cycle_between_siblings() {
    for dir in CRATES {
        let all: BTreeMap<String, String> = modules(&crate_src(dir))
            .into_iter()
            .map(|(m, t)| (m, without_tests(&code_only(&t))))
            .collect();
        assert!(all.len() > 1, "{dir} has {} modules", all.len());
        let graph: BTreeMap<String, BTreeSet<String>> = all
            .iter()
            .map(|(m, code)| {
                let to = imports(m, code, &all)
                    .into_iter()
                    .filter(|t| !m.starts_with(&format!("{t}::")))
                    .collect();
                (m.clone(), to)
            })
            .collect();
        let cycles = cycles(&graph);
        println!("{dir}: {} modules, {} cycles", graph.len(), cycles.len());
        assert!(cycles.is_empty(), "{dir}: cycles {cycles:?}");
    }
}

#[test]
fn no_function_over_60_lines_without_a_reason() {
    let mut fns: Vec<_> = modules(&src())
        .into_iter()
        .map(|(m, t)| (format!("reader::{m}"), t))
        .chain(CRATES.iter().flat_map(|dir| {
            let name = dir.trim_start_matches("crates/").trim_end_matches("/src");
            modules(&crate_src(dir))
                .into_iter()
                .map(move |(m, t)| (format!("{name}::{m}"), t))
        }))
        .flat_map(|(m, t)| functions(&m, &t))
        .collect();
    assert!(fns.len() > 50, "found only {} functions", fns.len());
    fns.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    println!("longest functions in the workspace ({} in all):", fns.len());
    for (n, m, name, reason) in fns.iter().take(10) {
        println!(
            "  {n:4}  {m}::{name}{}",
            if *reason { "  (reason written)" } else { "" }
        );
    }
    let over: Vec<String> = fns
        .iter()
        .filter(|(n, _, _, reason)| *n > MAX_LINES && !reason)
        .map(|(n, m, name, _)| format!("{m}::{name} ({n} lines)"))
        .collect();
    assert!(
        over.is_empty(),
        "over {MAX_LINES} lines with no `{LONG_REASON} …` above: {over:?}"
    );
}

#[test]
fn the_analysis_sees_what_it_should() {
    // The tests above can fail: a cycle, a back-edge and a long function are found.
    let mut all = BTreeMap::new();
    for m in ["app", "app::a", "app::b"] {
        all.insert(m.to_string(), String::new());
    }
    let a = code_only("use super::b::X; // super::c\nfn f() { let s = \"super::Doc {\"; }");
    assert_eq!(
        imports("app::a", &a, &all),
        BTreeSet::from(["app::b".to_string()])
    );
    let b = code_only("use super::{a::Y, Doc};");
    assert_eq!(
        imports("app::b", &b, &all),
        BTreeSet::from(["app".to_string(), "app::a".to_string()])
    );
    let root = code_only("mod a;\nmod b;\nfn g() { a::f(); }");
    assert_eq!(
        imports("app", &root, &all),
        BTreeSet::from(["app::a".to_string()])
    );
    let graph = BTreeMap::from([
        ("app::a".to_string(), imports("app::a", &a, &all)),
        ("app::b".to_string(), imports("app::b", &b, &all)),
    ]);
    assert_eq!(
        cycles(&graph),
        vec![vec!["app::a".to_string(), "app::b".to_string()]]
    );
    let tested = without_tests(&code_only(
        "use super::b;\n#[cfg(test)]\nmod tests { use super::c::{X}; }\n#[cfg(test)]\nuse super::d;\nfn e() {}",
    ));
    assert!(tested.contains("super::b") && tested.contains("fn e()"));
    assert!(
        !tested.contains("super::c") && !tested.contains("super::d"),
        "{tested}"
    );
    let long = format!("fn long() {{\n{}}}\n// Over 60 lines: a table.\npub fn ok<'a>(x: &'a str) -> char {{ '{{' }}", "    x();\n".repeat(70));
    let found = functions("m", &long);
    assert_eq!(found[0], (72, "m".to_string(), "long".to_string(), false));
    assert_eq!(found[1], (1, "m".to_string(), "ok".to_string(), true));
}

/// Every prop of every component is documented with `///`, as thaw documents its components:
/// the signature is where a reader of a `view!` looks up what a prop means.
#[test]
fn every_component_prop_is_documented() {
    let mut undocumented = Vec::new();
    let mut props = 0;
    for (module, text) in modules(&src()) {
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim() != "#[component]" {
                continue;
            }
            let sig = &lines[i + 1];
            let name: String = sig
                .trim_start_matches("pub ")
                .trim_start_matches("fn ")
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            if !sig.trim_end().ends_with('(') {
                // One line: props only if something stands between the parentheses.
                if !sig.contains("()") {
                    undocumented.push(format!("{module}::{name} (props on one line)"));
                }
                continue;
            }
            for (j, p) in lines.iter().enumerate().skip(i + 2) {
                let t = p.trim();
                if t.starts_with(')') {
                    break;
                }
                if t.starts_with("///") || t.starts_with("#[") {
                    continue;
                }
                props += 1;
                if !lines[j - 1].trim().starts_with("///") {
                    undocumented.push(format!("{module}::{name}: {t}"));
                }
            }
        }
    }
    println!("{props} component props");
    assert!(props > 10, "found only {props} props");
    assert!(
        undocumented.is_empty(),
        "props without ///: {undocumented:?}"
    );
}

/// Every class the app writes has a rule in public/style.css (or the desk's public/desk.css), or is a hook named by a test or
/// a script: a class nothing reads is dead code that looks alive.
#[test]
fn every_class_the_app_writes_is_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The reader's style sheet and the editor's desk's (loaded under ?edit only).
    let mut readers = String::new();
    for sheet in ["public/style.css", "public/desk.css"] {
        readers.push_str(&code_only(
            &std::fs::read_to_string(root.join(sheet))
                .unwrap()
                .replace("/*", "/* ")
                .replace("*/", " */"),
        ));
    }
    for dir in ["tests/browser", "public"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "mjs" || x == "js") {
                readers.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
    }
    let mut unread = BTreeSet::new();
    let mut classes = 0;
    for (module, text) in modules(&src()) {
        // Comments mention classes too: only code counts.
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut names: Vec<String> = Vec::new();
        for (pat, end) in [("class=\"", '"'), ("class:", ' ')] {
            for (at, _) in text.match_indices(pat) {
                let rest = &text[at + pat.len()..];
                let value: String = rest
                    .chars()
                    .take_while(|&c| c != end && c != '=' && c != '\n')
                    .collect();
                names.extend(value.split_whitespace().map(str::to_string));
            }
        }
        for n in names {
            classes += 1;
            let read = readers.contains(&format!(".{n}")) || readers.contains(&format!("'{n}'"));
            if !read {
                unread.insert(format!("{module}: {n}"));
            }
        }
    }
    assert!(classes > 30, "found only {classes} classes");
    assert!(unread.is_empty(), "classes nothing reads: {unread:?}");
}
