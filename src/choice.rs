//! Named choices: the closed sets of values users pick by name, on the command line and in the
//! web API's parameters (an output format, a section, a timeline period). Each set says its
//! names and what they mean here, once; the command line builds its flags from them, so the
//! library does not depend on the argument parser.

/// A closed set of values, each with the name users write and one line of help.
pub trait Choice: Copy + Sized + Send + Sync + 'static {
    /// Every value, in the order they are offered.
    const ALL: &'static [Self];

    /// The name users write (and the index stores, where it stores one).
    fn name(self) -> &'static str;

    /// What the value means, in one line.
    fn help(self) -> &'static str;

    /// The value written `name`, exactly as [`Choice::name`] gives it.
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == name)
    }

    /// The names, for messages ("one of text, json, ...").
    fn names() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
        names.join(", ")
    }
}

/// Declares an enum and its [`Choice`] impl from one list: each variant with the name users
/// write and its help, which is also the variant's doc.
#[macro_export]
macro_rules! choices {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal : $help:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( #[doc = $help] $(#[$vmeta])* $variant ),+
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            fn help(self) -> &'static str {
                match self {
                    $($name::$variant => $help),+
                }
            }
        }
    };
}
