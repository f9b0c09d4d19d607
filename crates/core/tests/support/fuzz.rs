//! The one driver of the property and fuzz targets, so that CI and `scripts/fuzz.sh` run the
//! same checks: CI runs each target's bounded default number of inputs, `PROPTEST_CASES`
//! (proptest's own variable) sets another number, and `FAZHI_FUZZ_SECONDS` runs each target for
//! that long instead, in batches with fresh random seeds. Every target prints one line,
//! `fuzz: <target>: <inputs> inputs in <seconds>s`, which scripts/fuzz.sh adds up; a failing
//! input is shrunk by proptest and named in the panic message.

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::Cell;
use std::fmt::Debug;
use std::time::{Duration, Instant};

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs `test` on inputs drawn from `strategy` and returns how many it ran. Panics (with the
/// shrunk input) if a case fails or panics: proptest catches the panic and shrinks it too.
pub fn run<S>(
    target: &str,
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> usize
where
    S: Strategy,
    S::Value: Debug,
{
    let start = Instant::now();
    let budget = env_number("FAZHI_FUZZ_SECONDS").map(Duration::from_secs);
    let cases =
        env_number("PROPTEST_CASES").map_or(default_cases, |n| n.min(u32::MAX.into()) as u32);
    let ran = Cell::new(0usize);
    let counted = |value: S::Value| {
        ran.set(ran.get() + 1);
        test(value)
    };
    let result = loop {
        let config = Config {
            cases: if budget.is_some() {
                default_cases.max(1)
            } else {
                cases
            },
            failure_persistence: None,
            ..Config::default()
        };
        let result = TestRunner::new(config).run(&strategy, counted);
        if result.is_err() || budget.is_none_or(|b| start.elapsed() >= b) {
            break result;
        }
    };
    eprintln!(
        "fuzz: {target}: {} inputs in {:.1}s",
        ran.get(),
        start.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("fuzz: {target}: FOUND {e}");
    }
    ran.get()
}
