//! The AKN reader on the 24 AKN files of the trafficking series
//! (A/RES/74/176, 76/186, 78/228, 80/228 in six languages):
//! structure, identical ids across languages, footnotes, header facts,
//! the known mark-up quirks, and errors on damaged files.
mod common;

use resdiff::ingest::{read_bytes, read_path, ErrorKind, ReadOptions};
use resdiff::{Edition, Language, Organ, Part, UnitId};

const LANGS: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

/// (file stem, top-level PP, top-level OP, footnotes). Footnote counts are
/// those of ../shared/corpus/akn/SOURCES.tsv; PP counts treat the (a)–(f)
/// list as part of one paragraph.
const EDITIONS: [(&str, usize, usize, usize); 4] = [
    ("A-RES-74-176", 40, 26, 23),
    ("A-RES-76-186", 43, 28, 22),
    ("A-RES-78-228", 48, 33, 34),
    ("A-RES-80-228", 49, 38, 35),
];

fn read(lang: &str, stem: &str) -> Edition {
    let path = common::corpus(&format!("akn/{lang}/{stem}.xml"));
    read_path(&path, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{} should parse: {e}", path.display()))
}

fn ids(ed: &Edition) -> Vec<String> {
    ed.units.iter().map(|u| u.id.to_string()).collect()
}

#[test]
fn all_24_files_parse_with_expected_counts() {
    for (stem, pp, op, notes) in EDITIONS {
        for lang in LANGS {
            let ed = read(lang, stem);
            let label = format!("{stem} {lang}");
            assert_eq!(ed.language, lang.parse::<Language>().unwrap(), "{label}");
            assert_eq!(ed.paragraph_count(Part::Preamble), pp, "{label} PP");
            assert_eq!(ed.paragraph_count(Part::Operative), op, "{label} OP");
            assert_eq!(ed.footnotes.len(), notes, "{label} footnotes");
            // Operative paragraphs are numbered 1..=op in order.
            let ops: Vec<u32> = ed
                .operative()
                .filter(|u| u.id.sub.is_empty())
                .map(|u| u.id.number)
                .collect();
            assert_eq!(ops, (1..=op as u32).collect::<Vec<_>>(), "{label}");
        }
    }
}

#[test]
fn six_languages_give_identical_ids() {
    for (stem, ..) in EDITIONS {
        let en = ids(&read("en", stem));
        for lang in LANGS {
            assert_eq!(
                ids(&read(lang, stem)),
                en,
                "{stem}: {lang} ids differ from en"
            );
        }
    }
}

#[test]
fn one_preambular_paragraph_has_items_a_to_f() {
    for (stem, ..) in EDITIONS {
        for lang in LANGS {
            let ed = read(lang, stem);
            let subs: Vec<&UnitId> = ed
                .units
                .iter()
                .map(|u| &u.id)
                .filter(|id| !id.sub.is_empty())
                .collect();
            assert_eq!(subs.len(), 6, "{stem} {lang}");
            let parent = subs[0].top();
            assert_eq!(parent.part, Part::Preamble);
            let labels: Vec<&str> = subs.iter().map(|id| id.sub[0].as_str()).collect();
            assert_eq!(labels, ["a", "b", "c", "d", "e", "f"], "{stem} {lang}");
            assert!(subs.iter().all(|id| id.top() == parent));
            // The chapeau stays in the parent and introduces the list.
            let chapeau = &ed.unit(&parent).unwrap().text;
            assert!(
                chapeau.ends_with(':') || chapeau.ends_with('：'),
                "{stem} {lang}: {chapeau}"
            );
        }
    }
    let ed = read("en", "A-RES-74-176");
    assert_eq!(
        ed.unit(&"PP8(f)".parse().unwrap())
            .map(|u| u.text.starts_with("To foster")),
        Some(true)
    );
}

#[test]
fn footnotes_are_attached_and_markers_removed() {
    for (stem, ..) in EDITIONS {
        for lang in LANGS {
            let ed = read(lang, stem);
            let label = format!("{stem} {lang}");
            let numbers: Vec<u32> = ed.footnotes.iter().map(|f| f.number).collect();
            assert_eq!(
                numbers,
                (1..=numbers.len() as u32).collect::<Vec<_>>(),
                "{label}"
            );
            for f in &ed.footnotes {
                let unit = f
                    .unit
                    .as_ref()
                    .unwrap_or_else(|| panic!("{label}: footnote {} unattached", f.number));
                let u = ed.unit(unit).unwrap();
                assert!(
                    u.footnotes.contains(&f.number),
                    "{label}: {unit} does not list {}",
                    f.number
                );
                assert!(
                    !f.text.is_empty() && !f.text.starts_with('('),
                    "{label}: {f:?}"
                );
            }
            for u in &ed.units {
                assert!(!u.text.is_empty(), "{label}: {} empty", u.id);
                assert!(
                    !u.text.contains("  ") && u.text == u.text.trim(),
                    "{label}: {} not folded",
                    u.id
                );
                assert!(
                    !u.text.contains("()") && !u.text.contains(")("),
                    "{label}: {}: {}",
                    u.id,
                    u.text
                );
                // (The Chinese text of 76/186 PP17 has a literal "<2030 …>".)
                assert!(
                    !u.text.contains("<span") && !u.text.contains("<p"),
                    "{label}: {} has mark-up",
                    u.id
                );
            }
        }
    }
    // 76/186 en: PP6 cites notes 1-4 ("Recalling the adoption … 2030 Agenda,¹ …").
    let ed = read("en", "A-RES-76-186");
    let pp6 = ed.unit(&UnitId::pp(6)).unwrap();
    assert_eq!(pp6.footnotes, [1, 2, 3, 4]);
    assert!(
        pp6.text
            .contains("Sustainable Development, and recalling also"),
        "{}",
        pp6.text
    );
    assert_eq!(ed.footnotes[0].text, "Resolution 70/1.");
    // 74/176 en: OP1 cites notes 5 and 6 again with <sup> markers.
    let ed = read("en", "A-RES-74-176");
    let op1 = ed.unit(&UnitId::op(1)).unwrap();
    assert_eq!(op1.footnotes, [5, 6]);
    assert!(
        op1.text.contains("Organized Crime and the Protocol"),
        "{}",
        op1.text
    );
}

#[test]
fn header_facts_of_76_186_en() {
    let ed = read("en", "A-RES-76-186");
    let f = &ed.facts;
    assert_eq!(f.symbol.as_deref(), Some("A/RES/76/186"));
    assert_eq!(f.organ, Some(Organ::Ga));
    assert_eq!(f.session, Some(76));
    assert_eq!(f.agenda_items, ["108"]);
    assert_eq!(f.adopted.as_deref(), Some("2021-12-16"));
    assert_eq!(f.report.as_deref(), Some("A/76/463"));
    assert_eq!(f.report_paragraph.as_deref(), Some("26"));
    assert_eq!(f.draft.as_deref(), Some("A/C.3/76/L.10/Rev.1"));
    assert_eq!(
        f.title.as_deref(),
        Some("Improving the coordination of efforts against trafficking in persons")
    );
}

/// Facts of ../shared/catalog/trafficking-coordination.md, the same in all six languages.
#[test]
fn header_facts_match_the_catalogue_in_every_language() {
    let catalogue = [
        (
            "A-RES-74-176",
            "A/RES/74/176",
            74,
            "106",
            "2019-12-18",
            "A/74/400",
            "29",
            "A/C.3/74/L.10/Rev.1",
        ),
        (
            "A-RES-76-186",
            "A/RES/76/186",
            76,
            "108",
            "2021-12-16",
            "A/76/463",
            "26",
            "A/C.3/76/L.10/Rev.1",
        ),
        (
            "A-RES-78-228",
            "A/RES/78/228",
            78,
            "107",
            "2023-12-19",
            "A/78/482",
            "29",
            "A/C.3/78/L.12/Rev.1",
        ),
        (
            "A-RES-80-228",
            "A/RES/80/228",
            80,
            "107",
            "2025-12-18",
            "A/80/545",
            "5",
            "A/C.3/80/L.4/Rev.1",
        ),
    ];
    for (stem, symbol, session, item, adopted, report, para, draft) in catalogue {
        for lang in LANGS {
            let f = read(lang, stem).facts;
            let label = format!("{stem} {lang}");
            assert_eq!(f.symbol.as_deref(), Some(symbol), "{label}");
            assert_eq!(f.session, Some(session), "{label}");
            assert_eq!(f.agenda_items, [item], "{label}");
            assert_eq!(f.adopted.as_deref(), Some(adopted), "{label}");
            assert_eq!(f.report.as_deref(), Some(report), "{label}");
            assert_eq!(f.report_paragraph.as_deref(), Some(para), "{label}");
            assert_eq!(f.draft.as_deref(), Some(draft), "{label}");
            assert!(
                f.title.as_deref().is_some_and(|t| t.chars().count() > 10),
                "{label}"
            );
        }
    }
    let zh = read("zh", "A-RES-76-186").facts.title.unwrap();
    assert!(zh.contains("贩运人口"), "{zh}");
}

#[test]
fn paragraphs_without_num_are_numbered_and_reported() {
    // Arabic 74/176: no <num> anywhere; numbers and labels are typed in the text.
    let ed = read("ar", "A-RES-74-176");
    assert!(
        ed.warnings.iter().any(|w| w.contains("no <num> element")),
        "{:?}",
        ed.warnings
    );
    let op1 = ed.unit(&UnitId::op(1)).unwrap();
    assert!(
        !op1.text.starts_with('1'),
        "number left in the text: {}",
        op1.text
    );
    assert_eq!(op1.footnotes, [5, 6]);
    let a = ed.units.iter().find(|u| u.id.sub == ["a"]).unwrap();
    assert!(
        !a.text.starts_with('('),
        "label left in the text: {}",
        a.text
    );

    // French 80/228: paragraph 28 lacks its <num>.
    let ed = read("fr", "A-RES-80-228");
    assert!(
        ed.warnings
            .iter()
            .any(|w| w.contains("operative paragraph 28 has no <num>")),
        "{:?}",
        ed.warnings
    );
    let op28 = ed.unit(&UnitId::op(28)).unwrap();
    assert!(op28.text.starts_with("Engage"), "{}", op28.text);

    // Arabic 78/228 and 80/228: "(رقم 182(" + swapped marker brackets.
    for stem in ["A-RES-78-228", "A-RES-80-228"] {
        let ed = read("ar", stem);
        let pp7 = ed.unit(&UnitId::pp(7)).unwrap();
        assert!(pp7.text.contains("(رقم 182)،"), "{stem}: {}", pp7.text);
        assert!(
            ed.warnings.iter().any(|w| w.contains("swapped")),
            "{stem}: {:?}",
            ed.warnings
        );
    }

    // The regular files need no warning.
    for (stem, ..) in EDITIONS {
        assert!(read("en", stem).warnings.is_empty(), "{stem}");
    }
}

#[test]
fn chinese_text_has_no_stray_spaces() {
    let ed = read("zh", "A-RES-76-186");
    let pp6 = ed.unit(&UnitId::pp(6)).unwrap();
    assert!(!pp6.text.contains("》， "), "{}", pp6.text);
}

#[test]
fn given_language_overrides_the_file() {
    let path = common::corpus("akn/en/A-RES-76-186.xml");
    let ed = read_path(
        &path,
        &ReadOptions {
            lang: Some(Language::Fr),
        },
    )
    .unwrap();
    assert_eq!(ed.language, Language::Fr);
}

#[test]
fn truncated_file_is_an_xml_error_saying_what_to_do() {
    let bytes = std::fs::read(common::corpus("akn/en/A-RES-76-186.xml")).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let err = read_bytes(cut, "cut.xml", &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Xml(_)), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("cut.xml") && msg.contains("truncated") && msg.contains("line"),
        "{msg}"
    );
}

#[test]
fn mangled_file_is_an_xml_error_with_its_line() {
    let text = std::fs::read_to_string(common::corpus("akn/en/A-RES-76-186.xml")).unwrap();
    let broken = text.replacen("</preamble>", "</preambel>", 1);
    let err = read_bytes(broken.as_bytes(), "x.xml", &ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::Xml(_)), "{err}");
    assert!(err.to_string().contains("line"), "{err}");
}
