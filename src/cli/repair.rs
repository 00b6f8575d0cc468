//! `resdiff repair`: restore the words of a damaged Arabic PDF extraction
//! with the glyph model and a lexicon of clean editions, and write a normal
//! edition.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};

use resdiff::render::{canonical, edition, Style};
use resdiff::repair::glyph::GlyphModel;
use resdiff::repair::lexicon::Lexicon;
use resdiff::repair::{Repairer, MARK_CLOSE, MARK_OPEN};
use resdiff::Language;

use super::store_args::{read_input, StoreArg};
use super::EXIT_SAME;

/// Debian's Arabic hunspell dictionary (package hunspell-ar), used with
/// `--dictionary`.
const HUNSPELL_AR: &str = "/usr/share/hunspell/ar.dic";

/// Restore the words of a damaged Arabic PDF extraction.
///
/// Some UN Arabic PDFs use a body font whose glyphs come out as the wrong letters when the text
/// is extracted (initial ب as ا, ش as خ, ط as the Arabic comma, a final ر as a space …). resdiff
/// flags such a text when it reads it ("text looks like a damaged Arabic PDF extraction").
/// repair undoes the damage with the font's glyph table (docs/ARABIC-DAMAGE.md) and a lexicon
/// drawn from clean editions you name — typically the other editions of the same series — and,
/// with --dictionary, Debian's hunspell-ar dictionary. Words split by the damage are re-joined. A
/// word that cannot be restored with confidence is left as it was and marked ⟦like this⟧: repair
/// never guesses.
///
/// Writes the repaired edition to OUT (canonical edition file or text) and prints how many words
/// were repaired, left as they were, and left uncertain.
///
/// Exit status: 0 success, 2 trouble.
///
/// Examples:
///   resdiff repair A-RES-76-186.ar.txt -o 76-186.ar.edition --lexicon A-RES-74-176.xml --lexicon A-RES-78-228.xml
///   resdiff repair seed.txt -o seed.txt.repaired --lexicon 78/228@ar --format text
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Restore the words of a damaged Arabic PDF extraction"
)]
pub struct RepairArgs {
    /// The damaged edition: text extracted from an Arabic PDF, or the PDF.
    pub file: PathBuf,

    /// Where to write the repaired edition.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,

    /// A clean Arabic edition whose words repair may use (file or store reference); repeat for
    /// more. At least one is needed.
    #[arg(long = "lexicon", value_name = "REF", required = true)]
    pub lexicon: Vec<String>,

    /// Format of OUT: canonical (the store's edition file, readable by every resdiff command) or
    /// text (as `resdiff parse` prints it).
    #[arg(long, value_enum, default_value_t = RepairFormat::Canonical)]
    pub format: RepairFormat,

    /// Also use the stems of Debian's hunspell-ar dictionary (/usr/share/hunspell/ar.dic) when
    /// installed. Off by default: its 100 000 stems give many damaged spellings a wrong match
    /// (docs/ARABIC-DAMAGE.md).
    #[arg(long)]
    pub dictionary: bool,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RepairFormat {
    Canonical,
    Text,
}

pub fn run(args: &RepairArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let input = args.file.to_string_lossy();
    let ed = read_input(&input, Some(Language::Ar), &args.store)?;
    let mut lexicon = Lexicon::default();
    for r in &args.lexicon {
        let l = read_input(r, Some(Language::Ar), &args.store)?;
        if l.damage.is_some() {
            bail!(
                "{r}: this lexicon edition is itself damaged; give clean editions (AKN XML, DOCX, \
                 or a text that `resdiff parse` does not flag)"
            );
        }
        lexicon.add_edition(&l);
    }
    let mut dictionary = 0;
    if args.dictionary {
        if !Path::new(HUNSPELL_AR).is_file() {
            bail!("--dictionary: {HUNSPELL_AR} is not installed (Debian package hunspell-ar)");
        }
        let dic =
            std::fs::read(HUNSPELL_AR).with_context(|| format!("cannot read {HUNSPELL_AR}"))?;
        dictionary = lexicon.add_hunspell_dic(&String::from_utf8_lossy(&dic));
    }
    let (repaired, report) = if ed.damage.is_some() {
        let r = Repairer::new(&GlyphModel::builtin(), lexicon.clone());
        let (e, rep) = r.repair_edition(&ed);
        (e, Some(rep))
    } else {
        (ed, None)
    };
    let bytes = match args.format {
        RepairFormat::Canonical => canonical::render(&repaired).into_bytes(),
        RepairFormat::Text => {
            let mut v = Vec::new();
            edition::write_text(&repaired, Style::PLAIN, &mut v)?;
            v
        }
    };
    std::fs::write(&args.output, bytes)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    match report {
        Some(r) => writeln!(
            out,
            "{}: {} words repaired ({} of them pieces re-joined), {} left as they were, {} uncertain \
             and marked {MARK_OPEN}…{MARK_CLOSE}; lexicon {} words{}; written to {}",
            input,
            r.repaired,
            r.joined,
            r.left,
            r.uncertain,
            lexicon.len(),
            if dictionary > 0 {
                format!(" ({dictionary} from hunspell-ar)")
            } else {
                String::new()
            },
            args.output.display()
        )?,
        None => writeln!(
            out,
            "{input}: not judged damaged; written unchanged to {}",
            args.output.display()
        )?,
    }
    Ok(EXIT_SAME)
}
