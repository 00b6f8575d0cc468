//! `resdiff draft`: start, save and list revisions of a draft.

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use resdiff::diff::{compare, CompareOptions};
use resdiff::render::Style;
use resdiff::store::draft_path;

use super::store_args::{read_input, StoreArg};
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Start, save and list drafts.
///
/// A draft is a canonical file under drafts/ that you edit by hand; each save is a commit.
///
/// Refer to a draft as draft:NAME (the working file, with unsaved edits) or draft:NAME~N
/// (N saved revisions before the last one), e.g. resdiff diff 80/228@en draft:next.
///
/// Examples:
///   resdiff draft new next --from 80/228@en
///   $EDITOR versions/drafts/next.txt
///   resdiff draft save next -m "OP5: add reporting date"
///   resdiff draft log next
#[derive(Debug, Args)]
pub struct DraftArgs {
    #[command(subcommand)]
    pub action: DraftAction,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Subcommand)]
pub enum DraftAction {
    /// Start a draft from an edition, a file or another draft.
    New {
        name: String,
        /// Where to start: 80/228@en, draft:other, or a file.
        #[arg(long, value_name = "REF")]
        from: String,
        /// Language for references without @LANG.
        #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
        lang: LangArg,
    },
    /// Commit the draft's working file as a new revision.
    Save {
        name: String,
        /// What changed.
        #[arg(short, long)]
        message: String,
    },
    /// List the saved revisions, newest first, with change counts.
    Log { name: String },
}

pub fn run(args: &DraftArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let mut store = args.store.open()?;
    match &args.action {
        DraftAction::New { name, from, lang } => {
            let ed = read_input(from, lang.0, &args.store)?;
            store.draft_new(name, &ed, from)?;
            let file = store.backend.dir().join(draft_path(name));
            writeln!(
                out,
                "draft:{name} started from {from}; edit {}",
                file.display()
            )?;
        }
        DraftAction::Save { name, message } => match store.draft_save(name, message)? {
            Some(c) => writeln!(
                out,
                "draft:{name}: saved (commit {})",
                &c[..c.len().min(10)]
            )?,
            None => writeln!(
                out,
                "draft:{name}: no changes since the last save; nothing to do"
            )?,
        },
        DraftAction::Log { name } => {
            let revs = store.draft_revisions(name)?;
            for (i, (rev, ed)) in revs.iter().enumerate() {
                let label = if i == 0 {
                    format!("draft:{name}")
                } else {
                    format!("draft:{name}~{i}")
                };
                let stats = match revs.get(i + 1) {
                    Some((_, older)) => {
                        let s = compare(older, ed, &CompareOptions::default()).summary;
                        format!(
                            "{} changed, {} added, {} removed, {} moved",
                            s.changed, s.added, s.removed, s.moved
                        )
                    }
                    None => format!("{} units", ed.units.len()),
                };
                writeln!(
                    out,
                    "{label:<20} {}  {}  ({stats})",
                    &rev.commit[..rev.commit.len().min(10)],
                    rev.summary
                )?;
            }
        }
    }
    Ok(EXIT_SAME)
}
