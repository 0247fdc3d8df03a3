use clap::Parser;

fn main() -> std::process::ExitCode {
    return_large_allocations_to_the_system();
    let cli = allmende_server::cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the Tokio runtime starts");
    match runtime.block_on(allmende_server::commands::run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("allmende: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Password hashing (argon2id) allocates 19 MiB per hash. glibc raises its
/// mmap threshold after such a block is freed and from then on keeps blocks of
/// that size in each thread's heap: one demo seed left the process at 77 MB
/// instead of 19 MB. A fixed threshold keeps large blocks mmapped, so they go
/// back to the system when freed. Fixing it also stops glibc from raising the
/// trim threshold, so that is set too: with the mmap threshold alone, heaps
/// were trimmed after nearly every request and throughput fell by 30 %
/// (measured, docs/benchmarks.md).
fn return_large_allocations_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 32 << 20);
    }
}
