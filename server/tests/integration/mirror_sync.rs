//! Mirroring against real Git servers on loopback (`git http-backend` and
//! `git daemon`): first and incremental syncs, force-pushes, failures that
//! must leave the previous state alone, refused addresses, hostile
//! repository content, the figures compared with the `git` command line,
//! and the queue with its workers.

use crate::support::git_servers::{git, GitServers, History};
use crate::support::TestDb;
use allmende_server::accounts::Actor;
use allmende_server::catalog::Catalog;
use allmende_server::config::MirrorSettings;
use allmende_server::kernel::RepositoryId;
use allmende_server::mirror::policy::{AllowedHost, Scheme, UrlPolicy};
use allmende_server::mirror::webhooks::Received;
use allmende_server::mirror::{queue, sync::Synced, Mirror};
use app::error::AppError;
use app::mirror::dto::{Facts, PubliccodeState};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const VALID: &str = include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml");
const MIT: &str = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";
const DAY: i64 = 86_400;

struct Fixture {
    mirror: Mirror,
    db: DatabaseConnection,
    actor: Actor,
    _dir: tempfile::TempDir,
    _test_db: TestDb,
}

impl Fixture {
    /// The reuse service the worker's scheduler reminds with.
    fn reuse(&self) -> std::sync::Arc<allmende_server::reuse::Reuse> {
        std::sync::Arc::new(allmende_server::reuse::Reuse {
            db: self.db.clone(),
            usage: Default::default(),
        })
    }
}

fn settings(dir: &std::path::Path, allow_loopback: bool) -> MirrorSettings {
    MirrorSettings {
        dir: dir.to_path_buf(),
        policy: UrlPolicy {
            schemes: vec![Scheme::Https, Scheme::Http, Scheme::Git, Scheme::Ssh],
            allow_hosts: if allow_loopback {
                vec![AllowedHost::parse("127.0.0.1")]
            } else {
                vec![]
            },
            local_roots: vec![],
        },
        max_bytes: 50 << 20,
        connect_timeout: Duration::from_secs(5),
        stall_timeout: Duration::from_secs(2),
        job_timeout: Duration::from_secs(30),
        interval: Duration::from_secs(3600),
        worker_concurrency: 2,
        host_concurrency: 2,
        max_attempts: 3,
        retry_base: Duration::from_secs(1),
        inline_worker: false,
        ssh_command: "ssh".into(),
    }
}

async fn fixture(tweak: impl FnOnce(&mut MirrorSettings)) -> Fixture {
    let test_db = TestDb::new().await;
    // Workers, listeners and the test share the pool, as in production.
    let db = test_db.connect_pool(6).await;
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(&dir.path().join("mirrors"), true);
    tweak(&mut s);
    let user: Uuid = scalar(
        &db,
        "INSERT INTO users (display_name, email, email_verified, is_site_admin, pseudonym) \
         VALUES ('Pia', 'pia@kiel.example', true, true, 'Konto P') RETURNING id",
    )
    .await;
    db.execute_unprepared(
        "INSERT INTO organisations (slug, name_de, kind, uri) VALUES ('kiel', 'Landeshauptstadt Kiel', 'gemeinde', 'https://www.kiel.de')",
    )
    .await
    .unwrap();
    Fixture {
        mirror: Mirror {
            db: db.clone(),
            settings: Arc::new(s),
            catalog: Arc::new(Catalog { db: db.clone() }),
            origin: "http://allmende.test".into(),
        },
        actor: Actor {
            user_id: user.into(),
            display_name: "Pia".into(),
            is_site_admin: true,
            memberships: vec![],
            unread_notifications: 0,
        },
        db,
        _dir: dir,
        _test_db: test_db,
    }
}

pub async fn scalar<T: sea_orm::TryGetable>(db: &DatabaseConnection, sql: &str) -> T {
    db.query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<T>(0)
        .unwrap()
}

async fn facts(db: &DatabaseConnection, id: RepositoryId) -> Facts {
    let value: serde_json::Value = scalar(db, &format!("SELECT facts FROM repositories WHERE id = '{id}'")).await;
    serde_json::from_value(value).unwrap()
}

async fn status(db: &DatabaseConnection, id: RepositoryId) -> String {
    scalar(db, &format!("SELECT status FROM repositories WHERE id = '{id}'")).await
}

const PEOPLE: [(&str, &str); 4] = [
    ("Pia Petersen", "pia@kiel.example"),
    ("Jonas Hansen", "jonas@kiel.example"),
    ("J. Hansen", "jonas.hansen@old.example"),
    ("Merle Jensen", "merle@sh.example"),
];

/// Ten commits by three people (one under two names, joined by .mailmap),
/// two tags, and the files a sync reads.
fn first_history(url: &str, submodule_url: &str, now: i64) -> String {
    let mut h = History::new(false);
    let readme = "# Bauantrag\n\n<script>alert('x')</script>\n\n[Doku](docs/handbuch.md) ![Logo](img/logo.png)\n\n<img src=x onerror=alert(1)>\n";
    let publiccode = VALID.replace("https://opencode.de/kiel/bauantrag-online.git", url);
    let gitmodules = format!("[submodule \"intern\"]\n\tpath = vendor/intern\n\turl = {submodule_url}\n");
    let mut mark = 0;
    for i in 0..10 {
        let who = PEOPLE[i % 4];
        let mut files: Vec<(&str, &str, String)> = vec![("src/lib.rs", "100644", format!("pub fn f{i}() {{}}\n"))];
        if i == 0 {
            files.extend([
                ("README.md", "100644", readme.to_string()),
                ("publiccode.yml", "100644", publiccode.clone()),
                ("LICENSE", "100644", MIT.to_string()),
                (
                    ".mailmap",
                    "100644",
                    "Jonas Hansen <jonas@kiel.example> J. Hansen <jonas.hansen@old.example>\n".to_string(),
                ),
                (".gitmodules", "100644", gitmodules.clone()),
                ("CONTRIBUTING.md", "100644", "# Mitmachen\n".to_string()),
                ("web/app.ts", "100644", "export const x = 1;\n".repeat(50)),
                // The logo and screenshot publiccode.yml names.
                (
                    "img/logo.svg",
                    "100644",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".to_string(),
                ),
                ("img/antrag.png", "100644", "a screenshot".to_string()),
            ]);
        }
        let refs: Vec<(&str, &str, &str)> = files.iter().map(|(p, m, c)| (*p, *m, c.as_str())).collect();
        mark = h.commit(who, now - (40 - i as i64) * DAY, &format!("Schritt {i}"), &refs);
        if i == 4 {
            h.tag("v1.0.0", mark, Some(("Erste Version", now - 30 * DAY)));
        }
    }
    h.tag("v1.1.0", mark, None);
    let mut out = h.finish();
    // A submodule entry pointing at an internal address.
    out.push_str(&format!(
        "commit refs/heads/main\ncommitter Pia Petersen <pia@kiel.example> {} +0100\ndata 3\nsub\nM 160000 1111111111111111111111111111111111111111 vendor/intern\n\n",
        now - DAY
    ));
    out
}

fn counting_listener() -> (u16, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stream.is_ok() {
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    (port, count)
}

fn git_count(repo: &std::path::Path) -> u64 {
    git(&["rev-list", "--count", "main"], Some(repo))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_incremental_and_force_pushed_syncs_over_http_and_git_daemon() {
    let servers = GitServers::start().await;
    let f = fixture(|_| {}).await;
    let now = chrono::Utc::now().timestamp();
    let url = servers.http_url("bauantrag");
    let (internal_port, internal_hits) = counting_listener();
    let repo = servers.create(
        "bauantrag",
        &first_history(&url, &format!("http://127.0.0.1:{internal_port}/intern.git"), now),
    );

    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Changed);
    let first = facts(&f.db, id).await;
    assert_eq!(first.commit_count, git_count(&repo));
    assert_eq!(first.commit_count, 11);
    assert_eq!(first.contributor_count, 3, "the .mailmap joins Jonas' two identities");
    assert_eq!(first.tag_count, 2);
    assert_eq!(first.releases[0].tag, "v1.1.0");
    assert_eq!(first.releases[1].message.as_deref(), Some("Erste Version"));
    assert_eq!(first.default_branch, "main");
    assert_eq!(first.licence.detected, vec!["MIT"]);
    assert_eq!(first.licence.declared_mismatch.as_deref(), Some("EUPL-1.2"));
    assert!(first.files.contributing.is_some() && first.files.changelog.is_none());
    assert!(first.languages.iter().any(|l| l.name == "TypeScript"));
    assert_eq!(first.weeks.iter().sum::<u32>(), 11);
    let PubliccodeState::Published { slug, outcome } = &first.publiccode else {
        panic!("published: {:?}", first.publiccode)
    };
    assert_eq!(outcome, "created");
    let linked: i64 = scalar(
        &f.db,
        &format!("SELECT count(*) FROM repositories r JOIN software s ON s.id = r.software_id WHERE r.id = '{id}' AND s.slug = '{slug}'"),
    )
    .await;
    assert_eq!(linked, 1, "the entry is linked to its repository");
    let readme: String = scalar(
        &f.db,
        &format!("SELECT readme_html FROM repositories WHERE id = '{id}'"),
    )
    .await;
    assert!(!readme.contains("<script") && !readme.contains("onerror"), "{readme}");
    assert!(
        readme.contains(&format!("/repositorien/{id}/roh/img/logo.png")),
        "{readme}"
    );
    assert!(
        readme.contains(&format!("/repositorien/{id}/roh/docs/handbuch.md")),
        "{readme}"
    );
    assert_eq!(
        internal_hits.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "submodules are never fetched"
    );
    let health: serde_json::Value = scalar(&f.db, &format!("SELECT health FROM repositories WHERE id = '{id}'")).await;
    assert_eq!(health["vitality"]["commits"], 11);

    // Nothing changed: nothing is read again.
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Unchanged);

    // New commits and a tag.
    let mut more = History::new(true);
    let mut mark = 0;
    for i in 0..3 {
        mark = more.commit(
            PEOPLE[3],
            now - (2 - i) * 3600,
            "mehr",
            &[("src/more.rs", "100644", &format!("// {i}\n"))],
        );
    }
    more.tag("v2.0.0", mark, Some(("Zwei", now - 60)));
    crate::support::git_servers::fast_import(&repo, &more.finish());
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Changed);
    let second = facts(&f.db, id).await;
    assert_eq!(second.commit_count, 14);
    assert_eq!(second.tag_count, 3);
    assert_eq!(second.releases[0].tag, "v2.0.0");

    // History rewritten: main goes back five commits, one new on top; the tag goes.
    git(&["update-ref", "refs/heads/main", "main~5"], Some(&repo));
    git(&["tag", "-d", "v2.0.0"], Some(&repo));
    let mut rewrite = History::new(true);
    rewrite.commit(
        PEOPLE[0],
        now - 10,
        "neu geschrieben",
        &[("src/new.rs", "100644", "// neu\n")],
    );
    crate::support::git_servers::fast_import(&repo, &rewrite.finish());
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Changed);
    let third = facts(&f.db, id).await;
    assert_eq!(third.commit_count, git_count(&repo));
    assert_eq!(third.commit_count, 10);
    assert_eq!(third.tag_count, 2, "the deleted tag is pruned");

    // The same repository over git://.
    let daemon = f
        .mirror
        .register(&f.actor, "kiel", &servers.git_url("bauantrag"), None)
        .await
        .unwrap();
    assert_eq!(f.mirror.sync(daemon).await.unwrap(), Synced::Changed);
    let over_git = facts(&f.db, daemon).await;
    assert_eq!(over_git.commit_count, 10);
    assert_eq!(over_git.head, third.head);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_get_their_status_and_leave_earlier_data_alone() {
    let servers = GitServers::start().await;
    let f = fixture(|s| s.max_bytes = 1 << 20).await;
    let now = chrono::Utc::now().timestamp();
    let mut h = History::new(false);
    h.commit(PEOPLE[0], now - DAY, "eins", &[("a.txt", "100644", "a\n")]);
    let small = h.finish();

    // Deleted after a good sync: the last figures stay.
    let gone = servers.create("gone", &small);
    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("gone"), None)
        .await
        .unwrap();
    f.mirror.sync(id).await.unwrap();
    std::fs::remove_dir_all(&gone).unwrap();
    let error = f.mirror.sync(id).await.unwrap_err();
    assert_eq!(error.code(), "not_found", "{error}");
    assert!(!error.retryable());
    assert_eq!(status(&f.db, id).await, "not_found");
    assert_eq!(facts(&f.db, id).await.commit_count, 1, "the previous figures are kept");

    // A server that stalls mid-pack is cut off at the stall time-out.
    servers.create("slow", &small);
    let url = format!("http://127.0.0.1:{}/stall/slow.git", servers.http_port);
    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    let started = Instant::now();
    let error = f.mirror.sync(id).await.unwrap_err();
    assert_eq!(error.code(), "stalled", "{error}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(!f.mirror.path_of(id).exists(), "no half-written mirror");
    let leftovers = std::fs::read_dir(&f.mirror.settings.dir).unwrap().count();
    assert_eq!(leftovers, 1, "only the deleted repository's mirror remains");

    // Too large: cut off during the transfer.
    let mut big = History::new(false);
    // Incompressible: xorshift bytes as hex (4 bits of entropy per byte).
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: String = (0..1_500_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("{:02x}", x as u8)
        })
        .collect();
    big.commit(PEOPLE[0], now - DAY, "gross", &[("blob.txt", "100644", &noise)]);
    servers.create("big", &big.finish());
    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("big"), None)
        .await
        .unwrap();
    let error = f.mirror.sync(id).await.unwrap_err();
    assert_eq!(error.code(), "too_large", "{error}");
    assert!(!f.mirror.path_of(id).exists());

    // A redirect to another host name.
    let url = format!("http://127.0.0.1:{}/redirect/gone.git", servers.http_port);
    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    let error = f.mirror.sync(id).await.unwrap_err();
    assert_eq!(error.code(), "redirect_refused", "{error}");

    // The worker's process is unharmed: a good repository still syncs.
    servers.create("fine", &small);
    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.git_url("fine"), None)
        .await
        .unwrap();
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Changed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_addresses_are_refused_without_a_connection() {
    let f = fixture(|s| s.policy.allow_hosts.clear()).await;
    let (port, hits) = counting_listener();
    for (url, key) in [
        (
            format!("http://127.0.0.1:{port}/x.git"),
            "mirror.error.internal_address",
        ),
        ("https://localhost/x.git".to_string(), "mirror.error.internal_address"),
        ("https://10.1.2.3/x.git".to_string(), "mirror.error.internal_address"),
        (
            "https://192.168.0.10/x.git".to_string(),
            "mirror.error.internal_address",
        ),
        ("https://[fd12::1]/x.git".to_string(), "mirror.error.internal_address"),
        (
            "http://169.254.169.254/latest/meta-data".to_string(),
            "mirror.error.metadata_address",
        ),
        ("file:///etc".to_string(), "mirror.error.scheme"),
        (
            "https://user:pw@example.org/x.git".to_string(),
            "mirror.error.credentials",
        ),
    ] {
        match f.mirror.register(&f.actor, "kiel", &url, None).await {
            Err(AppError::Invalid(errors)) => assert_eq!(errors[0].key, key, "{url}"),
            other => panic!("{url}: {other:?}"),
        }
    }
    let count: i64 = scalar(&f.db, "SELECT count(*) FROM repositories").await;
    assert_eq!(count, 0, "nothing registered");
    // A row that bypassed registration (the policy changed since) is refused at sync time.
    let org: Uuid = scalar(&f.db, "SELECT id FROM organisations WHERE slug = 'kiel'").await;
    let id: RepositoryId = scalar(
        &f.db,
        &format!(
            "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
             VALUES ('{org}', 'http://127.0.0.1:{port}/x.git', 'k', '127.0.0.1', 's') RETURNING id"
        ),
    )
    .await;
    let error = f.mirror.sync(id).await.unwrap_err();
    assert_eq!(error.code(), "internal_address");
    assert_eq!(status(&f.db, id).await, "internal_address");
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "no connection was made"
    );
}

/// The files publiccode.yml names are looked up in the repository, as the
/// reference parser looks beside a local file: a missing screenshot and a
/// logo that is no PNG refuse the file, with their keys and lines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_the_publiccode_yml_names_are_checked_in_the_repository() {
    let servers = GitServers::start().await;
    let f = fixture(|_| {}).await;
    let now = chrono::Utc::now().timestamp();
    let url = servers.http_url("named");
    let publiccode = VALID
        .replace("https://opencode.de/kiel/bauantrag-online.git", &url)
        .replace("logo: img/logo.svg", "logo: ./img/logo.png");
    let mut h = History::new(false);
    h.commit(
        PEOPLE[0],
        now - DAY,
        "named",
        &[
            ("publiccode.yml", "100644", &publiccode),
            ("img/logo.png", "100644", "GIF89a, not a PNG"),
        ],
    );
    servers.create("named", &h.finish());
    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    f.mirror.sync(id).await.unwrap();
    assert_eq!(
        facts(&f.db, id).await.publiccode,
        PubliccodeState::Invalid { slug: None, errors: 2 }
    );
    let issues: serde_json::Value = scalar(
        &f.db,
        "SELECT issues AS value FROM software_imports ORDER BY id DESC LIMIT 1",
    )
    .await;
    let found: Vec<(String, u64, String)> = issues
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "error")
        .map(|i| {
            (
                i["key"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
                i["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let line_of = |needle: &str| publiccode.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    assert_eq!(
        found,
        vec![
            (
                "logo".to_string(),
                line_of("logo: ./img/logo.png"),
                "the file ends in .png but is not a readable PNG image".to_string()
            ),
            (
                "description.de.screenshots[0]".to_string(),
                line_of("img/antrag.png"),
                "the repository holds no such file (the path is relative to the publiccode.yml)".to_string()
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symlinked_and_oversized_publiccode_files_are_not_read() {
    let servers = GitServers::start().await;
    let f = fixture(|_| {}).await;
    let now = chrono::Utc::now().timestamp();
    let mut h = History::new(false);
    h.commit(
        PEOPLE[0],
        now - DAY,
        "link",
        &[("publiccode.yml", "120000", "/etc/passwd")],
    );
    servers.create("link", &h.finish());
    let mut h = History::new(false);
    let huge = format!("publiccodeYmlVersion: \"0.4\"\n# {}\n", "x".repeat(300 * 1024));
    h.commit(PEOPLE[0], now - DAY, "huge", &[("publiccode.yml", "100644", &huge)]);
    servers.create("huge", &h.finish());

    let link = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("link"), None)
        .await
        .unwrap();
    f.mirror.sync(link).await.unwrap();
    assert_eq!(facts(&f.db, link).await.publiccode, PubliccodeState::Symlink);
    let huge = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("huge"), None)
        .await
        .unwrap();
    f.mirror.sync(huge).await.unwrap();
    assert!(matches!(facts(&f.db, huge).await.publiccode, PubliccodeState::TooLarge { bytes } if bytes > 300 * 1024));
    let entries: i64 = scalar(&f.db, "SELECT count(*) FROM software").await;
    assert_eq!(entries, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_equal_what_git_reports_for_thousands_of_commits() {
    let servers = GitServers::start().await;
    let f = fixture(|_| {}).await;
    let now = chrono::Utc::now().timestamp();
    let mut h = History::new(false);
    // Person 5 also commits from a second address that no .mailmap names:
    // still one person, as `git shortlog -sn` counts.
    let mut names: Vec<(String, String)> = (0..40)
        .map(|i| (format!("Person {i}"), format!("p{i}@example.org")))
        .collect();
    names.push(("Person 5".into(), "p5@home.example".into()));
    let mut mailmap = String::new();
    for i in 30..40 {
        mailmap.push_str(&format!(
            "Person {} <p{}@example.org> <p{i}@example.org>\n",
            i - 30,
            i - 30
        ));
    }
    for i in 0..3000usize {
        let (n, e) = &names[(i * 7 + i / 13) % names.len()];
        let time = now - 900 * DAY + (i as i64) * 25_000 + ((i * 37) % 5000) as i64;
        let mut files = vec![("src/f.rs", "100644", format!("// {i}\n"))];
        if i == 0 {
            files.push((".mailmap", "100644", mailmap.clone()));
        }
        let refs: Vec<(&str, &str, &str)> = files.iter().map(|(p, m, c)| (*p, *m, c.as_str())).collect();
        let mark = h.commit((n, e), time, &format!("c{i}"), &refs);
        if i % 50 == 49 {
            let name = format!("v{}.{}.{}", i / 1000, (i / 100) % 10, (i / 50) % 2);
            h.tag(&name, mark, (i % 100 == 99).then_some(("release", time + 10)));
        }
    }
    let repo = servers.create("large", &h.finish());
    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("large"), None)
        .await
        .unwrap();
    f.mirror.sync(id).await.unwrap();
    let got = facts(&f.db, id).await;
    assert_eq!(got.commit_count, git_count(&repo));
    let shortlog = git(&["shortlog", "-sn", "main"], Some(&repo));
    assert_eq!(got.contributor_count as usize, shortlog.lines().count(), "{shortlog}");
    let by_address = git(&["shortlog", "-sne", "main"], Some(&repo));
    assert_eq!(by_address.lines().count(), shortlog.lines().count() + 1, "{by_address}");
    let top: Vec<(u64, String)> = shortlog
        .lines()
        .map(|l| {
            let (n, who) = l.trim().split_once('\t').unwrap();
            (n.parse().unwrap(), who.to_string())
        })
        .collect();
    assert!(got.top_contributors.iter().filter(|c| c.name == "Person 5").count() <= 1);
    for (c, (n, name)) in got.top_contributors.iter().zip(&top) {
        assert_eq!((c.commits, &c.name), (*n, name));
    }
    let tags = git(&["tag", "-l"], Some(&repo));
    assert_eq!(got.tag_count as usize, tags.lines().count());
    let first: i64 = git(&["log", "--format=%at", "main"], Some(&repo))
        .lines()
        .map(|l| l.parse::<i64>().unwrap())
        .min()
        .unwrap();
    let last: i64 = git(&["log", "--format=%ct", "main"], Some(&repo))
        .lines()
        .map(|l| l.parse::<i64>().unwrap())
        .max()
        .unwrap();
    assert_eq!((got.first_commit, got.last_commit), (first, last));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_take_queued_jobs_and_signed_webhooks_sync_within_seconds() {
    let servers = GitServers::start().await;
    let f = fixture(|_| {}).await;
    let now = chrono::Utc::now().timestamp();
    let mut h = History::new(false);
    h.commit(PEOPLE[0], now - DAY, "eins", &[("a.txt", "100644", "a\n")]);
    let repo = servers.create("hooked", &h.finish());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(allmende_server::mirror::worker::run(
        f.mirror.clone(),
        f.reuse(),
        stopped.clone(),
    ));
    let second = tokio::spawn(allmende_server::mirror::worker::run(
        f.mirror.clone(),
        f.reuse(),
        stopped,
    ));

    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("hooked"), None)
        .await
        .unwrap();
    // Queued twice: still one waiting job.
    queue::enqueue(&f.db, id, allmende_server::mirror::queue::SyncReason::Manual)
        .await
        .unwrap();
    let waiting: i64 = scalar(
        &f.db,
        &format!("SELECT count(*) FROM jobs WHERE unique_key = 'sync:{id}' AND state = 'queued'"),
    )
    .await;
    assert!(waiting <= 1);
    let wait_for = |commits: u64| {
        let db = f.db.clone();
        async move {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(20) {
                let value: Option<serde_json::Value> =
                    scalar(&db, &format!("SELECT facts FROM repositories WHERE id = '{id}'")).await;
                if value.is_some_and(|v| v["commit_count"] == commits) {
                    return started.elapsed();
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("no sync to {commits} commits within 20 s");
        }
    };
    wait_for(1).await;
    assert_eq!(
        allmende_server::mirror::worker::scheduler_lock_holders(&f.db).await,
        1,
        "two workers, one scheduler"
    );

    // A push, then the forge's signed webhook.
    let mut more = History::new(true);
    more.commit(PEOPLE[1], now, "zwei", &[("b.txt", "100644", "b\n")]);
    crate::support::git_servers::fast_import(&repo, &more.finish());
    let secret: String = scalar(
        &f.db,
        &format!("SELECT webhook_secret FROM repositories WHERE id = '{id}'"),
    )
    .await;
    let body = br#"{"ref":"refs/heads/main"}"#;
    let mut headers = http::HeaderMap::new();
    headers.insert("x-github-event", "push".parse().unwrap());
    headers.insert("x-hub-signature-256", "sha256=00".parse().unwrap());
    for _ in 0..3 {
        let refused = f.mirror.receive_webhook(id, &headers, body, None).await.unwrap();
        assert!(refused.is_err());
    }
    let audited: i64 = scalar(
        &f.db,
        "SELECT count(*) FROM audit_events WHERE action = 'webhook_refused'",
    )
    .await;
    assert_eq!(audited, 1, "a flood of refusals is audited once a minute");
    let signature = allmende_server::mirror::webhooks::sign(&secret, body);
    headers.insert("x-hub-signature-256", format!("sha256={signature}").parse().unwrap());
    headers.insert(
        "x-github-delivery",
        "72d3162e-cc78-11e3-81ab-4c9367dc0958".parse().unwrap(),
    );
    assert!(matches!(
        f.mirror.receive_webhook(id, &headers, body, None).await.unwrap(),
        Ok(Received::Queued(_))
    ));
    // The same delivery once more (a replay): recognised, nothing queued.
    assert_eq!(
        f.mirror.receive_webhook(id, &headers, body, None).await.unwrap(),
        Ok(Received::Repeated(allmende_server::mirror::webhooks::Forge::GitHub))
    );
    let took = wait_for(2).await;
    assert!(took < Duration::from_secs(5), "webhook to synced: {took:?}");

    stop.send(true).unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(10), worker).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), second).await;
    let done: i64 = scalar(
        &f.db,
        &format!("SELECT count(*) FROM jobs WHERE unique_key = 'sync:{id}' AND state = 'done'"),
    )
    .await;
    assert!(done >= 2, "{done}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssh_runs_the_operators_ssh_command_against_the_checked_address() {
    let servers = GitServers::start().await;
    // A stand-in for ssh, as git's own test suite uses: it records its
    // arguments and runs the remote command locally.
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("fake-ssh");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho \"$@\" > {}/args\nfor last; do :; done\nexec sh -c \"git ${{last#git-}}\"\n",
            bin.path().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let command = fake.to_string_lossy().into_owned();
    let f = fixture(move |s| s.ssh_command = command).await;
    let now = chrono::Utc::now().timestamp();
    let mut h = History::new(false);
    for i in 0..5 {
        h.commit(
            PEOPLE[i % 2],
            now - (5 - i as i64) * DAY,
            "ssh",
            &[("a.txt", "100644", &format!("{i}\n"))],
        );
    }
    let repo = servers.create("over-ssh", &h.finish());
    let url = format!("ssh://git@127.0.0.1:2222{}", repo.display());
    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Changed);
    assert_eq!(facts(&f.db, id).await.commit_count, 5);
    let args = std::fs::read_to_string(bin.path().join("args")).unwrap();
    for expected in [
        "BatchMode=yes",
        "HostKeyAlias=127.0.0.1",
        "-p 2222",
        "-l git",
        "-- 127.0.0.1 git-upload-pack '",
    ] {
        assert!(args.contains(expected), "{expected} in {args}");
    }
    // A second sync reuses the mirror.
    assert_eq!(f.mirror.sync(id).await.unwrap(), Synced::Unchanged);
}

/// A local repository that was fine when registered and later points
/// outside the allowed roots (alternates) is refused at its next sync, and
/// nothing of the outside repository is mirrored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_confinement_is_checked_again_at_every_sync() {
    let roots = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = roots.path().to_path_buf();
    let f = fixture(|s| {
        s.policy.schemes.push(Scheme::File);
        s.policy.local_roots = vec![root.clone()];
    })
    .await;
    let mut h = History::new(false);
    h.commit(
        PEOPLE[0],
        chrono::Utc::now().timestamp(),
        "eins",
        &[("a.txt", "100644", "a\n")],
    );
    let repo = roots.path().join("lokal.git");
    git(&["init", "--bare", "-q", repo.to_str().unwrap()], None);
    crate::support::git_servers::fast_import(&repo, &h.finish());
    let url = url::Url::from_file_path(&repo).unwrap().to_string();
    let id = f.mirror.register(&f.actor, "kiel", &url, None).await.unwrap();
    assert!(f.mirror.sync(id).await.is_ok());

    git(&["init", "--bare", "-q", outside.path().to_str().unwrap()], None);
    std::fs::write(
        repo.join("objects/info/alternates"),
        format!("{}/objects\n", outside.path().display()),
    )
    .unwrap();
    assert!(f.mirror.sync(id).await.is_err());
    let status: String = scalar(&f.db, &format!("SELECT status FROM repositories WHERE id = '{id}'")).await;
    assert_eq!(status, "local_path");
}

/// The test servers go with everything they started: no `git-daemon` (the
/// child of the `git daemon` wrapper) outlives its test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn git_servers_leave_no_process_behind() {
    let servers = GitServers::start().await;
    let port = format!("--port={}", servers.daemon_port);
    let running = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
            .filter(|c| String::from_utf8_lossy(c).contains(&port))
            .count()
    };
    assert!(running() >= 1, "the daemon runs");
    drop(servers);
    let start = Instant::now();
    while running() > 0 && start.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(running(), 0, "a git daemon process outlived its test");
}

/// A sync that fails for good tells the organisation's publishers, once:
/// not again while the repository keeps failing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_failing_for_good_tells_the_publishers_once() {
    let servers = GitServers::start().await;
    let f = fixture(|s| s.max_attempts = 1).await;
    f.db.execute_unprepared(
        "WITH u AS (INSERT INTO users (display_name, email, email_verified, pseudonym) \
                    VALUES ('Jonas', 'jonas@kiel.example', true, 'Konto J') RETURNING id) \
         INSERT INTO memberships (organisation_id, user_id, role) \
         SELECT o.id, u.id, 'publisher' FROM organisations o, u WHERE o.slug = 'kiel'",
    )
    .await
    .unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(allmende_server::mirror::worker::run(
        f.mirror.clone(),
        f.reuse(),
        stopped,
    ));
    let id = f
        .mirror
        .register(&f.actor, "kiel", &servers.http_url("nobody-pushed-this"), None)
        .await
        .unwrap();
    let failed_jobs = |n: i64| {
        let db = f.db.clone();
        async move {
            crate::support::eventually(&format!("{n} failed syncs"), async || {
                let failed: i64 = scalar(
                    &db,
                    &format!("SELECT count(*) FROM jobs WHERE unique_key = 'sync:{id}' AND state = 'failed'"),
                )
                .await;
                (failed >= n).then_some(())
            })
            .await
        }
    };
    failed_jobs(1).await;
    let told = "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id \
                WHERE u.email = 'jonas@kiel.example' AND n.kind = 'sync_failed' \
                  AND n.link = '/verwaltungen/kiel/repositorien' AND n.subject LIKE '%nobody-pushed-this%'";
    assert_eq!(scalar::<i64>(&f.db, told).await, 1);
    // Pia registered it but publishes for no organisation here: not told.
    let pia: i64 = scalar(
        &f.db,
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'pia@kiel.example'",
    )
    .await;
    assert_eq!(pia, 0);
    // Failing again: no second notification.
    queue::enqueue(&f.db, id, allmende_server::mirror::queue::SyncReason::Manual)
        .await
        .unwrap();
    failed_jobs(2).await;
    assert_eq!(scalar::<i64>(&f.db, told).await, 1);
    stop.send(true).unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(10), worker).await;
    // Removing the repository takes its waiting sync with it.
    queue::enqueue(&f.db, id, allmende_server::mirror::queue::SyncReason::Manual)
        .await
        .unwrap();
    f.mirror.remove(&f.actor, id, None).await.unwrap();
    let waiting: i64 = scalar(
        &f.db,
        &format!("SELECT count(*) FROM jobs WHERE unique_key = 'sync:{id}' AND state = 'queued'"),
    )
    .await;
    assert_eq!(waiting, 0);
    // A sync that was already claimed finds the repository gone: done, nothing to do.
    assert_eq!(
        f.mirror.sync(id).await.unwrap(),
        allmende_server::mirror::sync::Synced::Gone
    );
}
