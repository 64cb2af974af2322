//! Shell completions: the committed files match the command tree, and a real bash completes with them.

use crate::common::*;

#[test]
fn committed_completions_and_man_page_match_the_command_tree() {
    let files = [
        ("bash", "cruddur.bash"),
        ("zsh", "_cruddur"),
        ("fish", "cruddur.fish"),
        ("man", "cruddur.1"),
    ];
    for (what, file) in files {
        let mut cmd = cruddur();
        if what == "man" {
            cmd.arg("man");
        } else {
            cmd.args(["completions", what]);
        }
        let generated = stdout(&cmd.output().unwrap());
        let committed =
            std::fs::read_to_string(format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        assert!(
            generated == committed,
            "completions/{file} is out of date: run scripts/gen-completions and commit it"
        );
    }
}

/// What bash offers after `line` (which ends where the cursor is), through the committed script.
fn bash_completes(line: &str) -> Vec<String> {
    let script = format!(
        r#"source '{}/completions/cruddur.bash'
COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}
read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_cruddur cruddur "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &script])
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_subcommands_env_values_and_conversation_names() {
    let subcommands = bash_completes("cruddur d");
    assert!(
        subcommands.contains(&"ddb".to_string()) && subcommands.contains(&"doctor".to_string()),
        "{subcommands:?}"
    );
    assert_eq!(bash_completes("cruddur --env "), ["dev", "prd"]);
    assert_eq!(
        bash_completes("cruddur ddb seed --conversation "),
        ["default", "short"]
    );
    assert!(bash_completes("cruddur patterns ").contains(&"follow-stream".to_string()));
}
