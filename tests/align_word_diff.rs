//! The word diff reproduces both texts exactly, for arbitrary strings.

use proptest::prelude::*;
use resdiff::diff::{word_diff, Op};
use resdiff::model::Language;

fn sides(old: &str, new: &str, lang: Language) -> (String, String) {
    let d = word_diff(old, new, lang);
    let o = d
        .iter()
        .filter(|w| w.op != Op::Insert)
        .map(|w| w.text.as_str())
        .collect();
    let n = d
        .iter()
        .filter(|w| w.op != Op::Delete)
        .map(|w| w.text.as_str())
        .collect();
    (o, n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn script_reproduces_both_texts(old in any::<String>(), new in any::<String>(), lang in 0usize..6) {
        let lang = Language::ALL[lang];
        let (o, n) = sides(&old, &new, lang);
        prop_assert_eq!(o, old);
        prop_assert_eq!(n, new);
    }

    #[test]
    fn script_reproduces_wordy_texts(old in "[a-zé ,.;()\u{0640}\u{4e00}-\u{4e10}-]{0,80}", new in "[a-zé ,.;()\u{0640}\u{4e00}-\u{4e10}-]{0,80}") {
        for lang in [Language::En, Language::Zh, Language::Ar] {
            let (o, n) = sides(&old, &new, lang);
            prop_assert_eq!(o, old.clone());
            prop_assert_eq!(n, new.clone());
        }
    }
}
