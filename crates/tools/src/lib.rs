//! The native tools' library: the packager's I/O and the benchmark's synthetic reports. The
//! binaries in `src/bin/` parse arguments and call into here or into `fazhi_core`.

pub mod package;
pub mod synth;

use std::process::ExitCode;

/// A tool's `main`: runs `run` on the command-line arguments and turns its error into
/// "NAME: message" on stderr and a failing exit code, the same way for every tool.
pub fn main_of(name: &str, run: fn(Vec<String>) -> Result<(), String>) -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{name}: {msg}");
            ExitCode::FAILURE
        }
    }
}
