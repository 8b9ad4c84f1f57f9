//! How much stack converting a formula takes. math-core's parser recurses once per level of
//! nesting, and an optimised build spends up to 1.7 KiB of stack per level (a debug build 26
//! KiB), so `\frac{\frac{...}}` a thousand deep would overflow a worker thread and abort the
//! build. [`levels`] bounds the recursion from the text alone; shallow formulas convert where
//! they are, deeper ones on a thread with stack to match, and past [`MAX_LEVELS`] a formula is
//! refused.

use super::tex::{Token, tokens};

/// Formulas up to this many levels (see [`levels`]) convert on the calling thread: a debug
/// build spends up to 26 KiB of stack per level, so 24 stay under a third of a worker's 2 MiB.
const LEVELS_IN_PLACE: usize = 24;

/// Deeper formulas convert on a thread of their own with this much stack per level, about twice
/// what was measured ...
const STACK_PER_LEVEL: usize = if cfg!(debug_assertions) {
    48 << 10
} else {
    8 << 10
};

/// ... up to this many levels; beyond, the formula is refused (the converter recurses once
/// per level and would overflow any stack).
pub const MAX_LEVELS: usize = 1_000;

/// Why a formula is not converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// It passes [`MAX_LEVELS`] at this byte.
    TooDeep { at: usize },
    /// No thread with the stack it needs could be started.
    NoThread,
}

/// Runs `convert` (the conversion of `tex`) with stack enough for `tex`.
pub fn with_stack_for<T: Send>(
    tex: &str,
    convert: impl FnOnce() -> T + Send,
) -> Result<T, Refused> {
    let levels = levels(tex);
    if let Some(at) = levels.past_limit {
        return Err(Refused::TooDeep { at });
    }
    if levels.most <= LEVELS_IN_PLACE {
        return Ok(convert());
    }
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .stack_size((1 << 20) + levels.most * STACK_PER_LEVEL)
            .spawn_scoped(scope, convert)
            .map_err(|_| Refused::NoThread)?;
        thread
            .join()
            .map_err(|panic| std::panic::resume_unwind(panic))
    })
}

/// How deep a formula can make the converter recurse, at most, and where it first gets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Levels {
    most: usize,
    /// Where the count first passes [`MAX_LEVELS`].
    past_limit: Option<usize>,
}

/// What opened a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Brace,
    Bracket,
    Left,
    Begin,
}

/// An upper bound of the converter's recursion in `tex`, found without parsing. Every open
/// group (`{`, `[`, `\left`, `\begin`) is a level, and so is every command, `^` or `_` before
/// it in its own group that may still be taking arguments: without knowing each command's
/// arity, that is all of them (`\frac1\frac1\frac12` nests without braces). Closers close
/// only a group of their kind and comments are skipped, so no input can lower the count below
/// what the converter does.
fn levels(tex: &str) -> Levels {
    let mut open: Vec<(Group, usize)> = Vec::new(); // each group, and the commands before it
    let mut outside = 0; // levels of the open groups and the commands before them
    let mut commands = 0; // in the innermost group
    let mut levels = Levels {
        most: 0,
        past_limit: None,
    };
    for (span, token) in tokens(tex) {
        let mut opens = None;
        let mut closes = None;
        match token {
            Token::Command("left") => opens = Some(Group::Left),
            Token::Command("begin") => opens = Some(Group::Begin),
            Token::Command("right") => closes = Some(Group::Left),
            Token::Command("end") => closes = Some(Group::Begin),
            Token::Command(_) | Token::Byte(b'^' | b'_') => commands += 1,
            Token::Byte(b'{') => opens = Some(Group::Brace),
            Token::Byte(b'}') => closes = Some(Group::Brace),
            Token::Byte(b'[') => opens = Some(Group::Bracket),
            Token::Byte(b']') => closes = Some(Group::Bracket),
            Token::Symbol | Token::Byte(_) => {}
        }
        if let Some(group) = opens {
            open.push((group, commands));
            outside += commands + 1;
            commands = 0;
        }
        if let Some(group) = closes
            && let Some(&(top, before)) = open.last()
            && top == group
        {
            open.pop();
            outside -= before + 1;
            commands = before;
        }
        levels.most = levels.most.max(outside + commands);
        if levels.most > MAX_LEVELS && levels.past_limit.is_none() {
            levels.past_limit = Some(span.start);
        }
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::super::to_mathml;
    use super::*;

    #[test]
    fn levels_count_groups_and_the_commands_before_them() {
        let most = |tex: &str| levels(tex).most;
        assert_eq!(most("x + y"), 0);
        assert_eq!(most("x^2"), 1);
        assert_eq!(most("\\frac{a}{b}"), 2);
        assert_eq!(most("\\frac1\\frac1\\frac12"), 3);
        assert_eq!(most("\\frac{1}\\frac{1}\\frac{1}2"), 4);
        assert_eq!(most("\\left( \\left[ x \\right] \\right)"), 3);
        assert_eq!(most("\\sqrt[3]{x}"), 2);
        assert_eq!(most("\\{ x \\} \\\\ y \\%"), 0);
        assert_eq!(most("é\\alpha"), 1);
        // A comment hides its closers; closers of another kind close nothing.
        assert_eq!(most("{{ % }}\n{"), 3);
        assert_eq!(most("{\\right.{\\end{x}{"), 3);
    }

    #[test]
    fn a_formula_past_the_limit_is_an_error_not_a_crash() {
        let deep = [
            format!("{}x{}", "{".repeat(100_000), "}".repeat(100_000)),
            format!("{}x{}", "\\frac{".repeat(5_000), "}{1}".repeat(5_000)),
            format!("{}12", "\\frac1".repeat(5_000)),
            format!("{}x", "\\sqrt".repeat(5_000)),
            format!("{}x{}", "\\left(".repeat(5_000), "\\right)".repeat(5_000)),
            format!("{}x", "{ % }\n".repeat(5_000)),
        ];
        for tex in deep {
            let problem = to_mathml(&tex, true).expect_err("too deep");
            assert!(problem.message.contains("nests too deeply"), "{problem:?}");
            assert!((1..tex.len()).contains(&problem.range.start), "{problem:?}");
        }
    }

    #[test]
    fn formulas_up_to_the_limit_convert_without_overflowing() {
        // At the limit for converting in place, on half a worker thread's stack.
        let levels_each = LEVELS_IN_PLACE / 2;
        let in_place = [
            format!(
                "{}x{}",
                "\\frac{".repeat(levels_each),
                "}{1}".repeat(levels_each)
            ),
            format!("{}x{}", "x^{".repeat(levels_each), "}".repeat(levels_each)),
            format!("{}x", "\\frac1".repeat(LEVELS_IN_PLACE)),
            format!(
                "{}x{}",
                "{".repeat(LEVELS_IN_PLACE),
                "}".repeat(LEVELS_IN_PLACE)
            ),
            format!(
                "{}x{}",
                "\\left(".repeat(LEVELS_IN_PLACE),
                "\\right)".repeat(LEVELS_IN_PLACE)
            ),
            // `\begin{matrix}` counts one more for the braces of its name.
            format!(
                "{}x{}",
                "\\begin{matrix}".repeat(LEVELS_IN_PLACE - 1),
                "\\end{matrix}".repeat(LEVELS_IN_PLACE - 1)
            ),
        ];
        for tex in in_place {
            assert_eq!(levels(&tex).most, LEVELS_IN_PLACE, "{tex}");
            let converted = std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || to_mathml(&tex, true))
                .expect("a thread starts")
                .join()
                .expect("no overflow");
            assert!(converted.is_ok(), "{converted:?}");
        }
        // Deeper ones on a thread of their own, up to the limit.
        let half = MAX_LEVELS / 2;
        let deepest = format!("{}x{}", "\\frac{".repeat(half), "}{1}".repeat(half));
        assert_eq!(levels(&deepest).most, MAX_LEVELS);
        let mathml = to_mathml(&deepest, true).expect("converts");
        assert_eq!(mathml.matches("<mfrac>").count(), half);
    }
}
