//! `ddb scan`: every item, printed page by page as it arrives, so memory stays flat for any table.

use std::io::{BufWriter, Write};

use anyhow::Result;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::cli::OutputFormat;
use crate::context::Context;
use crate::model::{item_to_json, Item};
use crate::output;
use crate::table::Table;

/// Pages buffered between the scanning tasks and the printer: enough to overlap, few enough to stay flat.
const PAGES_BUFFERED: usize = 4;

type ScanPage = Result<
    Vec<Item>,
    aws_sdk_dynamodb::error::SdkError<
        aws_sdk_dynamodb::operation::scan::ScanError,
        aws_sdk_dynamodb::config::http::HttpResponse,
    >,
>;

pub async fn scan(ctx: &Context, limit: Option<usize>, segments: u16) -> Result<()> {
    let table = Table::open(ctx).await;
    let client = table.client();
    let (pages, mut received) = mpsc::channel::<ScanPage>(PAGES_BUFFERED);
    let mut scanners = JoinSet::new();
    for segment in 0..segments {
        let mut request = client.scan().table_name(&table.name);
        if segments > 1 {
            request = request
                .segment(i32::from(segment))
                .total_segments(i32::from(segments));
        }
        if let Some(limit) = limit {
            // No page larger than what is wanted; DynamoDB caps a page at 1 MB anyway.
            request = request.limit(limit.min(1000) as i32);
        }
        let pages = pages.clone();
        let stall_limit = table.stall_limit;
        scanners.spawn(async move {
            // Each page retried through throttling and faults; a page that still fails ends the
            // scan with its error, after what was printed: never a silent stop half-way.
            let mut start_key = None;
            loop {
                let page = stall_limit
                    .call(|| {
                        request
                            .clone()
                            .set_exclusive_start_key(start_key.clone())
                            .send()
                    })
                    .await
                    .map(|out| {
                        start_key = out.last_evaluated_key;
                        out.items.unwrap_or_default()
                    });
                let last = page.is_err() || start_key.is_none();
                if pages.send(page).await.is_err() || last {
                    break;
                }
            }
        });
    }
    drop(pages);
    let mut printer = ItemPrinter::new(ctx.output);
    let mut printed = 0;
    while let Some(page) = received.recv().await {
        let page = page.map_err(|e| {
            table
                .explain_retried(e)
                .context(format!("the scan stopped after {printed} items"))
        })?;
        for item in page {
            if limit.is_some_and(|limit| printed >= limit) {
                break;
            }
            printer.print(&item)?;
            printed += 1;
        }
        printer.flush()?;
        if limit.is_some_and(|limit| printed >= limit) {
            break;
        }
    }
    scanners.abort_all();
    Ok(())
}

/// Items as they come: NDJSON of plain values, or aligned columns (pk, sk, handle, message) with the
/// message cut to the terminal's width.
pub struct ItemPrinter {
    format: OutputFormat,
    out: BufWriter<std::io::Stdout>,
    message_width: Option<usize>,
    header_done: bool,
}

const PK_WIDTH: usize = 41;
const SK_WIDTH: usize = 32;
const HANDLE_WIDTH: usize = 16;

impl ItemPrinter {
    pub fn new(format: OutputFormat) -> Self {
        let fixed = PK_WIDTH + SK_WIDTH + HANDLE_WIDTH + 6;
        let message_width = console::Term::stdout()
            .size_checked()
            .filter(|_| output::stdout_is_terminal())
            .map(|(_, columns)| usize::from(columns).saturating_sub(fixed).max(10));
        ItemPrinter {
            format,
            out: BufWriter::new(std::io::stdout()),
            message_width,
            header_done: false,
        }
    }

    pub fn print(&mut self, item: &Item) -> Result<()> {
        if self.format == OutputFormat::Json {
            return output::print_json_line(&mut self.out, &item_to_json(item));
        }
        if !self.header_done {
            self.row("pk", "sk", "handle", "message")?;
            self.header_done = true;
        }
        let text = |name: &str| {
            item.get(name)
                .and_then(|v| v.as_s().ok())
                .map(String::as_str)
                .unwrap_or("")
        };
        self.row(text("pk"), text("sk"), text("user_handle"), text("message"))
    }

    fn row(&mut self, pk: &str, sk: &str, handle: &str, message: &str) -> Result<()> {
        let message = message.replace('\n', " ");
        let message = match self.message_width {
            Some(width) if message.chars().count() > width => {
                format!(
                    "{}…",
                    message
                        .chars()
                        .take(width.saturating_sub(1))
                        .collect::<String>()
                )
            }
            _ => message,
        };
        writeln!(
            self.out,
            "{pk:PK_WIDTH$}  {sk:SK_WIDTH$}  {handle:HANDLE_WIDTH$}  {message}"
        )?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
