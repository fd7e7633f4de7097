//! The portal's mails; their texts are in `app/locales` under `mail.*`. Each is a subject and
//! a plain-text body with a link, never case content.

pub struct Mail {
    pub subject: String,
    pub body: String,
}

fn mail(kind: &str, body: String) -> Mail {
    let subject_key = format!("mail.{kind}.subject");
    Mail {
        subject: tr!(&subject_key),
        body: format!("{body}\n\n{}", tr!("mail.signature")),
    }
}

pub fn activation(first_name: &str, link: &str) -> Mail {
    mail(
        "activation",
        tr!("mail.activation.body", first_name = first_name, link = link),
    )
}

pub fn already_registered(login_link: &str, reset_link: &str) -> Mail {
    mail(
        "already_registered",
        tr!(
            "mail.already_registered.body",
            login_link = login_link,
            reset_link = reset_link
        ),
    )
}

pub fn password_reset(link: &str) -> Mail {
    mail(
        "password_reset",
        tr!("mail.password_reset.body", link = link),
    )
}

pub fn password_changed(reset_link: &str) -> Mail {
    mail(
        "password_changed",
        tr!("mail.password_changed.body", reset_link = reset_link),
    )
}

pub fn account_locked(minutes: i64, reset_link: &str) -> Mail {
    mail(
        "account_locked",
        tr!(
            "mail.account_locked.body",
            minutes = minutes,
            reset_link = reset_link
        ),
    )
}

pub fn email_change_confirm(link: &str) -> Mail {
    mail(
        "email_change_confirm",
        tr!("mail.email_change_confirm.body", link = link),
    )
}

pub fn email_change_notice(reset_link: &str) -> Mail {
    mail(
        "email_change_notice",
        tr!("mail.email_change_notice.body", reset_link = reset_link),
    )
}

pub fn email_change_taken(reset_link: &str) -> Mail {
    mail(
        "email_change_taken",
        tr!("mail.email_change_taken.body", reset_link = reset_link),
    )
}

pub fn login_link(link: &str, minutes: i64) -> Mail {
    mail(
        "login_link",
        tr!("mail.login_link.body", link = link, minutes = minutes),
    )
}

/// Something new in a case: says only that, with a link (SPEC §3.6).
pub fn case_update(link: &str) -> Mail {
    mail("case_update", tr!("mail.case_update.body", link = link))
}

pub fn staff_invite(first_name: &str, authority: &str, link: &str) -> Mail {
    mail(
        "staff_invite",
        tr!(
            "mail.staff_invite.body",
            first_name = first_name,
            authority = authority,
            link = link
        ),
    )
}

/// To each caseworker responsible for the service: a new application, as a link only.
pub fn new_application(link: &str) -> Mail {
    mail(
        "new_application",
        tr!("mail.new_application.body", link = link),
    )
}

/// To the caseworker who has the case: the applicant wrote.
pub fn applicant_replied(link: &str) -> Mail {
    mail(
        "applicant_replied",
        tr!("mail.applicant_replied.body", link = link),
    )
}

pub fn second_factor_changed(reset_link: &str) -> Mail {
    mail(
        "second_factor_changed",
        tr!("mail.second_factor_changed.body", reset_link = reset_link),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mails_carry_their_link_and_the_signature() {
        let m = activation("Erika", "https://x/aktivieren?token=abc");
        assert_eq!(m.subject, "Bitte bestätigen Sie Ihre E-Mail-Adresse");
        assert!(m.body.starts_with("Guten Tag Erika,"));
        assert!(m.body.contains("https://x/aktivieren?token=abc"));
        assert!(m.body.contains("Mit freundlichen Grüßen"));
        assert!(password_reset("https://x/r").body.contains("https://x/r"));
        assert!(
            account_locked(15, "https://x/r")
                .body
                .contains("15 Minuten")
        );
    }
}
