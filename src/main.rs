fn main() -> std::process::ExitCode {
    cruddur::main()
}
