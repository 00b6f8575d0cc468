//! Synthetic edition pairs with known truth, for measuring alignment.
//!
//! Real series give a handful of hand-checked alignments; this module gives
//! as many as wanted, of any size, with the right answer known. A seeded
//! generator writes an invented resolution (UN-style opening words, a Zipf
//! vocabulary of made-up words, stock phrases that recur across clauses as
//! real ones do, near-duplicate clauses, sessions and dates, lettered
//! sub-items), then derives a next edition by the edits real series show:
//! word edits, session and date roll-over, inserted, deleted, moved and
//! moved-and-edited clauses, splits, merges, a clause crossing from preamble
//! to operative part, PDF noise, and the renumbering all of that causes.
//!
//! Nothing here is text of a real resolution; every generated text ends with
//! the marker `(synthetic)`.

use std::collections::{BTreeSet, HashMap};

use crate::diff::Comparison;
use crate::model::{Edition, Language, Part, SourceFormat, Unit, UnitId};

/// How much the generated next edition differs from the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A few word edits, one clause in, one out, the session roll-over.
    Light,
    /// What a typical biennial update looks like.
    Typical,
    /// A thorough revision.
    Heavy,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Light, Level::Typical, Level::Heavy];

    pub fn name(self) -> &'static str {
        match self {
            Level::Light => "light",
            Level::Typical => "typical",
            Level::Heavy => "heavy",
        }
    }
}

/// Rates of each kind of edit, as shares of the top-level clauses.
#[derive(Debug, Clone, Copy)]
struct Rates {
    edited: f64,
    /// Largest share of a clause's words touched by its word edits.
    edit_depth: f64,
    inserted: f64,
    deleted: f64,
    moved: f64,
    moved_edited: f64,
    split: f64,
    merged: f64,
    cross_part: f64,
    noise: f64,
}

fn rates(level: Level) -> Rates {
    match level {
        Level::Light => Rates {
            edited: 0.05,
            edit_depth: 0.08,
            inserted: 0.01,
            deleted: 0.01,
            moved: 0.0,
            moved_edited: 0.0,
            split: 0.0,
            merged: 0.0,
            cross_part: 0.0,
            noise: 0.0,
        },
        Level::Typical => Rates {
            edited: 0.2,
            edit_depth: 0.15,
            inserted: 0.05,
            deleted: 0.03,
            moved: 0.02,
            moved_edited: 0.01,
            split: 0.01,
            merged: 0.01,
            cross_part: 0.01,
            noise: 0.01,
        },
        Level::Heavy => Rates {
            edited: 0.4,
            edit_depth: 0.3,
            inserted: 0.1,
            deleted: 0.08,
            moved: 0.05,
            moved_edited: 0.03,
            split: 0.02,
            merged: 0.02,
            cross_part: 0.02,
            noise: 0.03,
        },
    }
}

/// A generated pair of editions and the correct alignment.
#[derive(Debug, Clone)]
pub struct Case {
    pub old: Edition,
    pub new: Edition,
    /// Correct groups: `(old ids, new ids)`; one side empty for removed/added.
    pub truth: Vec<(Vec<UnitId>, Vec<UnitId>)>,
}

/// SplitMix64: small, seeded, reproducible on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    /// Zipf-like index in `0..n`: small indexes much more often.
    fn zipf(&mut self, n: usize) -> usize {
        let u = ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0)
            .floor()
            .clamp(0.0, n as f64 - 1.0) as usize
    }
}

const PREAMBLE_OPENINGS: [&str; 12] = [
    "Recalling",
    "Reaffirming",
    "Welcoming",
    "Noting",
    "Recognizing",
    "Stressing",
    "Emphasizing",
    "Bearing in mind",
    "Taking note of",
    "Expressing concern",
    "Acknowledging",
    "Underlining",
];
/// Operative forms, index-aligned with [`PREAMBLE_OPENINGS`] (for clauses
/// that cross from the preamble to the operative part).
const OPERATIVE_OPENINGS: [&str; 12] = [
    "Recalls",
    "Reaffirms",
    "Welcomes",
    "Notes",
    "Recognizes",
    "Stresses",
    "Emphasizes",
    "Bears in mind",
    "Takes note of",
    "Expresses concern",
    "Acknowledges",
    "Underlines",
];
const EXTRA_OPERATIVE: [&str; 8] = [
    "Requests",
    "Urges",
    "Invites",
    "Encourages",
    "Calls upon",
    "Decides",
    "Requests also",
    "Encourages further",
];
const FUNCTION_WORDS: [&str; 14] = [
    "the", "of", "and", "to", "in", "for", "on", "with", "by", "its", "all", "as", "that", "at",
];
const ORDINALS: [&str; 6] = [
    "seventy-second",
    "seventy-fourth",
    "seventy-sixth",
    "seventy-eighth",
    "eightieth",
    "eighty-second",
];
const MONTHS: [&str; 6] = [
    "January",
    "March",
    "June",
    "September",
    "October",
    "December",
];

/// The made-up vocabulary and stock phrases of one generated series.
struct Lexicon {
    words: Vec<String>,
    phrases: Vec<Vec<usize>>,
}

impl Lexicon {
    fn new(rng: &mut Rng, size: usize) -> Self {
        const ONSETS: [&str; 16] = [
            "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "pr", "st",
        ];
        const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "io"];
        const CODAS: [&str; 8] = ["", "n", "r", "s", "l", "t", "m", "nt"];
        let mut seen = BTreeSet::new();
        let mut words = Vec::with_capacity(size);
        while words.len() < size {
            let syl = 1 + rng.below(3) + usize::from(rng.chance(0.3));
            let mut w = String::new();
            for _ in 0..syl {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
                w.push_str(CODAS[rng.below(CODAS.len())]);
            }
            if w.len() >= 3 && seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let phrases = (0..size / 20 + 5)
            .map(|_| (0..2 + rng.below(4)).map(|_| rng.zipf(size)).collect())
            .collect();
        Lexicon { words, phrases }
    }

    fn word(&self, rng: &mut Rng) -> String {
        if rng.chance(0.3) {
            FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_string()
        } else {
            self.words[rng.zipf(self.words.len())].clone()
        }
    }

    fn body(&self, rng: &mut Rng, len: usize, session: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(len + 8);
        while out.len() < len {
            if rng.chance(0.25) {
                let p = &self.phrases[rng.zipf(self.phrases.len())];
                out.extend(p.iter().map(|&w| self.words[w].clone()));
            } else {
                out.push(self.word(rng));
            }
        }
        if rng.chance(0.12) {
            out.extend(
                ["at", "its", ORDINALS[session], "session"]
                    .iter()
                    .map(|s| s.to_string()),
            );
        }
        if rng.chance(0.15) {
            let day = 1 + rng.below(28);
            out.push("of".into());
            out.push(day.to_string());
            out.push(MONTHS[rng.below(MONTHS.len())].to_string());
            out.push((2015 + 2 * session).to_string());
        }
        out
    }
}

/// One clause while an edition is being generated.
#[derive(Debug, Clone)]
struct Item {
    part: Part,
    depth: usize,
    opening: Option<usize>,
    extra_opening: Option<usize>,
    words: Vec<String>,
    /// Indexes of the old units this clause comes from.
    origin: Vec<usize>,
    noise: Option<Noise>,
}

#[derive(Debug, Clone, Copy)]
enum Noise {
    LetterSpaced(usize),
    Hyphenated(usize),
}

impl Item {
    fn text(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        match (self.part, self.opening, self.extra_opening) {
            (Part::Preamble, Some(o), _) => words.push(PREAMBLE_OPENINGS[o].to_string()),
            (Part::Operative, Some(o), _) => words.push(OPERATIVE_OPENINGS[o].to_string()),
            (_, None, Some(e)) => words.push(EXTRA_OPERATIVE[e].to_string()),
            _ => {}
        }
        for (k, w) in self.words.iter().enumerate() {
            match self.noise {
                Some(Noise::LetterSpaced(at)) if at == k && w.chars().count() > 3 => {
                    let spaced: Vec<String> = w.chars().map(String::from).collect();
                    words.push(spaced.join(" "));
                }
                Some(Noise::Hyphenated(at)) if at == k && w.chars().count() > 5 => {
                    let cut = w.char_indices().nth(3).map_or(w.len(), |(i, _)| i);
                    words.push(format!("{}- {}", &w[..cut], &w[cut..]));
                }
                _ => words.push(w.clone()),
            }
        }
        let mut s = words.join(" ");
        let end = match (self.part, self.depth) {
            (Part::Preamble, _) => ",",
            (Part::Operative, 0) => ";",
            _ => ";",
        };
        s.push_str(" (synthetic)");
        s.push_str(end);
        if self.depth == 0 {
            let mut c = s.chars();
            if let Some(f) = c.next() {
                s = f.to_uppercase().collect::<String>() + c.as_str();
            }
        }
        s
    }
}

/// Top-level blocks: index ranges `[start, end)` of a clause and its sub-items.
fn blocks(items: &[Item]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let mut e = k + 1;
        while e < items.len() && items[e].depth > 0 {
            e += 1;
        }
        out.push((k, e));
        k = e;
    }
    out
}

/// Build an edition from items: preamble first, ids by position.
fn edition(items: &[Item], source: &str) -> Edition {
    let mut ed = Edition::new(source, SourceFormat::Text, Language::En);
    let (mut pp, mut op) = (0u32, 0u32);
    let mut parent = UnitId::pp(0);
    let mut sub = 0usize;
    for it in items {
        let id = if it.depth == 0 {
            sub = 0;
            parent = match it.part {
                Part::Preamble => {
                    pp += 1;
                    UnitId::pp(pp)
                }
                Part::Operative => {
                    op += 1;
                    UnitId::op(op)
                }
            };
            parent.clone()
        } else {
            let label = ((b'a' + (sub % 26) as u8) as char)
                .to_string()
                .repeat(1 + sub / 26);
            sub += 1;
            parent.child(&label)
        };
        ed.units.push(Unit::new(id, it.text()));
    }
    ed
}

fn first_items(rng: &mut Rng, lex: &Lexicon, units: usize) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::with_capacity(units);
    let n_pp = units * 2 / 5;
    while items.len() < units {
        let part = if items.len() < n_pp {
            Part::Preamble
        } else {
            Part::Operative
        };
        let (opening, extra) = if part == Part::Preamble || rng.chance(0.5) {
            (Some(rng.below(PREAMBLE_OPENINGS.len())), None)
        } else {
            (None, Some(rng.below(EXTRA_OPERATIVE.len())))
        };
        // Near-duplicate of an earlier clause, as series often have.
        let words = if items.len() > 4 && rng.chance(0.05) {
            let src = &items[rng.below(items.len())];
            let mut w = src.words.clone();
            let n = (w.len() as f64 * 0.3).ceil() as usize;
            for _ in 0..n {
                let at = rng.below(w.len());
                w[at] = lex.word(rng);
            }
            w
        } else {
            let len = 8 + rng.zipf(40) + rng.below(25);
            lex.body(rng, len, 2)
        };
        items.push(Item {
            part,
            depth: 0,
            opening,
            extra_opening: extra,
            words,
            origin: Vec::new(),
            noise: None,
        });
        let subs = if rng.chance(if part == Part::Preamble { 0.04 } else { 0.1 }) {
            2 + rng.below(5)
        } else {
            0
        };
        for _ in 0..subs {
            if items.len() >= units {
                break;
            }
            let len = 4 + rng.below(18);
            items.push(Item {
                part,
                depth: 1,
                opening: None,
                extra_opening: None,
                words: lex.body(rng, len, 2),
                origin: Vec::new(),
                noise: None,
            });
        }
    }
    for (k, it) in items.iter_mut().enumerate() {
        it.origin = vec![k];
    }
    items
}

fn edit_words(rng: &mut Rng, lex: &Lexicon, it: &mut Item, depth: f64) {
    let n = it.words.len().max(1);
    let max = ((n as f64 * depth).ceil() as usize).max(1);
    let edits = 1 + rng.below(max);
    for _ in 0..edits {
        let at = rng.below(it.words.len().max(1));
        match rng.below(3) {
            0 if !it.words.is_empty() => it.words[at] = lex.word(rng),
            1 if it.words.len() > 3 => {
                it.words.remove(at);
            }
            _ => it.words.insert(at.min(it.words.len()), lex.word(rng)),
        }
    }
}

/// Generate a pair of editions with `units` units in the first, edited at `level`.
pub fn generate(seed: u64, units: usize, level: Level) -> Case {
    let mut rng = Rng::new(seed);
    let lex = Lexicon::new(&mut rng, 400 + units * 6);
    let r = rates(level);
    let old_items = first_items(&mut rng, &lex, units.max(1));
    let old = edition(&old_items, "synthetic-old");
    let mut items = old_items.clone();
    let tops = blocks(&items).len();
    // Number of edits of one kind: the share of top-level clauses, the
    // fraction rounded at random so small documents still see some.
    let count = |share: f64, rng: &mut Rng| -> usize {
        let x = share * tops as f64;
        let base = x.floor() as usize;
        base + usize::from(rng.chance(x - base as f64))
    };

    // Session and date roll-over: every clause, as in a real new edition.
    for it in &mut items {
        for w in &mut it.words {
            if w == ORDINALS[2] {
                *w = ORDINALS[3].to_string();
            } else if *w == "2019" {
                *w = "2021".to_string();
            }
        }
    }
    // Word edits.
    let n_edit = count(r.edited, &mut rng);
    let all = items.len();
    for _ in 0..n_edit {
        let k = rng.below(all);
        edit_words(&mut rng, &lex, &mut items[k], r.edit_depth);
    }
    // Deletions (a whole block, or one sub-item).
    for _ in 0..count(r.deleted, &mut rng) {
        let b = blocks(&items);
        if b.len() < 3 {
            break;
        }
        let (s, e) = b[rng.below(b.len())];
        if e - s > 2 && rng.chance(0.3) {
            items.remove(s + 1 + rng.below(e - s - 1));
        } else {
            items.drain(s..e);
        }
    }
    // Splits: a clause without sub-items becomes two adjacent clauses.
    for _ in 0..count(r.split, &mut rng) {
        let b: Vec<(usize, usize)> = blocks(&items)
            .into_iter()
            .filter(|&(s, e)| {
                e - s == 1 && items[s].words.len() >= 16 && items[s].origin.len() == 1
            })
            .collect();
        if b.is_empty() {
            break;
        }
        let (s, _) = b[rng.below(b.len())];
        let cut = items[s].words.len() / 3 + rng.below(items[s].words.len() / 3);
        let mut second = items[s].clone();
        second.words = items[s].words.split_off(cut);
        second.opening = None;
        second.extra_opening = Some(rng.below(EXTRA_OPERATIVE.len()));
        if second.part == Part::Preamble {
            second.extra_opening = None;
            second.opening = Some(rng.below(PREAMBLE_OPENINGS.len()));
        }
        items.insert(s + 1, second);
    }
    // Merges: two adjacent clauses without sub-items, same part.
    for _ in 0..count(r.merged, &mut rng) {
        let b = blocks(&items);
        let cands: Vec<usize> = b
            .windows(2)
            .filter(|w| {
                w[0].1 - w[0].0 == 1
                    && w[1].1 - w[1].0 == 1
                    && items[w[0].0].part == items[w[1].0].part
                    && items[w[0].0].origin.len() == 1
                    && items[w[1].0].origin.len() == 1
                    && !items[w[0].0].origin.is_empty()
                    && !shares_origin(&items, w[0].0)
                    && !shares_origin(&items, w[1].0)
            })
            .map(|w| w[0].0)
            .collect();
        if cands.is_empty() {
            break;
        }
        let s = cands[rng.below(cands.len())];
        let second = items.remove(s + 1);
        let first = &mut items[s];
        first.words.push("and".into());
        first.words.extend(second.words);
        first.origin.extend(second.origin);
    }
    // Moves (blocks), some also edited, a few crossing into the operative part.
    let n_move = count(r.moved, &mut rng);
    let n_move_edit = count(r.moved_edited, &mut rng);
    let n_cross = count(r.cross_part, &mut rng);
    for m in 0..n_move + n_move_edit + n_cross {
        let b = blocks(&items);
        if b.len() < 4 {
            break;
        }
        let cross = m >= n_move + n_move_edit;
        let pick: Vec<(usize, usize)> = if cross {
            b.iter()
                .copied()
                .filter(|&(s, e)| {
                    e - s == 1 && items[s].part == Part::Preamble && items[s].opening.is_some()
                })
                .collect()
        } else {
            b.clone()
        };
        if pick.is_empty() {
            continue;
        }
        let (s, e) = pick[rng.below(pick.len())];
        let mut block: Vec<Item> = items.drain(s..e).collect();
        if m >= n_move && !cross {
            let k = rng.below(block.len());
            edit_words(&mut rng, &lex, &mut block[k], r.edit_depth.max(0.15));
        }
        let part = if cross {
            Part::Operative
        } else {
            block[0].part
        };
        for it in &mut block {
            it.part = part;
        }
        // A destination at a block boundary within the target part, far enough.
        let b2: Vec<usize> = blocks(&items)
            .into_iter()
            .map(|(s2, _)| s2)
            .chain(std::iter::once(items.len()))
            .filter(|&p| {
                let before_ok = p == 0 || items[p - 1].part == part || part == Part::Operative;
                let after_ok = p == items.len() || items[p].part == part || part == Part::Preamble;
                before_ok && after_ok && p.abs_diff(s) >= 2
            })
            .collect();
        let dest = if b2.is_empty() {
            s.min(items.len())
        } else {
            b2[rng.below(b2.len())]
        };
        for (k, it) in block.into_iter().enumerate() {
            items.insert(dest + k, it);
        }
    }
    // Insertions of fresh clauses (or sub-items within a list).
    for _ in 0..count(r.inserted, &mut rng) {
        let b = blocks(&items);
        let (s, e) = b.get(rng.below(b.len())).copied().unwrap_or((0, 0));
        let (at, depth, part) = match items.get(s) {
            Some(it) if e - s > 1 && rng.chance(0.4) => (s + 1 + rng.below(e - s - 1), 1, it.part),
            Some(it) => (e, 0, it.part),
            None => (0, 0, Part::Operative),
        };
        let len = if depth == 0 {
            10 + rng.zipf(40)
        } else {
            5 + rng.below(14)
        };
        items.insert(
            at,
            Item {
                part,
                depth,
                opening: if depth == 0 {
                    Some(rng.below(PREAMBLE_OPENINGS.len()))
                } else {
                    None
                },
                extra_opening: None,
                words: lex.body(&mut rng, len, 3),
                origin: Vec::new(),
                noise: None,
            },
        );
    }
    // PDF noise: a letter-spaced or hyphenated word.
    for _ in 0..count(r.noise, &mut rng) {
        let k = rng.below(items.len());
        let w = rng.below(items[k].words.len().max(1));
        items[k].noise = Some(if rng.chance(0.5) {
            Noise::LetterSpaced(w)
        } else {
            Noise::Hyphenated(w)
        });
    }
    // Keep the preamble before the operative part, stable otherwise.
    let mut keyed: Vec<(Part, usize, Item)> = Vec::new();
    let mut block_part = Part::Preamble;
    for (k, it) in items.into_iter().enumerate() {
        if it.depth == 0 {
            block_part = it.part;
        }
        keyed.push((block_part, k, it));
    }
    keyed.sort_by_key(|(p, k, _)| (*p, *k));
    let items: Vec<Item> = keyed.into_iter().map(|(_, _, it)| it).collect();
    let new = edition(&items, "synthetic-new");

    // Truth from the origins.
    let mut by_origin: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut truth = Vec::new();
    let mut old_seen = vec![false; old.units.len()];
    for (j, it) in items.iter().enumerate() {
        if it.origin.is_empty() {
            truth.push((Vec::new(), vec![new.units[j].id.clone()]));
        } else if it.origin.len() > 1 {
            let olds: Vec<UnitId> = it.origin.iter().map(|&o| old.units[o].id.clone()).collect();
            it.origin.iter().for_each(|&o| old_seen[o] = true);
            truth.push((olds, vec![new.units[j].id.clone()]));
        } else {
            by_origin.entry(it.origin[0]).or_default().push(j);
        }
    }
    let mut origins: Vec<_> = by_origin.into_iter().collect();
    origins.sort();
    for (o, js) in origins {
        old_seen[o] = true;
        truth.push((
            vec![old.units[o].id.clone()],
            js.iter().map(|&j| new.units[j].id.clone()).collect(),
        ));
    }
    for (o, seen) in old_seen.iter().enumerate() {
        if !seen {
            truth.push((vec![old.units[o].id.clone()], Vec::new()));
        }
    }
    Case { old, new, truth }
}

fn shares_origin(items: &[Item], k: usize) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(x, it)| x != k && it.origin.iter().any(|o| items[k].origin.contains(o)))
}

/// A next edition made from a given one by seeded edits — word edits in a
/// few clauses, one preambular paragraph removed, two operative paragraphs
/// swapped, one clause added — with paragraphs renumbered and footnote
/// citations kept, so that a report can be shown on a real edition without
/// any other edition's text. The added clause is built from the edition's
/// own words and marked `(synthetic)`; `source` becomes `synthetic-edit`.
pub fn edit_edition(ed: &Edition, seed: u64) -> Edition {
    let mut rng = Rng::new(seed);
    // Blocks: a top-level paragraph and its sub-items.
    let mut blocks: Vec<Vec<Unit>> = Vec::new();
    for u in &ed.units {
        match blocks.last_mut() {
            Some(b) if u.id.depth() > 0 => b.push(u.clone()),
            _ => blocks.push(vec![u.clone()]),
        }
    }
    let words: Vec<String> = ed
        .units
        .iter()
        .flat_map(|u| u.text.split_whitespace())
        .filter(|w| w.chars().all(char::is_alphabetic) && w.chars().count() > 3)
        .map(str::to_string)
        .collect();
    let word = |rng: &mut Rng| {
        words
            .get(rng.below(words.len()))
            .cloned()
            .unwrap_or_default()
    };
    // Word edits: replace, delete or insert a word in about one clause in six.
    for b in &mut blocks {
        for u in b.iter_mut() {
            if !rng.chance(1.0 / 6.0) {
                continue;
            }
            let mut ws: Vec<String> = u.text.split(' ').map(str::to_string).collect();
            if ws.len() < 4 {
                continue;
            }
            let at = 1 + rng.below(ws.len() - 2);
            match rng.below(3) {
                0 => ws[at] = word(&mut rng),
                1 => {
                    ws.remove(at);
                }
                _ => ws.insert(at, word(&mut rng)),
            }
            u.text = ws.join(" ");
        }
    }
    let is_part = |b: &Vec<Unit>, p: Part| b.first().is_some_and(|u| u.id.part == p);
    let pp: Vec<usize> = (0..blocks.len())
        .filter(|&k| is_part(&blocks[k], Part::Preamble) && blocks[k].len() == 1)
        .collect();
    if pp.len() > 2 {
        blocks.remove(pp[1 + rng.below(pp.len() - 1)]);
    }
    let op: Vec<usize> = (0..blocks.len())
        .filter(|&k| is_part(&blocks[k], Part::Operative))
        .collect();
    if op.len() > 4 {
        let a = op[rng.below(op.len() / 2)];
        let b = op[op.len() / 2 + rng.below(op.len() - op.len() / 2)];
        blocks.swap(a, b);
    }
    if let Some(&last_op) = op.last() {
        let mut text: Vec<String> = (0..8 + rng.below(8)).map(|_| word(&mut rng)).collect();
        text.push("(synthetic).".into());
        let at = last_op.min(blocks.len());
        blocks.insert(at, vec![Unit::new(UnitId::op(0), text.join(" "))]);
    }
    // Renumber: preambular paragraphs by position, operative in order.
    let mut out = ed.clone();
    out.source = "synthetic-edit".into();
    out.units.clear();
    let mut renamed: HashMap<UnitId, UnitId> = HashMap::new();
    let (mut npp, mut nop) = (0, 0);
    for b in blocks {
        let top = match b.first().map(|u| u.id.part) {
            Some(Part::Preamble) => {
                npp += 1;
                UnitId::pp(npp)
            }
            _ => {
                nop += 1;
                UnitId::op(nop)
            }
        };
        for mut u in b {
            let id = UnitId {
                part: top.part,
                number: top.number,
                sub: u.id.sub.clone(),
            };
            renamed.insert(u.id.clone(), id.clone());
            u.id = id;
            out.units.push(u);
        }
    }
    for f in &mut out.footnotes {
        f.unit = f.unit.as_ref().and_then(|id| renamed.get(id).cloned());
    }
    out
}

/// An alignment as a set of id pairs: `(old, new)` for every old and new
/// unit of a group, `(old, "-")` for removed, `("-", new)` for added.
pub fn pair_set(groups: &[(Vec<UnitId>, Vec<UnitId>)]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (o, n) in groups {
        match (o.is_empty(), n.is_empty()) {
            (false, false) => {
                for a in o {
                    for b in n {
                        out.insert((a.to_string(), b.to_string()));
                    }
                }
            }
            (false, true) => o.iter().for_each(|a| {
                out.insert((a.to_string(), "-".to_string()));
            }),
            (true, false) => n.iter().for_each(|b| {
                out.insert(("-".to_string(), b.to_string()));
            }),
            (true, true) => {}
        }
    }
    out
}

/// A list of unit ids as gold files write it: `OP5,OP6`, or `-` when empty.
pub fn id_list(ids: &[UnitId]) -> String {
    if ids.is_empty() {
        "-".to_string()
    } else {
        ids.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The groups of a comparison, for [`pair_set`].
pub fn comparison_groups(c: &Comparison) -> Vec<(Vec<UnitId>, Vec<UnitId>)> {
    c.changes
        .iter()
        .map(|ch| (ch.old.clone(), ch.new.clone()))
        .collect()
}

/// F1 of predicted pairs against true pairs (1.0 when both are empty).
pub fn pair_f1(pred: &BTreeSet<(String, String)>, truth: &BTreeSet<(String, String)>) -> f64 {
    if pred.is_empty() && truth.is_empty() {
        return 1.0;
    }
    let hit = pred.intersection(truth).count() as f64;
    if hit == 0.0 {
        return 0.0;
    }
    let p = hit / pred.len() as f64;
    let r = hit / truth.len() as f64;
    2.0 * p * r / (p + r)
}

/// Baseline: pair units that carry the same id (what comparing by number
/// gives), the rest removed or added.
pub fn by_position(old: &Edition, new: &Edition) -> Vec<(Vec<UnitId>, Vec<UnitId>)> {
    let new_ids: BTreeSet<&UnitId> = new.units.iter().map(|u| &u.id).collect();
    let old_ids: BTreeSet<&UnitId> = old.units.iter().map(|u| &u.id).collect();
    let mut out = Vec::new();
    for u in &old.units {
        if new_ids.contains(&u.id) {
            out.push((vec![u.id.clone()], vec![u.id.clone()]));
        } else {
            out.push((vec![u.id.clone()], Vec::new()));
        }
    }
    for u in &new.units {
        if !old_ids.contains(&u.id) {
            out.push((Vec::new(), vec![u.id.clone()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_and_reproducible() {
        let a = generate(42, 80, Level::Typical);
        let b = generate(42, 80, Level::Typical);
        assert_eq!(a.new.units, b.new.units);
        assert_eq!(a.truth, b.truth);
        assert!(a.new.units.iter().all(|u| u.text.contains("(synthetic)")));
    }

    #[test]
    fn truth_covers_every_unit_once() {
        for level in Level::ALL {
            for seed in 0..10 {
                let c = generate(seed, 60, level);
                let mut olds: Vec<String> = c
                    .truth
                    .iter()
                    .flat_map(|g| g.0.iter().map(|i| i.to_string()))
                    .collect();
                let mut news: Vec<String> = c
                    .truth
                    .iter()
                    .flat_map(|g| g.1.iter().map(|i| i.to_string()))
                    .collect();
                olds.sort();
                news.sort();
                let mut want_o: Vec<String> =
                    c.old.units.iter().map(|u| u.id.to_string()).collect();
                let mut want_n: Vec<String> =
                    c.new.units.iter().map(|u| u.id.to_string()).collect();
                want_o.sort();
                want_n.sort();
                assert_eq!(olds, want_o);
                assert_eq!(news, want_n);
            }
        }
    }

    #[test]
    fn f1_basics() {
        let s = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let t: BTreeSet<_> = s(&[("PP1", "PP1"), ("OP1", "-")]);
        assert_eq!(pair_f1(&t, &t), 1.0);
        assert_eq!(pair_f1(&s(&[("PP1", "PP1")]), &t), 2.0 * 1.0 * 0.5 / 1.5);
    }

    #[test]
    fn edit_edition_keeps_ids_in_order_and_changes_something() {
        let case = generate(5, 40, Level::Light);
        let ed = edit_edition(&case.old, 1);
        assert_ne!(ed.units, case.old.units);
        let ids = ed.unit_ids();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "ids stay in document order");
        assert_eq!(edit_edition(&case.old, 1).units, ed.units, "seeded");
        assert!(ed.units.iter().any(|u| u.text.ends_with("(synthetic).")));
    }
}
