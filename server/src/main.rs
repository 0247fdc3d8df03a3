use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = allmende_server::cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the Tokio runtime starts");
    match runtime.block_on(allmende_server::commands::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("allmende: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
