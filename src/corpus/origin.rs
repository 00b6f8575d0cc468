//! Where a clause first appeared: near-duplicate search for one clause over
//! every unit of a corpus, earliest edition first.
//!
//! Clauses are reworded from edition to edition ("at its seventy-sixth
//! session" → "seventy-eighth"), so exact matching would miss the origin.
//! The search first keeps the documents that hold at least
//! [`MIN_SHINGLE_SHARE`] of the clause's shingles (a binary search per
//! shingle in each document's sorted set), then scores each unit of those
//! documents that shares a shingle by the alignment score
//! ([`crate::align::text_similarity`], an LCS ratio of comparison keys).

use super::index;
use super::Corpus;
use crate::align;
use crate::model::{Language, UnitId};
use crate::normalize::ExactKeys;

/// Similarity (LCS ratio) at which a unit counts as holding the clause:
/// high enough that a different clause sharing boilerplate ("Requests the
/// Secretary-General to submit …") stays out, low enough that a clause with
/// an updated session number or an added phrase is found.
pub const MIN_SIMILARITY: f64 = 0.7;

/// Share of the clause's shingles a document must hold before its units are
/// scored. A unit with LCS ratio 0.7 keeps most 4-word shingles; 0.3 leaves
/// a wide margin while skipping nearly every unrelated document.
pub const MIN_SHINGLE_SHARE: f64 = 0.3;

/// One edition holding the clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Corpus index of the edition.
    pub doc: usize,
    /// Its unit most like the clause.
    pub unit: UnitId,
    /// 0..1.
    pub similarity: f64,
}

/// Every edition holding a unit like `clause` (at least
/// [`MIN_SIMILARITY`]), in adoption order: the first is the origin.
pub fn find(corpus: &Corpus, clause: &str, lang: Language, threads: usize) -> Vec<Hit> {
    let mut words = Vec::new();
    index::key_hashes(clause, lang, &mut words);
    let mut query = Vec::new();
    index::shingles_of(&words, &mut query);
    query.sort_unstable();
    query.dedup();
    if query.is_empty() {
        return Vec::new();
    }
    let ids: Vec<usize> = (0..corpus.docs.len()).collect();
    let hits = super::par_map(&ids, threads, |&d| {
        let doc = &corpus.docs[d];
        let held = query
            .iter()
            .filter(|q| doc.shingles.binary_search(q).is_ok())
            .count();
        if (held as f64) < MIN_SHINGLE_SHARE * query.len() as f64 {
            return None;
        }
        let ed = &doc.edition;
        let mut best: Option<Hit> = None;
        let mut unit_words = Vec::new();
        let mut unit_set = Vec::new();
        for u in &ed.units {
            unit_words.clear();
            unit_set.clear();
            index::key_hashes(&u.text, ed.language, &mut unit_words);
            index::shingles_of(&unit_words, &mut unit_set);
            if !unit_set.iter().any(|s| query.binary_search(s).is_ok()) {
                continue;
            }
            let sim = align::text_similarity(clause, &u.text, ed.language, &ExactKeys);
            if sim >= MIN_SIMILARITY && best.as_ref().map_or(true, |b| sim > b.similarity) {
                best = Some(Hit {
                    doc: d,
                    unit: u.id.clone(),
                    similarity: sim,
                });
            }
        }
        best
    });
    // Documents are in adoption order already, so the hits are too.
    hits.into_iter().flatten().collect()
}

/// Split `REF:UNIT` (`A/RES/74/176:OP5`, `76/186:PP3`) into the reference
/// and the unit id; `None` when the text is not of that form (a clause).
pub fn split_reference(arg: &str) -> Option<(&str, UnitId)> {
    let (r, u) = arg.trim().rsplit_once(':')?;
    if r.is_empty() || r.contains(char::is_whitespace) {
        return None;
    }
    let id: UnitId = u.parse().ok()?;
    Some((r, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::CorpusOptions;
    use crate::model::{Edition, SourceFormat, Unit};

    fn ed(symbol: &str, date: &str, texts: &[&str]) -> Edition {
        let mut e = Edition::new(symbol, SourceFormat::Text, Language::En);
        e.facts.symbol = Some(symbol.to_string());
        e.facts.adopted = Some(date.to_string());
        e.units = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Unit::new(UnitId::op(i as u32 + 1), *t))
            .collect();
        e
    }

    #[test]
    fn finds_the_earliest_near_duplicate() {
        // (synthetic)
        let corpus = Corpus::from_editions(
            vec![
                ed(
                    "A/RES/2/2",
                    "2002-01-01",
                    &["Requests the Secretary-General to report on synthetic widgets at its fourth session."],
                ),
                ed(
                    "A/RES/1/1",
                    "2001-01-01",
                    &["Welcomes the synthetic gadget initiative of all partners."],
                ),
                ed(
                    "A/RES/3/3",
                    "2003-01-01",
                    &["Requests the Secretary-General to report on synthetic widgets at its sixth session."],
                ),
            ],
            &CorpusOptions::default(),
        );
        let hits = find(
            &corpus,
            "Requests the Secretary-General to report on synthetic widgets at its eighth session.",
            Language::En,
            2,
        );
        let names: Vec<&str> = hits.iter().map(|h| corpus.docs[h.doc].name()).collect();
        assert_eq!(names, vec!["A/RES/2/2", "A/RES/3/3"]);
        assert!(hits[0].similarity > MIN_SIMILARITY && hits[0].similarity < 1.0);
        assert!(find(&corpus, "", Language::En, 2).is_empty());
    }

    #[test]
    fn reference_or_clause() {
        let (r, u) = split_reference("A/RES/74/176:OP5(a)").expect("a reference");
        assert_eq!((r, u.to_string().as_str()), ("A/RES/74/176", "OP5(a)"));
        assert!(split_reference("Decides as follows: OP5").is_none());
        assert!(split_reference("Recalling its resolution 74/176").is_none());
    }
}
