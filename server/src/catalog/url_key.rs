//! The identity of a repository URL: what stays the same however the URL is
//! written (`https://OpenCode.de/kiel/app.git/` and `git@opencode.de:kiel/app`
//! name the same repository).

pub fn url_key(url: &str) -> String {
    let url = url.trim();
    let (rest, scp) = match url.split_once("://") {
        Some((_, rest)) => (rest, false),
        // scp-like syntax: git@host:path
        None => (url.split_once('@').map_or(url, |(_, r)| r), true),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (authority, path) = match rest.split_once(if scp { ':' } else { '/' }) {
        Some((authority, path)) => (authority, path),
        None => (rest, ""),
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h).to_lowercase();
    let host = host
        .strip_suffix(":443")
        .or_else(|| host.strip_suffix(":80"))
        .unwrap_or(&host)
        .to_string();
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path).trim_end_matches('/');
    if path.is_empty() {
        host
    } else {
        format!("{host}/{}", path.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::url_key;

    #[test]
    fn spellings_of_one_repository_share_a_key() {
        let key = "opencode.de/kiel/bauantrag";
        for url in [
            "https://opencode.de/kiel/bauantrag",
            "https://OpenCode.de/Kiel/Bauantrag.git",
            "http://opencode.de/kiel/bauantrag/",
            "git@opencode.de:kiel/bauantrag.git",
            "ssh://git@opencode.de/kiel/bauantrag.git",
            "https://token@opencode.de:443/kiel/bauantrag",
        ] {
            assert_eq!(url_key(url), key, "{url}");
        }
        assert_ne!(url_key("https://opencode.de/kiel/other"), key);
    }
}
