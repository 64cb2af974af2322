//! The stream handler's checkpoint: how far each shard of one stream has been processed, in a file,
//! so that a restart neither skips nor repeats work.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use serde_json::{json, Value};

/// How far each shard of one stream has been processed. A file, so that a restart picks up exactly there.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Checkpoint {
    stream_arn: String,
    /// Shard id → the last sequence number processed, or None when the shard is closed and done.
    shards: BTreeMap<String, Option<String>>,
}

impl Checkpoint {
    pub(super) fn new(stream_arn: &str) -> Self {
        Checkpoint {
            stream_arn: stream_arn.to_string(),
            shards: BTreeMap::new(),
        }
    }

    /// The saved checkpoint of this stream; a fresh one when there is none or it was another stream's
    /// (the table was created again).
    pub(super) fn load(path: &Path, stream_arn: &str) -> Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Checkpoint::new(stream_arn))
            }
            Err(e) => bail!("cannot read the checkpoint {}: {e}", path.display()),
        };
        let bad = || {
            anyhow!(
                "the checkpoint {} is damaged: delete it, or pass --from",
                path.display()
            )
        };
        let value: Value = serde_json::from_str(&text).map_err(|_| bad())?;
        if value["stream_arn"].as_str() != Some(stream_arn) {
            return Ok(Checkpoint::new(stream_arn));
        }
        let shards = value["shards"].as_object().ok_or_else(bad)?;
        Ok(Checkpoint {
            stream_arn: stream_arn.to_string(),
            shards: shards
                .iter()
                .map(|(id, seq)| (id.clone(), seq.as_str().map(str::to_string)))
                .collect(),
        })
    }

    /// Written to a temporary file, then renamed: a crash leaves the old checkpoint or the new one.
    pub(super) fn save(&self, path: &Path) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let value = json!({"stream_arn": self.stream_arn, "shards": self.shards});
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, value.to_string())
            .and_then(|()| std::fs::rename(&temporary, path))
            .with_context(|| format!("cannot write the checkpoint {}", path.display()))
    }

    pub(super) fn position(&self, shard_id: &str) -> Option<&str> {
        self.shards.get(shard_id).and_then(|seq| seq.as_deref())
    }

    pub(super) fn is_finished(&self, shard_id: &str) -> bool {
        matches!(self.shards.get(shard_id), Some(None))
    }

    pub(super) fn read_up_to(&mut self, shard_id: &str, sequence_number: &str) {
        self.shards
            .insert(shard_id.to_string(), Some(sequence_number.to_string()));
    }

    pub(super) fn finish(&mut self, shard_id: &str) {
        self.shards.insert(shard_id.to_string(), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_round_trip_and_belong_to_one_stream() {
        let path =
            std::env::temp_dir().join(format!("cruddur-checkpoint-{}.json", uuid::Uuid::new_v4()));
        let mut checkpoint = Checkpoint::new("arn:1");
        checkpoint.read_up_to("shard-a", "000100");
        checkpoint.finish("shard-b");
        checkpoint.save(&path).unwrap();
        let loaded = Checkpoint::load(&path, "arn:1").unwrap();
        assert_eq!(loaded, checkpoint);
        assert_eq!(loaded.position("shard-a"), Some("000100"));
        assert!(loaded.is_finished("shard-b") && !loaded.is_finished("shard-a"));
        assert_eq!(
            Checkpoint::load(&path, "arn:2").unwrap(),
            Checkpoint::new("arn:2")
        );
        std::fs::write(&path, "{").unwrap();
        assert!(Checkpoint::load(&path, "arn:1")
            .unwrap_err()
            .to_string()
            .contains("damaged"));
        std::fs::remove_file(&path).unwrap();
    }
}
