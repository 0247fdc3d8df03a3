//! The mails Allmende sends, in the recipient's language.

use app::i18n::Locale;

pub struct MailMessage {
    pub subject: String,
    pub body: String,
}

const SIGNATURE_DE: &str = "\n\n-- \nAllmende – Software der öffentlichen Hand teilen und nachnutzen\nDiese Nachricht wurde automatisch erstellt.";
const SIGNATURE_EN: &str =
    "\n\n-- \nAllmende – sharing and reusing public-sector software\nThis message was sent automatically.";

/// The closing lines every mail ends with.
pub fn signature(locale: Locale) -> &'static str {
    match locale {
        Locale::De => SIGNATURE_DE,
        Locale::En => SIGNATURE_EN,
    }
}

fn mail(locale: Locale, subject_de: &str, subject_en: &str, body_de: String, body_en: String) -> MailMessage {
    match locale {
        Locale::De => MailMessage {
            subject: subject_de.to_owned(),
            body: body_de + SIGNATURE_DE,
        },
        Locale::En => MailMessage {
            subject: subject_en.to_owned(),
            body: body_en + SIGNATURE_EN,
        },
    }
}

impl MailMessage {
    pub fn verify_email(locale: Locale, name: &str, link: &str) -> MailMessage {
        mail(
            locale,
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            "Please confirm your e-mail address",
            format!("Guten Tag {name},\n\nbitte bestätigen Sie Ihre E-Mail-Adresse für Allmende, indem Sie diesen Link öffnen:\n\n{link}\n\nDer Link gilt 24 Stunden. Wenn Sie sich nicht registriert haben, können Sie diese Nachricht ignorieren."),
            format!("Hello {name},\n\nplease confirm your e-mail address for Allmende by opening this link:\n\n{link}\n\nThe link is valid for 24 hours. If you did not register, you can ignore this message."),
        )
    }

    pub fn already_registered(locale: Locale, login: &str, reset: &str) -> MailMessage {
        mail(
            locale,
            "Sie haben bereits ein Konto",
            "You already have an account",
            format!("Guten Tag,\n\njemand hat versucht, mit dieser E-Mail-Adresse ein Konto bei Allmende anzulegen. Sie haben bereits eines.\n\nAnmelden: {login}\nPasswort vergessen: {reset}\n\nWenn Sie das nicht waren, können Sie diese Nachricht ignorieren."),
            format!("Hello,\n\nsomeone tried to register an Allmende account with this e-mail address. You already have one.\n\nSign in: {login}\nForgot your password: {reset}\n\nIf this was not you, you can ignore this message."),
        )
    }

    pub fn password_reset(locale: Locale, link: &str) -> MailMessage {
        mail(
            locale,
            "Neues Passwort für Allmende",
            "A new password for Allmende",
            format!("Guten Tag,\n\nüber diesen Link vergeben Sie ein neues Passwort:\n\n{link}\n\nDer Link gilt eine Stunde und einmal. Wenn Sie kein neues Passwort angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert."),
            format!("Hello,\n\nuse this link to set a new password:\n\n{link}\n\nThe link is valid once, for one hour. If you did not ask for a new password, ignore this message; your password stays as it is."),
        )
    }

    pub fn invitation(locale: Locale, organisation: &str, inviter: &str, link: &str) -> MailMessage {
        mail(
            locale,
            &format!("Einladung: {organisation} auf Allmende"),
            &format!("Invitation: {organisation} on Allmende"),
            format!("Guten Tag,\n\n{inviter} lädt Sie ein, auf Allmende für {organisation} mitzuarbeiten. Annehmen können Sie die Einladung hier:\n\n{link}\n\nDie Einladung gilt 14 Tage."),
            format!("Hello,\n\n{inviter} invites you to work for {organisation} on Allmende. Accept the invitation here:\n\n{link}\n\nThe invitation is valid for 14 days."),
        )
    }
}
