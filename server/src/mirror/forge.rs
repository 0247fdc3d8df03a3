//! Where people read a repository's files: the forge's web pages, told apart
//! by host (GitHub, GitLab including openCode, Gitea and Forgejo). Images
//! are served from our own mirror instead, since pages load nothing from
//! other hosts.

use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
    Gitea,
    Plain,
}

impl Forge {
    pub fn detect(url: &Url) -> Forge {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if host == "github.com" {
            Forge::GitHub
        } else if host == "gitlab.com" || host.starts_with("gitlab.") || host.ends_with("opencode.de") {
            Forge::GitLab
        } else if host == "codeberg.org" || host.starts_with("gitea.") || host.starts_with("forgejo.") {
            Forge::Gitea
        } else {
            Forge::Plain
        }
    }
}

/// The repository's web page, for http(s) URLs of a known forge.
pub fn web_url(url: &Url) -> Option<String> {
    if !matches!(url.scheme(), "https" | "http") || Forge::detect(url) == Forge::Plain {
        return None;
    }
    let s = url.as_str().trim_end_matches('/');
    Some(s.strip_suffix(".git").unwrap_or(s).to_string())
}

/// A file's page on the forge, or `None` when the forge is unknown.
pub fn blob_url(url: &Url, branch: &str, path: &str) -> Option<String> {
    let web = web_url(url)?;
    let path = path.trim_start_matches("./").trim_start_matches('/');
    Some(match Forge::detect(url) {
        Forge::GitHub => format!("{web}/blob/{branch}/{path}"),
        Forge::GitLab => format!("{web}/-/blob/{branch}/{path}"),
        Forge::Gitea => format!("{web}/src/branch/{branch}/{path}"),
        Forge::Plain => return None,
    })
}

/// Joins a README-relative path onto the README's directory, keeping it
/// inside the repository.
pub fn join(readme_dir: &str, relative: &str) -> String {
    let relative = relative.split(['?', '#']).next().unwrap_or_default();
    let mut parts: Vec<&str> = if relative.starts_with('/') {
        Vec::new()
    } else {
        readme_dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forges_link_to_their_file_pages() {
        let gh = Url::parse("https://github.com/o/r.git").unwrap();
        assert_eq!(
            blob_url(&gh, "main", "./a/b.md").unwrap(),
            "https://github.com/o/r/blob/main/a/b.md"
        );
        let gl = Url::parse("https://gitlab.opencode.de/kiel/app").unwrap();
        assert_eq!(
            blob_url(&gl, "main", "x").unwrap(),
            "https://gitlab.opencode.de/kiel/app/-/blob/main/x"
        );
        let gt = Url::parse("https://codeberg.org/o/r").unwrap();
        assert_eq!(
            blob_url(&gt, "dev", "x").unwrap(),
            "https://codeberg.org/o/r/src/branch/dev/x"
        );
        assert_eq!(blob_url(&Url::parse("git://h/r").unwrap(), "m", "x"), None);
    }

    #[test]
    fn joined_paths_stay_inside() {
        assert_eq!(join("docs", "../img/a.png"), "img/a.png");
        assert_eq!(join("", "../../etc/passwd"), "etc/passwd");
        assert_eq!(join("docs", "/logo.svg?raw=1"), "logo.svg");
    }
}
