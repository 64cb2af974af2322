//! Sample conversations for `ddb seed`: one message a line, `Person 1: text` or `Person 2: text`;
//! blank lines are skipped. The files under `conversations/` are embedded in the binary.

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use uuid::Uuid;

use crate::model;

/// Person 1 and Person 2 of the sample conversations: the first two users of `sql/seed.sql`.
pub const PERSON_1_HANDLE: &str = "andrewbrown";
pub const PERSON_2_HANDLE: &str = "bayko";

pub const DEFAULT: &str = "default";

const EMBEDDED: &[(&str, &str)] = &[
    ("default", include_str!("../conversations/default.txt")),
    ("short", include_str!("../conversations/short.txt")),
];

/// The names `--conversation` accepts besides a path (for help and shell completion).
pub fn embedded_names() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(name, _)| *name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Person1,
    Person2,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub speaker: Speaker,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Conversation {
    /// Where it came from, as errors and summaries name it.
    pub source: String,
    pub messages: Vec<Message>,
    /// The message group a seed of it writes to unless told otherwise: fixed per conversation, so
    /// that a re-run is recognised instead of duplicated.
    pub default_group: Uuid,
}

/// An embedded conversation by name, or a file by path.
pub fn load(name_or_path: &str) -> Result<Conversation> {
    let (source, text) = match EMBEDDED.iter().find(|(name, _)| *name == name_or_path) {
        Some((name, text)) => (format!("conversations/{name}.txt"), text.to_string()),
        None if Path::new(name_or_path).is_file() => {
            let text = std::fs::read_to_string(name_or_path)
                .map_err(|e| anyhow!("cannot read conversation {name_or_path}: {e}"))?;
            (name_or_path.to_string(), text)
        }
        None => bail!(
            "no conversation {name_or_path:?}: name one of {} or the path of a file",
            embedded_names().collect::<Vec<_>>().join(", ")
        ),
    };
    let default_group = Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("cruddur:conversation:{name_or_path}").as_bytes(),
    );
    Ok(Conversation {
        messages: parse(&source, &text)?,
        source,
        default_group,
    })
}

/// Every line checked before anything is written: a bad one is an error naming `source:line`.
pub fn parse(source: &str, text: &str) -> Result<Vec<Message>> {
    let mut messages = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let at = format!("{source}:{}", index + 1);
        if line.trim().is_empty() {
            continue;
        }
        let (speaker, rest) = if let Some(rest) = line.strip_prefix("Person 1:") {
            (Speaker::Person1, rest)
        } else if let Some(rest) = line.strip_prefix("Person 2:") {
            (Speaker::Person2, rest)
        } else {
            let shown: String = line.chars().take(40).collect();
            bail!("{at}: expected `Person 1: text` or `Person 2: text`, found {shown:?}");
        };
        let text = rest.trim();
        model::validate_message(text).map_err(|e| anyhow!("{at}: {e}"))?;
        messages.push(Message {
            speaker,
            text: text.to_string(),
        });
    }
    if messages.is_empty() {
        bail!("{source} has no messages");
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_conversations_parse_and_the_default_is_long() {
        for name in embedded_names() {
            load(name).unwrap();
        }
        assert!(load(DEFAULT).unwrap().messages.len() >= 50);
    }

    #[test]
    fn blank_lines_are_skipped_and_text_is_trimmed() {
        let messages = parse("t", "Person 1: hi\n\n  \nPerson 2:  hello \n").unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[1],
            Message {
                speaker: Speaker::Person2,
                text: "hello".into()
            }
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse("c.txt", "Person 1: hi\nPerson 3: who?\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.txt:2: expected"), "{err}");
        let long = format!("Person 1: hi\n\nPerson 2: {}\n", "x".repeat(1025));
        let err = parse("c.txt", &long).unwrap_err().to_string();
        assert!(err.starts_with("c.txt:3:") && err.contains("1024"), "{err}");
        assert!(parse("c.txt", "Person 2:   \n")
            .unwrap_err()
            .to_string()
            .contains("blank"));
        assert!(parse("c.txt", "\n\n").is_err());
    }

    #[test]
    fn the_default_group_is_fixed_per_conversation() {
        assert_eq!(
            load(DEFAULT).unwrap().default_group,
            load(DEFAULT).unwrap().default_group
        );
        assert_ne!(
            load(DEFAULT).unwrap().default_group,
            load("short").unwrap().default_group
        );
    }

    #[test]
    fn the_default_handles_are_the_first_two_seed_users() {
        let seed = include_str!("../sql/seed.sql");
        let first = seed.find(&format!("'{PERSON_1_HANDLE}'")).unwrap();
        let second = seed.find(&format!("'{PERSON_2_HANDLE}'")).unwrap();
        let users_values = seed.find("VALUES").unwrap();
        assert!(users_values < first && first < second);
    }
}
