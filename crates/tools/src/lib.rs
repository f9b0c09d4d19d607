//! The native tools' library: the packager's I/O and the benchmark's synthetic reports. The
//! binaries in `src/bin/` parse arguments and call into here or into `fazhi_core`.

pub mod package;
pub mod synth;
