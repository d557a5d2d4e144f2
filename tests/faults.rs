//! Faults around a run, each made to happen: a disk that fills up, folders and files that
//! cannot be written or read, files changed, replaced or deleted between the moment a run
//! reads them and the moment it writes them, signals, a closed pipe, a cache folder that
//! cannot be written or that two runs write at once, and two runs fixing the same files.
//! Each ends with a clear message and the right exit code, and every byte of every file is
//! either as it was or exactly as fixed; no temporary file is left.
#![cfg(unix)]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A sentence of the Sahel example with one mangled name, and as `--fix --unsafe-fixes`
/// writes it.
const SENTENCE: &str = "Le chef de la junte, Assimi Goïta, et la force Takoba.\n";
const FIXED: &str = "Le chef de la junte, Assimi Goïta, et la force Takuba.\n";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sahel() -> PathBuf {
    root().join("glossaries/sahel.toml")
}

/// `glosslint check ARGS` in `dir`, in French with the Sahel glossary alone, the cache off.
fn check_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("glosslint"));
    cmd.current_dir(dir)
        .env("GLOSSLINT_CACHE_DIR", "")
        .arg("check")
        .args(args)
        .args(["--lang", "fr", "--no-builtin", "-g"])
        .arg(sahel());
    cmd
}

/// Starts `cmd` on the tree `c` of [`corpus`], its report read by the test or dropped.
fn spawn_on_tree(mut cmd: Command, report: Stdio) -> std::process::Child {
    cmd.arg("c")
        .stdout(report)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `glosslint check --fix --unsafe-fixes` in French with the Sahel glossary, run in `dir`.
fn fix_in(bin: &Path, dir: &Path, glossary: &Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.current_dir(dir)
        .env("GLOSSLINT_CACHE_DIR", "")
        .args(["check", "--fix", "--unsafe-fixes", "--lang", "fr"])
        .args(["--no-builtin", "--format", "concise", "-g"])
        .arg(glossary);
    cmd
}

fn fix(dir: &Path) -> Command {
    fix_in(&assert_cmd::cargo::cargo_bin("glosslint"), dir, &sahel())
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, text).unwrap();
    path
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// Temporary files a write left in `dir` or below.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            found.extend(temporaries(&path));
        } else if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".glosslint-"))
        {
            found.push(path);
        }
    }
    found
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo reads it only.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_disk_that_fills_up_leaves_the_file_as_it_was() {
    let dir = TempDir::new().unwrap();
    let big = write(dir.path(), "big.txt", &SENTENCE.repeat(400));
    let small = write(dir.path(), "small.txt", SENTENCE);
    let mut cmd = fix(dir.path());
    cmd.arg("big.txt").arg("small.txt");
    // A file size limit of 16 KB: writing the 22 KB fixed file fails half way, as on a
    // full disk (SIGXFSZ ignored, so that the write returns an error instead).
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 16 << 10,
                rlim_max: 16 << 10,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = cmd.output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("glosslint: error: big.txt: not fixed: left as it is: its new text cannot be written in ")
            && err.contains("(over the file size limit: File too large (os error 27))"),
        "{err}"
    );
    assert_eq!(read(&big), SENTENCE.repeat(400));
    assert_eq!(read(&small), FIXED, "the other file is fixed");
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", SENTENCE);
    let output = check_in(dir.path(), &["--format", "json", "a.txt"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "glosslint: error: writing the report to standard output: No space left on device (os error 28)\n"
    );
}

/// Runs `cmd` as the user `nobody` when the tests run as root (who may write anywhere), so
/// that permissions are enforced.
fn as_unprivileged(cmd: &mut Command) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(65534) != 0
                || libc::setuid(65534) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn folders_and_files_that_cannot_be_written_or_read_are_left_as_they_are() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    // The binary and glossary are copied where another user can reach them.
    fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    let bin = d.join("glosslint");
    fs::copy(assert_cmd::cargo::cargo_bin("glosslint"), &bin).unwrap();
    let glossary = d.join("sahel.toml");
    fs::copy(sahel(), &glossary).unwrap();
    fs::set_permissions(&glossary, fs::Permissions::from_mode(0o644)).unwrap();
    let locked = write(d, "locked/a.txt", SENTENCE);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o555)).unwrap();
    let frozen = write(d, "open/frozen.txt", SENTENCE);
    fs::set_permissions(&frozen, fs::Permissions::from_mode(0o444)).unwrap();
    let secret = write(d, "open/secret.txt", SENTENCE);
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    let ok = write(d, "open/ok.txt", SENTENCE);
    fs::set_permissions(&ok, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(d.join("open"), fs::Permissions::from_mode(0o777)).unwrap();

    let mut cmd = fix_in(&bin, d, &glossary);
    cmd.args([
        "locked/a.txt",
        "open/frozen.txt",
        "open/secret.txt",
        "open/ok.txt",
    ]);
    as_unprivileged(&mut cmd);
    let output = cmd.output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("glosslint: error: locked/a.txt: not fixed: left as it is: no temporary file can be made in "), "{err}");
    assert!(
        err.contains("/locked (Permission denied (os error 13))\n"),
        "{err}"
    );
    assert!(err.contains("glosslint: error: open/frozen.txt: not fixed: read-only, so left as it is (make it writable to fix it)"), "{err}");
    assert!(
        err.contains(
            "glosslint: error: open/secret.txt: cannot read: Permission denied (os error 13)"
        ),
        "{err}"
    );
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
    for unchanged in [&locked, &frozen, &secret] {
        assert_eq!(read(unchanged), SENTENCE, "{}", unchanged.display());
    }
    assert_eq!(read(&ok), FIXED);
    assert_eq!(temporaries(d), Vec::<PathBuf>::new());
}

/// Starts `cmd` with one thread, so that files are read in the order given: `gate.txt` is a
/// named pipe, and the run waits on it with the files before it read and those after it not
/// yet. Returns once the run has opened the gate, with the gate open for writing.
fn start_at_gate(mut cmd: Command, gate: &Path) -> (std::process::Child, fs::File) {
    let child = cmd
        .env("RAYON_NUM_THREADS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Opening a pipe for writing waits until its reader opens it.
    let gate = fs::OpenOptions::new().write(true).open(gate).unwrap();
    (child, gate)
}

#[test]
fn files_changed_between_read_and_write_are_left_as_the_other_program_made_them() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let names = [
        "appended.txt",
        "truncated.txt",
        "replaced.txt",
        "deleted.txt",
        "same.txt",
    ];
    for name in names {
        write(d, name, &SENTENCE.repeat(3));
    }
    mkfifo(&d.join("gate.txt"));
    let mut cmd = fix(d);
    cmd.args(names).arg("gate.txt");
    let (child, mut gate) = start_at_gate(cmd, &d.join("gate.txt"));
    // Every file is read; another program changes four of them.
    fs::OpenOptions::new()
        .append(true)
        .open(d.join("appended.txt"))
        .unwrap()
        .write_all("Ajouté par un autre programme.\n".as_bytes())
        .unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(d.join("truncated.txt"))
        .unwrap()
        .set_len(20)
        .unwrap();
    write(d, "new.tmp", "Remplacé par un autre programme.\n");
    fs::rename(d.join("new.tmp"), d.join("replaced.txt")).unwrap();
    fs::remove_file(d.join("deleted.txt")).unwrap();
    gate.write_all("Rien.\n".as_bytes()).unwrap();
    drop(gate);
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    for name in ["appended.txt", "truncated.txt", "replaced.txt"] {
        assert!(
            err.contains(&format!("glosslint: error: {name}: not fixed: changed on disk while it was checked; left as it is: run again")),
            "{name}: {err}"
        );
    }
    assert!(err.contains("glosslint: error: deleted.txt: not fixed: deleted or moved while it was checked; nothing was written"), "{err}");
    assert_eq!(
        read(&d.join("appended.txt")),
        SENTENCE.repeat(3) + "Ajouté par un autre programme.\n"
    );
    assert_eq!(read(&d.join("truncated.txt")), &SENTENCE[..20]);
    assert_eq!(
        read(&d.join("replaced.txt")),
        "Remplacé par un autre programme.\n"
    );
    assert!(
        !d.join("deleted.txt").exists(),
        "a deleted file stays deleted"
    );
    assert_eq!(read(&d.join("same.txt")), FIXED.repeat(3));
    assert_eq!(temporaries(d), Vec::<PathBuf>::new());
}

#[test]
fn a_file_deleted_before_it_is_read_is_reported_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "gone.txt", SENTENCE);
    write(d, "kept.txt", SENTENCE);
    mkfifo(&d.join("gate.txt"));
    let mut cmd = fix(d);
    cmd.args(["gate.txt", "gone.txt", "kept.txt"]);
    let (child, mut gate) = start_at_gate(cmd, &d.join("gate.txt"));
    // The run listed gone.txt and waits on the gate, before it: now it goes.
    fs::remove_file(d.join("gone.txt")).unwrap();
    gate.write_all("Rien.\n".as_bytes()).unwrap();
    drop(gate);
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("glosslint: error: gone.txt: cannot read: the file is gone (deleted or moved since the run began)"), "{err}");
    assert_eq!(read(&d.join("kept.txt")), FIXED);
}

#[test]
fn a_loop_of_links_in_a_folder_is_reported_and_the_rest_is_checked() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "tree/a.txt", SENTENCE);
    std::os::unix::fs::symlink("..", d.join("tree/up")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("tree/dangling.txt")).unwrap();
    let output = fix(d).args(["--follow", "tree"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("File system loop found"), "{err}");
    assert!(err.contains("dangling.txt"), "{err}");
    assert_eq!(read(&d.join("tree/a.txt")), FIXED);
}

/// A tree of `n` files with a mangled name each.
fn corpus(d: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            write(
                d,
                &format!("c/{:02}/f{i:05}.txt", i % 16),
                &SENTENCE.repeat(30),
            )
        })
        .collect()
}

/// Sends `signal` to the run once it has fixed a file (or ended).
fn signal_after_first_fix(child: &std::process::Child, files: &[PathBuf], signals: &[i32]) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60)
        && !files.iter().take(300).any(|f| read(f).contains("Takuba"))
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    for &s in signals {
        // SAFETY: kill has no memory preconditions.
        unsafe { libc::kill(child.id() as i32, s) };
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn whole(files: &[PathBuf]) -> usize {
    let (original, fixed) = (SENTENCE.repeat(30), FIXED.repeat(30));
    files
        .iter()
        .filter(|f| {
            let text = read(f);
            assert!(
                text == original || text == fixed,
                "{} is half written",
                f.display()
            );
            text == fixed
        })
        .count()
}

#[test]
fn an_interrupted_fix_finishes_the_files_it_writes_and_touches_no_other() {
    let dir = TempDir::new().unwrap();
    let files = corpus(dir.path(), 3000);
    let child = spawn_on_tree(fix(dir.path()), Stdio::null());
    signal_after_first_fix(&child, &files, &[libc::SIGINT]);
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(err.contains("glosslint: interrupted: finishing the files being written, no other file is changed (interrupt again to stop at once)"), "{err}");
    assert!(
        err.contains("files not checked; every file is as it was or fixed as reported"),
        "{err}"
    );
    let fixed = whole(&files);
    assert!(fixed > 0 && fixed < files.len(), "{fixed} fixed");
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_second_signal_stops_at_once_and_still_leaves_every_file_whole() {
    let dir = TempDir::new().unwrap();
    let files = corpus(dir.path(), 3000);
    let child = spawn_on_tree(fix(dir.path()), Stdio::null());
    signal_after_first_fix(&child, &files, &[libc::SIGTERM, libc::SIGTERM]);
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(130), "{err}");
    // Stopped at once by the second, or done with the files in hand before it came.
    assert!(
        err.ends_with("glosslint: interrupted\n")
            || err.ends_with("files not checked; every file is as it was or fixed as reported\n"),
        "{err}"
    );
    let fixed = whole(&files);
    assert!(fixed < files.len(), "{fixed} fixed");
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_closed_report_pipe_does_not_stop_fixing() {
    let dir = TempDir::new().unwrap();
    // The safe fix (a known wrong form) is written; the near-miss stays and is reported, far
    // more report than a pipe holds.
    let text = "Le président Hassan Ouattara et la force Takoba.\n".repeat(50);
    let files: Vec<PathBuf> = (0..400)
        .map(|i| write(dir.path(), &format!("p/f{i:03}.txt"), &text))
        .collect();
    // Reads the first byte of the report of `--fix` in `format`, then goes away.
    let read_one_byte = |format: &str| {
        let mut child = check_in(dir.path(), &["--fix", "--format", format, "p"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        child.wait_with_output().unwrap()
    };
    let output = read_one_byte("human");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "findings are left: {err}");
    assert!(err.contains("Applied 20000 fixes in 400 files."), "{err}");
    let fixed = "Le président Alassane Ouattara et la force Takoba.\n".repeat(50);
    for f in &files {
        assert_eq!(read(f), fixed, "{}", f.display());
    }
    // A report written at the end (JSON), its reader gone after the first byte: the exit
    // code still says what is left.
    for f in &files {
        fs::write(f, &text).unwrap();
    }
    let output = read_one_byte("json");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    for f in &files {
        assert_eq!(read(f), fixed, "{}", f.display());
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_said_once_and_passed_over() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "La Tanzani et le Niger.\n");
    write(dir.path(), "not-a-folder", "");
    let output = Command::new(assert_cmd::cargo::cargo_bin("glosslint"))
        .current_dir(dir.path())
        .env("GLOSSLINT_CACHE_DIR", dir.path().join("not-a-folder/cache"))
        .args(["check", "--lang", "fr", "--format", "concise", "a.txt"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("glosslint: note: the glossary cache ").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains(
            "cannot be written (Not a directory (os error 20)); glossaries are loaded without it"
        ),
        "{err}"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("“Tanzani” is close to “Tanzanie”"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The JSON report on `files` in `dir`, with the cache in `cache` (empty: none).
fn report(dir: &Path, cache: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("glosslint"));
    cmd.current_dir(dir)
        .env("GLOSSLINT_CACHE_DIR", cache)
        .args(["check", "--format", "json", "fr.txt", "de.txt", "ru.txt"]);
    cmd
}

#[test]
fn two_runs_writing_the_cache_at_once_and_a_damaged_cache_give_the_same_findings() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "fr.txt", "Le président de la Tanzani et le Niger.\n");
    write(d, "de.txt", "Der Präsident von Tansanja und Niger.\n");
    write(d, "ru.txt", "Президент Танзани и Нигера.\n");
    let expected = report(d, "").output().unwrap();
    assert_eq!(expected.status.code(), Some(1));
    let cache = d.join("cache");
    let cache = cache.to_str().unwrap();
    let same = |output: Output| {
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(stderr(&output), "");
        assert_eq!(output.stdout, expected.stdout);
    };
    // The first runs mark the glossary seen, the next compile it: two at a time, both
    // writing the same files.
    for _ in 0..3 {
        let a = report(d, cache).stdout(Stdio::piped()).spawn().unwrap();
        let b = report(d, cache).stdout(Stdio::piped()).spawn().unwrap();
        same(a.wait_with_output().unwrap());
        same(b.wait_with_output().unwrap());
    }
    let files: Vec<PathBuf> = fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "index")),
        "{files:?}"
    );
    // Damaged: a byte changed in the middle of each file, one file cut in half.
    for (i, f) in files.iter().enumerate() {
        let mut bytes = fs::read(f).unwrap();
        if i == 0 {
            bytes.truncate(bytes.len() / 2);
        } else if !bytes.is_empty() {
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
        }
        fs::write(f, bytes).unwrap();
    }
    same(report(d, cache).output().unwrap());
    same(report(d, cache).output().unwrap());
}

#[test]
fn two_runs_fixing_the_same_files_at_once_write_each_file_once() {
    let dir = TempDir::new().unwrap();
    let files = corpus(dir.path(), 600);
    let spawn = || spawn_on_tree(fix(dir.path()), Stdio::null());
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let written = |output: &Output| -> usize {
        let err = stderr(output);
        let line = err
            .lines()
            .find(|l| l.starts_with("Applied "))
            .unwrap_or_else(|| panic!("{err}"));
        line.split(" in ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // Each file was written by one run; the other found it fixed, or changed since it read
    // it (and said so).
    assert_eq!(
        written(&a) + written(&b),
        files.len(),
        "{}\n{}",
        stderr(&a),
        stderr(&b)
    );
    for output in [&a, &b] {
        for line in stderr(output)
            .lines()
            .filter(|l| l.starts_with("glosslint: error:"))
        {
            assert!(
                line.ends_with(
                    ": not fixed: changed on disk while it was checked; left as it is: run again"
                ),
                "{line}"
            );
        }
    }
    assert_eq!(whole(&files), files.len());
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_signal_while_only_checking_stops_at_once() {
    let dir = TempDir::new().unwrap();
    let files = corpus(dir.path(), 3000);
    let mut child = spawn_on_tree(
        check_in(dir.path(), &["--format", "concise"]),
        Stdio::piped(),
    );
    // The first findings are out: the run is under way.
    let mut first = [0u8; 1];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    // SAFETY: kill has no memory preconditions.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert_eq!(stderr(&output), "glosslint: interrupted\n");
    // Far from every file was reported, and none was changed.
    let reported = String::from_utf8_lossy(&rest).lines().count();
    assert!(reported < files.len() * 30, "{reported} lines");
    assert_eq!(whole(&files), 0);
}
