//! The English of guidebook's own messages in the terminal (`check`'s summary, the preview's
//! lines): counted nouns and short lists of names. The words of the site itself are the
//! theme's, in every language, and live in [`crate::i18n`].

/// `0 lessons`, `1 lesson`, `2 lessons`: a count with the noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// `no errors`, `1 error`, `2 errors`: [`count`], saying "no" for none.
pub fn count_with_no(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        n => count(n, one, many),
    }
}

/// `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`: at most `shown` names, then how many
/// more there are.
pub fn names(names: &[String], shown: usize) -> String {
    let shown = shown.max(1);
    if names.len() > shown {
        let more = names.len() - shown;
        return format!("{} and {more} more", names[..shown].join(", "));
    }
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_noun_in_the_right_number() {
        assert_eq!(count(0, "lesson", "lessons"), "0 lessons");
        assert_eq!(count_with_no(0, "error", "errors"), "no errors");
        assert_eq!(count_with_no(1, "error", "errors"), "1 error");
        assert_eq!(count(2, "warning", "warnings"), "2 warnings");
        assert_eq!(count(1, "file", "files"), "1 file");
    }

    #[test]
    fn long_lists_of_names_are_cut() {
        let list = |n: usize| (1..=n).map(|i| format!("f{i}")).collect::<Vec<_>>();
        assert_eq!(names(&list(0), 3), "");
        assert_eq!(names(&list(1), 3), "f1");
        assert_eq!(names(&list(2), 3), "f1 and f2");
        assert_eq!(names(&list(3), 3), "f1, f2 and f3");
        assert_eq!(names(&list(5), 3), "f1, f2, f3 and 2 more");
    }
}
