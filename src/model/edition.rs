//! Which edition of the guide is built: the learners' (the default) or the instructors'
//! (`--instructor`). The instructors' edition has the instructor notes of the lessons
//! (`::: instructor`) and the reference pages marked `instructor: true`; the learners' has
//! neither.

/// Who the site is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edition {
    #[default]
    Learner,
    Instructor,
}
