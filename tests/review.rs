//! `resdiff review` on the real series (74/176 → 76/186 → 78/228 → 80/228):
//! exactly the roll-forward updates are routine, in six languages; the
//! substantive changes the issue names (63/194 restored to the recall list,
//! a changed reporting request) are not; verb-strength changes are pinned;
//! the JSON follows ../shared/spec/review-json.md; the terminal output is
//! snapshot-tested.

mod common;

use predicates::prelude::*;
use serde_json::Value;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::Style;
use resdiff::review::classify::{RECALL_LIST_CHANGED, REPORTING_REQUEST_CHANGED};
use resdiff::review::render::write_review_term;
use resdiff::review::{review, rules, Class, Review, ReviewOptions, Severity};
use resdiff::{Edition, Language, Unit, UnitId};

fn akn(lang: Language, symbol: &str) -> Edition {
    let rel = format!("akn/{}/A-RES-{symbol}.xml", lang.code());
    let mut ed =
        read_path(&common::corpus(&rel), &ReadOptions { lang: Some(lang) }).expect("AKN reads");
    ed.source = rel;
    ed
}

fn run(lang: Language, old: &str, new: &str) -> Review {
    review(&akn(lang, old), &akn(lang, new), &ReviewOptions::default())
}

/// (old ids, new ids, reasons) of the routine changes.
fn routine(r: &Review) -> Vec<(String, String, Vec<&'static str>)> {
    r.comparison
        .changes
        .iter()
        .zip(&r.classes)
        .filter_map(|(c, k)| {
            let k = k.as_ref()?;
            (k.class == Class::Routine).then(|| {
                let ids = |v: &[UnitId]| {
                    v.iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join("+")
                };
                (ids(&c.old), ids(&c.new), k.reasons.clone())
            })
        })
        .collect()
}

fn reasons_of<'a>(r: &'a Review, old: &str) -> &'a [&'static str] {
    let id: UnitId = old.parse().unwrap();
    let k = r
        .comparison
        .changes
        .iter()
        .zip(&r.classes)
        .find(|(c, _)| c.old == [id.clone()])
        .and_then(|(_, k)| k.as_ref())
        .unwrap_or_else(|| panic!("no classified change of {old}"));
    &k.reasons
}

fn own(v: &[(&str, &str, &[&'static str])]) -> Vec<(String, String, Vec<&'static str>)> {
    v.iter()
        .map(|(o, n, r)| (o.to_string(), n.to_string(), r.to_vec()))
        .collect()
}

#[test]
fn exactly_the_roll_forward_is_routine_in_six_languages() {
    for lang in Language::ALL {
        assert_eq!(
            routine(&run(lang, "74-176", "76-186")),
            own(&[("PP9", "PP11", &["recall-list-updated", "renumbered"])]),
            "{lang} 76/186 against 74/176"
        );
        // 78/228 restored 63/194 to the list and rewrote the reporting request: nothing routine.
        assert_eq!(
            routine(&run(lang, "76-186", "78-228")),
            own(&[]),
            "{lang} 78/228 against 76/186"
        );
        assert_eq!(
            routine(&run(lang, "78-228", "80-228")),
            own(&[
                ("PP10", "PP10", &["recall-list-updated"]),
                ("OP33", "OP38", &["session-ordinal", "renumbered"]),
            ]),
            "{lang} 80/228 against 78/228"
        );
    }
}

#[test]
fn substantive_updates_are_not_called_routine() {
    for lang in Language::ALL {
        let r = run(lang, "76-186", "78-228");
        // 63/194 restored to the recall list.
        assert!(
            reasons_of(&r, "PP11").contains(&RECALL_LIST_CHANGED),
            "{lang}"
        );
        // The reporting request lost its COVID-19 part.
        assert!(
            reasons_of(&r, "OP28").contains(&REPORTING_REQUEST_CHANGED),
            "{lang}"
        );
        let r = run(lang, "74-176", "76-186");
        assert!(
            reasons_of(&r, "OP26").contains(&REPORTING_REQUEST_CHANGED),
            "{lang}"
        );
    }
    // And every other change of 80/228 against 78/228 is substantive.
    let r = run(Language::En, "78-228", "80-228");
    let (routine, substantive) = r.counts();
    assert_eq!((routine, substantive), (2, 47));
}

/// (unit, message) of the verb-strength findings.
fn verbs(r: &Review) -> Vec<(String, String)> {
    r.findings
        .iter()
        .filter(|f| f.rule == rules::VERB_STRENGTH)
        .map(|f| {
            (
                f.unit.as_ref().map_or(String::new(), |u| u.to_string()),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn verb_strength_changes_between_the_four_editions() {
    assert_eq!(
        verbs(&run(Language::En, "74-176", "76-186")),
        Vec::<(String, String)>::new()
    );
    let pin = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(u, m)| (u.to_string(), m.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        verbs(&run(Language::En, "76-186", "78-228")),
        pin(&[
            (
                "OP5",
                "inner verb changed from \"decides\" to \"reiterates\""
            ),
            (
                "OP6",
                "opening verb changed from \"requests\" to \"reaffirms\""
            ),
            (
                "OP12",
                "inner verb changed from \"welcomes\" to \"encourages\""
            ),
            (
                "OP24",
                "opening verb changed from \"encourages\" to \"stresses\""
            ),
        ])
    );
    assert_eq!(
        verbs(&run(Language::En, "78-228", "80-228")),
        pin(&[
            (
                "OP5",
                "inner verb changed from \"reiterates\" to \"decides\""
            ),
            (
                "OP13",
                "opening verb changed from \"takes note\" to \"recalls\""
            ),
            (
                "OP23",
                "opening verb changed from \"invites\" to \"reaffirms\""
            ),
        ])
    );
    let r = run(Language::En, "78-228", "80-228");
    assert!(reasons_of(&r, "OP19").contains(&"verb-strength"));
}

/// Units with a verb-strength finding, in every language. The opening
/// changes (78/228 OP24 "Encourages" → "Stresses"; 80/228 OP13 "Takes note"
/// → "Recalls" and OP23 "Invites" → "Reaffirms") are found in all six;
/// French and Chinese render 78/228 OP6 "Reaffirms its request" as the same
/// verb "again", so no change there.
#[test]
fn verb_strength_changes_in_six_languages() {
    let units = |lang, old, new| -> Vec<String> {
        let mut v: Vec<String> = verbs(&run(lang, old, new))
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        v.dedup();
        v
    };
    use Language::*;
    let want_78: [(Language, &[&str]); 6] = [
        (En, &["OP5", "OP6", "OP12", "OP24"]),
        (Fr, &["OP5", "OP9", "OP24"]),
        (Es, &["OP5", "OP6", "OP12", "OP24"]),
        (Ru, &["OP5", "OP6", "OP12", "OP24"]),
        (Zh, &["OP24"]),
        (Ar, &["OP5", "OP6", "OP24"]),
    ];
    for (lang, want) in want_78 {
        assert_eq!(units(lang, "76-186", "78-228"), want, "{lang} 78/228");
    }
    let want_80: [(Language, &[&str]); 6] = [
        (En, &["OP5", "OP13", "OP23"]),
        (Fr, &["OP5", "OP13", "OP23"]),
        (Es, &["OP5", "OP13", "OP23"]),
        (Ru, &["OP5", "OP13", "OP23"]),
        (Zh, &["OP13", "OP23", "OP24"]),
        (Ar, &["OP5", "OP13", "OP23"]),
    ];
    for (lang, want) in want_80 {
        assert_eq!(units(lang, "78-228", "80-228"), want, "{lang} 80/228");
    }
    // 76/186: none in English; the French text turned "Salue" into "Prend
    // note avec satisfaction" (OP12) and the Russian "призывает" into
    // "рекомендует" (OP27), where the English kept its verbs.
    let want_76: [(Language, &[&str]); 6] = [
        (En, &[]),
        (Fr, &["OP12"]),
        (Es, &[]),
        (Ru, &["OP27"]),
        (Zh, &[]),
        (Ar, &[]),
    ];
    for (lang, want) in want_76 {
        assert_eq!(units(lang, "74-176", "76-186"), want, "{lang} 76/186");
    }
}

#[test]
fn adopted_editions_have_no_error_findings() {
    for lang in Language::ALL {
        for (old, new) in [
            ("74-176", "76-186"),
            ("76-186", "78-228"),
            ("78-228", "80-228"),
        ] {
            let r = run(lang, old, new);
            let errors: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{lang} {new}: {errors:#?}");
        }
    }
}

/// A real resolution (A/RES/78/303) whose OP5 and OP7 refer to "paragraph
/// 4 above", with one invented paragraph inserted before them: the
/// references now point to the wrong clause.
#[test]
fn stale_reference_after_renumbering_real_text() {
    let p = common::corpus("ga-akn/en/78/A_RES_78_303-2412156E.xml");
    let base = read_path(&p, &ReadOptions::default()).unwrap();
    assert!(base
        .unit(&UnitId::op(5))
        .unwrap()
        .text
        .contains("paragraph 4 above"));
    let mut draft = base.clone();
    let at = draft
        .units
        .iter()
        .position(|u| u.id == UnitId::op(3))
        .unwrap();
    for u in draft.units.iter_mut().skip(at) {
        u.id.number += 1;
    }
    draft.units.insert(
        at,
        Unit::new(
            UnitId::op(3),
            "Decides to note a new invented matter for this test (synthetic);",
        ),
    );
    let r = review(&base, &draft, &ReviewOptions::default());
    // OP5 and OP7 of the base both refer to paragraph 4; they are now OP6 and OP8.
    let stale: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == rules::STALE_REFERENCE)
        .collect();
    let units: Vec<_> = stale.iter().map(|f| f.unit.clone()).collect();
    assert_eq!(
        units,
        [Some(UnitId::op(6)), Some(UnitId::op(8))],
        "{stale:#?}"
    );
    for f in stale {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.suggestion.as_deref(), Some("paragraph 5 above"));
        assert!(f.message.contains("pointed to OP4"), "{}", f.message);
        assert!(f.message.contains("now OP5"), "{}", f.message);
    }
}

/// Top-level keys of a JSON text, in document order.
fn key_order(text: &str, indent: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix(indent))
        .filter(|l| l.starts_with('"'))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn json_follows_the_review_contract() {
    let old = common::corpus("akn/en/A-RES-78-228.xml");
    let new = common::corpus("akn/en/A-RES-80-228.xml");
    let out = common::resdiff()
        .args([
            "review",
            new.to_str().unwrap(),
            "--against",
            old.to_str().unwrap(),
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        key_order(&text, "  "),
        ["schema", "old", "new", "changes", "summary", "findings"]
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "resdiff.review/1");
    let reasons_known = [
        "recall-list-updated",
        "session-ordinal",
        "renumbered",
        "whitespace",
        "verb-strength",
        "text-changed",
        "recall-list-changed",
        "reporting-request-changed",
        "added",
        "removed",
        "split",
        "merged",
        "moved",
    ];
    for c in v["changes"].as_array().unwrap() {
        if c["kind"] == "unchanged" {
            assert!(
                c.get("class").is_none() && c.get("reasons").is_none(),
                "{c}"
            );
            continue;
        }
        assert!(
            c["class"] == "routine" || c["class"] == "substantive",
            "{c}"
        );
        let rs = c["reasons"].as_array().unwrap();
        assert!(!rs.is_empty());
        for r in rs {
            assert!(reasons_known.contains(&r.as_str().unwrap()), "{r}");
        }
    }
    for f in v["findings"].as_array().unwrap() {
        let obj = f.as_object().unwrap();
        assert_eq!(obj.len(), 5, "{f}");
        for k in ["rule", "unit", "severity", "message", "suggestion"] {
            assert!(obj.contains_key(k), "{f} lacks {k}");
        }
        assert!(["error", "warning", "note"].contains(&f["severity"].as_str().unwrap()));
    }
    // Field order inside a finding, as in the spec.
    let first = text.find("\"findings\": [").unwrap();
    let f_keys = key_order(&text[first..], "      ");
    assert_eq!(
        &f_keys[..5],
        ["rule", "unit", "severity", "message", "suggestion"]
    );
    // Everything of resdiff.diff/1: the same document without the additions.
    let diff = common::resdiff()
        .args([
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let mut d: Value = serde_json::from_slice(&diff).unwrap();
    let mut r = v.clone();
    let ro = r.as_object_mut().unwrap();
    ro.remove("findings");
    ro.remove("schema");
    for c in ro["changes"].as_array_mut().unwrap() {
        let o = c.as_object_mut().unwrap();
        o.remove("class");
        o.remove("reasons");
    }
    d.as_object_mut().unwrap().remove("schema");
    assert_eq!(r, d);
}

#[test]
fn lint_json_follows_the_contract() {
    let p = common::corpus("akn/en/A-RES-80-228.xml");
    let out = common::resdiff()
        .args(["lint", p.to_str().unwrap(), "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(key_order(&text, "  "), ["schema", "source", "findings"]);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "resdiff.lint/1");
    assert_eq!(v["source"], p.to_str().unwrap());
}

#[test]
fn exit_status_and_help() {
    let base = common::corpus("akn/en/A-RES-78-228.xml");
    // Against itself: no change, but the recall list lacks the base itself, an error.
    common::resdiff()
        .args([
            "review",
            base.to_str().unwrap(),
            "--against",
            base.to_str().unwrap(),
            "--color",
            "never",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error PP10 recall-list: the resolutions recalled do not include 78/228",
        ))
        .stdout(predicate::str::contains("→ add 78/228 of 19 December 2023"));
    // The exit-0 case (a draft with only routine changes) is in tests/rollover.rs.
    common::resdiff()
        .args([
            "review",
            "/nonexistent/draft.xml",
            "--against",
            base.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stdout("");
    common::resdiff()
        .args(["review", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status: 0 nothing to report"));
}

#[test]
fn snapshot_review_term_80_228_against_78_228() {
    let r = run(Language::En, "78-228", "80-228");
    let mut buf = Vec::new();
    write_review_term(&r, Style::PLAIN, &mut buf).unwrap();
    insta::assert_snapshot!(String::from_utf8(buf).unwrap());
}

/// A draft usually arrives as a document, not AKN: 80/228 as text extracted
/// from its PDF, against the AKN of 78/228, gives the same routine changes.
#[test]
fn routine_changes_found_in_pdf_text_drafts() {
    for lang in Language::ALL {
        let rel = format!("fulltext/{}/A-RES-80-228.txt", lang.code());
        let draft = read_path(&common::corpus(&rel), &ReadOptions { lang: Some(lang) })
            .expect("text edition reads");
        let r = review(&akn(lang, "78-228"), &draft, &ReviewOptions::default());
        assert_eq!(
            routine(&r),
            own(&[
                ("PP10", "PP10", &["recall-list-updated"]),
                ("OP33", "OP38", &["session-ordinal", "renumbered"]),
            ]),
            "{lang}"
        );
    }
}
