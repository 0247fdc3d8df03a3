//! A mutation fuzzer for the publiccode.yml parser that runs on stable Rust
//! (cargo-fuzz needs nightly, which a fresh machine lacks). It mutates the
//! example files with byte edits, YAML tokens and splices, and checks that
//! the validator neither panics nor hangs and that its report is coherent.
//! Not coverage-guided: breadth comes from YAML-aware mutations and volume.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::catalog::publiccode::{self, Severity};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CORPUS: &[&str] = &[
    include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml"),
    include_str!("../../../app/src/catalog/publiccode/testdata/minimal.yml"),
    "a: &x [1, 2]\nb: *x\nc: {d: [e, {f: g}]}\n",
    "publiccodeYmlVersion: \"0.2\"\n? complex\n: key\n--- \n",
];

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: *a\n",
    "---\n",
    "...\n",
    "? ",
    "!!str ",
    "!!binary ",
    "!foo ",
    "%YAML 1.2\n",
    "|\n  ",
    ">-\n  ",
    "'",
    "\"",
    "\\x64",
    "\\u00e4",
    "#",
    "\t",
    "~",
    "null",
    "true",
    "0.7",
    "0x1F",
    "1e999",
    ".nan",
    "ä",
    "€",
    "𝄞",
    "\u{feff}",
    "\r\n",
    "description:\n  de:\n    ",
    "maintenance:\n  type: ",
    "publiccodeYmlVersion: ",
    "legal:\n  license: ",
    "(MIT OR ",
    " WITH ",
    "LicenseRef-",
    "de-x-",
    "https://",
    "[::1]:99999",
];

/// Inputs slower than this count as hangs (the largest real files validate
/// in well under a millisecond).
const HANG: Duration = Duration::from_secs(5);

pub fn run(seconds: u64, seed: u64, artifacts: &Path) -> anyhow::Result<ExitCode> {
    let mut rng = StdRng::seed_from_u64(seed);
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    let started_at = Arc::new(AtomicU64::new(0));
    let clock = Instant::now();
    watchdog(current.clone(), started_at.clone(), clock, artifacts.to_path_buf());
    // The default hook would print every caught panic; the fuzzer reports them.
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = clock + Duration::from_secs(seconds);
    let (mut runs, mut valid, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let mut pool: Vec<Vec<u8>> = CORPUS.iter().map(|s| s.as_bytes().to_vec()).collect();
    while Instant::now() < deadline {
        for _ in 0..100 {
            let mut input = pool[rng.gen_range(0..pool.len())].clone();
            for _ in 0..rng.gen_range(1..8) {
                mutate(&mut input, &pool, &mut rng);
            }
            *current.lock().unwrap() = input.clone();
            let t = Instant::now();
            started_at.store(clock.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
            let outcome =
                std::panic::catch_unwind(|| publiccode::validate_bytes_with(&input, &publiccode::Registers::default()));
            started_at.store(0, Ordering::SeqCst);
            slowest = slowest.max(t.elapsed());
            runs += 1;
            let problem = match outcome {
                Err(panic) => Some(
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default(),
                ),
                Ok(report) => {
                    let has_errors = report.issues.iter().any(|i| i.severity == Severity::Error);
                    if report.is_valid() == has_errors {
                        Some("valid report with errors, or invalid without".into())
                    } else if report.issues.iter().any(|i| i.line == 0 || i.column == 0) {
                        Some("issue without a position".into())
                    } else {
                        if report.is_valid() {
                            valid += 1;
                            // Valid mutants are good seeds for deeper mutations.
                            if pool.len() < 200 {
                                pool.push(input.clone());
                            }
                        }
                        None
                    }
                }
            };
            if let Some(what) = problem {
                let path = save(artifacts, &input)?;
                eprintln!(
                    "fuzz: failure after {runs} runs: {what}; input saved to {}",
                    path.display()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let secs = clock.elapsed().as_secs_f64();
    println!(
        "fuzz: {runs} inputs in {secs:.0} s ({:.0}/s), {valid} of them valid, slowest {:.2} ms, no panic, no hang",
        runs as f64 / secs,
        slowest.as_secs_f64() * 1000.0
    );
    Ok(ExitCode::SUCCESS)
}

fn mutate(input: &mut Vec<u8>, pool: &[Vec<u8>], rng: &mut StdRng) {
    let len = input.len();
    let at = if len == 0 { 0 } else { rng.gen_range(0..=len) };
    match rng.gen_range(0..7) {
        0 if len > 0 => input[at.min(len - 1)] ^= 1 << rng.gen_range(0..8),
        1 => input.insert(at, rng.gen()),
        2 if len > 0 => {
            let end = (at + rng.gen_range(1..32)).min(len);
            input.drain(at.min(end)..end);
        }
        3 if len > 0 => {
            let start = rng.gen_range(0..len);
            let end = (start + rng.gen_range(1..64)).min(len);
            let chunk = input[start..end].to_vec();
            let times = if rng.gen_ratio(1, 20) { rng.gen_range(2..200) } else { 1 };
            for _ in 0..times {
                input.splice(at..at, chunk.iter().copied());
            }
        }
        4 => {
            let token = TOKENS[rng.gen_range(0..TOKENS.len())].as_bytes();
            input.splice(at..at, token.iter().copied());
        }
        5 => {
            let other = &pool[rng.gen_range(0..pool.len())];
            if !other.is_empty() {
                let start = rng.gen_range(0..other.len());
                let end = (start + rng.gen_range(1..200)).min(other.len());
                input.splice(at..at, other[start..end].iter().copied());
            }
        }
        _ => {
            // Swap two lines: keeps the YAML mostly well-formed, moves keys.
            let text = String::from_utf8_lossy(input).to_string();
            let mut lines: Vec<&str> = text.split('\n').collect();
            if lines.len() > 2 {
                let (a, b) = (rng.gen_range(0..lines.len()), rng.gen_range(0..lines.len()));
                lines.swap(a, b);
                *input = lines.join("\n").into_bytes();
            }
        }
    }
    input.truncate(publiccode::MAX_BYTES + 64);
}

fn save(dir: &Path, input: &[u8]) -> anyhow::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("crash-{}.yml", std::process::id()));
    std::fs::write(&path, input)?;
    Ok(path)
}

/// A hang cannot be caught by the loop itself: this thread saves the input
/// and ends the process when one validation runs longer than `HANG`.
fn watchdog(current: Arc<Mutex<Vec<u8>>>, started_at: Arc<AtomicU64>, clock: Instant, artifacts: std::path::PathBuf) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let started = started_at.load(Ordering::SeqCst);
        if started > 0 && clock.elapsed().as_millis() as u64 > started + HANG.as_millis() as u64 {
            let input = current.lock().map(|i| i.clone()).unwrap_or_default();
            let saved = save(&artifacts, &input)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            eprintln!("fuzz: hang (over {} s); input saved to {saved}", HANG.as_secs());
            std::process::exit(1);
        }
    });
}
