//! Dates and sizes on the repository pages, per locale.

use crate::i18n::Locale;

/// A Unix time as a date: `27.11.2026` or `2026-11-27`.
pub fn date(locale: Locale, unix: i64) -> String {
    let iso = crate::catalog::software_page::civil_date(unix.div_euclid(86_400));
    match locale {
        Locale::De => {
            let (y, rest) = iso.split_at(4);
            format!("{}.{}.{}", &rest[4..6], &rest[1..3], y)
        }
        Locale::En => iso,
    }
}

/// Bytes as KB/MB with one decimal.
pub fn size(locale: Locale, bytes: u64) -> String {
    let (value, unit) = if bytes >= 1 << 20 {
        (bytes as f64 / (1u64 << 20) as f64, "MB")
    } else {
        (bytes as f64 / 1024.0, "KB")
    };
    let text = format!("{value:.1} {unit}");
    match locale {
        Locale::De => text.replace('.', ","),
        Locale::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sizes_follow_the_locale() {
        assert_eq!(date(Locale::De, 1_795_737_600), "27.11.2026");
        assert_eq!(date(Locale::En, 1_795_737_600), "2026-11-27");
        assert_eq!(size(Locale::De, 1536), "1,5 KB");
    }
}
