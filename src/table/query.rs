//! The Queries on the messages table: the sk condition from `--year/--since/--until`, and one
//! Query on the table or its index, paged and with its consumed capacity as asked, each page
//! retried through throttling and faults.

use anyhow::{bail, Result};
use aws_sdk_dynamodb::types::{AttributeValue, ReturnConsumedCapacity};
use uuid::Uuid;

use super::Table;
use crate::cli::QueryWindow;
use crate::model::{self, Item};
use crate::output;

/// The app reads a page of 20 messages or conversations.
const APP_PAGE: i32 = 20;

/// The sk half of a reading pattern's key condition, from `--year/--since/--until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkRange {
    Year(i32),
    Since(String),
    Until(String),
    Between(String, String),
}

impl SkRange {
    pub fn of(window: &QueryWindow, this_year: i32) -> Result<Self> {
        let since = window.since.map(|t| t.first_sk());
        let until = window.until.map(|t| t.last_sk());
        Ok(match (since, until) {
            (None, None) => SkRange::Year(window.year.unwrap_or(this_year)),
            (Some(since), None) => SkRange::Since(since),
            (None, Some(until)) => SkRange::Until(until),
            (Some(since), Some(until)) if since > until => {
                bail!("--since {since} is after --until {until}: swap them")
            }
            (Some(since), Some(until)) => SkRange::Between(since, until),
        })
    }

    /// The condition on sk, and the values it names.
    fn condition(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            SkRange::Year(year) => (
                "begins_with(sk, :year)",
                vec![(":year", model::year_sk_prefix(*year))],
            ),
            SkRange::Since(since) => ("sk >= :since", vec![(":since", since.clone())]),
            SkRange::Until(until) => ("sk <= :until", vec![(":until", until.clone())]),
            SkRange::Between(since, until) => (
                "sk BETWEEN :since AND :until",
                vec![(":since", since.clone()), (":until", until.clone())],
            ),
        }
    }

    /// For notes: "in 2026", "since 2026-05-01T00:00:00.000000+00:00"...
    pub fn describe(&self) -> String {
        match self {
            SkRange::Year(year) => format!("in {year}"),
            SkRange::Since(since) => format!("since {since}"),
            SkRange::Until(until) => format!("until {until}"),
            SkRange::Between(since, until) => format!("between {since} and {until}"),
        }
    }
}

/// One Query on the table or its index, newest first.
pub struct KeyQuery {
    index: Option<&'static str>,
    condition: String,
    values: Vec<(&'static str, String)>,
    /// DynamoDB's `Limit`: rows per request.
    page_size: Option<i32>,
    every_page: bool,
    report_consumed: bool,
    /// Only `pk` and `sk` of each row.
    keys_only: bool,
}

pub struct QueryResult {
    pub items: Vec<Item>,
    capacity_units: f64,
    requests: usize,
}

impl QueryResult {
    /// The items as rows of the table's contract; the first that does not fit is the error.
    pub fn rows<T>(&self, parse: impl Fn(&Item) -> Result<T>) -> Result<Vec<T>> {
        self.items.iter().map(parse).collect()
    }
}

impl KeyQuery {
    /// The rows of partition `pk` in the sk range, paged as the flags ask.
    pub fn partition_in(pk: String, range: &SkRange, window: &QueryWindow) -> Self {
        let (sk_condition, mut values) = range.condition();
        values.push((":pk", pk));
        KeyQuery {
            index: None,
            condition: format!("pk = :pk AND {sk_condition}"),
            values,
            page_size: window
                .limit
                .or(if window.all { None } else { Some(APP_PAGE) }),
            every_page: window.all,
            report_consumed: window.consumed,
            keys_only: false,
        }
    }

    /// The newest row of partition `pk`, at any time.
    pub fn newest_of_partition(pk: String) -> Self {
        KeyQuery {
            index: None,
            condition: "pk = :pk".into(),
            values: vec![(":pk", pk)],
            page_size: Some(1),
            every_page: false,
            report_consumed: false,
            keys_only: false,
        }
    }

    /// Every row of partition `pk`.
    pub fn whole_partition(pk: String) -> Self {
        KeyQuery {
            index: None,
            condition: "pk = :pk".into(),
            values: vec![(":pk", pk)],
            page_size: None,
            every_page: true,
            report_consumed: false,
            keys_only: false,
        }
    }

    /// Every group row of a conversation, from the index that holds only group rows.
    pub fn group_rows(group: Uuid) -> Self {
        KeyQuery {
            index: Some(model::GROUP_INDEX),
            condition: "message_group_uuid = :group".into(),
            values: vec![(":group", group.to_string())],
            page_size: None,
            every_page: true,
            report_consumed: false,
            keys_only: false,
        }
    }

    /// The same query, reading only the rows' keys.
    pub fn keys_only(self) -> Self {
        KeyQuery {
            keys_only: true,
            ..self
        }
    }

    /// For --verbose: the query as the AWS console or the backend's code would spell it.
    fn describe(&self, table: &str) -> String {
        let on = self
            .index
            .map_or(table.to_string(), |index| format!("{table} index {index}"));
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let limit = self
            .page_size
            .map_or("no Limit".to_string(), |n| format!("Limit {n}"));
        let pages = if self.every_page {
            "every page"
        } else {
            "one page"
        };
        format!(
            "query {on}: {} ({}), newest first, {limit}, {pages}",
            self.condition,
            values.join(", ")
        )
    }

    pub async fn run(&self, table: &Table<'_>) -> Result<QueryResult> {
        if table.ctx.verbose {
            output::note(self.describe(&table.name));
        }
        let values = self
            .values
            .iter()
            .map(|(name, value)| (name.to_string(), AttributeValue::S(value.clone())));
        let query = table
            .client()
            .query()
            .table_name(&table.name)
            .set_index_name(self.index.map(str::to_string))
            .key_condition_expression(&self.condition)
            .set_expression_attribute_values(Some(values.collect()))
            .set_projection_expression(self.keys_only.then(|| model::KEY_ATTRIBUTES.join(", ")))
            .scan_index_forward(false)
            .set_limit(self.page_size)
            .return_consumed_capacity(if self.report_consumed {
                ReturnConsumedCapacity::Total
            } else {
                ReturnConsumedCapacity::None
            });
        let mut result = QueryResult {
            items: Vec::new(),
            capacity_units: 0.0,
            requests: 0,
        };
        let mut start_key = None;
        loop {
            let page = table
                .stall_limit
                .call(|| {
                    query
                        .clone()
                        .set_exclusive_start_key(start_key.clone())
                        .send()
                })
                .await
                .map_err(|e| table.explain_retried(e))?;
            result.requests += 1;
            result.capacity_units += page
                .consumed_capacity()
                .and_then(|c| c.capacity_units())
                .unwrap_or(0.0);
            result.items.extend(page.items.unwrap_or_default());
            start_key = page.last_evaluated_key;
            if !self.every_page || start_key.is_none() {
                break;
            }
        }
        if self.report_consumed {
            output::note(format!(
                "consumed capacity: {} read units in {} request(s) on table {}",
                result.capacity_units, result.requests, table.name
            ));
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeArg;

    fn window(year: Option<i32>, since: Option<&str>, until: Option<&str>) -> QueryWindow {
        let time = |t: Option<&str>| t.map(|t| TimeArg::parse(t).unwrap());
        QueryWindow {
            year,
            since: time(since),
            until: time(until),
            limit: None,
            all: false,
            consumed: false,
        }
    }

    #[test]
    fn the_default_window_is_this_year_as_the_app_queries() {
        let range = SkRange::of(&window(None, None, None), 2026).unwrap();
        assert_eq!(range, SkRange::Year(2026));
        assert_eq!(
            range.condition(),
            (
                "begins_with(sk, :year)",
                vec![(":year", "2026-".to_string())]
            )
        );
        assert_eq!(
            SkRange::of(&window(Some(2024), None, None), 2026).unwrap(),
            SkRange::Year(2024)
        );
    }

    #[test]
    fn since_and_until_bound_sk_on_either_side() {
        let since = SkRange::of(&window(None, Some("2026-05-01"), None), 2026).unwrap();
        assert_eq!(since.condition().0, "sk >= :since");
        let until = SkRange::of(&window(None, None, Some("2026-05-01")), 2026).unwrap();
        assert_eq!(
            until.condition().1,
            vec![(":until", "2026-05-01T23:59:59.999999+00:00".to_string())]
        );
        let both =
            SkRange::of(&window(None, Some("2026-05-01"), Some("2026-05-01")), 2026).unwrap();
        assert_eq!(both.condition().0, "sk BETWEEN :since AND :until");
        assert!(both
            .describe()
            .starts_with("between 2026-05-01T00:00:00.000000+00:00"));
    }

    #[test]
    fn since_after_until_is_refused() {
        let err =
            SkRange::of(&window(None, Some("2026-05-02"), Some("2026-05-01")), 2026).unwrap_err();
        assert!(err.to_string().contains("is after --until"), "{err}");
    }

    #[test]
    fn the_app_page_is_read_unless_every_page_is_asked_for() {
        let range = SkRange::Year(2026);
        let mut flags = window(None, None, None);
        assert_eq!(
            KeyQuery::partition_in("MSG#x".into(), &range, &flags).page_size,
            Some(APP_PAGE)
        );
        flags.all = true;
        assert_eq!(
            KeyQuery::partition_in("MSG#x".into(), &range, &flags).page_size,
            None
        );
        flags.limit = Some(7);
        let query = KeyQuery::partition_in("MSG#x".into(), &range, &flags);
        assert_eq!((query.page_size, query.every_page), (Some(7), true));
        assert_eq!(
            query.describe("t"),
            "query t: pk = :pk AND begins_with(sk, :year) (:year=2026-, :pk=MSG#x), newest first, Limit 7, every page"
        );
    }
}
