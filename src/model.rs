//! The messages table's contract with the app's Python backend: key formats, item shapes, the time
//! format, and the JSON shapes the backend returns. No I/O here.
//!
//! Single-table design:
//! - a message group row per participant: `pk = GRP#<user uuid>`, `sk = last message time`,
//!   `message_group_uuid`, `message` (the last one), and the *other* user's `user_uuid`,
//!   `user_display_name`, `user_handle`;
//! - a message row per message: `pk = MSG#<message group uuid>`, `sk = created time`, `message_uuid`,
//!   `message`, and the sender's `user_uuid`, `user_display_name`, `user_handle`.
//!
//! The GSI `message-group-sk-index` (`message_group_uuid`, `sk`) holds only group rows (message rows
//! carry no `message_group_uuid`), so it finds every group row of a conversation.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Result};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

pub type Item = HashMap<String, AttributeValue>;

pub const GROUP_PREFIX: &str = "GRP#";
pub const MESSAGE_PREFIX: &str = "MSG#";
pub const GROUP_INDEX: &str = "message-group-sk-index";
/// The app refuses longer messages.
pub const MAX_MESSAGE_CHARS: usize = 1024;

/// What Python's `datetime.isoformat()` gives for an aware UTC time with microseconds, which the
/// backend parses with `%Y-%m-%dT%H:%M:%S.%f%z`. Always six digits and one fixed offset, so that
/// string order is time order.
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f+00:00";

pub fn format_time(time: DateTime<Utc>) -> String {
    time.format(TIME_FORMAT).to_string()
}

pub fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| anyhow!("{text:?} is not an RFC 3339 time like 2026-05-01T09:30:00+00:00 or 2026-05-01T09:30:00Z: {e}"))
}

/// Times are stored to the microsecond; anything finer would not survive a round trip.
pub fn truncate_to_micros(time: DateTime<Utc>) -> DateTime<Utc> {
    parse_time(&format_time(time)).unwrap_or(time)
}

/// How tables show a time to people: in `zone` (the local one), to the minute.
pub fn display_time<Tz: TimeZone>(time: DateTime<Utc>, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    time.with_timezone(zone)
        .format("%Y-%m-%d %I:%M %p")
        .to_string()
}

/// The sk prefix of everything in `year`, as the app's queries use it with `begins_with`.
pub fn year_sk_prefix(year: i32) -> String {
    format!("{year:04}-")
}

/// What a `--since`/`--until` value may look like, for its error message.
pub const TIME_ARG_FORMATS: &str =
    "a day like 2026-05-01 (UTC), or a time like 2026-05-01T09:30:00Z or 2026-05-01T09:30:00.000000+00:00";

/// A `--since` or `--until` value: a whole day (UTC) or an exact time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeArg {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

impl TimeArg {
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(TimeArg::Day(day));
        }
        DateTime::parse_from_rfc3339(text)
            .map(|t| TimeArg::At(truncate_to_micros(t.with_timezone(&Utc))))
            .map_err(|_| anyhow!("not a day or a time: use {TIME_ARG_FORMATS}"))
    }

    /// The smallest sk this value lets through as a lower bound: a day from its first microsecond.
    pub fn first_sk(&self) -> String {
        match self {
            TimeArg::Day(day) => format_time(day.and_time(NaiveTime::MIN).and_utc()),
            TimeArg::At(time) => format_time(*time),
        }
    }

    /// The largest sk this value lets through as an upper bound: a day to its last microsecond.
    pub fn last_sk(&self) -> String {
        match self {
            TimeArg::Day(day) => {
                let next_day = day.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::days(1);
                format_time(next_day - chrono::Duration::microseconds(1))
            }
            TimeArg::At(time) => format_time(*time),
        }
    }
}

pub fn group_pk(user_uuid: Uuid) -> String {
    format!("{GROUP_PREFIX}{user_uuid}")
}

pub fn message_pk(message_group_uuid: Uuid) -> String {
    format!("{MESSAGE_PREFIX}{message_group_uuid}")
}

/// The group uuid of a message row's pk (`MSG#<uuid>`); None for any other row.
/// The table's key attributes of a row: what DeleteItem and GetItem take.
pub const KEY_ATTRIBUTES: [&str; 2] = ["pk", "sk"];

pub fn key_of(item: &Item) -> Item {
    item.iter()
        .filter(|(name, _)| KEY_ATTRIBUTES.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// The item's size as DynamoDB bills writes: names and values in UTF-8 bytes (numbers, sets and
/// documents approximated by their text), one write unit per started KB.
pub fn write_units(item: &Item) -> u64 {
    fn value_size(value: &AttributeValue) -> usize {
        match value {
            AttributeValue::S(s) | AttributeValue::N(s) => s.len(),
            AttributeValue::B(b) => b.as_ref().len(),
            AttributeValue::Ss(v) | AttributeValue::Ns(v) => v.iter().map(String::len).sum(),
            AttributeValue::Bs(v) => v.iter().map(|b| b.as_ref().len()).sum(),
            AttributeValue::L(v) => 3 + v.iter().map(|x| 1 + value_size(x)).sum::<usize>(),
            AttributeValue::M(m) => {
                3 + m
                    .iter()
                    .map(|(k, x)| 1 + k.len() + value_size(x))
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
    let bytes: usize = item
        .iter()
        .map(|(name, value)| name.len() + value_size(value))
        .sum();
    bytes.div_ceil(1024).max(1) as u64
}

pub fn group_of_message_pk(pk: &str) -> Option<Uuid> {
    pk.strip_prefix(MESSAGE_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// The app's rule for a message's text.
pub fn validate_message(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        bail!("a message cannot be blank");
    }
    let chars = text.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        bail!("a message is at most {MAX_MESSAGE_CHARS} characters; this one has {chars}");
    }
    Ok(())
}

/// A user as the messages table names them (from Postgres `users`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub uuid: Uuid,
    pub display_name: String,
    pub handle: String,
}

/// One participant's row for a conversation: it names the *other* user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageGroupRow {
    pub owner_uuid: Uuid,
    pub message_group_uuid: Uuid,
    pub last_message_at: DateTime<Utc>,
    pub message: String,
    pub other: User,
}

/// One message of a conversation, naming its sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub message_group_uuid: Uuid,
    pub message_uuid: Uuid,
    pub created_at: DateTime<Utc>,
    pub message: String,
    pub sender: User,
}

/// The two group rows of a conversation between `a` and `b`, at its last message.
pub fn group_rows_for(
    message_group_uuid: Uuid,
    a: &User,
    b: &User,
    last_message_at: DateTime<Utc>,
    message: &str,
) -> [MessageGroupRow; 2] {
    let row = |owner: &User, other: &User| MessageGroupRow {
        owner_uuid: owner.uuid,
        message_group_uuid,
        last_message_at,
        message: message.to_string(),
        other: other.clone(),
    };
    [row(a, b), row(b, a)]
}

fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

fn user_attributes(item: &mut Item, user: &User) {
    item.insert("user_uuid".into(), s(user.uuid.to_string()));
    item.insert("user_display_name".into(), s(&user.display_name));
    item.insert("user_handle".into(), s(&user.handle));
}

fn get_str<'a>(item: &'a Item, name: &str) -> Result<&'a str> {
    match item.get(name) {
        Some(AttributeValue::S(value)) => Ok(value),
        Some(_) => bail!("attribute {name} is not a string"),
        None => bail!("attribute {name} is missing"),
    }
}

fn get_uuid(item: &Item, name: &str) -> Result<Uuid> {
    let text = get_str(item, name)?;
    Uuid::parse_str(text).map_err(|_| anyhow!("attribute {name} is not a uuid: {text:?}"))
}

fn user_of(item: &Item) -> Result<User> {
    Ok(User {
        uuid: get_uuid(item, "user_uuid")?,
        display_name: get_str(item, "user_display_name")?.to_string(),
        handle: get_str(item, "user_handle")?.to_string(),
    })
}

/// Where a row that does not fit came from, for the error message.
fn describe(item: &Item) -> String {
    let pk = get_str(item, "pk").unwrap_or("?");
    let sk = get_str(item, "sk").unwrap_or("?");
    format!("item pk={pk} sk={sk}")
}

/// The backend's JSON for a message or a group: `{uuid, display_name, handle, message, created_at}`.
fn backend_json(uuid: Uuid, user: &User, message: &str, at: DateTime<Utc>) -> Value {
    json!({
        "uuid": uuid.to_string(),
        "display_name": user.display_name,
        "handle": user.handle,
        "message": message,
        "created_at": format_time(at),
    })
}

impl MessageGroupRow {
    pub fn to_item(&self) -> Item {
        let mut item = Item::new();
        item.insert("pk".into(), s(group_pk(self.owner_uuid)));
        item.insert("sk".into(), s(format_time(self.last_message_at)));
        item.insert(
            "message_group_uuid".into(),
            s(self.message_group_uuid.to_string()),
        );
        item.insert("message".into(), s(&self.message));
        user_attributes(&mut item, &self.other);
        item
    }

    pub fn from_item(item: &Item) -> Result<Self> {
        let parse = || -> Result<Self> {
            let pk = get_str(item, "pk")?;
            let owner = pk
                .strip_prefix(GROUP_PREFIX)
                .ok_or_else(|| anyhow!("pk does not start with {GROUP_PREFIX}"))?;
            Ok(MessageGroupRow {
                owner_uuid: Uuid::parse_str(owner)
                    .map_err(|_| anyhow!("pk does not name a user uuid"))?,
                message_group_uuid: get_uuid(item, "message_group_uuid")?,
                last_message_at: parse_time(get_str(item, "sk")?)?,
                message: get_str(item, "message")?.to_string(),
                other: user_of(item)?,
            })
        };
        parse().map_err(|e| anyhow!("{} is not a message group row: {e}", describe(item)))
    }

    /// Pattern E: the row moved to a newer message of its conversation (key `sk` and text), or None
    /// when the message is not newer, so that a row never moves backwards and a replay changes nothing.
    pub fn moved_to(&self, message: &MessageRow) -> Option<MessageGroupRow> {
        (message.message_group_uuid == self.message_group_uuid
            && message.created_at > self.last_message_at)
            .then(|| MessageGroupRow {
                last_message_at: message.created_at,
                message: message.message.clone(),
                ..self.clone()
            })
    }

    /// The backend's shape: `uuid` is the group's, the user is the other participant.
    pub fn to_backend_json(&self) -> Value {
        backend_json(
            self.message_group_uuid,
            &self.other,
            &self.message,
            self.last_message_at,
        )
    }
}

impl MessageRow {
    pub fn to_item(&self) -> Item {
        let mut item = Item::new();
        item.insert("pk".into(), s(message_pk(self.message_group_uuid)));
        item.insert("sk".into(), s(format_time(self.created_at)));
        item.insert("message_uuid".into(), s(self.message_uuid.to_string()));
        item.insert("message".into(), s(&self.message));
        user_attributes(&mut item, &self.sender);
        item
    }

    pub fn from_item(item: &Item) -> Result<Self> {
        let parse = || -> Result<Self> {
            let pk = get_str(item, "pk")?;
            Ok(MessageRow {
                message_group_uuid: group_of_message_pk(pk)
                    .ok_or_else(|| anyhow!("pk is not {MESSAGE_PREFIX}<uuid>"))?,
                message_uuid: get_uuid(item, "message_uuid")?,
                created_at: parse_time(get_str(item, "sk")?)?,
                message: get_str(item, "message")?.to_string(),
                sender: user_of(item)?,
            })
        };
        parse().map_err(|e| anyhow!("{} is not a message row: {e}", describe(item)))
    }

    /// The backend's shape: `uuid` is the message's, the user is the sender.
    pub fn to_backend_json(&self) -> Value {
        backend_json(
            self.message_uuid,
            &self.sender,
            &self.message,
            self.created_at,
        )
    }
}

/// An item as plain JSON (no `{"S": ...}` wrapping), for scans and dry runs.
pub fn item_to_json(item: &Item) -> Value {
    let mut keys: Vec<&String> = item.keys().collect();
    keys.sort();
    Value::Object(
        keys.into_iter()
            .map(|k| (k.clone(), attribute_to_json(&item[k])))
            .collect(),
    )
}

fn attribute_to_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => json!(s),
        AttributeValue::N(n) => n
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or_else(|_| json!(n)),
        AttributeValue::Bool(b) => json!(b),
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::Ss(v) => json!(v),
        AttributeValue::Ns(v) => json!(v),
        AttributeValue::L(v) => Value::Array(v.iter().map(attribute_to_json).collect()),
        AttributeValue::M(m) => item_to_json(m),
        AttributeValue::B(b) => json!(format!("<{} bytes>", b.as_ref().len())),
        AttributeValue::Bs(v) => json!(format!("<{} binary values>", v.len())),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user(n: u128, handle: &str) -> User {
        User {
            uuid: Uuid::from_u128(n),
            display_name: format!("User {handle}"),
            handle: handle.into(),
        }
    }

    #[test]
    fn time_format_is_pythons_isoformat_with_microseconds() {
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
        assert_eq!(format_time(t), "2026-05-01T09:30:00.000000+00:00");
        let t = t + chrono::Duration::microseconds(123_456);
        assert_eq!(format_time(t), "2026-05-01T09:30:00.123456+00:00");
        assert_eq!(parse_time(&format_time(t)).unwrap(), t);
    }

    #[test]
    fn string_order_is_time_order() {
        let a = Utc.with_ymd_and_hms(2026, 5, 1, 9, 59, 59).unwrap()
            + chrono::Duration::microseconds(999_999);
        let b = Utc.with_ymd_and_hms(2026, 5, 1, 10, 0, 0).unwrap();
        assert!(format_time(a) < format_time(b));
    }

    #[test]
    fn parse_time_accepts_other_offsets_and_rejects_junk() {
        let t = parse_time("2026-05-01T11:30:00.5+02:00").unwrap();
        assert_eq!(format_time(t), "2026-05-01T09:30:00.500000+00:00");
        assert!(parse_time("yesterday").is_err());
    }

    #[test]
    fn display_time_is_local_to_the_minute() {
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 59).unwrap();
        assert_eq!(display_time(t, &Utc), "2026-05-01 09:30 AM");
        let new_york = chrono::FixedOffset::west_opt(4 * 3600).unwrap();
        assert_eq!(display_time(t, &new_york), "2026-05-01 05:30 AM");
        assert_eq!(
            display_time(t + chrono::Duration::hours(5), &Utc),
            "2026-05-01 02:30 PM"
        );
    }

    #[test]
    fn a_year_prefix_matches_only_that_years_times() {
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap();
        assert!(format_time(t).starts_with(&year_sk_prefix(2026)));
        assert!(!format_time(t).starts_with(&year_sk_prefix(2025)));
    }

    #[test]
    fn time_args_are_days_or_times() {
        let day = TimeArg::parse("2026-05-01").unwrap();
        assert_eq!(day.first_sk(), "2026-05-01T00:00:00.000000+00:00");
        assert_eq!(day.last_sk(), "2026-05-01T23:59:59.999999+00:00");
        let at = TimeArg::parse("2026-05-01T11:30:00+02:00").unwrap();
        assert_eq!(at.first_sk(), "2026-05-01T09:30:00.000000+00:00");
        assert_eq!(at.last_sk(), at.first_sk());
        let stored = TimeArg::parse("2026-05-01T09:30:00.123456+00:00").unwrap();
        assert_eq!(stored.first_sk(), "2026-05-01T09:30:00.123456+00:00");
        assert_eq!(
            TimeArg::parse("2026-05-01T09:30:00Z").unwrap().first_sk(),
            at.first_sk()
        );
        for junk in ["yesterday", "2026-13-01", "2026-05-01 09:30", ""] {
            assert!(
                TimeArg::parse(junk)
                    .unwrap_err()
                    .to_string()
                    .contains("2026-05-01T09:30:00Z"),
                "{junk}"
            );
        }
    }

    #[test]
    fn keys() {
        let id = Uuid::from_u128(7);
        assert_eq!(group_pk(id), format!("GRP#{id}"));
        assert_eq!(message_pk(id), format!("MSG#{id}"));
        assert_eq!(group_of_message_pk(&message_pk(id)), Some(id));
        assert_eq!(group_of_message_pk(&group_pk(id)), None);
    }

    #[test]
    fn group_rows_name_the_other_user_and_round_trip() {
        let (a, b) = (user(1, "alice"), user(2, "bob"));
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
        let group = Uuid::from_u128(9);
        let [for_a, for_b] = group_rows_for(group, &a, &b, at, "hi");
        let item = for_a.to_item();
        assert_eq!(item["pk"], s(format!("GRP#{}", a.uuid)));
        assert_eq!(item["sk"], s("2026-05-01T09:30:00.000000+00:00"));
        assert_eq!(item["user_handle"], s("bob"));
        assert_eq!(item["message_group_uuid"], s(group.to_string()));
        assert_eq!(for_b.other, a);
        assert_eq!(MessageGroupRow::from_item(&item).unwrap(), for_a);
        let json = for_a.to_backend_json();
        assert_eq!(json["uuid"], group.to_string());
        assert_eq!(json["handle"], "bob");
        assert_eq!(json["created_at"], "2026-05-01T09:30:00.000000+00:00");
    }

    #[test]
    fn message_rows_have_no_group_attribute_so_the_index_holds_only_groups() {
        let row = MessageRow {
            message_group_uuid: Uuid::from_u128(9),
            message_uuid: Uuid::from_u128(10),
            created_at: Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap(),
            message: "hello".into(),
            sender: user(1, "alice"),
        };
        let item = row.to_item();
        assert!(!item.contains_key("message_group_uuid"));
        assert_eq!(item["pk"], s(format!("MSG#{}", Uuid::from_u128(9))));
        assert_eq!(MessageRow::from_item(&item).unwrap(), row);
        assert_eq!(
            row.to_backend_json()["uuid"],
            Uuid::from_u128(10).to_string()
        );
        assert!(MessageGroupRow::from_item(&item)
            .unwrap_err()
            .to_string()
            .contains("not a message group row"));
    }

    #[test]
    fn group_rows_move_forward_only() {
        let (a, b) = (user(1, "alice"), user(2, "bob"));
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 30, 0).unwrap();
        let [row, _] = group_rows_for(Uuid::from_u128(9), &a, &b, at, "first");
        let message = |minutes: i64, group: u128| MessageRow {
            message_group_uuid: Uuid::from_u128(group),
            message_uuid: Uuid::new_v4(),
            created_at: at + chrono::Duration::minutes(minutes),
            message: format!("at {minutes}"),
            sender: b.clone(),
        };
        let moved = row.moved_to(&message(5, 9)).unwrap();
        assert_eq!(
            (moved.last_message_at, moved.message.as_str()),
            (at + chrono::Duration::minutes(5), "at 5")
        );
        assert_eq!(
            (moved.owner_uuid, &moved.other),
            (row.owner_uuid, &row.other)
        );
        assert_eq!(
            moved.moved_to(&message(3, 9)),
            None,
            "older: never backwards"
        );
        assert_eq!(
            moved.moved_to(&message(5, 9)),
            None,
            "the same message again: nothing"
        );
        assert_eq!(row.moved_to(&message(5, 10)), None, "another conversation");
    }

    #[test]
    fn message_rules() {
        assert!(validate_message("hi").is_ok());
        assert!(validate_message("  \n").is_err());
        assert!(validate_message(&"é".repeat(1024)).is_ok());
        assert!(validate_message(&"x".repeat(1025))
            .unwrap_err()
            .to_string()
            .contains("1025"));
    }

    #[test]
    fn items_print_as_plain_json() {
        let mut item = Item::new();
        item.insert("pk".into(), s("GRP#x"));
        item.insert("n".into(), AttributeValue::N("3".into()));
        assert_eq!(item_to_json(&item), json!({"n": 3, "pk": "GRP#x"}));
    }
}
