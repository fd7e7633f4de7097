//! The service model's types; its vocabulary sits in the kernel so that the entities can store it.

pub use crate::kernel::money::Money;
pub use crate::kernel::service_terms::{Audience, Fee, FeeDue, FeeKind};
pub use crate::kernel::trust::TrustLevel;
