//! The plain-text reader on the shared fulltext corpus: four editions of the
//! trafficking resolution (74/176, 76/186, 78/228, 80/228), each in the six
//! languages, one paragraph per line with `[^n]` footnote markers.

mod common;

use std::collections::BTreeMap;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::model::{Edition, Language, Organ, Part};

const EDITIONS: [&str; 4] = [
    "A-RES-74-176",
    "A-RES-76-186",
    "A-RES-78-228",
    "A-RES-80-228",
];

fn read(lang: Language, edition: &str) -> Edition {
    let path = common::corpus(&format!("fulltext/{}/{edition}.txt", lang.code()));
    read_path(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// Footnote counts from ../shared/corpus/akn/SOURCES.tsv, by symbol.
fn akn_footnote_counts() -> BTreeMap<String, usize> {
    let tsv = std::fs::read_to_string(common::corpus("akn/SOURCES.tsv")).expect("SOURCES.tsv");
    let mut out = BTreeMap::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 4 && f[1] == "en" {
            out.insert(
                f[0].replace('/', "-"),
                f[4].parse().expect("footnote count"),
            );
        }
    }
    out
}

#[test]
fn all_24_renderings_parse_with_the_right_language() {
    for edition in EDITIONS {
        for lang in Language::ALL {
            let ed = read(lang, edition);
            assert_eq!(ed.language, lang, "{edition} {lang}: detected language");
            assert_eq!(ed.facts.organ, Some(Organ::Ga), "{edition} {lang}");
            // The French 80/228 prints "28 Engage" without the full stop.
            let expected: &[&str] = if (edition, lang) == ("A-RES-80-228", Language::Fr) {
                &["operative paragraph 28 has no full stop after its number"]
            } else {
                &[]
            };
            assert_eq!(ed.warnings, expected, "{edition} {lang}");
            for u in &ed.units {
                assert!(!u.text.is_empty(), "{edition} {lang}: {} is empty", u.id);
                assert!(
                    !u.text.contains("[^") && !u.text.contains("()"),
                    "{edition} {lang}: marker left in {}",
                    u.id
                );
                assert!(
                    !u.text.contains("  "),
                    "{edition} {lang}: white space not folded in {}",
                    u.id
                );
            }
        }
    }
}

#[test]
fn six_languages_give_identical_unit_ids() {
    for edition in EDITIONS {
        let en = read(Language::En, edition).unit_ids();
        for lang in Language::ALL {
            let ids = read(lang, edition).unit_ids();
            let show = |v: &[resdiff::model::UnitId]| {
                v.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(
                show(&ids),
                show(&en),
                "{edition}: {lang} ids differ from en"
            );
        }
    }
}

#[test]
fn paragraph_counts() {
    let want = [
        ("A-RES-74-176", 40, 26),
        ("A-RES-76-186", 43, 28),
        ("A-RES-78-228", 48, 33),
        ("A-RES-80-228", 49, 38),
    ];
    for (edition, pp, op) in want {
        for lang in Language::ALL {
            let ed = read(lang, edition);
            assert_eq!(
                ed.paragraph_count(Part::Preamble),
                pp,
                "{edition} {lang} preambular"
            );
            assert_eq!(
                ed.paragraph_count(Part::Operative),
                op,
                "{edition} {lang} operative"
            );
        }
    }
}

#[test]
fn footnotes_are_attached() {
    let counts = akn_footnote_counts();
    for edition in EDITIONS {
        let want = counts[edition];
        for lang in Language::ALL {
            let ed = read(lang, edition);
            assert_eq!(ed.footnotes.len(), want, "{edition} {lang}: footnote count");
            for f in &ed.footnotes {
                assert!(
                    !f.text.is_empty(),
                    "{edition} {lang}: footnote {} empty",
                    f.number
                );
                let unit = f.unit.as_ref().unwrap_or_else(|| {
                    panic!("{edition} {lang}: footnote {} not attached", f.number)
                });
                assert!(ed
                    .unit(unit)
                    .is_some_and(|u| u.footnotes.contains(&f.number)));
            }
            // Same footnote → same unit in every language.
            let en = read(Language::En, edition);
            let where_en: Vec<_> = en.footnotes.iter().map(|f| f.unit.clone()).collect();
            let here: Vec<_> = ed.footnotes.iter().map(|f| f.unit.clone()).collect();
            assert_eq!(
                here, where_en,
                "{edition} {lang}: footnotes cited from other units than in en"
            );
        }
    }
}

#[test]
fn header_facts_of_76_186_in_six_languages() {
    for lang in Language::ALL {
        let f = read(lang, "A-RES-76-186").facts;
        assert_eq!(f.symbol.as_deref(), Some("A/RES/76/186"), "{lang}");
        assert_eq!(f.session, Some(76), "{lang}");
        assert_eq!(f.agenda_items, ["108"], "{lang}");
        assert_eq!(f.adopted.as_deref(), Some("2021-12-16"), "{lang}");
        assert_eq!(f.report.as_deref(), Some("A/76/463"), "{lang}");
        assert_eq!(f.report_paragraph.as_deref(), Some("26"), "{lang}");
        let title = f.title.unwrap_or_default();
        assert!(
            !title.is_empty() && !title.starts_with("76/186"),
            "{lang}: title {title:?}"
        );
    }
    let en = read(Language::En, "A-RES-76-186").facts;
    assert_eq!(
        en.title.as_deref(),
        Some("Improving the coordination of efforts against trafficking in persons")
    );
}

#[test]
fn header_facts_of_the_other_editions() {
    let want = [
        ("A-RES-74-176", 74, "106", "2019-12-18", "A/74/400", None),
        (
            "A-RES-78-228",
            78,
            "107",
            "2023-12-19",
            "A/78/482",
            Some("29"),
        ),
        (
            "A-RES-80-228",
            80,
            "107",
            "2025-12-18",
            "A/80/545",
            Some("5"),
        ),
    ];
    for (edition, session, item, adopted, report, para) in want {
        for lang in Language::ALL {
            let f = read(lang, edition).facts;
            assert_eq!(f.session, Some(session), "{edition} {lang}");
            assert_eq!(f.agenda_items, [item], "{edition} {lang}");
            assert_eq!(f.adopted.as_deref(), Some(adopted), "{edition} {lang}");
            assert_eq!(f.report.as_deref(), Some(report), "{edition} {lang}");
            assert_eq!(f.report_paragraph.as_deref(), para, "{edition} {lang}");
        }
    }
}

#[test]
fn sub_items_of_76_186() {
    let ed = read(Language::Fr, "A-RES-76-186");
    let subs: Vec<String> = ed
        .units
        .iter()
        .filter(|u| u.id.depth() > 0)
        .map(|u| u.id.to_string())
        .collect();
    assert_eq!(
        subs,
        ["PP10(a)", "PP10(b)", "PP10(c)", "PP10(d)", "PP10(e)", "PP10(f)"]
    );
    assert!(ed
        .units
        .iter()
        .any(|u| u.id.to_string() == "PP10(a)" && u.text.starts_with("promouvoir")));
}

/// Units whose text the AKN reader gives differently, with the reason.
const AKN_DIFFERENCES: &[(&str, &str, &str, &str)] = &[(
    "A-RES-80-228",
    "zh",
    "PP42",
    "the AKN reader keeps the '、' between two footnote markers",
)];

/// The AKN reader and the text reader agree on the same resolution: the
/// fulltext renderings were made from these AKN files, so ids, unit texts,
/// footnote placement and the header facts that the text states must match.
#[test]
fn fulltext_agrees_with_akn() {
    for edition in EDITIONS {
        for lang in Language::ALL {
            let text = read(lang, edition);
            let path = common::corpus(&format!("akn/{}/{edition}.xml", lang.code()));
            let akn = read_path(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            let show = |e: &Edition| {
                e.unit_ids()
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(show(&text), show(&akn), "{edition} {lang}: ids");
            // White space away, and the non-breaking hyphen (U+2011), which
            // the text reader folds to '-' so that PDFs and clean texts agree.
            let fold = |s: &str| {
                s.split_whitespace()
                    .collect::<String>()
                    .replace('\u{2011}', "-")
            };
            let differ: Vec<String> = text
                .units
                .iter()
                .zip(&akn.units)
                .filter(|(a, b)| fold(&a.text) != fold(&b.text))
                .map(|(a, _)| a.id.to_string())
                .collect();
            let known: Vec<String> = AKN_DIFFERENCES
                .iter()
                .filter(|(e, l, _, _)| *e == edition && *l == lang.code())
                .map(|(_, _, id, _)| id.to_string())
                .collect();
            assert_eq!(
                differ, known,
                "{edition} {lang}: unit texts differing from AKN"
            );
            let place = |e: &Edition| {
                e.footnotes
                    .iter()
                    .map(|f| (f.number, f.unit.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(place(&text), place(&akn), "{edition} {lang}: footnotes");
            let (t, a) = (&text.facts, &akn.facts);
            assert_eq!(
                (
                    &t.symbol,
                    &t.session,
                    &t.agenda_items,
                    &t.adopted,
                    &t.report,
                    &t.title
                ),
                (
                    &a.symbol,
                    &a.session,
                    &a.agenda_items,
                    &a.adopted,
                    &a.report,
                    &a.title
                ),
                "{edition} {lang}: facts"
            );
        }
    }
}
