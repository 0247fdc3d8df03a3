//! Plain HTML forms that work without JavaScript: the server validates, and on
//! an error sends the reader back to the form with a one-time "flash" that
//! holds what they typed and what is wrong, field by field.

mod fields;
mod flash;

pub use fields::{
    ActionButton, ChoiceField, ErrorSummary, FlashNotice, HiddenField, SubmitButton, TextArea, TextField,
};
pub use flash::{use_flash, Flash, FormState, Notice, NoticeKind};
