//! Repair of damaged Arabic PDF extractions: turn the words of an edition
//! whose body font mapped glyphs to the wrong letters back into correct
//! Arabic, and say plainly which words could not be restored.
//!
//! Why this exists: the structure of such an edition is sound (the reader
//! finds every unit), but about seven words in ten are misspelled by the
//! damage, so the text can be neither quoted nor compared word by word. The
//! damage is regular — each glyph always comes out as the same wrong
//! character ([`glyph`]) — and the words of a resolution mostly recur in the
//! other editions of its series, so a damaged word can be looked up among
//! the damaged spellings of known words ([`lexicon::VariantIndex`]).
//!
//! [`Repairer::repair_text`] walks the tokens of a text. Spans of up to
//! [`MAX_SPAN`] tokens are tried (the damage turns some letters into
//! spaces, splitting a word), longest first; a span is replaced by a lexicon
//! word when one candidate is clearly the most likely ([`MIN_MARGIN`]). A
//! single token with several close candidates, or none and not itself a
//! known word, is left as it was and wrapped in [`MARK_OPEN`]…[`MARK_CLOSE`]
//! (documented in docs/ARABIC-DAMAGE.md) — repair never guesses.

pub mod glyph;
pub mod keys;
pub mod learn;
pub mod lexicon;
pub mod table;

use serde::Serialize;

use crate::ingest::damage;
use crate::model::Edition;
use glyph::{is_letter, GlyphModel};
use lexicon::{Lexicon, VariantIndex};

/// Opens a word repair left as it was because it could not be restored
/// with confidence.
pub const MARK_OPEN: char = '⟦';
/// Closes such a word.
pub const MARK_CLOSE: char = '⟧';

/// Most tokens joined into one word: the damage splits a word at most twice
/// in the seed (a medial letter and a final letter turned into spaces).
pub const MAX_SPAN: usize = 3;

/// A candidate replaces a token only when its score is at least this many
/// times the next candidate's. Below that the choice is a guess, and the
/// token is marked instead.
pub const MIN_MARGIN: f64 = 3.0;

/// What repair did, in word tokens of the damaged text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Tokens replaced by a different lexicon word.
    pub repaired: usize,
    /// Of those, tokens that were pieces of a split word, re-joined.
    pub joined: usize,
    /// Tokens left as they were because they are already a likely word.
    pub left: usize,
    /// Tokens left as they were and marked: no confident repair.
    pub uncertain: usize,
}

impl Report {
    fn add(&mut self, o: &Report) {
        self.repaired += o.repaired;
        self.joined += o.joined;
        self.left += o.left;
        self.uncertain += o.uncertain;
    }
}

/// A token split into leading punctuation, core, trailing punctuation.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    lead: &'a str,
    core: &'a str,
    trail: &'a str,
    /// Written against the token before it (it followed a `/`).
    glued: bool,
}

fn split_token(tok: &str, glued: bool) -> Token<'_> {
    let start = tok.find(is_letter).unwrap_or(tok.len());
    let end = tok
        .char_indices()
        .rev()
        .find(|(_, c)| is_letter(*c))
        .map_or(start, |(i, c)| i + c.len_utf8());
    Token {
        lead: &tok[..start],
        core: &tok[start..end.max(start)],
        trail: &tok[end.max(start)..],
        glued,
    }
}

/// The tokens of prepared text: white-space separated, and split after a
/// `/` (`الأول/ديسمبر` is two words written together).
fn tokens(prepared: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for tok in prepared.split(' ') {
        let (mut start, mut glued) = (0, false);
        for (k, _) in tok.match_indices('/') {
            if k > start {
                out.push(split_token(&tok[start..k], glued));
                glued = true;
                start = k;
            }
        }
        out.push(split_token(&tok[start..], glued));
    }
    out
}

/// Most `ع` of one token [`italic_variants`] drops (each is kept or
/// dropped, so 2^n spellings).
const MAX_ITALIC_AIN: usize = 4;

/// The spelling of pieces taken as one word: joined by the space the
/// damage made.
fn spellings(pieces: &[&str]) -> [String; 1] {
    [pieces.join(" ")]
}

/// The spellings a word in italic type may stand for, with the number of
/// `ع` each keeps: the italic lead phrase's kashida comes out as `ع` (often
/// a run of them, which no Arabic word has). Runs count as one `ع`; each is
/// kept or dropped.
fn italic_variants(core: &str) -> Vec<(String, usize)> {
    // Collapse runs, remember where the ع are.
    let mut chars: Vec<char> = Vec::with_capacity(core.len());
    for c in core.chars() {
        if !(c == 'ع' && chars.last() == Some(&'ع')) {
            chars.push(c);
        }
    }
    let ains: Vec<usize> = (0..chars.len()).filter(|&k| chars[k] == 'ع').collect();
    if ains.is_empty() || ains.len() > MAX_ITALIC_AIN {
        return Vec::new();
    }
    let mut out = Vec::new();
    for mask in 0..(1u32 << ains.len()) {
        let s: String = chars
            .iter()
            .enumerate()
            .filter(|(k, _)| match ains.iter().position(|a| a == k) {
                Some(n) => mask & (1 << n) != 0,
                None => true,
            })
            .map(|(_, c)| *c)
            .collect();
        if s != core {
            out.push((s, mask.count_ones() as usize));
        }
    }
    out
}

/// Fewest letters an italic spelling needs before a lost letter is restored
/// to it: shorter ones are one letter away from too many words.
const MIN_ITALIC_LETTERS: usize = 3;

/// A bigram of the lexicon seen once multiplies a candidate's score by
/// `1 + CONTEXT_WEIGHT`: the words around a token decide between spellings
/// the glyph model cannot tell apart (`الدول` / `الدولي`).
const CONTEXT_WEIGHT: f64 = 2.0;

/// Farthest apart (in tokens) two marked pieces may stand to be joined as
/// one split word: the visual order moves pieces within a printed line.
pub const PIECE_WINDOW: usize = 80;

/// A damaged spelling with fewer letters than this is changed into a word
/// only when a bigram of the lexicon supports the word in its place: short
/// pieces (`ا ي`, `ك`) are the damaged form of many words by chance.
const MIN_LETTERS_ALONE: usize = 3;

/// A short spelling is changed without the support of the words around it
/// when its best candidate scores at least this: the word occurs so often in
/// the lexicon with this damaged spelling (score = probability × count) that
/// chance pieces are rare beside it (`د` for `في`).
const SHORT_SPELLING_SCORE: f64 = 50.0;

/// The outcome of looking a spelling up.
enum Choice {
    Sure(String),
    Unsure,
    None,
}

/// Repairs texts with one glyph model and one lexicon.
#[derive(Debug, Clone)]
pub struct Repairer {
    lexicon: Lexicon,
    index: VariantIndex,
}

impl Repairer {
    pub fn new(model: &GlyphModel, lexicon: Lexicon) -> Self {
        let index = VariantIndex::build(model, &lexicon);
        Repairer { lexicon, index }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// How often a candidate stands next to its neighbours in the lexicon.
    fn context(&self, w: &str, prev: Option<&str>, next: &[&str]) -> u32 {
        let before = prev.map_or(0, |p| self.lexicon.pair(p, w));
        let after = next
            .iter()
            .map(|n| self.lexicon.pair(w, n))
            .max()
            .unwrap_or(0);
        before + after
    }

    /// Pick the candidate for `spelling`, using the word before (already
    /// repaired) and the spellings that may follow to break near ties.
    fn choose(&self, spelling: &str, prev: Option<&str>, next: &[&str]) -> Choice {
        let cands = self.index.lookup(spelling);
        let pick = match cands {
            [] => return Choice::None,
            [only] => only.0.as_str(),
            _ => {
                let mut scored: Vec<(f64, &str)> = cands
                    .iter()
                    .map(|(w, sc)| {
                        let ctx = f64::from(self.context(w, prev, next));
                        (sc * (1.0 + CONTEXT_WEIGHT * ctx), w.as_str())
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
                if scored[0].0 < MIN_MARGIN * scored[1].0 {
                    return Choice::Unsure;
                }
                scored[0].1
            }
        };
        // A short spelling matches some word by chance: change it only when
        // the words around agree.
        let letters = spelling.chars().filter(|&c| is_letter(c)).count();
        let expected = cands.first().map_or(0.0, |c| c.1);
        if pick != spelling
            && letters < MIN_LETTERS_ALONE
            && expected < SHORT_SPELLING_SCORE
            && self.context(pick, prev, next) == 0
        {
            return Choice::Unsure;
        }
        Choice::Sure(pick.to_string())
    }

    /// An italic word whose kashida came out as `ع` and which also lost
    /// one letter (`تسعععل` for `تسلم`, `يضعععا` for `أيضا`): the lexicon
    /// words that are one of its `ع`-stripped spellings plus one letter; a
    /// repair when one clearly outweighs the others.
    fn italic_with_lost_letter(&self, core: &str) -> Choice {
        let variants: Vec<Vec<char>> = italic_variants(core)
            .into_iter()
            .filter(|(v, _)| v.chars().count() >= MIN_ITALIC_LETTERS)
            .map(|(v, _)| v.chars().collect())
            .collect();
        if variants.is_empty() || !core.contains("عع") {
            return Choice::None;
        }
        let mut found: Vec<(f64, &str)> = Vec::new();
        for w in self.lexicon.words() {
            let wc: Vec<char> = w.chars().collect();
            let one_more = variants.iter().any(|v| {
                wc.len() == v.len() + 1
                    && (0..wc.len()).any(|k| wc[..k] == v[..k] && wc[k + 1..] == v[k..])
            });
            if one_more {
                found.push((self.lexicon.weight(w), w));
            }
        }
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        match found.as_slice() {
            [] => Choice::None,
            [(_, w)] => Choice::Sure(w.to_string()),
            [a, b, ..] if a.0 >= MIN_MARGIN * b.0 => Choice::Sure(a.1.to_string()),
            _ => Choice::Unsure,
        }
    }

    /// Words the token at `i` may stand for (for the context of the token
    /// before it).
    fn next_words<'a>(&'a self, toks: &[Token<'a>], i: usize) -> Vec<&'a str> {
        match toks.get(i) {
            Some(t) if !t.core.is_empty() => {
                let mut v: Vec<&str> = self
                    .index
                    .lookup(t.core)
                    .iter()
                    .map(|c| c.0.as_str())
                    .collect();
                v.push(t.core);
                v
            }
            _ => Vec::new(),
        }
    }

    /// Repair one text (a unit or a footnote); adds to `report`.
    pub fn repair_text(&self, text: &str, report: &mut Report) -> String {
        let prepared: String = learn::prepare(text).into_iter().collect();
        let toks = tokens(&prepared);
        // (glued to the previous piece, text)
        // (glued to the piece before, text, token index when marked)
        let mut out: Vec<(bool, String, Option<usize>)> = Vec::with_capacity(toks.len());
        let mut prev_word: Option<String> = None;
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if t.core.is_empty() {
                out.push((t.glued, format!("{}{}", t.lead, t.trail), None));
                prev_word = None;
                i += 1;
                continue;
            }
            // Longest span first: a word the damage split into pieces, in
            // reading order or, as visual order leaves some, reversed.
            let mut done = false;
            for k in (2..=MAX_SPAN).rev() {
                if i + k > toks.len() {
                    continue;
                }
                let span = &toks[i..i + k];
                let inner_clean = span[..k - 1].iter().all(|t| t.trail.is_empty())
                    && span[1..]
                        .iter()
                        .all(|t| t.lead.is_empty() && !t.glued && !t.core.is_empty());
                if !inner_clean {
                    continue;
                }
                let mut cores: Vec<&str> = span.iter().map(|t| t.core).collect();
                'orders: for _order in 0..2 {
                    let next = self.next_words(&toks, i + k);
                    for spelling in spellings(&cores) {
                        let Choice::Sure(w) = self.choose(&spelling, prev_word.as_deref(), &next)
                        else {
                            continue;
                        };
                        out.push((
                            t.glued,
                            format!("{}{}{}", span[0].lead, w, span[k - 1].trail),
                            None,
                        ));
                        report.repaired += k;
                        report.joined += k;
                        prev_word = Some(w);
                        done = true;
                        break 'orders;
                    }
                    cores.reverse();
                }
                if done {
                    i += k;
                    break;
                }
            }
            if done {
                continue;
            }
            // The conjunction و is written against the next word; the
            // extractor often puts a space after it.
            if t.core == "و" && t.trail.is_empty() {
                if let Some(n) = toks.get(i + 1).filter(|n| n.lead.is_empty() && !n.glued) {
                    let sp = format!("و{}", n.core);
                    let next = self.next_words(&toks, i + 2);
                    if let Choice::Sure(w) = self.choose(&sp, prev_word.as_deref(), &next) {
                        out.push((t.glued, format!("{}{w}{}", t.lead, n.trail), None));
                        report.repaired += 2;
                        report.joined += 2;
                        prev_word = Some(w);
                        i += 2;
                        continue;
                    }
                }
                // Alone before an Arabic word it is a piece of that word
                // (resolutions write a lone و only before numbers).
                if toks
                    .get(i + 1)
                    .is_some_and(|n| !n.core.is_empty() && !n.glued)
                {
                    report.uncertain += 1;
                    out.push((
                        t.glued,
                        format!("{}{MARK_OPEN}و{MARK_CLOSE}", t.lead),
                        Some(i),
                    ));
                    prev_word = None;
                    i += 1;
                    continue;
                }
            }
            let next = self.next_words(&toks, i + 1);
            // One token; a comma glued to it may be a damaged ط or ظ.
            if t.trail.starts_with('،') {
                let sp = format!("{}،", t.core);
                if let Choice::Sure(w) = self.choose(&sp, prev_word.as_deref(), &next) {
                    out.push((
                        t.glued,
                        format!("{}{}{}", t.lead, w, &t.trail['،'.len_utf8()..]),
                        None,
                    ));
                    report.repaired += 1;
                    prev_word = Some(w);
                    i += 1;
                    continue;
                }
            }
            let mut choice = self.choose(t.core, prev_word.as_deref(), &next);
            if let Choice::None = choice {
                if self.lexicon.contains(t.core) {
                    choice = Choice::Sure(t.core.to_string());
                } else {
                    // The known spellings keeping the most ع; one is a repair.
                    let known: Vec<(String, usize)> = italic_variants(t.core)
                        .into_iter()
                        .filter(|(v, _)| self.lexicon.contains(v))
                        .collect();
                    let most = known.iter().map(|k| k.1).max().unwrap_or(0);
                    let best: Vec<&String> =
                        known.iter().filter(|k| k.1 == most).map(|k| &k.0).collect();
                    if let [only] = best.as_slice() {
                        choice = Choice::Sure((*only).clone());
                    }
                    if let (Choice::None, true) = (&choice, t.core.contains('ع')) {
                        choice = self.italic_with_lost_letter(t.core);
                    }
                }
            }
            match choice {
                Choice::Sure(w) => {
                    if w == t.core {
                        report.left += 1;
                    } else {
                        report.repaired += 1;
                    }
                    out.push((t.glued, format!("{}{}{}", t.lead, w, t.trail), None));
                    prev_word = Some(w);
                }
                Choice::Unsure | Choice::None => {
                    report.uncertain += 1;
                    out.push((
                        t.glued,
                        format!("{}{MARK_OPEN}{}{MARK_CLOSE}{}", t.lead, t.core, t.trail),
                        Some(i),
                    ));
                    prev_word = None;
                }
            }
            if !t.trail.is_empty() {
                prev_word = None;
            }
            i += 1;
        }
        self.join_scattered_pieces(&toks, &mut out, report);
        let mut s = String::with_capacity(text.len());
        for (glued, piece, _) in out {
            if piece.is_empty() {
                continue;
            }
            if !s.is_empty() && !glued {
                s.push(' ');
            }
            s.push_str(&piece);
        }
        s
    }

    /// Second pass: pieces of a split word that the extraction's visual
    /// order put apart. Two marked tokens at most [`PIECE_WINDOW`] apart
    /// whose joined spelling (in either order) is confidently a word become
    /// that word, written where the first piece stood.
    fn join_scattered_pieces(
        &self,
        toks: &[Token],
        out: &mut [(bool, String, Option<usize>)],
        report: &mut Report,
    ) {
        let piece = |e: &(bool, String, Option<usize>)| e.2.map(|i| toks[i]).filter(|t| !t.glued);
        let marked: Vec<usize> = (0..out.len())
            .filter(|&x| piece(&out[x]).is_some())
            .collect();
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (distance, x, y)
        for (n, &x) in marked.iter().enumerate() {
            for &y in &marked[n + 1..] {
                if y - x <= PIECE_WINDOW {
                    pairs.push((y - x, x, y));
                }
            }
        }
        pairs.sort_unstable();
        for (_, x, y) in pairs {
            let (Some(a), Some(b)) = (piece(&out[x]), piece(&out[y])) else {
                continue;
            };
            // The word's first piece may keep punctuation before it, its
            // last piece punctuation after it.
            'orders: for (first, last) in [(a, b), (b, a)] {
                if !first.trail.is_empty() || !last.lead.is_empty() {
                    continue;
                }
                // A word the line break cut in two (its kashida at the cut
                // shows in the PDF, not in the text) is also tried written
                // together when the first piece ends in a joining letter.
                let mut sps = spellings(&[first.core, last.core]).to_vec();
                if first.core.chars().last().is_some_and(glyph::joins_next) {
                    sps.push(format!("{}{}", first.core, last.core));
                }
                for sp in sps {
                    let Choice::Sure(w) = self.choose(&sp, None, &[]) else {
                        continue;
                    };
                    out[x] = (out[x].0, format!("{}{w}{}", first.lead, last.trail), None);
                    out[y] = (false, String::new(), None);
                    report.uncertain -= 2;
                    report.repaired += 2;
                    report.joined += 2;
                    break 'orders;
                }
            }
        }
    }

    /// Repair an edition's unit texts, footnotes and title. The result has
    /// its damage judged again and a warning with the report.
    pub fn repair_edition(&self, ed: &Edition) -> (Edition, Report) {
        let mut report = Report::default();
        let mut out = ed.clone();
        for u in &mut out.units {
            let mut r = Report::default();
            u.text = self.repair_text(&u.text, &mut r);
            report.add(&r);
        }
        for f in &mut out.footnotes {
            f.text = self.repair_text(&f.text, &mut report);
        }
        if let Some(t) = &out.facts.title {
            out.facts.title = Some(self.repair_text(t, &mut report));
        }
        out.damage = None;
        out.warnings
            .retain(|w| !w.starts_with(damage::WARNING_START));
        out.warnings.push(format!(
            "words repaired from the glyph damage: {} repaired ({} of them re-joined pieces), \
             {} left as they were, {} uncertain and marked {MARK_OPEN}…{MARK_CLOSE}",
            report.repaired, report.joined, report.left, report.uncertain
        ));
        damage::flag(&mut out);
        (out, report)
    }
}

#[cfg(test)]
mod tests {
    use super::glyph::Form;
    use super::*;

    fn repairer() -> Repairer {
        // (synthetic) a font that turns initial ب into ا and final ر into a space
        let m = GlyphModel::from_rows([
            ('ب', Form::Initial, "ا", 10),
            ('ر', Form::Final, " ", 10),
            ('ر', Form::Isolated, " ", 10),
        ]);
        let mut l = Lexicon::default();
        l.add_text("بحث الدول الاتجار بالبشر تحث على");
        Repairer::new(&m, l)
    }

    #[test]
    fn repairs_rejoins_and_marks() {
        let r = repairer();
        let mut rep = Report::default();
        // "الاتجا" is الاتجار with its final ر lost; "احث" is بحث; "زخرف" unknown.
        let got = r.repair_text("احث الدول، على الاتجا زخرف (synthetic)", &mut rep);
        assert_eq!(got, "بحث الدول، على الاتجار ⟦زخرف⟧ (synthetic)");
        assert_eq!(
            rep,
            Report {
                repaired: 2,
                joined: 0,
                left: 2,
                uncertain: 1
            }
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let r = repairer();
        let mut rep = Report::default();
        for t in [
            "",
            " ",
            "/",
            "//ا/",
            "،،، ، ،ا، ا،",
            "و",
            "و و و",
            "(synthetic) ا ب ت ث ج ح خ",
            "e\u{301} 大会 ١٢ \u{640}\u{640}",
            "ععععع تعععع/ععع",
        ] {
            let _ = r.repair_text(t, &mut rep);
        }
    }

    #[test]
    fn split_token_keeps_punctuation_outside() {
        let t = split_token("(الدول،", false);
        assert_eq!((t.lead, t.core, t.trail), ("(", "الدول", "،"));
        let t = split_token("2021", false);
        assert_eq!((t.lead, t.core, t.trail), ("2021", "", ""));
        let ts = tokens("الأول/د 2021");
        let v: Vec<(&str, &str, bool)> = ts.iter().map(|t| (t.lead, t.core, t.glued)).collect();
        assert_eq!(
            v,
            [("", "الأول", false), ("/", "د", true), ("2021", "", false)]
        );
    }

    #[test]
    fn italic_kashida_runs_are_tried_as_one_letter_or_none() {
        let v = italic_variants("تضععععع");
        assert_eq!(v, [("تض".to_string(), 0), ("تضع".to_string(), 1)]);
        assert_eq!(italic_variants("تشعير"), [("تشير".to_string(), 0)]);
        assert!(italic_variants("تحث").is_empty());
    }
}
