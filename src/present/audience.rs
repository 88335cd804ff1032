//! Who a build is for: the public never sees private raw metrics or notes.

/// `Public` (default) shows scores and indicator values; `Internal` adds raw metrics
/// marked `public: false`, notes, and marks pages `noindex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    Public,
    Internal,
}

impl Audience {
    pub fn is_internal(self) -> bool {
        self == Audience::Internal
    }

    pub fn id(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }

    /// Whether a raw metric may be shown to this audience.
    pub fn may_show_metric(self, def: &crate::model::MetricDef) -> bool {
        self.is_internal() || def.public
    }
}
