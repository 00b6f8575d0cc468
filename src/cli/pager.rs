//! The pager: long output for a terminal goes through `$RESDIFF_PAGER`,
//! else `$PAGER`, else `less -FRX`, as git and man do. Output is collected
//! first (resdiff's outputs are built whole anyway), then shown directly when
//! it fits the terminal, or piped to the pager when it does not. A pager that
//! cannot be started never costs the output: it is then written directly.
//!
//! Whether to page at all (`--no-pager`, stdout a terminal, the subcommand)
//! is decided in `cli::main`; this module only chooses and runs the pager.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::process::{Command, Stdio};

use super::ui;

/// The pager when neither `RESDIFF_PAGER` nor `PAGER` is set: quit when the
/// text fits one screen (-F), pass colours (-R), leave the text on the
/// screen afterwards (-X).
pub const DEFAULT_PAGER: &str = "less -FRX";

/// Terminal height assumed when neither the terminal nor `$LINES` tells.
const DEFAULT_HEIGHT: usize = 24;

/// Characters that make a pager command a shell command line (run with `sh -c`).
const SHELL_CHARS: &[char] = &[
    '"', '\'', '\\', '$', '`', '|', '&', ';', '<', '>', '(', ')', '*', '?', '~', '{',
];

/// Exit statuses of `sh -c` when the command was not found or not runnable.
const SHELL_NOT_FOUND: [i32; 2] = [126, 127];

/// The pager command line: the first of `RESDIFF_PAGER` and `PAGER` that is
/// set; `None` (do not page) when that value is empty or `cat`.
pub fn choose(resdiff_pager: Option<&OsStr>, pager: Option<&OsStr>) -> Option<String> {
    let chosen = match resdiff_pager.or(pager) {
        Some(v) => v.to_string_lossy().trim().to_string(),
        None => DEFAULT_PAGER.to_string(),
    };
    if chosen.is_empty() || chosen == "cat" {
        None
    } else {
        Some(chosen)
    }
}

/// Lines of output the terminal shows at once: the terminal's own size,
/// else `$LINES`, else [`DEFAULT_HEIGHT`].
pub fn terminal_height() -> usize {
    terminal_size::terminal_size()
        .map(|(_, h)| usize::from(h.0))
        .filter(|&h| h > 0)
        .or_else(|| {
            std::env::var("LINES")
                .ok()
                .and_then(|l| l.trim().parse::<usize>().ok())
                .filter(|&h| h > 0)
        })
        .unwrap_or(DEFAULT_HEIGHT)
}

/// Number of lines `bytes` takes (a last line without a newline counts).
pub fn line_count(bytes: &[u8]) -> usize {
    let n = bytes.iter().filter(|&&b| b == b'\n').count();
    if bytes.last().is_some_and(|&b| b != b'\n') {
        n + 1
    } else {
        n
    }
}

/// Show `bytes` on stdout: through `pager` when they are longer than
/// `height` lines, else directly. A pager that cannot be started (or that
/// the shell cannot find) is reported as a notice and the text is written
/// directly; the user quitting the pager early is not an error.
pub fn show(bytes: &[u8], pager: Option<&str>, height: usize) -> io::Result<()> {
    let Some(cmd) = pager.filter(|_| line_count(bytes) > height) else {
        return write_stdout(bytes);
    };
    match run(cmd, bytes) {
        Ok(()) => Ok(()),
        Err(why) => {
            ui::notice(&format!(
                "cannot run the pager `{cmd}` ({why}); writing directly \
                 (set RESDIFF_PAGER, or use --no-pager)"
            ));
            write_stdout(bytes)
        }
    }
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Split a pager command line into program and arguments: plain words are
/// run directly (so a missing program is seen at once); anything with shell
/// syntax is run by `sh -c`.
pub fn command_line(cmd: &str) -> (String, Vec<String>) {
    if cmd.contains(SHELL_CHARS) {
        ("sh".into(), vec!["-c".into(), cmd.into()])
    } else {
        let mut words = cmd.split_whitespace().map(String::from);
        let prog = words.next().unwrap_or_default();
        (prog, words.collect())
    }
}

/// Run the pager with `bytes` on its input and wait for it. `Err` (with the
/// reason) only when it could not be started, so that the caller writes the
/// text itself.
fn run(cmd: &str, bytes: &[u8]) -> Result<(), String> {
    let (prog, args) = command_line(cmd);
    let mut c = Command::new(&prog);
    c.args(&args).stdin(Stdio::piped());
    // As git does: let less pass colours and quit on a short text even when
    // the user's pager is a bare `less`.
    if std::env::var_os("LESS").is_none() {
        c.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        c.env("LV", "-c");
    }
    let mut child = c.spawn().map_err(|e| e.to_string())?;
    let wrote = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(bytes).and_then(|_| stdin.flush()),
        None => Ok(()),
    };
    let status = child.wait().map_err(|e| e.to_string())?;
    if prog == "sh" && status.code().is_some_and(|c| SHELL_NOT_FOUND.contains(&c)) {
        return Err(format!("the shell could not run it: {status}"));
    }
    match wrote {
        // The user quit the pager before the end: not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.to_string()),
        Ok(()) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resdiff_pager_then_pager_then_less() {
        let o = |s: &'static str| Some(OsStr::new(s));
        assert_eq!(choose(o("most"), o("more")).as_deref(), Some("most"));
        assert_eq!(choose(None, o("more")).as_deref(), Some("more"));
        assert_eq!(choose(None, None).as_deref(), Some(DEFAULT_PAGER));
        // Empty or `cat` turns paging off, and RESDIFF_PAGER wins over PAGER.
        assert_eq!(choose(o(""), o("more")), None);
        assert_eq!(choose(o("cat"), None), None);
        assert_eq!(choose(None, o(" cat ")), None);
    }

    #[test]
    fn lines_are_counted_with_an_unterminated_last_line() {
        assert_eq!(line_count(b""), 0);
        assert_eq!(line_count(b"a\n"), 1);
        assert_eq!(line_count(b"a\nb"), 2);
        assert_eq!(line_count(b"\n\n\n"), 3);
    }

    #[test]
    fn shell_syntax_goes_through_sh() {
        assert_eq!(
            command_line("less -FRX"),
            ("less".to_string(), vec!["-FRX".to_string()])
        );
        let (prog, args) = command_line("less -R | tee '/tmp/x y'");
        assert_eq!(prog, "sh");
        assert_eq!(args[0], "-c");
    }

    #[test]
    fn a_missing_pager_is_an_error_to_fall_back_on() {
        assert!(run("resdiff-no-such-pager-program", b"x\n").is_err());
        assert!(run("exec resdiff-no-such-pager-program", b"x\n").is_err());
    }
}
