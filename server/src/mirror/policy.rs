//! Which repository URLs the server may fetch, decided before any connection:
//! the scheme must be enabled, the host's addresses are resolved and every
//! one must be public (or the host allowlisted by the operator), and local
//! paths must lie under a configured root. The transports then connect only
//! to the addresses checked here, so a DNS answer cannot change in between.

use app::mirror::status::RepositoryStatus;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Https,
    Http,
    Git,
    Ssh,
    File,
}

impl Scheme {
    pub fn parse(s: &str) -> Option<Scheme> {
        Some(match s {
            "https" => Scheme::Https,
            "http" => Scheme::Http,
            "git" => Scheme::Git,
            "ssh" => Scheme::Ssh,
            "file" => Scheme::File,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
            Scheme::Git => "git",
            Scheme::Ssh => "ssh",
            Scheme::File => "file",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Https => 443,
            Scheme::Http => 80,
            Scheme::Git => 9418,
            Scheme::Ssh => 22,
            Scheme::File => 0,
        }
    }
}

/// What the operator allows.
#[derive(Clone, Debug)]
pub struct UrlPolicy {
    pub schemes: Vec<Scheme>,
    /// Host names, addresses or networks that may resolve to internal
    /// addresses (an on-premises GitLab; the tests' loopback servers).
    pub allow_hosts: Vec<AllowedHost>,
    /// Directories whose repositories `file://` URLs may name.
    pub local_roots: Vec<PathBuf>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowedHost {
    Name(String),
    Network(ipnet::IpNet),
}

impl AllowedHost {
    pub fn parse(s: &str) -> AllowedHost {
        let s = s.trim();
        if let Ok(net) = s.parse::<ipnet::IpNet>() {
            return AllowedHost::Network(net);
        }
        if let Ok(ip) = s.trim_matches(['[', ']']).parse::<IpAddr>() {
            return AllowedHost::Network(ip.into());
        }
        AllowedHost::Name(s.to_ascii_lowercase())
    }
}

/// A URL that passed the checks, with the addresses to connect to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub url: Url,
    pub scheme: Scheme,
    /// Lower-case host (empty for local paths): the unit of politeness.
    pub host: String,
    pub addresses: Vec<SocketAddr>,
}

/// Why a URL is refused. The code is stored as the repository's status detail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefusal {
    #[error("not a URL: {0}")]
    Malformed(String),
    #[error("the scheme `{0}` is not enabled on this instance")]
    Scheme(String),
    #[error("credentials in the URL are not accepted")]
    Credentials,
    #[error("the host `{0}` cannot be resolved")]
    Unresolvable(String),
    #[error("the host `{host}` resolves to {address}, a {kind} address")]
    Internal {
        host: String,
        address: IpAddr,
        kind: AddressKind,
    },
    #[error("the local path is outside the allowed directories")]
    LocalPath,
    /// A repository under a root that reaches outside the roots: a `.git`
    /// file (`gitdir: …`), alternates, a `commondir` or a symbolic link.
    #[error("the local repository refers to files outside the allowed directories ({0})")]
    LocalLink(&'static str),
}

impl UrlRefusal {
    /// The repository status it leaves; its code names the refusal in the
    /// API and in the registration form's message.
    pub fn status(&self) -> RepositoryStatus {
        match self {
            UrlRefusal::Malformed(_) => RepositoryStatus::Malformed,
            UrlRefusal::Scheme(_) => RepositoryStatus::Scheme,
            UrlRefusal::Credentials => RepositoryStatus::Credentials,
            UrlRefusal::Unresolvable(_) => RepositoryStatus::Unresolvable,
            UrlRefusal::Internal {
                kind: AddressKind::Metadata,
                ..
            } => RepositoryStatus::MetadataAddress,
            UrlRefusal::Internal { .. } => RepositoryStatus::InternalAddress,
            UrlRefusal::LocalPath | UrlRefusal::LocalLink(_) => RepositoryStatus::LocalPath,
        }
    }

    pub fn code(&self) -> &'static str {
        self.status().code()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressKind {
    Loopback,
    Private,
    LinkLocal,
    UniqueLocal,
    Metadata,
    Reserved,
}

impl std::fmt::Display for AddressKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AddressKind::Loopback => "loopback",
            AddressKind::Private => "private",
            AddressKind::LinkLocal => "link-local",
            AddressKind::UniqueLocal => "unique-local",
            AddressKind::Metadata => "cloud metadata",
            AddressKind::Reserved => "reserved",
        })
    }
}

/// Classifies an address that must not be reached from user input; `None`
/// for public unicast addresses.
pub fn forbidden_kind(ip: IpAddr) -> Option<AddressKind> {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => {
            // Addresses that embed an IPv4 address are judged by it.
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4_kind(v4);
            }
            let s = v6.segments();
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let o = v6.octets();
                return v4_kind(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
            }
            if v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
                return Some(AddressKind::Metadata);
            }
            if v6.is_loopback() {
                Some(AddressKind::Loopback)
            } else if v6.is_unspecified()
                || (s[0] & 0xff00) == 0xff00
                || (s[0] == 0x2001 && s[1] == 0xdb8)
                || s[0] == 0x100
            {
                Some(AddressKind::Reserved)
            } else if (s[0] & 0xfe00) == 0xfc00 {
                Some(AddressKind::UniqueLocal)
            } else if (s[0] & 0xffc0) == 0xfe80 {
                Some(AddressKind::LinkLocal)
            } else if s[0] == 0 {
                // ::/96 (IPv4-compatible, deprecated) and other zero-prefixed space.
                Some(AddressKind::Reserved)
            } else {
                None
            }
        }
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<AddressKind> {
    let o = ip.octets();
    if o == [169, 254, 169, 254] || o == [100, 100, 100, 200] || o == [192, 0, 0, 192] {
        return Some(AddressKind::Metadata);
    }
    if ip.is_loopback() {
        Some(AddressKind::Loopback)
    } else if ip.is_private() || (o[0] == 100 && (o[1] & 0xc0) == 64) {
        // RFC 1918 and the carrier-grade NAT range.
        Some(AddressKind::Private)
    } else if ip.is_link_local() {
        Some(AddressKind::LinkLocal)
    } else if o[0] == 0
        || o[0] >= 224
        || (o[0] == 192 && o[1] == 0 && (o[2] == 0 || o[2] == 2))
        || (o[0] == 198 && (o[1] & 0xfe) == 18)
        || (o[0] == 198 && o[1] == 51 && o[2] == 100)
        || (o[0] == 203 && o[1] == 0 && o[2] == 113)
    {
        Some(AddressKind::Reserved)
    } else {
        None
    }
}

/// Most entries a confinement walk looks at before it refuses (a local
/// repository is the operator's, but the walk runs before every sync).
const CONFINEMENT_WALK_LIMIT: usize = 1_000_000;

/// libgit2 follows whatever a repository's files point to: a `.git` file
/// (`gitdir: /elsewhere`), `objects/info/alternates`, a worktree's
/// `commondir`, symbolic links among objects and refs. Any of them would
/// let a repository under a root mirror (and so publish) files from
/// outside it, so each is refused; a symbolic link is accepted only when
/// it resolves inside the roots.
pub fn confined_repository(repo: &Path, inside: &dyn Fn(&Path) -> bool) -> Result<(), UrlRefusal> {
    let dot_git = repo.join(".git");
    let git_dir = match std::fs::symlink_metadata(&dot_git) {
        Err(_) => repo.to_path_buf(),
        Ok(meta) if meta.is_file() => return Err(UrlRefusal::LocalLink("gitdir file")),
        Ok(_) => {
            let real = dot_git.canonicalize().map_err(|_| UrlRefusal::LocalPath)?;
            if !inside(&real) {
                return Err(UrlRefusal::LocalLink("symbolic link"));
            }
            real
        }
    };
    for (file, what) in [
        ("objects/info/alternates", "alternates"),
        ("objects/info/http-alternates", "alternates"),
        ("commondir", "commondir"),
    ] {
        if std::fs::symlink_metadata(git_dir.join(file)).is_ok() {
            return Err(UrlRefusal::LocalLink(what));
        }
    }
    let mut seen = 0usize;
    let mut pending: Vec<PathBuf> = ["objects", "refs", "packed-refs", "HEAD", "config", "shallow"]
        .iter()
        .map(|name| git_dir.join(name))
        .collect();
    while let Some(path) = pending.pop() {
        seen += 1;
        if seen > CONFINEMENT_WALK_LIMIT {
            return Err(UrlRefusal::LocalLink("too many files to check"));
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            let real = path
                .canonicalize()
                .map_err(|_| UrlRefusal::LocalLink("symbolic link"))?;
            if !inside(&real) {
                return Err(UrlRefusal::LocalLink("symbolic link"));
            }
        } else if meta.is_dir() {
            let entries = std::fs::read_dir(&path).map_err(|_| UrlRefusal::LocalPath)?;
            pending.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    Ok(())
}

/// Parses what a publisher typed into a URL: scp-like `git@host:path`
/// becomes `ssh://git@host/path`, a bare absolute path `file://`.
pub fn parse_repository_url(input: &str) -> Result<Url, UrlRefusal> {
    let input = input.trim();
    if input.is_empty() || input.len() > 500 || input.chars().any(char::is_control) {
        return Err(UrlRefusal::Malformed(input.chars().take(80).collect()));
    }
    let candidate = if input.starts_with('/') {
        format!("file://{input}")
    } else if !input.contains("://") {
        match input.split_once(':') {
            Some((authority, path)) if authority.contains('@') && !path.starts_with("//") => {
                format!("ssh://{authority}/{}", path.trim_start_matches('/'))
            }
            _ => return Err(UrlRefusal::Malformed(input.chars().take(80).collect())),
        }
    } else {
        input.to_string()
    };
    let url = Url::parse(&candidate).map_err(|_| UrlRefusal::Malformed(input.chars().take(80).collect()))?;
    if url.scheme() != "file" && url.host_str().is_none_or(str::is_empty) {
        return Err(UrlRefusal::Malformed(input.chars().take(80).collect()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UrlRefusal::Malformed(input.chars().take(80).collect()));
    }
    Ok(url)
}

impl UrlPolicy {
    /// The checks that need no network: scheme, credentials, local roots.
    pub fn check_static(&self, url: &Url) -> Result<Scheme, UrlRefusal> {
        let scheme = Scheme::parse(url.scheme())
            .filter(|s| self.schemes.contains(s))
            .ok_or_else(|| UrlRefusal::Scheme(url.scheme().to_string()))?;
        // A user name is part of ssh URLs; a password never belongs in one.
        if url.password().is_some() || (scheme != Scheme::Ssh && !url.username().is_empty()) {
            return Err(UrlRefusal::Credentials);
        }
        if scheme == Scheme::File {
            self.local_path(url)?;
        }
        Ok(scheme)
    }

    /// The repository directory a `file://` URL names, if under a root and
    /// confined to the roots (see [`confined_repository`]).
    pub fn local_path(&self, url: &Url) -> Result<PathBuf, UrlRefusal> {
        let path = url.to_file_path().map_err(|_| UrlRefusal::LocalPath)?;
        let real = path.canonicalize().unwrap_or(path);
        let roots: Vec<PathBuf> = self.local_roots.iter().filter_map(|r| r.canonicalize().ok()).collect();
        let inside = |p: &Path| roots.iter().any(|root| p.starts_with(root) && p != root);
        if !inside(&real) {
            return Err(UrlRefusal::LocalPath);
        }
        confined_repository(&real, &inside)?;
        Ok(real)
    }

    /// Every check, resolving the host: the target to connect to.
    pub async fn check(&self, url: &Url) -> Result<Target, UrlRefusal> {
        let scheme = self.check_static(url)?;
        if scheme == Scheme::File {
            return Ok(Target {
                url: url.clone(),
                scheme,
                host: String::new(),
                addresses: Vec::new(),
            });
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let port = url.port().unwrap_or(scheme.default_port());
        let bare = host.trim_matches(['[', ']']);
        let addresses: Vec<SocketAddr> = match bare.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => tokio::net::lookup_host((bare, port))
                .await
                .map_err(|_| UrlRefusal::Unresolvable(host.clone()))?
                .collect(),
        };
        if addresses.is_empty() {
            return Err(UrlRefusal::Unresolvable(host));
        }
        self.check_addresses(&host, &addresses)?;
        Ok(Target {
            url: url.clone(),
            scheme,
            host,
            addresses,
        })
    }

    /// All addresses must be public unless the host or the address is allowlisted.
    pub fn check_addresses(&self, host: &str, addresses: &[SocketAddr]) -> Result<(), UrlRefusal> {
        let name_allowed = self
            .allow_hosts
            .iter()
            .any(|a| matches!(a, AllowedHost::Name(n) if n == host.trim_matches(['[', ']'])));
        for address in addresses {
            let ip = address.ip();
            let Some(kind) = forbidden_kind(ip) else { continue };
            let ip_allowed = self
                .allow_hosts
                .iter()
                .any(|a| matches!(a, AllowedHost::Network(net) if net.contains(&ip)));
            // Metadata endpoints stay closed even for an allowlisted name.
            if ip_allowed || (name_allowed && kind != AddressKind::Metadata) {
                continue;
            }
            return Err(UrlRefusal::Internal {
                host: host.to_string(),
                address: ip,
                kind,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(schemes: &[Scheme], allow: &[&str]) -> UrlPolicy {
        UrlPolicy {
            schemes: schemes.to_vec(),
            allow_hosts: allow.iter().map(|s| AllowedHost::parse(s)).collect(),
            local_roots: Vec::new(),
        }
    }

    #[test]
    fn addresses_are_classified() {
        let cases = [
            ("127.0.0.1", Some(AddressKind::Loopback)),
            ("10.1.2.3", Some(AddressKind::Private)),
            ("172.16.0.1", Some(AddressKind::Private)),
            ("192.168.1.1", Some(AddressKind::Private)),
            ("100.64.0.1", Some(AddressKind::Private)),
            ("169.254.169.254", Some(AddressKind::Metadata)),
            ("169.254.1.1", Some(AddressKind::LinkLocal)),
            ("0.0.0.0", Some(AddressKind::Reserved)),
            ("224.0.0.1", Some(AddressKind::Reserved)),
            ("::1", Some(AddressKind::Loopback)),
            ("::", Some(AddressKind::Reserved)),
            ("fd00::1", Some(AddressKind::UniqueLocal)),
            ("fd00:ec2::254", Some(AddressKind::Metadata)),
            ("fe80::1", Some(AddressKind::LinkLocal)),
            ("::ffff:127.0.0.1", Some(AddressKind::Loopback)),
            ("::ffff:169.254.169.254", Some(AddressKind::Metadata)),
            ("64:ff9b::a00:1", Some(AddressKind::Private)),
            ("93.184.216.34", None),
            ("2a00:1450:4001:80b::200e", None),
        ];
        for (ip, kind) in cases {
            assert_eq!(forbidden_kind(ip.parse().unwrap()), kind, "{ip}");
        }
    }

    #[tokio::test]
    async fn internal_targets_are_refused_unless_allowlisted() {
        let p = policy(&[Scheme::Https, Scheme::Http], &[]);
        for (url, code) in [
            ("https://127.0.0.1/x.git", "internal_address"),
            ("https://localhost/x.git", "internal_address"),
            ("https://[::1]/x.git", "internal_address"),
            ("https://10.0.0.7/x.git", "internal_address"),
            ("http://169.254.169.254/latest/meta-data", "metadata_address"),
            ("https://[fd00:ec2::254]/", "metadata_address"),
            ("https://user:pw@example.org/x.git", "credentials"),
            ("git://example.org/x.git", "scheme"),
            ("file:///etc", "scheme"),
        ] {
            let refusal = p.check(&Url::parse(url).unwrap()).await.unwrap_err();
            assert_eq!(refusal.code(), code, "{url}: {refusal}");
        }
        let allowed = policy(&[Scheme::Http], &["127.0.0.1"]);
        let target = allowed
            .check(&Url::parse("http://127.0.0.1:9/x.git").unwrap())
            .await
            .unwrap();
        assert_eq!(target.addresses, vec!["127.0.0.1:9".parse().unwrap()]);
        let by_name = policy(&[Scheme::Http], &["localhost"]);
        assert!(by_name
            .check(&Url::parse("http://localhost:9/x").unwrap())
            .await
            .is_ok());
        // A name on the allowlist does not open the metadata address.
        let meta = by_name.check_addresses("localhost", &["169.254.169.254:80".parse().unwrap()]);
        assert_eq!(meta.unwrap_err().code(), "metadata_address");
    }

    #[test]
    fn typed_urls_are_normalised() {
        assert_eq!(
            parse_repository_url("git@opencode.de:kiel/app.git").unwrap().as_str(),
            "ssh://git@opencode.de/kiel/app.git"
        );
        assert_eq!(
            parse_repository_url("/srv/git/a").unwrap().as_str(),
            "file:///srv/git/a"
        );
        for bad in ["", "not a url", "https://", "https://x.org/a?b=c", "https://x.org/a\tb"] {
            assert!(parse_repository_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn local_paths_must_be_under_a_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("repo")).unwrap();
        let mut p = policy(&[Scheme::File], &[]);
        p.local_roots = vec![dir.path().to_path_buf()];
        let inside = Url::from_file_path(dir.path().join("repo")).unwrap();
        assert!(p.check_static(&inside).is_ok());
        let escape = Url::parse(&format!("file://{}/repo/../../etc", dir.path().display())).unwrap();
        assert_eq!(p.check_static(&escape).unwrap_err(), UrlRefusal::LocalPath);
        assert_eq!(
            p.check_static(&Url::parse("file:///etc").unwrap()).unwrap_err(),
            UrlRefusal::LocalPath
        );
    }

    /// A repository under a root may not point outside it: the probe
    /// mirrored `/elsewhere` through a `.git` file and through alternates.
    #[test]
    fn local_repositories_may_not_reach_outside_the_roots() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        git2::Repository::init_bare(outside.path().join("secret.git")).unwrap();
        let mut p = policy(&[Scheme::File], &[]);
        p.local_roots = vec![root.path().to_path_buf()];
        let url = |name: &str| Url::from_file_path(root.path().join(name)).unwrap();

        git2::Repository::init_bare(root.path().join("plain.git")).unwrap();
        git2::Repository::init(root.path().join("worktree")).unwrap();
        assert!(p.check_static(&url("plain.git")).is_ok());
        assert!(p.check_static(&url("worktree")).is_ok());

        let gitlink = root.path().join("gitlink");
        std::fs::create_dir(&gitlink).unwrap();
        std::fs::write(
            gitlink.join(".git"),
            format!("gitdir: {}\n", outside.path().join("secret.git").display()),
        )
        .unwrap();
        assert_eq!(
            p.check_static(&url("gitlink")).unwrap_err(),
            UrlRefusal::LocalLink("gitdir file")
        );

        let alternates = root.path().join("alternates.git");
        git2::Repository::init_bare(&alternates).unwrap();
        std::fs::write(
            alternates.join("objects/info/alternates"),
            format!("{}\n", outside.path().join("secret.git/objects").display()),
        )
        .unwrap();
        assert_eq!(
            p.check_static(&url("alternates.git")).unwrap_err(),
            UrlRefusal::LocalLink("alternates")
        );

        let linked = root.path().join("linked.git");
        git2::Repository::init_bare(&linked).unwrap();
        std::fs::remove_dir_all(linked.join("refs")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.git/refs"), linked.join("refs")).unwrap();
        assert_eq!(
            p.check_static(&url("linked.git")).unwrap_err(),
            UrlRefusal::LocalLink("symbolic link")
        );

        let dot_git_link = root.path().join("dotgit");
        std::fs::create_dir(&dot_git_link).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.git"), dot_git_link.join(".git")).unwrap();
        assert_eq!(
            p.check_static(&url("dotgit")).unwrap_err(),
            UrlRefusal::LocalLink("symbolic link")
        );
        assert_eq!(p.check_static(&url("dotgit")).unwrap_err().code(), "local_path");
    }
}
