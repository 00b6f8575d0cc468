//! `resdiff rollover` against the real next editions: A/RES/74/176 rolled
//! over to session 76 must give 76/186's recall paragraph, and A/RES/78/228
//! rolled over to session 80 must give 80/228's recall paragraph and its
//! reporting request, in all six languages (white space normalised only),
//! with every other unit left as it was.

mod common;

use predicates::prelude::*;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::review::fold_ws;
use resdiff::review::rollover::{find_recall_list, rollover, RECALL_LIST_UPDATED, SESSION_ORDINAL};
use resdiff::{Edition, Language, UnitId};

fn akn(lang: Language, symbol: &str) -> Edition {
    let p = common::corpus(&format!("akn/{}/A-RES-{symbol}.xml", lang.code()));
    read_path(&p, &ReadOptions { lang: Some(lang) }).expect("AKN edition reads")
}

fn text<'a>(ed: &'a Edition, id: &str) -> &'a str {
    let id: UnitId = id.parse().unwrap();
    &ed.unit(&id)
        .unwrap_or_else(|| panic!("{} has no {id}", ed.label()))
        .text
}

/// Roll `from` over to `session` and check the listed units against `next`:
/// (unit in the draft, unit in the real next edition). Every other unit of
/// the draft must be the base's unit unchanged.
fn check(
    lang: Language,
    from: &str,
    session: u32,
    to: &str,
    pairs: &[(&str, &str)],
    updated: &[&str],
) {
    let base = akn(lang, from);
    let next = akn(lang, to);
    let r = rollover(&base, session).expect("rollover succeeds");
    for (d, n) in pairs {
        assert_eq!(
            fold_ws(text(&r.edition, d)),
            fold_ws(text(&next, n)),
            "{lang}: {d} of the rollover of {from} to {session} differs from {n} of {to}"
        );
    }
    let touched: Vec<String> = r.updates.iter().map(|u| u.unit.to_string()).collect();
    let mut want: Vec<String> = updated.iter().map(|d| d.to_string()).collect();
    want.sort();
    let mut got = touched.clone();
    got.sort();
    got.dedup();
    assert_eq!(got, want, "{lang}: units updated");
    for (b, d) in base.units.iter().zip(&r.edition.units) {
        assert_eq!(b.id, d.id);
        if !touched.contains(&b.id.to_string()) {
            assert_eq!(b.text, d.text, "{lang}: {} must not change", b.id);
        }
    }
    assert_eq!(r.edition.facts.session, Some(session));
}

#[test]
fn rollover_74_176_to_76_gives_76_186_recall_paragraph_in_six_languages() {
    for lang in Language::ALL {
        // The reporting request of 76/186 was rewritten (COVID-19), so only
        // its session is routine; the recall paragraph is compared whole.
        check(
            lang,
            "74-176",
            76,
            "76-186",
            &[("PP9", "PP11")],
            &["OP26", "PP9"],
        );
        let r = rollover(&akn(lang, "74-176"), 76).unwrap();
        assert!(r
            .updates
            .iter()
            .any(|u| u.unit == UnitId::op(26) && u.reason == SESSION_ORDINAL));
        assert!(r
            .updates
            .iter()
            .any(|u| u.unit == UnitId::pp(9) && u.reason == RECALL_LIST_UPDATED));
    }
}

/// The session of 74/176's reporting request moves to the one 76/186 names.
#[test]
fn rollover_74_176_reporting_session_matches_76_186() {
    let next_ord = [
        (Language::En, "seventy-eighth session"),
        (Language::Fr, "soixante-dix-huitième session"),
        (Language::Es, "septuagésimo octavo período de sesiones"),
        (Language::Ru, "семьдесят восьмой сессии"),
        (Language::Zh, "第七十八届会议"),
        (Language::Ar, "دورتها الثامنة والسبعين"),
    ];
    for (lang, phrase) in next_ord {
        let r = rollover(&akn(lang, "74-176"), 76).unwrap();
        assert!(text(&r.edition, "OP26").contains(phrase), "{lang}");
        assert!(
            text(&akn(lang, "76-186"), "OP28").contains(phrase),
            "{lang}"
        );
    }
}

#[test]
fn rollover_78_228_to_80_gives_80_228_recall_and_reporting_request_in_six_languages() {
    for lang in Language::ALL {
        check(
            lang,
            "78-228",
            80,
            "80-228",
            &[("PP10", "PP10"), ("OP33", "OP38")],
            &["OP33", "PP10"],
        );
    }
    let r = rollover(&akn(Language::En, "78-228"), 80).unwrap();
    assert!(text(&r.edition, "OP33").contains("at its eighty-second session"));
}

#[test]
fn the_recall_paragraph_is_found_in_every_edition() {
    for lang in Language::ALL {
        for (sym, pp, n) in [
            ("74-176", 9, 6),
            ("76-186", 11, 7),
            ("78-228", 10, 9),
            ("80-228", 10, 10),
        ] {
            let l = find_recall_list(&akn(lang, sym)).expect("recall paragraph");
            assert_eq!(
                (l.unit.clone(), l.citations.len()),
                (UnitId::pp(pp), n),
                "{lang} {sym}"
            );
        }
    }
}

#[test]
fn irregular_date_forms_are_mended_and_reported() {
    // 74/176 (ru) writes "2017 гола"; 76/186 has "2017 года".
    let r = rollover(&akn(Language::Ru, "74-176"), 76).unwrap();
    assert!(r
        .notes
        .iter()
        .any(|n| n.rule == "date-form" && n.message.contains("гола")));
    // 78/228 (ar) writes "كانون الأول/ ديسمبر 2017"; 80/228 has no space.
    let r = rollover(&akn(Language::Ar, "78-228"), 80).unwrap();
    assert!(r.notes.iter().any(|n| n.rule == "date-form"));
}

#[test]
fn cli_writes_a_canonical_draft_that_review_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft-80.txt");
    let base = common::corpus("akn/en/A-RES-78-228.xml");
    common::resdiff()
        .args([
            "rollover",
            base.to_str().unwrap(),
            "--session",
            "80",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "PP10 recall-list-updated: 78/228 added",
        ))
        .stdout(predicate::str::contains("OP33 session-ordinal"));
    let canonical = std::fs::read_to_string(&out).unwrap();
    assert!(canonical.starts_with("resdiff-edition: 1\n"));
    assert!(canonical.contains("\nsession: 80\n"));
    common::resdiff()
        .args(["parse", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("eighty-second session"));
    // Only routine changes: exit 0.
    common::resdiff()
        .args([
            "review",
            out.to_str().unwrap(),
            "--against",
            base.to_str().unwrap(),
            "--color",
            "never",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 routine, 0 substantive"));
}

#[test]
fn cli_draft_to_stdout_and_trouble() {
    let base = common::corpus("akn/fr/A-RES-78-228.xml");
    common::resdiff()
        .args(["rollover", base.to_str().unwrap(), "--session", "80"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("resdiff-edition: 1\n"))
        .stdout(predicate::str::contains("quatre-vingt-deuxième session"))
        .stderr(predicate::str::contains("recall-list-updated"));
    common::resdiff()
        .args(["rollover", base.to_str().unwrap(), "--session", "78"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "is not after the edition's session 78",
        ));
}
