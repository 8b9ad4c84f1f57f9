//! The continuous-integration files `guidebook init --ci` writes: a workflow that builds the
//! guide and publishes it on the host's static pages (GitHub Pages, GitLab Pages).
//!
//! The files are YAML kept beside this module (`ci/*.yml`) and embedded as they are; each
//! starts with its settings and what to do before the first run. guidebook is not published
//! on crates.io, so each file builds it with `cargo install --locked` from a git repository
//! the author names at the top.

/// A host whose pages a workflow publishes the guide on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiService {
    GitHub,
    GitLab,
}

impl CiService {
    /// Where the file goes, relative to the guide folder (`/`-separated).
    pub fn path(self) -> &'static str {
        match self {
            CiService::GitHub => ".github/workflows/guidebook.yml",
            CiService::GitLab => ".gitlab-ci.yml",
        }
    }

    /// What the file says.
    pub fn text(self) -> &'static str {
        match self {
            CiService::GitHub => include_str!("ci/github.yml"),
            CiService::GitLab => include_str!("ci/gitlab.yml"),
        }
    }

    /// What the author does before the workflow's first run.
    pub fn next_steps(self) -> &'static str {
        match self {
            CiService::GitHub => {
                "set GUIDEBOOK_GIT at the top of .github/workflows/guidebook.yml, then choose \"GitHub Actions\" as the source under the repository's Settings > Pages"
            }
            CiService::GitLab => "set GUIDEBOOK_GIT at the top of .gitlab-ci.yml",
        }
    }
}
