//! A mutation fuzzer that runs on stable Rust (cargo-fuzz needs nightly,
//! which a fresh machine lacks), shared by the fuzz targets: it mutates a
//! corpus with byte edits, the target's tokens and splices, runs the
//! target's check on each input under `catch_unwind`, and a watchdog ends
//! the process on a hang. Not coverage-guided: breadth comes from
//! format-aware tokens and volume. A failing input is saved for replay.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Inputs slower than this count as hangs.
const HANG: Duration = Duration::from_secs(5);

/// What is fuzzed.
pub struct Target<'a> {
    pub corpus: Vec<Vec<u8>>,
    /// Pieces of the format, inserted whole.
    pub tokens: &'a [&'a str],
    /// Inputs are cut to this length.
    pub max_len: usize,
    /// The saved input's file extension.
    pub extension: &'static str,
}

/// What one input did.
pub enum Verdict {
    /// Fine; `keep` makes it a seed for further mutations.
    Fine {
        keep: bool,
    },
    Failed(String),
}

/// What a run did, for the target's summary line.
pub struct Stats {
    pub runs: u64,
    pub kept: u64,
    pub slowest: Duration,
    pub seconds: f64,
}

/// Fuzzes `target` for `seconds`; `Err` names the failure (a panic or a
/// failed check) and where its input was saved.
pub fn run(
    target: Target<'_>,
    seconds: u64,
    seed: u64,
    artifacts: &Path,
    check: impl Fn(&[u8]) -> Verdict + std::panic::RefUnwindSafe,
) -> anyhow::Result<Result<Stats, String>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    let started_at = Arc::new(AtomicU64::new(0));
    let clock = Instant::now();
    watchdog(
        current.clone(),
        started_at.clone(),
        clock,
        artifacts.to_path_buf(),
        target.extension,
    );
    // The default hook would print every caught panic; the fuzzer reports them.
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = clock + Duration::from_secs(seconds);
    let (mut runs, mut kept, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let mut pool = target.corpus.clone();
    while Instant::now() < deadline {
        for _ in 0..100 {
            let mut input = pool[rng.gen_range(0..pool.len())].clone();
            for _ in 0..rng.gen_range(1..8) {
                mutate(&mut input, &pool, target.tokens, &mut rng);
            }
            input.truncate(target.max_len);
            *current.lock().unwrap() = input.clone();
            let t = Instant::now();
            started_at.store(clock.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
            let outcome = std::panic::catch_unwind(|| check(&input));
            started_at.store(0, Ordering::SeqCst);
            slowest = slowest.max(t.elapsed());
            runs += 1;
            let failure = match outcome {
                Err(panic) => Some(format!(
                    "panic: {}",
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default()
                )),
                Ok(Verdict::Failed(what)) => Some(what),
                Ok(Verdict::Fine { keep }) => {
                    if keep {
                        kept += 1;
                        if pool.len() < 200 {
                            pool.push(input.clone());
                        }
                    }
                    None
                }
            };
            if let Some(what) = failure {
                let path = save(artifacts, &input, target.extension)?;
                return Ok(Err(format!(
                    "failure after {runs} runs: {what}; input saved to {}",
                    path.display()
                )));
            }
        }
    }
    Ok(Ok(Stats {
        runs,
        kept,
        slowest,
        seconds: clock.elapsed().as_secs_f64(),
    }))
}

/// Prints the outcome as the fuzz commands report it.
pub fn report(name: &str, outcome: Result<Stats, String>, describe: impl Fn(&Stats) -> String) -> ExitCode {
    match outcome {
        Ok(stats) => {
            println!(
                "fuzz {name}: {} inputs in {:.0} s ({:.0}/s), {}, slowest {:.2} ms, no panic, no hang",
                stats.runs,
                stats.seconds,
                stats.runs as f64 / stats.seconds,
                describe(&stats),
                stats.slowest.as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("fuzz {name}: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn mutate(input: &mut Vec<u8>, pool: &[Vec<u8>], tokens: &[&str], rng: &mut StdRng) {
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
            let token = tokens[rng.gen_range(0..tokens.len())].as_bytes();
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
            // Swap two lines: keeps the structure mostly well-formed.
            let text = String::from_utf8_lossy(input).to_string();
            let mut lines: Vec<&str> = text.split('\n').collect();
            if lines.len() > 2 {
                let (a, b) = (rng.gen_range(0..lines.len()), rng.gen_range(0..lines.len()));
                lines.swap(a, b);
                *input = lines.join("\n").into_bytes();
            }
        }
    }
}

fn save(dir: &Path, input: &[u8], extension: &str) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("crash-{}.{extension}", std::process::id()));
    std::fs::write(&path, input)?;
    Ok(path)
}

/// A hang cannot be caught by the loop itself: this thread saves the input
/// and ends the process when one input runs longer than `HANG`.
fn watchdog(
    current: Arc<Mutex<Vec<u8>>>,
    started_at: Arc<AtomicU64>,
    clock: Instant,
    artifacts: PathBuf,
    extension: &'static str,
) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(500));
        let started = started_at.load(Ordering::SeqCst);
        if started > 0 && clock.elapsed().as_millis() as u64 > started + HANG.as_millis() as u64 {
            let input = current.lock().map(|i| i.clone()).unwrap_or_default();
            let saved = save(&artifacts, &input, extension)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            eprintln!("fuzz: hang (over {} s); input saved to {saved}", HANG.as_secs());
            std::process::exit(1);
        }
    });
}
