//! Snapshots of what users see on the bundled examples: the human report, the JSON report,
//! and the diffs of safe and unsafe fixes. Review changes with `cargo insta review`.

use assert_cmd::Command;
use std::path::PathBuf;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("glosslint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn example_reports_and_diffs() {
    for name in ["article.en.txt", "article.fr.txt"] {
        let path = PathBuf::from("examples/sahel").join(name);
        let path = path.to_str().unwrap();
        insta::assert_snapshot!(format!("{name}.human"), run(&["check", path]));
        insta::assert_snapshot!(
            format!("{name}.json"),
            run(&["check", path, "--format", "json"])
        );
        insta::assert_snapshot!(format!("{name}.diff"), run(&["check", path, "--diff"]));
        insta::assert_snapshot!(
            format!("{name}.unsafe.diff"),
            run(&["check", path, "--diff", "--unsafe-fixes"])
        );
    }
}
