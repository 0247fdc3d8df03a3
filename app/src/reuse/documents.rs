//! An agreement's documents: which files are taken (PDF and ODF only, told
//! by their content, never by their name), how large, and under which
//! name and title they are kept. Pure, so that the rules are tested
//! without a server; the server stores what passes with its SHA-256.

use crate::error::FieldError;

/// The largest document taken: a signed contract with its annexes fits.
pub const MAX_BYTES: usize = 10_000_000;
const TITLE_MAX: usize = 200;
const NAME_MAX: usize = 200;

crate::code_set! {
    /// What a document is, read from its bytes; `agreement_documents.media_type`.
    pub enum DocumentType label = "reuse.documents.type." {
        Pdf = "pdf",
        /// OpenDocument text (`.odt`).
        Odt = "odt",
        /// OpenDocument spreadsheet (`.ods`).
        Ods = "ods",
        /// OpenDocument presentation (`.odp`).
        Odp = "odp",
    }
}

/// The `mimetype` entry every OpenDocument package opens with (ODF 1.2,
/// part 3, 3.3), per type.
const ODF: [(DocumentType, &[u8]); 3] = [
    (DocumentType::Odt, b"application/vnd.oasis.opendocument.text"),
    (DocumentType::Ods, b"application/vnd.oasis.opendocument.spreadsheet"),
    (DocumentType::Odp, b"application/vnd.oasis.opendocument.presentation"),
];

impl DocumentType {
    /// The media type a download is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentType::Pdf => "application/pdf",
            other => ODF
                .iter()
                .find(|(t, _)| *t == other)
                .and_then(|(_, m)| std::str::from_utf8(m).ok())
                .unwrap_or("application/octet-stream"),
        }
    }

    pub fn extension(self) -> &'static str {
        self.code()
    }
}

/// Why a file is not taken; each names its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    /// Neither a PDF nor an OpenDocument file, whatever its name says.
    NotPdfOrOdf,
    /// It starts like one but is cut off (no end of file, no directory).
    Incomplete,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Empty => "reuse.documents.error.empty",
            Refusal::TooLarge => "reuse.documents.error.too_large",
            Refusal::NotPdfOrOdf => "reuse.documents.error.type",
            Refusal::Incomplete => "reuse.documents.error.incomplete",
        }
    }
}

/// What the bytes are, or why they are refused.
pub fn sniff(bytes: &[u8]) -> Result<DocumentType, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    if let Some(rest) = bytes.strip_prefix(b"%PDF-") {
        // A version such as `1.7` or `2.0`, and `%%EOF` near the end (a
        // reader looks for it in the last kilobyte; trailing blanks allowed).
        if !matches!(rest, [major, b'.', minor, ..] if major.is_ascii_digit() && minor.is_ascii_digit()) {
            return Err(Refusal::NotPdfOrOdf);
        }
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        return if tail.windows(5).any(|w| w == b"%%EOF") {
            Ok(DocumentType::Pdf)
        } else {
            Err(Refusal::Incomplete)
        };
    }
    let kind = odf_type(bytes).ok_or(Refusal::NotPdfOrOdf)?;
    // The end of the central directory sits within the last 64 KiB + 22
    // bytes; without it no office suite opens the file.
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    if tail.windows(4).any(|w| w == b"PK\x05\x06") {
        Ok(kind)
    } else {
        Err(Refusal::Incomplete)
    }
}

/// An OpenDocument package: a ZIP whose first entry is `mimetype`, stored
/// uncompressed, holding one of the types taken.
fn odf_type(bytes: &[u8]) -> Option<DocumentType> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize);
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize);
    if bytes.get(..4)? != b"PK\x03\x04" || u16_at(8)? != 0 {
        return None;
    }
    let (name_len, extra_len) = (u16_at(26)?, u16_at(28)?);
    if bytes.get(30..30 + name_len)? != b"mimetype" {
        return None;
    }
    let start = 30 + name_len + extra_len;
    let size = u32_at(18)?;
    ODF.iter().find_map(|(kind, mime)| {
        let matches = if size > 0 {
            bytes.get(start..start + size)? == *mime
        } else {
            // Sizes in a trailing data descriptor: the next entry follows.
            bytes.get(start..start + mime.len())? == *mime && bytes.get(start + mime.len()..)?.starts_with(b"PK")
        };
        matches.then_some(*kind)
    })
}

/// The name a file is kept and offered under: without any path a browser
/// sent along, without control characters, at most 200 characters, and a
/// name of its own when nothing is left.
pub fn file_name(sent: &str, kind: DocumentType) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_MAX)
        .collect::<String>()
        .trim()
        .to_owned();
    if clean.is_empty() || clean.chars().all(|c| c == '.') {
        format!("dokument.{}", kind.extension())
    } else {
        clean
    }
}

/// The title the list shows: as typed, or the file's name.
pub fn title(typed: &str, file_name: &str) -> Result<String, FieldError> {
    let typed = typed.trim();
    if typed.chars().count() > TITLE_MAX {
        return Err(FieldError::new("titel", "reuse.documents.error.title"));
    }
    Ok(if typed.is_empty() {
        file_name.chars().take(TITLE_MAX).collect()
    } else {
        typed.to_owned()
    })
}

/// A size as the list shows it: "820 kB", "2,4 MB" (decimal units, as
/// file managers show them).
pub fn format_size(locale: crate::i18n::Locale, bytes: i64) -> String {
    let comma = |text: String| match locale {
        crate::i18n::Locale::De => text.replace('.', ","),
        crate::i18n::Locale::En => text,
    };
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{} kB", (b + 999) / 1_000),
        b if b % 1_000_000 == 0 => format!("{} MB", b / 1_000_000),
        b => comma(format!("{:.1} MB", b as f64 / 1_000_000.0)),
    }
}

/// Test files, for this crate's tests and the server's.
#[cfg(any(test, feature = "ssr"))]
pub mod samples {
    /// A small but complete PDF.
    pub fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
    }

    /// A ZIP of `entries` (name, bytes), all stored uncompressed, with its
    /// central directory: an OpenDocument package when the first entry is
    /// `mimetype`.
    pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let crc = |data: &[u8]| {
            let mut crc = !0u32;
            for byte in data {
                crc ^= u32::from(*byte);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        };
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, data) in entries {
            let offset = out.len() as u32;
            let header = |signature: &[u8], out: &mut Vec<u8>| {
                out.extend_from_slice(signature);
                if signature == b"PK\x01\x02" {
                    out.extend_from_slice(&20u16.to_le_bytes());
                }
                out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
                out.extend_from_slice(&crc(data).to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(&(name.len() as u16).to_le_bytes());
                out.extend_from_slice(&0u16.to_le_bytes());
            };
            header(b"PK\x03\x04", &mut out);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            header(b"PK\x01\x02", &mut directory);
            directory.extend_from_slice(&[0; 6]);
            directory.extend_from_slice(&0u32.to_le_bytes());
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let at = out.len() as u32;
        let size = directory.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    /// A small OpenDocument text.
    pub fn odt() -> Vec<u8> {
        zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<?xml version=\"1.0\"?><office:document-content/>"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::samples::{odt, pdf, zip};
    use super::*;

    #[test]
    fn pdf_and_odf_are_told_by_their_content() {
        assert_eq!(sniff(&pdf()), Ok(DocumentType::Pdf));
        assert_eq!(sniff(&odt()), Ok(DocumentType::Odt));
        let ods = zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(sniff(&ods), Ok(DocumentType::Ods));
        let odp = zip(&[("mimetype", b"application/vnd.oasis.opendocument.presentation")]);
        assert_eq!(sniff(&odp), Ok(DocumentType::Odp));
    }

    #[test]
    fn other_files_are_refused_whatever_they_are_called() {
        // A Word file is a ZIP too, but opens with another entry.
        let docx = zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w/>")]);
        assert_eq!(sniff(&docx), Err(Refusal::NotPdfOrOdf));
        // An ODF template or drawing is not among the types taken.
        let template = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text-template")]);
        assert_eq!(sniff(&template), Err(Refusal::NotPdfOrOdf));
        let drawing = zip(&[("mimetype", b"application/vnd.oasis.opendocument.graphics")]);
        assert_eq!(sniff(&drawing), Err(Refusal::NotPdfOrOdf));
        // `mimetype` not first.
        let later = zip(&[
            ("content.xml", b"<x/>"),
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ]);
        assert_eq!(sniff(&later), Err(Refusal::NotPdfOrOdf));
        for other in [
            &b"<html><script>alert(1)</script></html>"[..],
            b"\x89PNG\r\n\x1a\n",
            b"%PDF-x.y\n%%EOF",
            b"PK\x03\x04",
            b"MZ\x90\x00",
        ] {
            assert_eq!(sniff(other), Err(Refusal::NotPdfOrOdf), "{other:?}");
        }
    }

    #[test]
    fn cut_off_files_empty_files_and_large_ones_are_refused() {
        let full = pdf();
        assert_eq!(sniff(&full[..full.len() - 8]), Err(Refusal::Incomplete));
        let package = odt();
        assert_eq!(sniff(&package[..package.len() - 30]), Err(Refusal::Incomplete));
        assert_eq!(sniff(b""), Err(Refusal::Empty));
        let mut large = pdf();
        large.resize(MAX_BYTES + 1, b' ');
        assert_eq!(sniff(&large), Err(Refusal::TooLarge));
        // At the limit exactly it is taken (`%%EOF` within the last kilobyte).
        let mut limit = b"%PDF-1.4\n".to_vec();
        limit.resize(MAX_BYTES - 6, b' ');
        limit.extend_from_slice(b"%%EOF\n");
        assert_eq!(sniff(&limit), Ok(DocumentType::Pdf));
    }

    #[test]
    fn names_lose_paths_and_control_characters_and_titles_default_to_them() {
        assert_eq!(
            file_name("C:\\Users\\amt\\Vertrag.pdf", DocumentType::Pdf),
            "Vertrag.pdf"
        );
        assert_eq!(file_name("../../etc/passwd", DocumentType::Pdf), "passwd");
        assert_eq!(file_name("Ver\u{0}trag\n.pdf", DocumentType::Pdf), "Vertrag.pdf");
        assert_eq!(file_name("  ", DocumentType::Odt), "dokument.odt");
        assert_eq!(file_name("..", DocumentType::Pdf), "dokument.pdf");
        assert_eq!(title("", "Vertrag.pdf").unwrap(), "Vertrag.pdf");
        assert_eq!(title("  Vereinbarung 2027 ", "x.pdf").unwrap(), "Vereinbarung 2027");
        assert!(title(&"x".repeat(201), "x.pdf").is_err());
    }

    #[test]
    fn sizes_read_as_file_managers_show_them() {
        use crate::i18n::Locale;
        assert_eq!(format_size(Locale::De, 512), "512 B");
        assert_eq!(format_size(Locale::De, 81_920), "82 kB");
        assert_eq!(format_size(Locale::De, 2_400_000), "2,4 MB");
        assert_eq!(format_size(Locale::En, 2_400_000), "2.4 MB");
        assert_eq!(format_size(Locale::De, MAX_BYTES as i64), "10 MB");
    }
}
