//! Demo people for the embedded default: an administrator, an owner and a
//! publisher of a municipality, a member of a ministry, and the owner of a
//! second municipality. Their passwords are public (the run command prints
//! them); the seed runs only for the private demo cluster unless an
//! operator asks for it.

pub struct DemoUser {
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub site_admin: bool,
    /// `(organisation slug, role)`.
    pub membership: Option<(&'static str, &'static str)>,
}

pub const DEMO_USERS: [DemoUser; 5] = [
    DemoUser {
        name: "Ada Admin",
        email: "admin@allmende.example",
        password: "Allmende-Admin-2026",
        site_admin: true,
        membership: None,
    },
    DemoUser {
        name: "Olaf Ohlsen",
        email: "olaf.ohlsen@kiel.example",
        password: "Kiel-Eigentum-2026",
        site_admin: false,
        membership: Some(("kiel", "owner")),
    },
    DemoUser {
        name: "Pia Petersen",
        email: "pia.petersen@kiel.example",
        password: "Kiel-Publiziert-2026",
        site_admin: false,
        membership: Some(("kiel", "publisher")),
    },
    DemoUser {
        name: "Mira Möller",
        email: "mira.moeller@im-mv.example",
        password: "Schwerin-Mitglied-2026",
        site_admin: false,
        membership: Some(("im-mv", "member")),
    },
    // The other side of Kiel's agreements: Lübeck reuses from Kiel and
    // provides to it, so both sides of the workflow can be tried.
    DemoUser {
        name: "Lea Lorenzen",
        email: "lea.lorenzen@luebeck.example",
        password: "Luebeck-Eigentum-2026",
        site_admin: false,
        membership: Some(("luebeck", "owner")),
    },
];

/// Mail domains the demo organisations vouch for.
pub const DEMO_DOMAINS: [(&str, &str); 2] = [("kiel.example", "kiel"), ("im-mv.example", "im-mv")];
