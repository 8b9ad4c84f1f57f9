//! The sidebar every web page has: the lessons (all of them, or in a large guide the lessons
//! around the page), under their chapters' headings when the lessons name chapters; the
//! reference pages (all of them, or in a guide with many the pages around the page), the pages
//! for instructors, and the site's own pages. The page's own link is marked as the current one.

use serde::Serialize;

use super::chapters::{GroupInfo, window_groups};
use super::context::{LessonRef, PageRef, SiteInfo};
use super::page::Page;
use super::renderer::Renderer;
use crate::diagnostics::Diagnostic;

/// Up to this many lessons every page's sidebar lists them all; beyond, each page lists the
/// lessons around it, so that pages stay small and the build linear (the home page always lists
/// every lesson).
pub const FULL_SIDEBAR_LESSONS: usize = 100;
/// The same for reference pages: up to this many every sidebar lists them all; beyond, a
/// reference page's sidebar lists the pages around it and other pages' the first ones (the
/// home page lists every page).
pub const FULL_SIDEBAR_PAGES: usize = 100;
/// How many lessons (or reference pages) a partial sidebar lists.
const SIDEBAR_WINDOW: usize = 21;

#[derive(Serialize)]
struct SidebarContext<'a> {
    site: &'a SiteInfo,
    lessons: &'a [LessonRef],
    /// `lessons` by chapter: one group without a label (every listed lesson) when the guide
    /// names no chapters.
    groups: Vec<GroupInfo>,
    /// The reference pages, listed under "Resources", but those for instructors, listed under
    /// "For instructors".
    pages: Vec<&'a PageRef>,
    instructor_pages: Vec<&'a PageRef>,
    /// The page the sidebar is on, marked as the current one.
    current_url: &'a str,
    /// Set when the sidebar lists only some lessons (large guides).
    partial: Option<SidebarPart>,
    /// Set when it lists only some reference pages (guides with many).
    partial_pages: Option<SidebarPart>,
}

/// Which part of a large guide a partial sidebar shows: its first and last lesson's steps (or
/// reference page's places, from 1) and how many there are.
#[derive(Serialize)]
struct SidebarPart {
    first_step: u32,
    last_step: u32,
    lesson_count: usize,
}

impl Renderer<'_> {
    /// The sidebar of `page`: every lesson, or for a large guide the lessons around the page's
    /// own, and every reference page, or for a guide with many the pages around the page's own;
    /// the link to the page itself is marked as the current one.
    pub fn sidebar(&self, page: Page, current_url: &str) -> Result<String, Diagnostic> {
        let count = self.refs.len();
        let window = if count <= FULL_SIDEBAR_LESSONS {
            0..count
        } else {
            let index = match page {
                Page::Lesson(index) => index,
                _ => 0,
            };
            sidebar_window(index, count)
        };
        let groups = if self.guide.chapters.is_empty() {
            let step = |i: usize| self.refs.get(i).map_or(0, |l| l.step);
            let last = window.end.saturating_sub(1);
            vec![GroupInfo::whole(
                step(window.start),
                step(last),
                window.len(),
            )]
        } else {
            window_groups(self.guide, window.clone())
        };
        let (lessons, partial) = if count <= FULL_SIDEBAR_LESSONS {
            (&self.refs[..], None)
        } else {
            let lessons = self.refs.get(window).unwrap_or_default();
            let partial = match (lessons.first(), lessons.last()) {
                (Some(first), Some(last)) => Some(SidebarPart {
                    first_step: first.step,
                    last_step: last.step,
                    lesson_count: count,
                }),
                _ => None,
            };
            (lessons, partial)
        };
        let (listed, partial_pages) = match sidebar_pages(page, self.page_refs.len()) {
            None => (&self.page_refs[..], None),
            Some(window) => {
                let part = SidebarPart {
                    first_step: place(window.start + 1),
                    last_step: place(window.end),
                    lesson_count: self.page_refs.len(),
                };
                (self.page_refs.get(window).unwrap_or_default(), Some(part))
            }
        };
        let (instructor_pages, pages) = listed.iter().partition(|link| link.instructor);
        self.render(
            "partials/sidebar.html",
            &SidebarContext {
                site: &self.site,
                lessons,
                groups,
                pages,
                instructor_pages,
                current_url,
                partial,
                partial_pages,
            },
        )
    }
}

/// The reference pages the sidebar of `page` lists, when not all of `count`: those around a
/// reference page's own, the first ones on any other page.
pub(super) fn sidebar_pages(page: Page, count: usize) -> Option<std::ops::Range<usize>> {
    if count <= FULL_SIDEBAR_PAGES {
        return None;
    }
    let index = match page {
        Page::Reference(index) => index,
        _ => 0,
    };
    Some(sidebar_window(index, count))
}

/// A place in a list, from 1, as a step number is shown.
fn place(number: usize) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}

/// The lessons a partial sidebar shows around lesson `index`.
pub(super) fn sidebar_window(index: usize, count: usize) -> std::ops::Range<usize> {
    let start = index
        .saturating_sub(SIDEBAR_WINDOW / 2)
        .min(count.saturating_sub(SIDEBAR_WINDOW));
    start..(start + SIDEBAR_WINDOW).min(count)
}
