use crate::accounts::oidc::PendingLogin;
use app::forms::Flash;
use tower_sessions::Session;

/// Over https the cookie gets the `__Host-` prefix (Secure, no Domain,
/// Path=/); browsers refuse that prefix without Secure, so plain-http
/// development uses the bare name.
pub const SESSION_COOKIE_HTTPS: &str = "__Host-allmende_session";
pub const SESSION_COOKIE_HTTP: &str = "allmende_session";

pub(super) const USER_KEY: &str = "user_id";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
const SEEN_KEY: &str = "seen_at";
const FLASH_KEY: &str = "flash";
const PENDING_LOGIN_KEY: &str = "oidc_pending";

/// Signs the session in as `user_id` under a new session id, so that an id
/// planted before the login (session fixation) is worthless afterwards.
pub async fn sign_in(session: &Session, user_id: crate::kernel::UserId) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user_id.to_string()).await?;
    session.insert(SIGNED_IN_AT_KEY, chrono::Utc::now().timestamp()).await
}

/// The signed-in user and when they signed in.
pub async fn signed_in_user(session: &Session) -> Option<(crate::kernel::UserId, i64)> {
    let user: String = session.get(USER_KEY).await.ok().flatten()?;
    let at: i64 = session.get(SIGNED_IN_AT_KEY).await.ok().flatten()?;
    Some((crate::kernel::UserId::parse(&user)?, at))
}

/// Records activity for the idle timeout. tower-sessions moves the expiry on
/// only when it saves a changed session; changing it at most once a minute
/// keeps signed-in readers from writing their session on every request.
pub async fn touch(session: &Session, now: i64) {
    let seen: Option<i64> = session.get(SEEN_KEY).await.ok().flatten();
    if seen.is_none_or(|seen| now - seen >= 60) {
        let _ = session.insert(SEEN_KEY, now).await;
    }
}

pub async fn set_flash(session: &Session, flash: Flash) {
    if let Err(error) = session.insert(FLASH_KEY, flash).await {
        tracing::warn!(%error, "could not store the flash");
    }
}

/// The flash, removed; the session is only changed when there was one.
pub async fn take_flash(session: &Session) -> Option<Flash> {
    session.get::<Flash>(FLASH_KEY).await.ok().flatten()?;
    session.remove::<Flash>(FLASH_KEY).await.ok().flatten()
}

pub async fn set_pending_login(session: &Session, pending: PendingLogin) -> Result<(), tower_sessions::session::Error> {
    session.insert(PENDING_LOGIN_KEY, pending).await
}

/// The pending login, removed: a callback can be used once.
pub async fn take_pending_login(session: &Session) -> Option<PendingLogin> {
    session.remove::<PendingLogin>(PENDING_LOGIN_KEY).await.ok().flatten()
}
