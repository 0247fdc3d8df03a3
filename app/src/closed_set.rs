//! Closed sets of codes shared by pages and server (statuses, party roles,
//! actions): an enum whose variants serialise as their codes, which the
//! database stores and a `CHECK` allows; `ALL` lets a test compare the two.
//! With `label = "prefix."`, `label_key()` names the catalog entry
//! `prefix.<code>`. (The server's `closed_set!` adds the database binding.)

#[macro_export]
macro_rules! code_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident label = $prefix:literal {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
        }
    ) => {
        $crate::code_set! {
            $(#[$meta])*
            $vis enum $name { $($(#[$vmeta])* $variant = $code),+ }
        }

        impl $name {
            /// Catalog key of the reader's word for it.
            pub const fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, $code)),+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
