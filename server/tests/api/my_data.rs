//! "Meine Daten": validated on the server, only the own account, locked fields of a
//! Servicekonto Plus unchangeable even by a forged request.

use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

async fn my_data(client: &reqwest::Client, base: &str) -> serde_json::Value {
    call_with(client, base, "my_data", &[])
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

const FULL: [(&str, &str); 11] = [
    ("salutation", "Frau"),
    ("title", "Dr."),
    ("first_name", "Erika"),
    ("last_name", "Mustermann"),
    ("date_of_birth", "12.08.1964"),
    ("street", "Heidestraße"),
    ("house_number", "17"),
    ("postcode", "51147"),
    ("city", "Köln"),
    ("po_box", "123456"),
    ("phone", "0221 1234567"),
];

on_both_databases!(my_data_refuses_anonymous_callers, |b| async move {
    let app = TestApp::spawn(b).await;
    assert_eq!(
        app.call("my_data", &[]).await.unwrap_err(),
        AppError::Unauthenticated
    );
    assert_eq!(
        app.call("save_my_data", &FULL).await.unwrap_err(),
        AppError::Unauthenticated
    );
});

on_both_databases!(
    my_data_is_saved_after_validation_and_only_for_the_own_account,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (erika, max) = (unique_email("erika-data"), unique_email("max-data"));
        app.register_active(&erika, PW).await;
        app.register_active(&max, PW).await;
        app.login(&erika, PW).await.unwrap();
        let max_client = client_for(&app.base);
        call_with(
            &max_client,
            &app.base,
            "login",
            &[("email", &max), ("password", PW)],
        )
        .await
        .unwrap();

        app.call("save_my_data", &FULL).await.unwrap();
        let d = my_data(&app.client, &app.base).await;
        for (k, v) in FULL {
            assert_eq!(d["data"][k], v, "{k}");
        }
        assert_eq!(d["trust"], "Low");
        let stored: Vec<String> = {
            use sea_orm::{ConnectionTrait, Statement};
            let db = &app.state.db;
            let sql = format!("SELECT date_of_birth FROM accounts WHERE email = '{erika}'");
            let row = db
                .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
            vec![row.try_get::<String>("", "date_of_birth").unwrap()]
        };
        assert_eq!(stored, ["1964-08-12"], "dates are stored as ISO");

        // Max sees his own data, not Erika's.
        let m = my_data(&max_client, &app.base).await;
        assert_eq!(m["data"]["street"], "");
        assert_eq!(m["data"]["first_name"], "Erika"); // the registration helper's name
        assert_eq!(m["data"]["phone"], "");

        // Wrong input: a message per field, the entered values kept, nothing saved.
        let mut bad = FULL.to_vec();
        bad[7] = ("postcode", "5114");
        bad[9] = ("po_box", "12");
        bad[5] = ("street", "");
        let e = app.call("save_my_data", &bad).await.unwrap_err();
        for f in ["postcode", "po_box", "street"] {
            assert!(field_error(&e, f).is_some(), "{f}: {e:?}");
        }
        let AppError::Validation(fe) = &e else {
            panic!()
        };
        assert_eq!(fe.value_for("postcode").as_deref(), Some("5114"));
        assert_eq!(
            my_data(&app.client, &app.base).await["data"]["postcode"],
            "51147"
        );

        // The whole address may be removed at once.
        let mut no_address = FULL.to_vec();
        // street, house number, postcode, city
        for (_, value) in &mut no_address[5..=8] {
            *value = "";
        }
        app.call("save_my_data", &no_address).await.unwrap();
        assert_eq!(my_data(&app.client, &app.base).await["data"]["city"], "");
    }
);

on_both_databases!(
    locked_fields_of_a_servicekonto_plus_cannot_change,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("plus");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        app.call("save_my_data", &FULL).await.unwrap();
        app.sql(&format!(
            "UPDATE accounts SET trust_level = 'substantial' WHERE email = '{email}'"
        ))
        .await;
        assert_eq!(
            my_data(&app.client, &app.base).await["trust"],
            "Substantial"
        );

        // A forged request that changes a locked field is refused, field by field.
        for (field, value) in [
            ("last_name", "Musterfrau"),
            ("date_of_birth", "01.01.1990"),
            ("city", "Bonn"),
            ("title", ""),
        ] {
            let mut forged = FULL.to_vec();
            forged.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value;
            forged.iter_mut().find(|(k, _)| *k == "phone").unwrap().1 = "0221 7654321";
            let e = app.call("save_my_data", &forged).await.unwrap_err();
            assert!(field_error(&e, field).is_some(), "{field}: {e:?}");
        }
        let d = my_data(&app.client, &app.base).await;
        assert_eq!(
            (
                d["data"]["last_name"].as_str(),
                d["data"]["city"].as_str(),
                d["data"]["phone"].as_str()
            ),
            (Some("Mustermann"), Some("Köln"), Some("0221 1234567"))
        );

        // Sent back unchanged, the locked fields pass and the free ones are saved.
        let mut free = FULL.to_vec();
        free.iter_mut().find(|(k, _)| *k == "phone").unwrap().1 = "0221 7654321";
        free.iter_mut().find(|(k, _)| *k == "po_box").unwrap().1 = "";
        app.call("save_my_data", &free).await.unwrap();
        let d = my_data(&app.client, &app.base).await;
        assert_eq!(
            (
                d["data"]["last_name"].as_str(),
                d["data"]["phone"].as_str(),
                d["data"]["po_box"].as_str()
            ),
            (Some("Mustermann"), Some("0221 7654321"), Some(""))
        );
    }
);
