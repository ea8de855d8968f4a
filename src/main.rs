use clap::Parser;

/// A build makes and frees millions of small strings from two threads at once. glibc's allocator
/// fragments under that load (at 100,000 articles a fifth of the build was spent searching its
/// free lists, and the heap grew past what was live); mimalloc's per-thread pages do not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = broadsheet::cli::Cli::parse();
    std::process::exit(broadsheet::cli::run(cli));
}
