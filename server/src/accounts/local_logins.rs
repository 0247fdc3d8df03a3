//! Local accounts: registration with e-mail verification, password login
//! with throttling (`login_throttle`), password reset by mail.

use super::secret_token::{self, SecretToken};
use super::validate::{self, invalid, Errors};
use super::{login_throttle, memberships, passwords, users, Accounts};
use crate::db::sql;
use crate::kernel::jobs::{self, Job};
use crate::kernel::{AuditAction, Event, Permission, Tx, UserId, Who};
use crate::mail::MailMessage;
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::net::IpAddr;
use std::time::Duration;

pub struct Registration {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_repeat: String,
}

const VERIFY_VALID_HOURS: i64 = 24;
const RESET_VALID_HOURS: i64 = 1;

fn ip_key(action: &str, ip: Option<IpAddr>) -> String {
    format!("{action}:{}", ip.map(|ip| ip.to_string()).unwrap_or_default())
}

impl Accounts {
    fn require_local(&self) -> Result<(), AppError> {
        if self.settings.local_accounts {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Creates an account and mails the verification link. The answer is the
    /// same whether or not the address is taken (the owner of a taken address
    /// gets a mail saying so), so the form reveals no accounts.
    pub async fn register(&self, input: Registration, locale: Locale, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.require_local()?;
        let mut errors = Errors::default();
        let name = validate::display_name(&input.display_name)
            .map_err(|k| errors.add("display_name", k))
            .ok();
        let email = validate::email(&input.email).map_err(|k| errors.add("email", k)).ok();
        errors.check(
            "password",
            passwords::check_policy(&input.password, email.as_deref().unwrap_or("")),
        );
        if input.password != input.password_repeat {
            errors.add("password_repeat", "accounts.error.password_mismatch");
        }
        errors.finish()?;
        let (name, email) = (name.unwrap_or_default(), email.unwrap_or_default());
        if !self
            .limiter
            .allow(&ip_key("register", ip), 10, Duration::from_secs(3600))
        {
            return Err(AppError::TooManyRequests);
        }
        let hash = passwords::hash(input.password).await?;
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        let taken = sql::value::<UserId>(
            &tx,
            "SELECT user_id AS value FROM local_logins WHERE email = $1",
            [email.clone().into()],
        )
        .await?
        .is_some();
        if taken {
            drop(tx);
            return self.mail_already_registered(&email, locale).await;
        }
        let user_id = users::create(&tx, &name, Some(&email), false, locale).await?;
        let inserted = sql::exec(
            &tx,
            "INSERT INTO local_logins (user_id, email, password_hash) VALUES ($1, $2, $3) \
             ON CONFLICT (email) DO NOTHING",
            [user_id.into(), email.clone().into(), hash.into()],
        )
        .await?;
        if inserted == 0 {
            // Registered a moment ago by a request that passed the check
            // above at the same time: answered as any taken address is.
            // Dropping the change rolls the new user row back.
            drop(tx);
            return self.mail_already_registered(&email, locale).await;
        }
        let token = issue_mail_token(&tx, user_id, "verify_email", VERIFY_VALID_HOURS).await?;
        tx.record(Event::new(AuditAction::AccountCreated).actor(user_id).subject(&email));
        let link = self.link(&format!("/bestaetigen?token={}", token.plain));
        tx.enqueue(Job::mail(&email, MailMessage::verify_email(locale, &name, &link)))
            .await?;
        tx.done(()).await
    }

    /// The owner of a taken address learns that someone tried to register
    /// it; the person at the form sees the same answer as for a new one.
    async fn mail_already_registered(&self, email: &str, locale: Locale) -> Result<(), AppError> {
        let mail = MailMessage::already_registered(locale, &self.link("/anmelden"), &self.link("/passwort-vergessen"));
        jobs::enqueue(&self.db, Job::mail(email, mail)).await
    }

    /// Follows a verification link (by POST, so that mail scanners fetching
    /// the link do not use it up). Joins organisations that vouch for the domain.
    pub async fn verify_email(&self, token: &str, ip: Option<IpAddr>) -> Result<UserId, AppError> {
        self.require_local()?;
        // The link is the permission.
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        let user_id = use_mail_token(&tx, token, "verify_email")
            .await?
            .ok_or_else(|| invalid("token", "accounts.error.link_invalid"))?;
        let email = sql::value::<String>(
            &tx,
            "UPDATE local_logins SET verified_at = coalesce(verified_at, now()) WHERE user_id = $1 RETURNING email AS value",
            [user_id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        sql::exec(
            &tx,
            "UPDATE users SET email_verified = true WHERE id = $1 AND lower(email) = $2",
            [user_id.into(), email.clone().into()],
        )
        .await?;
        tx.record(Event::new(AuditAction::EmailVerified).actor(user_id).subject(&email));
        memberships::join_by_domain(&tx, user_id, &email).await?;
        tx.done(user_id).await
    }

    /// Checks e-mail and password. Failures are throttled per account and
    /// address, and per account (see `login_throttle`); nothing locks. A
    /// throttled attempt, a wrong password and an unknown address each get
    /// the same answer whether or not the account exists, in the same time.
    pub async fn login_local(&self, email: &str, password: String, ip: Option<IpAddr>) -> Result<UserId, AppError> {
        self.require_local()?;
        let email = email.trim().to_lowercase();
        if email.is_empty() || password.is_empty() {
            let mut errors = Errors::default();
            if email.is_empty() {
                errors.add("email", "form.error.required");
            }
            if password.is_empty() {
                errors.add("password", "form.error.required");
            }
            return errors.finish().map(|_| UserId(uuid::Uuid::nil()));
        }
        // Many accounts from one address: that address only is slowed.
        if !self.limiter.allow(&ip_key("login", ip), 30, Duration::from_secs(300)) {
            return Err(AppError::TooManyRequests);
        }
        if login_throttle::must_wait(&self.db, &email, ip).await? {
            // Recorded although the answer is an error: the attempt is the event.
            Event::new(AuditAction::LoginFailed)
                .subject(&email)
                .details(serde_json::json!({"reason": "throttled"}))
                .ip(ip)
                .record(&self.db)
                .await?;
            return Err(invalid("email", "accounts.error.throttled"));
        }
        #[derive(FromQueryResult)]
        struct Login {
            user_id: UserId,
            password_hash: String,
            verified: bool,
        }
        let login = sql::one::<Login>(
            &self.db,
            "SELECT l.user_id, l.password_hash, l.verified_at IS NOT NULL AS verified \
             FROM local_logins l JOIN users u ON u.id = l.user_id \
             WHERE l.email = $1 AND u.deleted_at IS NULL",
            [email.clone().into()],
        )
        .await?;
        let known = login.as_ref().map(|l| l.user_id);
        let correct = passwords::verify(password, login.as_ref().map(|l| l.password_hash.clone())).await;
        let Some(login) = login.filter(|_| correct) else {
            login_throttle::record_failure(&self.db, &email, ip).await?;
            Event::new(AuditAction::LoginFailed)
                .actor_opt(known)
                .subject(&email)
                .ip(ip)
                .record(&self.db)
                .await?;
            return Err(invalid("password", "accounts.error.credentials"));
        };
        if !login.verified {
            self.resend_verification(login.user_id, &email).await?;
            return Err(invalid("email", "accounts.error.unverified"));
        }
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        login_throttle::clear(&tx, &email, ip).await?;
        users::touch_login(&tx, login.user_id).await?;
        tx.record(
            Event::new(AuditAction::Login)
                .actor(login.user_id)
                .subject(&email)
                .details(serde_json::json!({"method": "password"})),
        );
        tx.done(login.user_id).await
    }

    async fn resend_verification(&self, user_id: UserId, email: &str) -> Result<(), AppError> {
        let locale = users::locale_of(&self.db, user_id).await?;
        let tx = Tx::begin(&self.db, Who::anonymous(None), Permission::Public).await?;
        let token = issue_mail_token(&tx, user_id, "verify_email", VERIFY_VALID_HOURS).await?;
        let name = sql::value::<String>(
            &tx,
            "SELECT display_name AS value FROM users WHERE id = $1",
            [user_id.into()],
        )
        .await?
        .unwrap_or_default();
        let link = self.link(&format!("/bestaetigen?token={}", token.plain));
        tx.enqueue(Job::mail(email, MailMessage::verify_email(locale, &name, &link)))
            .await?;
        tx.done(()).await
    }

    /// Mails a reset link if the address belongs to an account; answers the
    /// same either way.
    pub async fn request_password_reset(&self, email: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.require_local()?;
        let email = validate::email(email).map_err(|k| invalid("email", k))?;
        if !self.limiter.allow(&ip_key("reset", ip), 10, Duration::from_secs(3600))
            || !self
                .limiter
                .allow(&format!("reset:{email}"), 3, Duration::from_secs(3600))
        {
            return Err(AppError::TooManyRequests);
        }
        let Some(user_id) = sql::value::<UserId>(
            &self.db,
            "SELECT l.user_id AS value FROM local_logins l JOIN users u ON u.id = l.user_id \
             WHERE l.email = $1 AND u.deleted_at IS NULL",
            [email.clone().into()],
        )
        .await?
        else {
            return Ok(());
        };
        let locale = users::locale_of(&self.db, user_id).await?;
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        let token = issue_mail_token(&tx, user_id, "reset_password", RESET_VALID_HOURS).await?;
        tx.record(
            Event::new(AuditAction::PasswordResetRequested)
                .actor(user_id)
                .subject(&email),
        );
        let link = self.link(&format!("/passwort-neu?token={}", token.plain));
        tx.enqueue(Job::mail(&email, MailMessage::password_reset(locale, &link)))
            .await?;
        tx.done(()).await
    }

    /// Sets a new password from a reset link. Clears the account's login
    /// throttle, confirms the address (the link arrived there) and ends
    /// every session.
    pub async fn reset_password(
        &self,
        token: &str,
        password: String,
        password_repeat: &str,
        ip: Option<IpAddr>,
    ) -> Result<UserId, AppError> {
        self.require_local()?;
        let mut errors = Errors::default();
        errors.check("password", passwords::check_policy(&password, ""));
        if password != password_repeat {
            errors.add("password_repeat", "accounts.error.password_mismatch");
        }
        errors.finish()?;
        let hash = passwords::hash(password).await?;
        // The link is the permission.
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        let user_id = use_mail_token(&tx, token, "reset_password")
            .await?
            .ok_or_else(|| invalid("password", "accounts.error.link_invalid"))?;
        let email = sql::value::<String>(
            &tx,
            "UPDATE local_logins SET password_hash = $2, password_changed_at = now(), \
                 verified_at = coalesce(verified_at, now()) \
             WHERE user_id = $1 RETURNING email AS value",
            [user_id.into(), hash.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        sql::exec(&tx, "DELETE FROM sessions WHERE user_id = $1", [user_id.into()]).await?;
        login_throttle::clear_account(&tx, &email).await?;
        tx.record(Event::new(AuditAction::PasswordReset).actor(user_id).subject(&email));
        tx.done(user_id).await
    }
}

async fn issue_mail_token(
    c: &impl ConnectionTrait,
    user_id: UserId,
    purpose: &str,
    valid_hours: i64,
) -> Result<SecretToken, AppError> {
    let token = SecretToken::generate("");
    sql::exec(
        c,
        "INSERT INTO mail_tokens (token_hash, purpose, user_id, expires_at) \
         VALUES ($1, $2, $3, now() + make_interval(hours => $4::int))",
        [
            token.hash.clone().into(),
            purpose.into(),
            user_id.into(),
            (valid_hours as i32).into(),
        ],
    )
    .await?;
    Ok(token)
}

/// Marks a link's token used, once; its user if it was valid.
async fn use_mail_token(c: &impl ConnectionTrait, token: &str, purpose: &str) -> Result<Option<UserId>, AppError> {
    sql::value::<UserId>(
        c,
        "UPDATE mail_tokens SET used_at = now() \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() \
         RETURNING user_id AS value",
        [secret_token::hash(token).into(), purpose.into()],
    )
    .await
}
