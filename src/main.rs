fn main() -> std::process::ExitCode {
    ecslint::cli::main()
}
