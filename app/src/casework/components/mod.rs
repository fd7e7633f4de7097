//! `/sachbearbeitung` (the Postkorb) and `/sachbearbeitung/{number}` (one case at work).

pub mod inbox_page;
pub mod work_case_page;
