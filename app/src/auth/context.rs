//! Login state for every page (client and server): the actions that change it and the
//! account they lead to, provided once by the layout.

use leptos::prelude::*;

use super::api::{AccountSummary, Login, Logout, current_account};
use crate::error::AppError;

/// Login state for every page: the actions that change it and the account they lead to.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub account: Resource<Result<Option<AccountSummary>, AppError>>,
}

pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}

/// Creates the login state for the page frame; the account is refetched after each
/// login/logout and on each navigation, so the header also notices a session that ended
/// elsewhere (timeout, another device, a deleted account).
pub fn provide_auth() -> AuthContext {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let path = leptos_router::hooks::use_location().pathname;
    let account = Resource::new(
        move || (login.version().get(), logout.version().get(), path.get()),
        |_| current_account(),
    );
    let auth = AuthContext {
        login,
        logout,
        account,
    };
    provide_context(auth);
    auth
}
