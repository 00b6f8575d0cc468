//! The six language profiles and language detection.
//!
//! Everything a reader needs to know about how a resolution is written in
//! one UN language lives here, so that the structure recogniser
//! ([`super::structure`]) stays language-neutral: the organ lines ("The
//! General Assembly," … "إن الجمعية العامة،"), the month names and date forms
//! of the adoption line, the forms of the session, agenda-item and closing
//! ("plenary meeting") lines, and the words that start an annex.
//! Numbering labels are canonicalised in [`super::labels`], not here.
//!
//! [`detect`] guesses the language of a text from its script (Arabic,
//! Cyrillic, Han) and, for Latin-script text, from frequent function words.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::model::{Language, Organ};

/// Share of letters that must be in one script for [`detect`] to pick the
/// language written in it (Arabic, Cyrillic, Han). Headers of Arabic,
/// Russian and Chinese resolutions contain Latin symbols ("A/RES/76/186"),
/// so the share is well below one.
const SCRIPT_SHARE: f64 = 0.3;

/// Fewest letters a text needs before [`detect`] dares to guess.
const MIN_LETTERS: usize = 20;

/// Organ lines ("The General Assembly,") in every language, without the
/// closing comma. Compared after [`fold_line`].
const ORGAN_LINES: &[(Language, &str, Organ)] = &[
    (Language::En, "the general assembly", Organ::Ga),
    (Language::En, "the security council", Organ::Sc),
    (
        Language::En,
        "the economic and social council",
        Organ::Ecosoc,
    ),
    (Language::En, "the human rights council", Organ::Hrc),
    (Language::Fr, "l'assemblée générale", Organ::Ga),
    (Language::Fr, "le conseil de sécurité", Organ::Sc),
    (
        Language::Fr,
        "le conseil économique et social",
        Organ::Ecosoc,
    ),
    (Language::Fr, "le conseil des droits de l'homme", Organ::Hrc),
    (Language::Es, "la asamblea general", Organ::Ga),
    (Language::Es, "el consejo de seguridad", Organ::Sc),
    (Language::Es, "el consejo económico y social", Organ::Ecosoc),
    (Language::Es, "el consejo de derechos humanos", Organ::Hrc),
    (Language::Ru, "генеральная ассамблея", Organ::Ga),
    (Language::Ru, "совет безопасности", Organ::Sc),
    (
        Language::Ru,
        "экономический и социальный совет",
        Organ::Ecosoc,
    ),
    (Language::Ru, "совет по правам человека", Organ::Hrc),
    (Language::Zh, "大会", Organ::Ga),
    (Language::Zh, "安全理事会", Organ::Sc),
    (Language::Zh, "经济及社会理事会", Organ::Ecosoc),
    (Language::Zh, "人权理事会", Organ::Hrc),
    (Language::Ar, "إن الجمعية العامة", Organ::Ga),
    (Language::Ar, "إن مجلس الأمن", Organ::Sc),
    (Language::Ar, "إن المجلس الاقتصادي والاجتماعي", Organ::Ecosoc),
    (Language::Ar, "إن مجلس حقوق الإنسان", Organ::Hrc),
];

/// Lower-case, apostrophes unified, tatweel and bidi marks dropped, white
/// space folded: the form organ lines and keywords are compared in.
pub fn fold_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' | '`' => '\'',
            'ـ' | '\u{200E}' | '\u{200F}' | '\u{200B}' | '\u{FEFF}' => continue,
            _ => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The organ and language of an organ line ("The General Assembly,",
/// "大会，"). The line must end with a comma of its script (a bare
/// "General Assembly" in the header is not an organ line).
pub fn organ_line(line: &str) -> Option<(Organ, Language)> {
    // "The General Assembly ," in careless copies: the comma may be spaced.
    let f = fold_line(line).replace(" ,", ",").replace(" ،", "،");
    let body = f
        .strip_suffix(',')
        .or_else(|| f.strip_suffix('，'))
        .or_else(|| f.strip_suffix('،'))
        .or_else(|| f.strip_suffix('、'))?
        .trim_end();
    ORGAN_LINES
        .iter()
        .find(|(_, form, _)| *form == body)
        .map(|(l, _, o)| (o.clone(), *l))
}

/// Arabic months as the UN writes them ("كانون الأول/ديسمبر"): the Levantine
/// name, a slash, the name borrowed from the Latin calendar.
pub const AR_MONTHS: [(&str, &str); 12] = [
    ("كانون الثاني", "يناير"),
    ("شباط", "فبراير"),
    ("آذار", "مارس"),
    ("نيسان", "أبريل"),
    ("أيار", "مايو"),
    ("حزيران", "يونيه"),
    ("تموز", "يوليه"),
    ("آب", "أغسطس"),
    ("أيلول", "سبتمبر"),
    ("تشرين الأول", "أكتوبر"),
    ("تشرين الثاني", "نوفمبر"),
    ("كانون الأول", "ديسمبر"),
];

/// Month names (lower case) per language, January first. Arabic gives the
/// part after the slash of "كانون الأول/ديسمبر".
fn months(lang: Language) -> [&'static [&'static str]; 12] {
    match lang {
        Language::En => [
            &["january"],
            &["february"],
            &["march"],
            &["april"],
            &["may"],
            &["june"],
            &["july"],
            &["august"],
            &["september"],
            &["october"],
            &["november"],
            &["december"],
        ],
        Language::Fr => [
            &["janvier"],
            &["février", "fevrier"],
            &["mars"],
            &["avril"],
            &["mai"],
            &["juin"],
            &["juillet"],
            &["août", "aout"],
            &["septembre"],
            &["octobre"],
            &["novembre"],
            &["décembre", "decembre"],
        ],
        Language::Es => [
            &["enero"],
            &["febrero"],
            &["marzo"],
            &["abril"],
            &["mayo"],
            &["junio"],
            &["julio"],
            &["agosto"],
            &["septiembre", "setiembre"],
            &["octubre"],
            &["noviembre"],
            &["diciembre"],
        ],
        Language::Ru => [
            &["января"],
            &["февраля"],
            &["марта"],
            &["апреля"],
            &["мая"],
            &["июня"],
            &["июля"],
            &["августа"],
            &["сентября"],
            &["октября"],
            &["ноября"],
            &["декабря"],
        ],
        Language::Ar => [
            &["يناير"],
            &["فبراير"],
            &["مارس"],
            &["أبريل", "ابريل"],
            &["مايو"],
            &["يونيه", "يونيو"],
            &["يوليه", "يوليو"],
            &["أغسطس", "اغسطس"],
            &["سبتمبر"],
            &["أكتوبر", "اكتوبر"],
            &["نوفمبر"],
            &["ديسمبر"],
        ],
        // Chinese dates are numeric (2021年12月16日).
        Language::Zh => [&[]; 12],
    }
}

fn month_number(lang: Language, word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    months(lang)
        .iter()
        .position(|forms| forms.contains(&w.as_str()))
        .map(|k| k as u32 + 1)
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1945..=2200).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

static DAY_MONTH_YEAR: Lazy<Regex> = Lazy::new(|| {
    // "16 December 2021", "16 décembre 2021", "16 de diciembre de 2021",
    // "16 декабря 2021 года", "16 كانون الأول/ديسمبر 2021", "1er mars 2020".
    Regex::new(r"(\d{1,2})(?:er)?\s+(?:de\s+)?(?:[^\s\d/]+(?:\s+[^\s\d/]+)?/)?(\p{L}+)\s+(?:de\s+)?(\d{4})")
        .expect("static regex")
});
static ZH_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("static regex")
});

/// The first date in `text` written the way `lang` writes dates, as ISO
/// `YYYY-MM-DD`.
pub fn find_date(text: &str, lang: Language) -> Option<String> {
    let text = &ascii_digits(text);
    if lang == Language::Zh {
        let c = ZH_DATE.captures(text)?;
        return iso(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(m) = month_number(lang, &c[2]) {
            if let Some(d) = iso(c[3].parse().ok()?, m, c[1].parse().ok()?) {
                return Some(d);
            }
        }
    }
    None
}

/// Arabic-Indic and full-width digits as ASCII digits.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32).unwrap_or(c),
            '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32).unwrap_or(c),
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Is this header line the adoption line ("Resolution adopted by the
/// General Assembly on …")?
pub fn is_adoption_line(line: &str, lang: Language) -> bool {
    let f = fold_line(line);
    match lang {
        Language::En => f.contains("adopted by the"),
        Language::Fr => f.contains("adoptée par"),
        Language::Es => f.contains("aprobada por"),
        Language::Ru => f.contains("принятая"),
        Language::Zh => f.ends_with("决议") && ZH_DATE.is_match(&f),
        Language::Ar => f.contains("اتخذته") || f.contains("اتخذها"),
    }
}

/// Is this a closing line ("53rd plenary meeting", "8188th meeting")?
pub fn is_closing_line(line: &str) -> bool {
    const MAX_LEN: usize = 60; // closing lines are short; a clause mentioning a meeting is not one
    let f = fold_line(line);
    if f.chars().count() > MAX_LEN {
        return false;
    }
    [
        "plenary meeting",
        "séance plénière",
        "sesión plenaria",
        "пленарное заседание",
        "全体会议",
        "الجلسة العامة",
    ]
    .iter()
    .any(|k| f.contains(k))
}

/// Is this line the heading of an annex ("Annex", "Annexe I", "附件")?
pub fn is_annex_heading(line: &str) -> bool {
    static ANNEX: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^(annex|annexe|anexo|приложение|附件|مرفق|المرفق)(\s+[ivxlc\d]+|\s*[一二三四五六七八九十]+)?$")
            .expect("static regex")
    });
    ANNEX.is_match(&fold_line(line))
}

static AGENDA: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:agenda items?|points?|temas?|пункты?|议程项目|البندان|البنود|البند)\s*(.+?)\s*(?:de l'ordre du jour|del programa|повестки дня|من جدول الأعمال)?$",
    )
    .expect("static regex")
});
static AGENDA_ITEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\d+(?:\s*\([^)\s]{1,4}\))?").expect("static regex"));

/// Agenda items of an agenda line ("Agenda items 69 (b) and 70" →
/// `["69 (b)", "70"]`), `None` when the line is not one.
pub fn agenda_items(line: &str) -> Option<Vec<String>> {
    let f = ascii_digits(&fold_line(line));
    let is_agenda = f.starts_with("agenda item")
        || f.contains("de l'ordre du jour")
        || f.contains("del programa")
        || f.contains("повестки дня")
        || f.starts_with("议程项目")
        || f.contains("من جدول الأعمال");
    if !is_agenda {
        return None;
    }
    let c = AGENDA.captures(&f)?;
    let items: Vec<String> = AGENDA_ITEM
        .find_iter(&c[1])
        .map(|m| {
            let s = m.as_str();
            match s.find('(') {
                Some(k) => format!("{} {}", s[..k].trim_end(), &s[k..]),
                None => s.to_string(),
            }
        })
        .collect();
    (!items.is_empty()).then_some(items)
}

/// Session number of a session line ("Seventy-sixth session" → 76), in any
/// of the six languages.
pub fn session_number(line: &str) -> Option<u32> {
    let f = ascii_digits(&fold_line(line));
    if let Some(rest) = f.strip_prefix('第') {
        let n = rest.strip_suffix("届会议")?;
        return chinese_number(n);
    }
    let (words, lang): (&str, Language) = if let Some(w) = f.strip_suffix(" session") {
        // English and French share the word; French ordinals end in -ième.
        if w.contains("ième") {
            (w, Language::Fr)
        } else {
            (w, Language::En)
        }
    } else if let Some(w) = f.strip_suffix(" período de sesiones") {
        (w, Language::Es)
    } else if let Some(w) = f.strip_suffix(" сессия") {
        (w, Language::Ru)
    } else if let Some(w) = f.strip_prefix("الدورة ") {
        (w, Language::Ar)
    } else {
        return None;
    };
    if let Ok(n) = words
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse::<u32>()
    {
        return Some(n);
    }
    let mut total = 0;
    let tokens: Vec<&str> = words
        .split(|c: char| c == '-' || c == '‑' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k];
        // French "quatre-vingt(s)/quatre-vingtième": four times twenty.
        if lang == Language::Fr
            && t == "quatre"
            && tokens.get(k + 1).is_some_and(|n| n.starts_with("vingt"))
        {
            total += 80;
            k += 2;
            continue;
        }
        total += number_word(t, lang)?;
        k += 1;
    }
    (total > 0).then_some(total)
}

/// Value of one word of an ordinal or cardinal number.
fn number_word(t: &str, lang: Language) -> Option<u32> {
    let table: &[(&str, u32)] = match lang {
        Language::En => &[
            ("first", 1),
            ("second", 2),
            ("third", 3),
            ("fourth", 4),
            ("fifth", 5),
            ("sixth", 6),
            ("seventh", 7),
            ("eighth", 8),
            ("ninth", 9),
            ("tenth", 10),
            ("eleventh", 11),
            ("twelfth", 12),
            ("thirteenth", 13),
            ("fourteenth", 14),
            ("fifteenth", 15),
            ("sixteenth", 16),
            ("seventeenth", 17),
            ("eighteenth", 18),
            ("nineteenth", 19),
            ("twenty", 20),
            ("thirty", 30),
            ("forty", 40),
            ("fifty", 50),
            ("sixty", 60),
            ("seventy", 70),
            ("eighty", 80),
            ("ninety", 90),
            ("twentieth", 20),
            ("thirtieth", 30),
            ("fortieth", 40),
            ("fiftieth", 50),
            ("sixtieth", 60),
            ("seventieth", 70),
            ("eightieth", 80),
            ("ninetieth", 90),
        ],
        Language::Fr => &[
            ("et", 0),
            ("premier", 1),
            ("première", 1),
            ("unième", 1),
            ("un", 1),
            ("deuxième", 2),
            ("deux", 2),
            ("troisième", 3),
            ("trois", 3),
            ("quatrième", 4),
            ("quatre", 4),
            ("cinquième", 5),
            ("cinq", 5),
            ("sixième", 6),
            ("six", 6),
            ("septième", 7),
            ("sept", 7),
            ("huitième", 8),
            ("huit", 8),
            ("neuvième", 9),
            ("neuf", 9),
            ("dixième", 10),
            ("dix", 10),
            ("onzième", 11),
            ("onze", 11),
            ("douzième", 12),
            ("douze", 12),
            ("treizième", 13),
            ("treize", 13),
            ("quatorzième", 14),
            ("quatorze", 14),
            ("quinzième", 15),
            ("quinze", 15),
            ("seizième", 16),
            ("seize", 16),
            ("vingtième", 20),
            ("vingt", 20),
            ("trentième", 30),
            ("trente", 30),
            ("quarantième", 40),
            ("quarante", 40),
            ("cinquantième", 50),
            ("cinquante", 50),
            ("soixantième", 60),
            ("soixante", 60),
        ],
        Language::Es => &[
            ("primer", 1),
            ("primero", 1),
            ("segundo", 2),
            ("tercer", 3),
            ("tercero", 3),
            ("cuarto", 4),
            ("quinto", 5),
            ("sexto", 6),
            ("séptimo", 7),
            ("octavo", 8),
            ("noveno", 9),
            ("décimo", 10),
            ("undécimo", 11),
            ("duodécimo", 12),
            ("vigésimo", 20),
            ("trigésimo", 30),
            ("cuadragésimo", 40),
            ("quincuagésimo", 50),
            ("sexagésimo", 60),
            ("septuagésimo", 70),
            ("octogésimo", 80),
            ("nonagésimo", 90),
        ],
        Language::Ru => &[
            ("первая", 1),
            ("вторая", 2),
            ("третья", 3),
            ("четвертая", 4),
            ("четвёртая", 4),
            ("пятая", 5),
            ("шестая", 6),
            ("седьмая", 7),
            ("восьмая", 8),
            ("девятая", 9),
            ("десятая", 10),
            ("одиннадцатая", 11),
            ("двенадцатая", 12),
            ("тринадцатая", 13),
            ("четырнадцатая", 14),
            ("пятнадцатая", 15),
            ("шестнадцатая", 16),
            ("семнадцатая", 17),
            ("восемнадцатая", 18),
            ("девятнадцатая", 19),
            ("двадцать", 20),
            ("тридцать", 30),
            ("сорок", 40),
            ("пятьдесят", 50),
            ("шестьдесят", 60),
            ("семьдесят", 70),
            ("восемьдесят", 80),
            ("девяносто", 90),
            ("двадцатая", 20),
            ("тридцатая", 30),
            ("сороковая", 40),
            ("пятидесятая", 50),
            ("шестидесятая", 60),
            ("семидесятая", 70),
            ("восьмидесятая", 80),
            ("девяностая", 90),
        ],
        Language::Ar => &[
            ("الأولى", 1),
            ("الحادية", 1),
            ("الثانية", 2),
            ("الثالثة", 3),
            ("الرابعة", 4),
            ("الخامسة", 5),
            ("السادسة", 6),
            ("السابعة", 7),
            ("الثامنة", 8),
            ("التاسعة", 9),
            ("العاشرة", 10),
            ("عشرة", 10),
            ("العشرون", 20),
            ("الثلاثون", 30),
            ("الأربعون", 40),
            ("الخمسون", 50),
            ("الستون", 60),
            ("السبعون", 70),
            ("الثمانون", 80),
            ("التسعون", 90),
        ],
        Language::Zh => &[],
    };
    // Arabic joins tens with "و" ("والسبعون").
    let t = if lang == Language::Ar && t.starts_with("وال") {
        &t['و'.len_utf8()..]
    } else {
        t
    };
    table.iter().find(|(w, _)| *w == t).map(|(_, v)| *v)
}

/// A Chinese number below 1000 written in characters (七十六 → 76).
fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|k| k as u32)
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                total += current * 100;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    let n = total + current;
    (n > 0).then_some(n)
}

/// Does this line open a preambular paragraph in English, French or
/// Spanish? Those open with a capitalised participle or adjective
/// ("Recalling", "Deeply concerned", "Rappelant", "Recordando"); a wrapped
/// line inside a paragraph almost never does.
pub fn opens_preambular_paragraph(line: &str) -> bool {
    const ADJECTIVES: &[&str] = &[
        "Deeply",
        "Gravely",
        "Strongly",
        "Mindful",
        "Aware",
        "Conscious",
        "Convinced",
        "Determined",
        "Alarmed",
        "Concerned",
        "Encouraged",
        "Seized",
        "Guided",
        "Desirous",
        "Cognizant",
        "Appreciative",
        "Fully",
        "Profondément",
        "Gravement",
        "Consciente",
        "Convaincu",
        "Résolu",
        "Préoccupé",
        "Alarmé",
        "Profundamente",
        "Gravemente",
        "Consciente",
        "Convencido",
        "Decidido",
        "Preocupado",
        "Alarmado",
    ];
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let word = first.trim_end_matches([',', ';', ':']);
    if !word.starts_with(|c: char| c.is_uppercase()) || word.chars().count() < 5 {
        return false;
    }
    if !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let lower = word.to_lowercase();
    ADJECTIVES.contains(&word)
        || lower.ends_with("ing")
        || lower.ends_with("ant")
        || lower.ends_with("ando")
        || lower.ends_with("iendo")
}

/// Frequent function words of the Latin-script languages, for [`detect`].
const LATIN_WORDS: &[(Language, &[&str])] = &[
    (
        Language::En,
        &[
            "the", "of", "and", "to", "in", "its", "that", "with", "for", "on",
        ],
    ),
    (
        Language::Fr,
        &[
            "le", "la", "les", "des", "de", "et", "du", "en", "à", "qui", "aux",
        ],
    ),
    (
        Language::Es,
        &[
            "el", "la", "los", "las", "de", "y", "del", "en", "que", "a", "por",
        ],
    ),
];

/// Guess the language of a text from its script and common words; `None`
/// when the text is too short or in none of the six languages.
pub fn detect(text: &str) -> Option<Language> {
    let (mut arabic, mut cyrillic, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => arabic += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => han += 1,
            c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    let letters = arabic + cyrillic + han + latin;
    if letters < MIN_LETTERS {
        return None;
    }
    // Han characters are whole words: weigh them against letters fairly.
    let share = |n: usize| n as f64 / letters as f64;
    if share(han) * 3.0 >= SCRIPT_SHARE {
        return Some(Language::Zh);
    }
    if share(arabic) >= SCRIPT_SHARE {
        return Some(Language::Ar);
    }
    if share(cyrillic) >= SCRIPT_SHARE {
        return Some(Language::Ru);
    }
    if latin == 0 {
        return None;
    }
    let mut scores = [0usize; 3];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(5000)
    {
        let w = w.to_lowercase();
        for (k, (_, words)) in LATIN_WORDS.iter().enumerate() {
            if words.contains(&w.as_str()) {
                scores[k] += 1;
            }
        }
    }
    let (best, score) = scores.iter().enumerate().max_by_key(|(_, s)| **s)?;
    (*score > 0).then(|| LATIN_WORDS[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_lines_in_six_languages() {
        let cases = [
            ("The General Assembly,", Organ::Ga, Language::En),
            ("The Security Council,", Organ::Sc, Language::En),
            ("L’Assemblée générale,", Organ::Ga, Language::Fr),
            ("Le Conseil de sécurité,", Organ::Sc, Language::Fr),
            ("La Asamblea General,", Organ::Ga, Language::Es),
            ("El Consejo de Seguridad,", Organ::Sc, Language::Es),
            ("Генеральная Ассамблея,", Organ::Ga, Language::Ru),
            ("Совет Безопасности,", Organ::Sc, Language::Ru),
            ("大会，", Organ::Ga, Language::Zh),
            ("安全理事会，", Organ::Sc, Language::Zh),
            ("إن الجمعية العامة،", Organ::Ga, Language::Ar),
            ("إن مجلس الأمن،", Organ::Sc, Language::Ar),
        ];
        for (line, organ, lang) in cases {
            assert_eq!(organ_line(line), Some((organ, lang)), "{line}");
        }
        assert_eq!(organ_line("General Assembly"), None);
        assert_eq!(organ_line("大会"), None);
    }

    #[test]
    fn dates_in_six_languages() {
        let d = Some("2021-12-16".to_string());
        assert_eq!(
            find_date(
                "Resolution adopted by the General Assembly on 16 December 2021",
                Language::En
            ),
            d
        );
        assert_eq!(
            find_date(
                "Résolution adoptée par l’Assemblée générale le 16 décembre 2021",
                Language::Fr
            ),
            d
        );
        assert_eq!(
            find_date(
                "Resolución aprobada por la Asamblea General el 16 de diciembre de 2021",
                Language::Es
            ),
            d
        );
        assert_eq!(
            find_date(
                "Резолюция, принятая Генеральной Ассамблеей 16 декабря 2021 года",
                Language::Ru
            ),
            d
        );
        assert_eq!(find_date("2021年12月16日大会决议", Language::Zh), d);
        assert_eq!(
            find_date(
                "قرار اتخذته الجمعية العامة في 16 كانون الأول/ديسمبر 2021",
                Language::Ar
            ),
            d
        );
        assert_eq!(find_date("on 31 Foo 2021", Language::En), None);
    }

    #[test]
    fn sessions_in_six_languages() {
        assert_eq!(session_number("Seventy-sixth session"), Some(76));
        assert_eq!(session_number("Eightieth session"), Some(80));
        assert_eq!(session_number("Soixante-dix-huitième session"), Some(78));
        assert_eq!(session_number("Quatre-vingtième session"), Some(80));
        assert_eq!(
            session_number("Septuagésimo cuarto período de sesiones"),
            Some(74)
        );
        assert_eq!(session_number("Octogésimo período de sesiones"), Some(80));
        assert_eq!(session_number("Семьдесят шестая сессия"), Some(76));
        assert_eq!(session_number("Восьмидесятая сессия"), Some(80));
        assert_eq!(session_number("第七十六届会议"), Some(76));
        assert_eq!(session_number("第八十届会议"), Some(80));
        assert_eq!(session_number("الدورة السادسة والسبعون"), Some(76));
        assert_eq!(session_number("الدورة الثمانون"), Some(80));
        assert_eq!(session_number("Crime prevention session"), None);
    }

    #[test]
    fn agenda_lines() {
        assert_eq!(
            agenda_items("Agenda item 108"),
            Some(vec!["108".to_string()])
        );
        assert_eq!(
            agenda_items("Agenda items 69 (b) and 70"),
            Some(vec!["69 (b)".to_string(), "70".to_string()])
        );
        assert_eq!(
            agenda_items("Point 108 de l’ordre du jour"),
            Some(vec!["108".to_string()])
        );
        assert_eq!(
            agenda_items("Tema 108 del programa"),
            Some(vec!["108".to_string()])
        );
        assert_eq!(
            agenda_items("Пункт 108 повестки дня"),
            Some(vec!["108".to_string()])
        );
        assert_eq!(agenda_items("议程项目108"), Some(vec!["108".to_string()]));
        assert_eq!(
            agenda_items("البند 108 من جدول الأعمال"),
            Some(vec!["108".to_string()])
        );
        assert_eq!(agenda_items("Crime prevention and criminal justice"), None);
    }

    #[test]
    fn detects_languages() {
        assert_eq!(
            detect("The General Assembly, recalling its resolutions on the matter and the work of"),
            Some(Language::En)
        );
        assert_eq!(detect("L’Assemblée générale, rappelant ses résolutions sur la question et les travaux de la"), Some(Language::Fr));
        assert_eq!(detect("La Asamblea General, recordando sus resoluciones sobre la cuestión y los trabajos del"), Some(Language::Es));
        assert_eq!(
            detect("Генеральная Ассамблея, ссылаясь на свои резолюции по этому вопросу"),
            Some(Language::Ru)
        );
        assert_eq!(
            detect("大会，回顾其关于这一问题的各项决议以及秘书长的报告"),
            Some(Language::Zh)
        );
        assert_eq!(
            detect("إن الجمعية العامة، إذ تشير إلى قراراتها بشأن هذه المسألة"),
            Some(Language::Ar)
        );
        assert_eq!(detect("A/RES/1"), None);
    }

    #[test]
    fn closing_and_annex_lines() {
        assert!(is_closing_line("53rd plenary meeting"));
        assert!(is_closing_line("第53次全体会议"));
        assert!(is_annex_heading("Annex"));
        assert!(is_annex_heading("Annex II"));
        assert!(!is_annex_heading("Annex to the resolution concerning"));
    }
}
