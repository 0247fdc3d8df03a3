//! Every bound on what one repository may make a sync read, keep or
//! render, in one place. The operator's limits (size of a repository, time
//! of a job, stalls) are settings in `MirrorSettings`; these are the fixed
//! ones that protect a worker from a hostile repository's content.

use crate::markdown;

/// The README is read up to this size (larger ones are not shown).
pub const README_BYTES: u64 = 512 * 1024;
/// How deep and how long a README may be once parsed: past these the
/// sanitiser's cost grows with the square of the nesting.
pub const README_MARKDOWN: markdown::Limits = markdown::Limits::DEFAULT;
/// Files a publiccode.yml names (logos, screenshots) that a sync looks up,
/// at most; and the size up to which one is read to check its first bytes.
pub const NAMED_FILES: usize = 64;
pub const NAMED_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// A licence file is read up to this size for recognition.
pub const LICENCE_BYTES: u64 = 256 * 1024;
/// Tree entries the language count looks at, at most.
pub const LANGUAGE_ENTRIES: usize = 200_000;
/// Characters kept of a release's tag message.
pub const RELEASE_MESSAGE_CHARS: usize = 1_000;
/// People listed as top contributors.
pub const TOP_CONTRIBUTORS: usize = 10;
/// Releases stored per repository.
pub const STORED_RELEASES: usize = 50;
