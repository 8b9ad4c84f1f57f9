//! Plural forms by the CLDR rules of `intl_pluralrules`: the rules of a language tag, the
//! category of a number, and which categories a language uses.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use super::primary_subtag;

/// The CLDR plural categories, in CLDR's order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The rules of `tag`, or of its primary language when CLDR has none for the tag itself.
fn rules_of(tag: &str) -> Option<PluralRules> {
    let create = |tag: &str| {
        let id: LanguageIdentifier = tag.parse().ok()?;
        PluralRules::create(id, PluralRuleType::CARDINAL).ok()
    };
    create(tag).or_else(|| create(&primary_subtag(tag)))
}

/// The plural rules of a language tag (English's when CLDR knows neither the tag nor its
/// primary language; `None` only if CLDR's data had no English, and then every number takes the
/// `other` form).
pub fn plural_rules(tag: &str) -> Option<PluralRules> {
    rules_of(tag).or_else(|| rules_of("en"))
}

/// Whether `code` names a language CLDR knows (`it`, `pt-BR`; not `old` or `v2`): how a file
/// named like a translation into a language the guide does not have is told from one that
/// merely has a dot in its name.
pub fn is_known_language(code: &str) -> bool {
    rules_of(code).is_some()
}

/// The plural category of a number written as `count` under `rules`.
pub(super) fn select(rules: Option<&PluralRules>, count: &str) -> &'static str {
    rules
        .and_then(|rules| rules.select(count).ok())
        .map_or("other", category_name)
}

/// The CLDR name of a plural category.
fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The plural categories a language uses (always ending with `other`), found by asking its
/// rules about whole numbers up to 1,000, a million (French's and Spanish's `many`) and some
/// decimals.
pub fn categories_of(tag: &str) -> Vec<&'static str> {
    let rules = plural_rules(tag);
    let whole = (0..=1000u32).chain([1_000_000]).map(|n| n.to_string());
    let decimals = ["0.5", "1.5", "2.5", "0.1", "1.0"].map(str::to_string);
    let mut used: Vec<&'static str> = Vec::new();
    for number in whole.chain(decimals) {
        let name = select(rules.as_ref(), &number);
        if !used.contains(&name) {
            used.push(name);
        }
    }
    CATEGORIES
        .into_iter()
        .filter(|category| *category == "other" || used.contains(category))
        .collect()
}
