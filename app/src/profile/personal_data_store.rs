//! Reading and saving "Meine Daten" (server only). The locked fields of a Servicekonto Plus
//! are enforced here, whatever the form sent.

use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

use crate::access::SessionInfo;
use crate::accounts::personal_data::{LOCKED_FIELDS, MyData, PersonalData, date_to_iso};
use crate::accounts::ssr::own_account;
use crate::accounts::ssr::personal_data as from_account;
use crate::error::{AppError, FieldErrors};
use crate::state::AppState;

pub async fn load(state: &AppState, s: &SessionInfo) -> Result<MyData, AppError> {
    let a = own_account(state, s).await?;
    Ok(MyData {
        data: from_account(&a),
        trust: a.trust_level,
    })
}

/// Saves the form. For a Servicekonto Plus a locked field must come back unchanged.
pub async fn save(state: &AppState, s: &SessionInfo, input: PersonalData) -> Result<(), AppError> {
    let a = own_account(state, s).await?;
    let stored = from_account(&a);
    let locked = a.trust_level.is_plus();
    let mut refused = FieldErrors::default();
    for field in LOCKED_FIELDS.into_iter().filter(|_| locked) {
        if input.get(field).trim() != stored.get(field) {
            refused.add(field, tr!("my_data.locked_change"));
        }
    }
    if !refused.is_empty() {
        return Err(AppError::Validation(refused));
    }
    let clean = input
        .validate(crate::clock::today())
        .map_err(AppError::Validation)?;
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    let mut m = a.into_active_model();
    m.salutation = Set(opt(&clean.salutation));
    m.title = Set(opt(&clean.title));
    m.first_name = Set(clean.first_name.clone());
    m.last_name = Set(clean.last_name.clone());
    m.date_of_birth = Set(date_to_iso(&clean.date_of_birth));
    m.street = Set(opt(&clean.street));
    m.house_number = Set(opt(&clean.house_number));
    m.postcode = Set(opt(&clean.postcode));
    m.city = Set(opt(&clean.city));
    m.po_box = Set(opt(&clean.po_box));
    m.phone = Set(opt(&clean.phone));
    m.update(&state.db).await?;
    Ok(())
}
