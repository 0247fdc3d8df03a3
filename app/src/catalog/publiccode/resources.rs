//! What a check may consult beyond the file itself: registers too large for
//! the editor's wasm bundle (the Italian administrations, 234 KB) and the
//! files of the repository the publiccode.yml lives in. The editor has
//! neither and skips these checks, as the reference parser skips its
//! network checks with `DisableNetwork`; the server, the CLI and the mirror
//! pass what they have, so publishing gives the full verdict.

/// A file a publiccode.yml names by a path inside its repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RepoFile {
    Missing,
    /// A regular file, with its first bytes (enough to recognise a PNG).
    Found {
        head: Vec<u8>,
    },
    /// There, but not read: a symbolic link, a file over the reader's limit.
    Unread,
}

/// How many leading bytes of a named file a check looks at.
pub const HEAD_BYTES: usize = 64;

pub trait Resources {
    /// Whether `code` is in the register of Italian public administrations
    /// (IPA); `None` when the register is not at hand.
    fn italian_pa(&self, _code: &str) -> Option<bool> {
        None
    }

    /// Whether `url` matches a URL scheme of an oEmbed provider.
    fn oembed_video(&self, _url: &str) -> Option<bool> {
        None
    }

    /// The file at `path`, relative to the publiccode.yml (already
    /// normalised: no `./`, never leaving the repository); `None` when the
    /// repository is not at hand.
    fn file(&self, _path: &str) -> Option<RepoFile> {
        None
    }
}

/// Nothing beyond the file: what the browser's editor has.
pub struct FileOnly;

impl Resources for FileOnly {}

/// A relative path as a repository path: `./img/a.png` and `img//a.png` are
/// `img/a.png`; a path that climbs out of the repository is `None`.
pub fn repository_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether `head` starts like a PNG the reference parser can read: what Go's
/// `image.DecodeConfig` checks, which reads no further than the signature
/// and the `IHDR` chunk (size, a valid colour type and bit depth, its CRC).
pub fn png_header(head: &[u8]) -> bool {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if head.len() < 33 || !head.starts_with(SIGNATURE) {
        return false;
    }
    let be = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let (length, width, height) = (be(8), be(16), be(20));
    let (depth, colour, compression, filter, interlace) = (head[24], head[25], head[26], head[27], head[28]);
    let depth_ok = match colour {
        0 => matches!(depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(depth, 8 | 16),
        _ => false,
    };
    length == 13
        && &head[12..16] == b"IHDR"
        && width > 0
        && height > 0
        && width <= i32::MAX as u32
        && height <= i32::MAX as u32
        && depth_ok
        && compression == 0
        && filter == 0
        && interlace <= 1
        && crc32(&head[12..29]) == be(29)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_repository() {
        assert_eq!(repository_path("./img/logo.png").as_deref(), Some("img/logo.png"));
        assert_eq!(repository_path("img//a/../logo.png").as_deref(), Some("img/logo.png"));
        assert_eq!(repository_path("../logo.png"), None);
        assert_eq!(repository_path("."), None);
    }

    #[test]
    fn a_png_is_recognised_by_its_header() {
        // A 16×16 RGBA image's first 33 bytes, CRC included.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
        assert!(png_header(&png));
        assert!(!png_header(b"GIF89a"));
        assert!(!png_header(&png[..32]));
        let mut broken = png.clone();
        broken[19] = 0;
        assert!(!png_header(&broken), "zero width, and the CRC no longer fits");
        let mut broken = png;
        broken[24] = 3;
        assert!(!png_header(&broken), "bit depth 3");
    }
}
