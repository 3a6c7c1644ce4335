//! `quoth extract --json` at scale, through the real binary: directories, the JSON Lines stdin
//! contract that `xargs -P`, GNU parallel, Spark's `RDD.pipe` and Hadoop streaming rely on,
//! `--jobs` keeping the input order, errors in place, and a quiet stderr when it is not a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn quoth(home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("QUOTH_CONFIG", home.join("no-config.toml"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn stdin_records_give_one_line_each_with_their_id_in_order() {
    let home = tempfile::tempdir().unwrap();
    // The exact contract: one object per line, `id` (any JSON value) and `text`, `title` optional.
    let input = concat!(
        r#"{"id": "a-1", "title": "Harbour", "text": "“We will rebuild,” said Mira Holt.\n\nThe wall fell."}"#,
        "\n",
        r#"{"id": 2, "text": "No quotes here at all."}"#,
        "\n",
        "\n",
        r#"{"id": "bad", "title": "missing text"}"#,
        "\n",
        "not json\n",
        r#"{"id": "last", "text": "“Done,” she said."}"#,
        "\n",
    );
    for jobs in ["1", "2"] {
        let o = quoth(home.path(), &["extract", "--json", "--jobs", jobs, "-"], input);
        assert_eq!(o.status.code(), Some(1), "two bad records");
        let v = json_lines(&o);
        let ids: Vec<String> = v.iter().map(|l| l["id"].to_string()).collect();
        assert_eq!(ids, ["\"a-1\"", "2", "\"bad\"", "null", "\"last\""], "jobs {jobs}");
        assert_eq!(v[0]["title"], "Harbour");
        assert_eq!(v[0]["quotes"][0]["speaker"], "Mira Holt");
        assert_eq!(v[1]["quotes"].as_array().unwrap().len(), 0);
        assert!(v[2]["error"].is_string() && v[3]["error"].is_string());
        assert!(v[4]["error"].is_null());
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 2, "{stderr}");
        assert!(stderr.lines().all(|l| l.starts_with("quoth: ")) && !stderr.contains('\x1b'), "{stderr:?}");
    }
}

#[test]
fn directories_are_walked_and_jobs_keep_the_order() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir_all(lib.join("b")).unwrap();
    let mut want = Vec::new();
    for i in 0..30 {
        let dir = if i % 3 == 0 { lib.join("b") } else { lib.clone() };
        let name = format!("{i:02}.txt");
        let body = "“Again,” said Ann Lee. ".repeat(1 + (i * 53) % 300);
        std::fs::write(dir.join(&name), format!("Story {i}\n\n{body}")).unwrap();
        want.push(dir.join(name));
    }
    std::fs::write(lib.join("logo.png"), [0u8, 1, 2]).unwrap();
    // The walk's order: a folder's entries by name, subfolders where they sort.
    want.sort_by_key(|p| (p.parent().unwrap() != lib, p.clone()));
    let one = quoth(home.path(), &["extract", "--json", "--jobs", "1", "lib"], "");
    let two = quoth(home.path(), &["extract", "--json", "--jobs", "2", "lib"], "");
    assert!(one.status.success() && two.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    assert_eq!(one.stdout, two.stdout, "--jobs changes nothing but speed");
    let paths: Vec<String> = json_lines(&one).iter().map(|l| l["path"].as_str().unwrap().to_owned()).collect();
    assert_eq!(paths.len(), 30, "the .png is not an article");
    for (got, want) in paths.iter().zip(&want) {
        assert!(want.ends_with(got), "{got} in place of {}", want.display());
    }
    assert!(one.stderr.is_empty(), "no progress bar when stderr is not a terminal");
}

/// A fragment quoted inside a mixed quote is listed once, nested in it; `--fragments` lists it
/// as a quote of its own as well (for annotations that count it so), with its speaker.
#[test]
fn a_fragment_is_nested_in_its_mixed_quote_unless_fragments_is_asked_for() {
    let home = tempfile::tempdir().unwrap();
    let input = concat!(
        r#"{"id": 1, "text": "Councillor Wren Adeyemi called the budget “a patchwork of promises” on Monday."}"#,
        "\n"
    );
    let kinds = |o: &Output| -> Vec<(String, bool, String, String)> {
        json_lines(o)[0]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let s = |k: &str| q[k].as_str().unwrap_or_default().to_owned();
                (s("kind"), q["partial"].as_bool().unwrap_or(false), s("text"), s("speaker"))
            })
            .collect()
    };
    let plain = quoth(home.path(), &["extract", "--json", "-"], input);
    assert!(plain.status.success());
    let mixed = (
        "mixed".to_owned(),
        false,
        "the budget “a patchwork of promises” on Monday".to_owned(),
        "Wren Adeyemi".to_owned(),
    );
    assert_eq!(kinds(&plain), std::slice::from_ref(&mixed));
    assert_eq!(json_lines(&plain)[0]["quotes"][0]["nested"][0]["text"], "a patchwork of promises");
    let both = quoth(home.path(), &["extract", "--json", "--fragments", "-"], input);
    let fragment = ("direct".to_owned(), true, "a patchwork of promises".to_owned(), "Wren Adeyemi".to_owned());
    assert_eq!(kinds(&both), [mixed, fragment]);
    assert!(json_lines(&both)[0]["quotes"][0]["nested"].as_array().is_none_or(Vec::is_empty));
}
