// The run allocates many small strings and trees on several threads; mimalloc is markedly
// faster than the system allocator for that pattern (see the README's performance section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ecslint::cli::main()
}
