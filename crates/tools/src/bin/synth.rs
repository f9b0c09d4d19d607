//! `synth --factor N -o OUT.txt`: writes a synthetic report N times the seed's length (and its
//! `OUT.charts.json`) for the scale benchmark. Thin: the generator is `fazhi_tools::synth`.

use std::path::{Component, Path};
use std::process::ExitCode;

const USAGE: &str = "usage: synth --factor N -o OUT.txt [--seed SEED.txt]\n\
    Writes a report text N times as long as SEED (default seeds/shangcheng-2022.txt, with its\n\
    SEED.charts.json), titled 【合成测试数据，非真实报告】, and OUT.charts.json beside it.\n\
    Refuses to write into public/ or seeds/: synthetic data must never pass for a real report.";

fn main() -> ExitCode {
    fazhi_tools::main_of("synth", run)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut factor = None;
    let mut output = None;
    let mut seed = "seeds/shangcheng-2022.txt".to_string();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value\n{USAGE}"));
        match a.as_str() {
            "--factor" => {
                let v = value()?;
                factor = Some(
                    v.parse::<usize>()
                        .map_err(|e| format!("--factor {v}: {e}"))?,
                );
            }
            "-o" | "--output" => output = Some(value()?),
            "--seed" => seed = value()?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    let (Some(factor), Some(output)) = (factor, output) else {
        return Err(USAGE.to_string());
    };
    let out = Path::new(&output);
    if out
        .components()
        .any(|c| matches!(c, Component::Normal(n) if n == "public" || n == "seeds"))
    {
        return Err(format!(
            "{output}: refusing to write synthetic data into public/ or seeds/"
        ));
    }
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let text = read(&seed)?;
    let sidecar_path = Path::new(&seed).with_extension("charts.json");
    let sidecar = read(&sidecar_path.display().to_string())?;
    let s = fazhi_tools::synth::synthesize(&text, &sidecar, factor).map_err(|e| e.to_string())?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let write =
        |p: &Path, body: &str| std::fs::write(p, body).map_err(|e| format!("{}: {e}", p.display()));
    write(out, &s.text)?;
    write(&out.with_extension("charts.json"), &s.sidecar)?;
    eprintln!(
        "synth: {} copies in {} chapters, {} bytes -> {}",
        s.copies,
        s.chapters,
        s.text.len(),
        out.display()
    );
    Ok(())
}
