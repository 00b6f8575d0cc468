//! Opening words of clauses: the present-tense verb an operative paragraph
//! opens with ("Requests", "Calls upon"), the participle or adjective phrase
//! a preambular paragraph opens with ("Recalling", "Deeply concerned"), and
//! the strength of exhortative verbs (Invites < Encourages < Requests <
//! Urges / Calls upon < Strongly urges < Demands), so that a change of
//! strength between two editions stands out.
//!
//! The English lists were drawn from the openings of the shipped GA corpus
//! (../shared/corpus/ga-akn/en); a test in `tests/lint.rs` checks that they
//! still cover it. For the other languages the openings are recognised by
//! their morphology (French "-ant", Spanish "-ando/-iendo", Russian
//! verbal adverbs, Arabic "وإذ"), and an unrecognised opening is only a note.

use crate::model::Language;

/// English operative verbs (third person, lower case) and phrases, with the
/// strength of the exhortative ones (higher is stronger); `None` for verbs
/// that state rather than ask.
pub const EN_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("invites", Some(1)),
    ("encourages", Some(2)),
    ("recommends", Some(2)),
    ("appeals", Some(3)),
    ("requests", Some(3)),
    ("strongly encourages", Some(3)),
    ("calls upon", Some(4)),
    ("calls on", Some(4)),
    ("calls for", Some(4)),
    ("urges", Some(4)),
    ("strongly urges", Some(5)),
    ("strongly calls upon", Some(5)),
    ("demands", Some(6)),
    ("takes note", None),
    ("notes", None),
    ("welcomes", None),
    ("recalls", None),
    ("reaffirms", None),
    ("reiterates", None),
    ("recognizes", None),
    ("acknowledges", None),
    ("stresses", None),
    ("emphasizes", None),
    ("underlines", None),
    ("underscores", None),
    ("affirms", None),
    ("expresses", None),
    ("condemns", None),
    ("strongly condemns", None),
    ("deplores", None),
    ("commends", None),
    ("appreciates", None),
    ("decides", None),
    ("supports", None),
    ("endorses", None),
    ("approves", None),
    ("adopts", None),
    ("authorizes", None),
    ("declares", None),
    ("proclaims", None),
    ("considers", None),
    ("believes", None),
    ("agrees", None),
    ("accepts", None),
    ("requires", None),
    ("highlights", None),
    ("reminds", None),
    ("regrets", None),
    ("rejects", None),
    ("renews", None),
    ("resolves", None),
    ("pays tribute", None),
    ("looks forward", None),
    ("confirms", None),
    ("determines", None),
    ("designates", None),
    ("elects", None),
    ("appoints", None),
    ("establishes", None),
    ("extends", None),
    ("observes", None),
    ("re-emphasizes", None),
    ("reasserts", None),
    ("salutes", None),
    ("shares", None),
    ("takes", None),
    ("thanks", None),
    ("calls", Some(4)),
    ("emphasises", None),
    ("continues", None),
    ("concurs", None),
    ("authorises", None),
    ("exhorts", Some(4)),
    ("insists", None),
    ("instructs", Some(6)),
    ("directs", Some(6)),
    ("mandates", None),
    ("strongly supports", None),
    ("strongly deplores", None),
    ("firmly condemns", None),
    ("unequivocally condemns", None),
];

/// Adverbs that may stand before the opening word without changing it
/// ("Also requests", "Further decides", "Deeply concerned").
const EN_ADVERBS: &[&str] = &[
    "also",
    "further",
    "again",
    "once",
    "moreover",
    "furthermore",
    "finally",
    "lastly",
    "likewise",
    "similarly",
    "additionally",
    "in",
    "this",
    "regard",
    "and",
];

/// English preambular openings that are neither an "-ing" word nor an
/// "-ed" participle.
const EN_PREAMBLE_WORDS: &[&str] = &[
    "mindful",
    "aware",
    "conscious",
    "cognizant",
    "desirous",
    "convinced",
    "concerned",
    "alarmed",
    "determined",
    "resolved",
    "committed",
    "guided",
    "seized",
    "having",
    "keen",
    "anxious",
    "sure",
    "confident",
    "bearing",
    "taking",
    "emphasizing",
    "recognizing",
    "noting",
    "welcoming",
    "reaffirming",
    "recalling",
    "acknowledging",
    "expressing",
    "stressing",
    "underlining",
    "considering",
    "believing",
    "affirming",
    "reiterating",
    "appreciative",
    "grateful",
    "fully",
    "deeply",
    "gravely",
    "seriously",
    "profoundly",
    "strongly",
    "also",
    "further",
    "highly",
    "particularly",
    "acutely",
    "increasingly",
    "noting",
    "in",
    "with",
];

/// The first words of `text`, lower-cased, letters and hyphens only.
fn words(text: &str, n: usize) -> Vec<String> {
    text.split_whitespace()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect()
}

/// The English operative verb a clause opens with (after "Also",
/// "Further" …): the phrase as listed and its strength.
pub fn en_opening_verb(text: &str) -> Option<(&'static str, Option<u8>)> {
    let ws = words(text, 8);
    let start = ws
        .iter()
        .position(|w| !(EN_ADVERBS.contains(&w.as_str()) && w != "strongly"))
        .unwrap_or(0);
    longest_phrase(EN_OPERATIVE, &ws[start..])
}

/// The longest verb phrase of `table` at the start of `ws`.
fn longest_phrase(
    table: &'static [(&'static str, Option<u8>)],
    ws: &[String],
) -> Option<(&'static str, Option<u8>)> {
    let mut best: Option<(&'static str, Option<u8>)> = None;
    for &(p, lvl) in table {
        let pw: Vec<&str> = p.split(' ').collect();
        let matches = pw.len() <= ws.len() && pw.iter().zip(ws).all(|(a, b)| *a == b);
        if matches && best.map_or(true, |(b, _)| p.len() > b.len()) {
            best = Some((p, lvl));
        }
    }
    best
}

/// A verb phrase listed for English standing at the start of `text` (no
/// adverbs skipped): for verbs inside a clause ("…, and encourages …").
pub fn en_verb_at(text: &str) -> Option<(&'static str, Option<u8>)> {
    longest_phrase(EN_OPERATIVE, &words(text, 3))
}

/// French operative verbs, with strength as for English ("Engage" renders
/// "Encourages", "Demande" "Calls upon", "Prie" "Requests").
pub const FR_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("invite", Some(1)),
    ("encourage", Some(2)),
    ("engage", Some(2)),
    ("recommande", Some(2)),
    ("engage vivement", Some(3)),
    ("prie", Some(3)),
    ("lance un appel", Some(3)),
    ("demande", Some(4)),
    ("exhorte", Some(4)),
    ("prie instamment", Some(4)),
    ("demande instamment", Some(5)),
    ("exige", Some(6)),
    ("prend note", None),
    ("prend acte", None),
    ("note", None),
    ("se félicite", None),
    ("salue", None),
    ("rappelle", None),
    ("réaffirme", None),
    ("réitère", None),
    ("souligne", None),
    ("insiste", None),
    ("considère", None),
    ("reconnaît", None),
    ("constate", None),
    ("décide", None),
    ("condamne", None),
    ("déplore", None),
    ("exprime", None),
    ("estime", None),
    ("affirme", None),
    ("approuve", None),
    ("appuie", None),
    ("se déclare", None),
    ("remercie", None),
    ("sait gré", None),
    ("accueille", None),
];

/// Spanish operative verbs.
pub const ES_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("invita", Some(1)),
    ("alienta", Some(2)),
    ("recomienda", Some(2)),
    ("solicita", Some(3)),
    ("pide", Some(3)),
    ("exhorta", Some(4)),
    ("insta", Some(4)),
    ("hace un llamamiento", Some(4)),
    ("insta encarecidamente", Some(5)),
    ("exige", Some(6)),
    ("toma nota", None),
    ("acoge con beneplácito", None),
    ("acoge con satisfacción", None),
    ("celebra", None),
    ("recuerda", None),
    ("reafirma", None),
    ("reitera", None),
    ("destaca", None),
    ("subraya", None),
    ("pone de relieve", None),
    ("decide", None),
    ("reconoce", None),
    ("observa", None),
    ("expresa", None),
    ("condena", None),
    ("deplora", None),
    ("considera", None),
    ("afirma", None),
    ("apoya", None),
    ("encomia", None),
];

/// Russian operative verbs (the clause opens in lower case).
pub const RU_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("предлагает", Some(1)),
    ("рекомендует", Some(2)),
    ("побуждает", Some(2)),
    ("просит", Some(3)),
    ("призывает", Some(4)),
    ("обращается с призывом", Some(4)),
    ("настоятельно призывает", Some(5)),
    ("требует", Some(6)),
    ("принимает к сведению", None),
    ("приветствует", None),
    ("с удовлетворением отмечает", None),
    ("отмечает", None),
    ("особо отмечает", None),
    ("напоминает", None),
    ("подтверждает", None),
    ("вновь подтверждает", None),
    ("подчеркивает", None),
    ("постановляет", None),
    ("признает", None),
    ("выражает", None),
    ("осуждает", None),
    ("решительно осуждает", None),
    ("считает", None),
    ("заявляет", None),
    ("одобряет", None),
    ("поддерживает", None),
];

/// Chinese operative verbs (matched as a prefix of the clause).
pub const ZH_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("邀请", Some(1)),
    ("鼓励", Some(2)),
    ("建议", Some(2)),
    ("请", Some(3)),
    ("吁请", Some(4)),
    ("促请", Some(4)),
    ("敦促", Some(4)),
    ("强烈敦促", Some(5)),
    ("要求", Some(6)),
    ("表示注意到", None),
    ("注意到", None),
    ("欢迎", None),
    ("回顾", None),
    ("重申", None),
    ("强调指出", None),
    ("强调", None),
    ("决定", None),
    ("确认", None),
    ("认识到", None),
    ("表示", None),
    ("谴责", None),
    ("赞扬", None),
    ("赞赏", None),
    ("支持", None),
    ("核可", None),
    ("感谢", None),
];

/// Arabic operative verbs (third person feminine imperfect, the Assembly
/// being the subject).
pub const AR_OPERATIVE: &[(&str, Option<u8>)] = &[
    ("تدعو", Some(1)),
    ("تشجع", Some(2)),
    ("توصي", Some(2)),
    ("تطلب", Some(3)),
    ("تهيب", Some(4)),
    ("تحث", Some(4)),
    ("تحث بقوة", Some(5)),
    ("تطالب", Some(6)),
    ("تحيط علما", None),
    ("ترحب", None),
    ("تشير", None),
    ("تعيد تأكيد", None),
    ("تؤكد من جديد", None),
    ("تؤكد", None),
    ("تشدد", None),
    ("تقرر", None),
    ("تسلم", None),
    ("تعترف", None),
    ("تعرب", None),
    ("تدين", None),
    ("تلاحظ", None),
    ("تكرر", None),
    ("تثني", None),
    ("تؤيد", None),
];

/// Adverbs that may stand before a Russian operative verb.
const RU_ADVERBS: &[&str] = &["также", "вновь", "далее", "еще", "раз", "кроме", "того"];

/// Prefixes of a Chinese operative verb meaning "also", "again", "further".
const ZH_PREFIXES: &[&str] = &["又", "还", "并", "再次", "也", "进一步", "另"];

/// The operative verb a clause of `lang` opens with, and its strength.
pub fn opening_verb(lang: Language, text: &str) -> Option<(&'static str, Option<u8>)> {
    match lang {
        Language::En => en_opening_verb(text),
        Language::Zh => {
            let mut t = text.trim_start();
            while let Some(p) = ZH_PREFIXES.iter().find(|p| t.starts_with(**p)) {
                t = &t[p.len()..];
            }
            ZH_OPERATIVE
                .iter()
                .filter(|(p, _)| t.starts_with(p))
                .max_by_key(|(p, _)| p.len())
                .copied()
        }
        Language::Ru => {
            let ws = words(text, 8);
            let start = ws
                .iter()
                .position(|w| !RU_ADVERBS.contains(&w.as_str()))
                .unwrap_or(0);
            longest_phrase(RU_OPERATIVE, &ws[start..]).or_else(|| longest_phrase(RU_OPERATIVE, &ws))
        }
        Language::Fr => longest_phrase(FR_OPERATIVE, &words(text, 4)),
        Language::Es => longest_phrase(ES_OPERATIVE, &words(text, 4)),
        Language::Ar => longest_phrase(AR_OPERATIVE, &words(text, 4)),
    }
}

/// A listed verb phrase at the start of `text` (nothing skipped), for verbs
/// inside a clause; languages written with spaces only.
pub fn verb_at(lang: Language, text: &str) -> Option<(&'static str, Option<u8>)> {
    let table = match lang {
        Language::En => EN_OPERATIVE,
        Language::Fr => FR_OPERATIVE,
        Language::Es => ES_OPERATIVE,
        Language::Ru => RU_OPERATIVE,
        Language::Ar => AR_OPERATIVE,
        Language::Zh => return None,
    };
    longest_phrase(table, &words(text, 3))
}

/// The English opening verb of `text` turned into a participle, with the
/// rest of the clause's first words: "Requests the" → "Requesting the".
pub fn en_participle(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let (verb, _) = en_opening_verb(text)?;
    let head = verb.split(' ').next()?;
    if !first.eq_ignore_ascii_case(head) {
        return None;
    }
    let stem = head.strip_suffix('s')?;
    let stem = match stem.strip_suffix('e') {
        Some(s) if !stem.ends_with("ee") => s,
        _ => stem,
    };
    Some(capitalise_like(&format!("{stem}ing"), first))
}

/// The English participle opening `text` turned into the listed present
/// tense: "Recognizing" → "Recognizes"; `None` when no listed verb fits.
pub fn en_present(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let stem = first.to_lowercase();
    let stem = stem.strip_suffix("ing")?;
    let listed = |v: &str| EN_OPERATIVE.iter().any(|(p, _)| *p == v);
    let candidates = [
        format!("{stem}s"),
        format!("{stem}es"),
        format!("{stem}ies"),
        // "Stopping" → "Stops": the doubled consonant dropped.
        format!(
            "{}s",
            stem.char_indices().last().map_or("", |(i, _)| &stem[..i])
        ),
    ];
    let found = candidates.iter().find(|c| listed(c))?;
    Some(capitalise_like(found, first))
}

fn capitalise_like(word: &str, like: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// What a clause opens with, as far as the rules can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// A participle or adjective phrase, as a preambular paragraph should.
    Preambular,
    /// A present-tense verb, as an operative paragraph should.
    Operative,
    /// Cannot tell.
    Unknown,
}

/// Classify the opening of a clause in `lang`.
pub fn opening(lang: Language, text: &str) -> Opening {
    let ws = words(text, 4);
    let Some(first) = ws.first() else {
        return Opening::Unknown;
    };
    match lang {
        Language::En => {
            if en_opening_verb(text).is_some() {
                // "Taking note" is preambular, "Takes note" operative.
                return Opening::Operative;
            }
            let skip = ws
                .iter()
                .position(|w| {
                    !(w.ends_with("ly") || EN_ADVERBS.contains(&w.as_str()) || w == "with")
                })
                .unwrap_or(0);
            let w = &ws[skip];
            if w.ends_with("ing") || w.ends_with("ed") || EN_PREAMBLE_WORDS.contains(&w.as_str()) {
                Opening::Preambular
            } else {
                Opening::Unknown
            }
        }
        Language::Fr => {
            // A reflexive pronoun ("Se félicitant", "S’engageant") stands before the verb.
            let w = ws
                .iter()
                .map(|w| {
                    w.strip_prefix("s’")
                        .or_else(|| w.strip_prefix("s'"))
                        .unwrap_or(w)
                })
                .find(|w| !w.ends_with("ment") && !matches!(*w, "de" | "nouveau" | "se"))
                .unwrap_or(first);
            if w.ends_with("ant")
                || w.ends_with("ée")
                || w.ends_with("ue")
                || w.ends_with("ente")
                || w.ends_with("euse")
                || w.ends_with("ive")
                || w == "consciente"
            {
                Opening::Preambular
            } else if w.ends_with('e') || w.ends_with('t') || w.ends_with('d') || w == "se" {
                Opening::Operative
            } else {
                Opening::Unknown
            }
        }
        Language::Es => {
            let w = ws.iter().find(|w| !w.ends_with("mente")).unwrap_or(first);
            if w.ends_with("ndo") || w.ends_with("ada") || w.ends_with("ida") || w == "consciente" {
                Opening::Preambular
            } else if w.ends_with('a') || w.ends_with('e') {
                Opening::Operative
            } else {
                Opening::Unknown
            }
        }
        Language::Ru => {
            let w = ws
                .iter()
                .find(|w| !(w.ends_with('о') || *w == "с" || *w == "вновь" || *w == "также"))
                .unwrap_or(first);
            if w.ends_with("я")
                || w.ends_with("ясь")
                || w.ends_with("ев")
                || w.ends_with("ав")
                || w.ends_with("вшись")
                || w == "будучи"
                || w.ends_with("ая")
            {
                Opening::Preambular
            } else if w.ends_with("ет")
                || w.ends_with("ит")
                || w.ends_with("ют")
                || w.ends_with("ся")
            {
                Opening::Operative
            } else {
                Opening::Unknown
            }
        }
        Language::Ar => {
            if first.starts_with("وإذ") || first.starts_with("وقد") || first == "إن" {
                Opening::Preambular
            } else if first.starts_with('ت') || first.starts_with("وت") {
                Opening::Operative
            } else {
                Opening::Unknown
            }
        }
        // Chinese uses the same verbs in both parts.
        Language::Zh => Opening::Unknown,
    }
}

/// "stronger", "weaker" or `None` (same level, or not both exhortative).
pub fn direction(old: Option<u8>, new: Option<u8>) -> Option<&'static str> {
    match (old, new) {
        (Some(a), Some(b)) if b > a => Some("stronger"),
        (Some(a), Some(b)) if b < a => Some("weaker"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_opening_verbs() {
        assert_eq!(
            en_opening_verb("Also strongly urges States (synthetic);"),
            Some(("strongly urges", Some(5)))
        );
        assert_eq!(
            en_opening_verb("Calls upon Member States (synthetic);"),
            Some(("calls upon", Some(4)))
        );
        assert_eq!(
            en_opening_verb("Recalling its resolution (synthetic),"),
            None
        );
        assert_eq!(direction(Some(2), Some(4)), Some("stronger"));
        assert_eq!(direction(Some(3), Some(1)), Some("weaker"));
        assert_eq!(direction(None, Some(1)), None);
    }

    #[test]
    fn english_forms_for_suggestions() {
        assert_eq!(
            en_participle("Requests a thing (synthetic),").as_deref(),
            Some("Requesting")
        );
        assert_eq!(
            en_participle("Decides a thing (synthetic),").as_deref(),
            Some("Deciding")
        );
        assert_eq!(
            en_participle("Agrees (synthetic),").as_deref(),
            Some("Agreeing")
        );
        assert_eq!(
            en_present("Recognizing x (synthetic);").as_deref(),
            Some("Recognizes")
        );
        assert_eq!(
            en_present("Recalling x (synthetic);").as_deref(),
            Some("Recalls")
        );
        assert_eq!(
            en_present("Noting x (synthetic);").as_deref(),
            Some("Notes")
        );
        assert_eq!(
            en_present("Stressing x (synthetic);").as_deref(),
            Some("Stresses")
        );
        assert_eq!(en_present("Zorbing x (synthetic);"), None);
        assert_eq!(en_present("Überring x (synthetic);"), None);
    }

    #[test]
    fn openings_by_language() {
        use Language::*;
        assert_eq!(
            opening(En, "Deeply concerned about x (synthetic),"),
            Opening::Preambular
        );
        assert_eq!(
            opening(En, "Taking note of x (synthetic),"),
            Opening::Preambular
        );
        assert_eq!(
            opening(En, "Takes note of x (synthetic);"),
            Opening::Operative
        );
        assert_eq!(
            opening(Fr, "Rappelant sa résolution (synthétique),"),
            Opening::Preambular
        );
        assert_eq!(
            opening(Fr, "Prie le Secrétaire général (synthétique);"),
            Opening::Operative
        );
        assert_eq!(
            opening(Es, "Recordando su resolución (sintético),"),
            Opening::Preambular
        );
        assert_eq!(
            opening(Es, "Solicita al Secretario General (sintético);"),
            Opening::Operative
        );
        assert_eq!(
            opening(Ru, "ссылаясь на свою резолюцию (синтетический),"),
            Opening::Preambular
        );
        assert_eq!(
            opening(Ru, "просит Генерального секретаря (синтетический);"),
            Opening::Operative
        );
        assert_eq!(
            opening(Ar, "وإذ تشير إلى قرارها (نص اصطناعي)،"),
            Opening::Preambular
        );
        assert_eq!(
            opening(Ar, "تطلب إلى الأمين العام (نص اصطناعي)؛"),
            Opening::Operative
        );
        assert_eq!(opening(Zh, "回顾（合成）"), Opening::Unknown);
    }
}
