//! Whole-form checks shared by the browser (instant messages) and the server (the authority).
//! Field names are the server-function argument names, which are also the input `name`s.

use crate::error::FieldErrors;
use crate::kernel::email::{EmailAddress, EmailError};
use crate::kernel::password::{PasswordError, PasswordPolicy};
use crate::kernel::person::{NameField, PersonName};

#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
    pub password_repeat: String,
    pub consent: bool,
}

pub struct ValidRegistration {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: EmailAddress,
}

pub fn first_name(v: &str) -> Result<(), String> {
    PersonName::parse(v, NameField::First).map(|_| ())
}

pub fn last_name(v: &str) -> Result<(), String> {
    PersonName::parse(v, NameField::Last).map(|_| ())
}

pub fn email(v: &str) -> Result<(), String> {
    EmailAddress::parse(v)
        .map(|_| ())
        .map_err(EmailError::message)
}

pub fn new_password(policy: PasswordPolicy, v: &str, email: &str) -> Result<(), String> {
    policy
        .check(v, Some(email).filter(|e| !e.is_empty()))
        .map_err(PasswordError::message)
}

pub fn password_repeat(password: &str, repeat: &str) -> Result<(), String> {
    if repeat.is_empty() {
        Err(tr!("password.repeat_empty"))
    } else if password != repeat {
        Err(PasswordError::RepeatMismatch.message())
    } else {
        Ok(())
    }
}

impl RegistrationInput {
    /// Every rule except the list of common passwords, which only the server holds.
    pub fn validate(&self, policy: PasswordPolicy) -> Result<ValidRegistration, FieldErrors> {
        let mut errors = FieldErrors::default();
        let first = PersonName::parse(&self.first_name, NameField::First)
            .map_err(|m| errors.add("first_name", m))
            .ok();
        let last = PersonName::parse(&self.last_name, NameField::Last)
            .map_err(|m| errors.add("last_name", m))
            .ok();
        let mail = EmailAddress::parse(&self.email)
            .map_err(|e| errors.add("email", e.message()))
            .ok();
        if let Err(m) = new_password(policy, &self.password, &self.email) {
            errors.add("password", m);
        }
        if let Err(m) = password_repeat(&self.password, &self.password_repeat) {
            errors.add("password_repeat", m);
        }
        if !self.consent {
            errors.add("consent", tr!("register.consent_missing"));
        }
        match (first, last, mail) {
            (Some(first_name), Some(last_name), Some(email)) if errors.is_empty() => {
                Ok(ValidRegistration {
                    first_name,
                    last_name,
                    email,
                })
            }
            _ => {
                errors.keep("first_name", &self.first_name);
                errors.keep("last_name", &self.last_name);
                errors.keep("email", &self.email);
                if self.consent {
                    errors.keep("consent", "on");
                }
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RegistrationInput {
        RegistrationInput {
            first_name: "Erika".into(),
            last_name: "Mustermann".into(),
            email: "erika@example.de".into(),
            password: "Grundsteuer#7".into(),
            password_repeat: "Grundsteuer#7".into(),
            consent: true,
        }
    }

    #[test]
    fn a_complete_registration_is_valid() {
        assert!(input().validate(PasswordPolicy::Portal).is_ok());
    }

    #[test]
    fn every_wrong_field_gets_its_message_and_values_are_kept_but_not_passwords() {
        let bad = RegistrationInput {
            first_name: "".into(),
            email: "jürgen@x.de".into(),
            password_repeat: "x".into(),
            consent: false,
            ..input()
        };
        let errors = bad.validate(PasswordPolicy::Portal).err().unwrap();
        let fields: Vec<&str> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["first_name", "email", "password_repeat", "consent"]
        );
        assert_eq!(errors.value_for("email").as_deref(), Some("jürgen@x.de"));
        assert!(errors.value_for("password").is_none());
        assert!(errors.value_for("password_repeat").is_none());
    }
}
