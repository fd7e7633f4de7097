use leptos::prelude::*;

use crate::accounts::api::active_password_policy;
use crate::kernel::password::PasswordPolicy;

/// The password rules in force, for the instant check next to a new-password field (the
/// server checks again). The portal's default until the answer is there.
pub fn use_password_policy() -> impl Fn() -> PasswordPolicy + Copy + Send + Sync + 'static {
    let policy = Resource::new(|| (), |_| active_password_policy());
    move || policy.get().and_then(Result::ok).unwrap_or_default()
}
