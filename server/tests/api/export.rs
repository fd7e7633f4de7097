//! The data export: the own account only, as a ZIP with JSON, without secrets.

use std::io::Read;

use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

async fn export(client: &reqwest::Client, base: &str) -> reqwest::Response {
    client
        .get(format!("{base}/mein-bereich/export"))
        .send()
        .await
        .unwrap()
}

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

on_both_databases!(
    the_export_holds_the_own_data_and_no_secrets,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let anonymous = export(&app.client, &app.base).await;
        assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            anonymous.headers()["location"],
            "/anmelden?weiter=/mein-bereich"
        );

        let (erika, max) = (unique_email("erika-export"), unique_email("max-export"));
        app.register_active(&erika, PW).await;
        app.register_active(&max, PW).await;
        app.login(&erika, PW).await.unwrap();
        app.call(
            "save_my_data",
            &[
                ("salutation", "Frau"),
                ("title", ""),
                ("first_name", "Erika"),
                ("last_name", "Mustermann"),
                ("date_of_birth", ""),
                ("street", "Heidestraße"),
                ("house_number", "17"),
                ("postcode", "51147"),
                ("city", "Köln"),
                ("po_box", ""),
                ("phone", ""),
            ],
        )
        .await
        .unwrap();
        app.call("start_totp_setup", &[("totp_password", PW)])
            .await
            .unwrap();

        let res = export(&app.client, &app.base).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/zip");
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let files = unzip(&res.bytes().await.unwrap());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["LIESMICH.txt", "konto.json"]);
        let json = &files[1].1;
        let doc: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(doc["konto"]["e_mail_adresse"], erika.as_str());
        assert_eq!(doc["meine_daten"]["street"], "Heidestraße");
        assert_eq!(doc["sitzungen"].as_array().unwrap().len(), 1);
        assert!(
            doc["e_mails"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["betreff"] == "Bitte bestätigen Sie Ihre E-Mail-Adresse")
        );
        assert!(!json.contains(&max), "another account's data");
        assert!(!json.contains("$argon2"), "the password hash");
        let secret: String = {
            use sea_orm::{ConnectionTrait, Statement};
            let db = &app.state.db;
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "SELECT secret FROM totp_factors".to_owned(),
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get("", "secret").unwrap()
        };
        assert!(!json.contains(&secret), "the TOTP secret");
    }
);
