//! The `resdiff` binary: parse arguments, run one command, map the outcome to
//! an exit status (0 same / success, 1 different, 2 trouble — as diff(1)).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
