//! `glosslint server`: a Language Server Protocol server over standard input and output.
//!
//! One message loop reads the client's messages and keeps the open documents; a checking
//! thread waits until a document has not changed for the debounce delay, checks it through
//! the same path as `glosslint check` (the file's format, the nearest `glosslint.toml`, its
//! language, suppressions) and publishes the findings as diagnostics. Requests (code
//! actions, hover) run on the engine's thread pool against the last check of the document's
//! current version, so the loop never waits for a check. A panic while checking one document
//! becomes that document's diagnostic; the server goes on.
//!
//! Nothing but protocol messages is ever written to standard output.

mod actions;
mod convert;
mod quick;

use super::settings::{Resolver, SetupArgs, Unusable};
use super::Outcome;
use clap::Args;
use convert::{uri_to_path, Encoding, Lines};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use glosslint::file::{FileOptions, SourceFile};
use glosslint::finding::Finding;
use glosslint::formats::Format;
use glosslint::glossary::Index;
use glosslint::report::FileError;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, Diagnostic,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, InitializeParams, PositionEncodingKind, PublishDiagnosticsParams,
    Range, Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

#[derive(Args, Clone)]
pub struct ServerArgs {
    #[command(flatten)]
    setup: SetupArgs,
    /// Milliseconds without a change before a document is checked.
    #[arg(long, value_name = "MS", default_value_t = 100)]
    debounce: u64,
    /// Accepted for editors that start servers with `--stdio`; standard input and output are
    /// the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// An open document, as the client last sent it.
#[derive(Clone)]
struct Doc {
    uri: Uri,
    version: i32,
    /// The client's language id (`markdown`, `po`, …): the format of a document whose path
    /// does not name one.
    language_id: String,
    text: Arc<str>,
}

impl Doc {
    fn path(&self) -> Option<PathBuf> {
        uri_to_path(&self.uri)
    }

    /// The format of the document at `path` (its own path).
    fn format(&self, path: Option<&Path>) -> Format {
        path.and_then(Format::from_path)
            .or_else(|| format_of_language_id(&self.language_id))
            .unwrap_or(Format::Text)
    }
}

/// The format an editor's language id names.
fn format_of_language_id(id: &str) -> Option<Format> {
    Some(match id {
        "markdown" | "mdx" => Format::Markdown,
        "html" => Format::Html,
        "po" | "pot" | "gettext" => Format::Po,
        "xliff" | "xlf" => Format::Xliff,
        "json" | "jsonc" => Format::Json,
        "srt" | "subrip" => Format::Srt,
        "vtt" | "webvtt" => Format::Vtt,
        "tmx" => Format::Tmx,
        "csv" => Format::Csv,
        "tsv" => Format::Tsv,
        "plaintext" | "text" => Format::Text,
        _ => return None,
    })
}

/// What checking one version of a document gave.
pub(crate) struct Checked {
    version: i32,
    text: Arc<str>,
    path: Option<PathBuf>,
    format: Format,
    /// Reported findings, in order, and their diagnostics in the same order; a document that
    /// could not be checked has no findings and one diagnostic saying why.
    findings: Vec<Finding>,
    diagnostics: Vec<Diagnostic>,
    /// What the findings were checked with: for fixes.
    settings: Option<(Arc<Index>, FileOptions<'static>)>,
}

struct Shared {
    sender: Sender<Message>,
    encoding: Encoding,
    args: ServerArgs,
    docs: Mutex<HashMap<Uri, Doc>>,
    checked: Mutex<HashMap<Uri, Arc<Checked>>>,
    resolver: Mutex<Resolver>,
    /// Documents whose exact check is running, and whether a newer version waits for one.
    exact: Mutex<HashMap<Uri, bool>>,
    /// Errors of the configuration or glossaries, shown on every document they keep from
    /// being checked (the resolver reports each once).
    setup_errors: Mutex<Vec<FileError>>,
}

/// Locks `m`; a thread that panicked while holding it left consistent data (every write is
/// one assignment), so the lock is taken anyway.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn run(args: ServerArgs) -> anyhow::Result<Outcome> {
    super::guard::install();
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    // The workspace folder is where configuration is looked for when a document has no path.
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| uri_to_path(&u));
    if let Some(root) = root.filter(|r| r.is_dir()) {
        let _ = std::env::set_current_dir(root);
    }
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                actions::FIX_ALL_KIND.clone(),
            ]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "glosslint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, result)?;

    let shared = Arc::new(Shared {
        sender: connection.sender.clone(),
        encoding,
        resolver: Mutex::new(Resolver::new(args.setup.overrides())),
        args,
        docs: Mutex::new(HashMap::new()),
        checked: Mutex::new(HashMap::new()),
        exact: Mutex::new(HashMap::new()),
        setup_errors: Mutex::new(Vec::new()),
    });
    if watch {
        register_watchers(&connection);
    }
    let (jobs, queue) = crossbeam_channel::unbounded::<Uri>();
    let checker = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("glosslint-check".to_string())
            .spawn(move || check_loop(&shared, &queue))?
    };
    main_loop(&connection, &shared, &jobs)?;
    drop(jobs);
    let _ = checker.join();
    // The writer thread ends when the last sender of the connection is gone.
    drop(shared);
    drop(connection);
    io_threads.join()?;
    Ok(Outcome::default())
}

/// Asks the client to report changes of configuration and glossary files.
fn register_watchers(connection: &Connection) {
    let watchers = ["**/glosslint.toml", "**/*.toml", "**/*.tbx", "**/*.csv"]
        .into_iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String(g.to_string()),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "glosslint-watch".to_string(),
            method: DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        RequestId::from("glosslint-register".to_string()),
        RegisterCapability::METHOD.to_string(),
        params,
    );
    let _ = connection.sender.send(Message::Request(request));
}

fn main_loop(
    connection: &Connection,
    shared: &Arc<Shared>,
    jobs: &Sender<Uri>,
) -> anyhow::Result<()> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                // On a thread of its own: the pool may be busy with exact checks.
                let shared = Arc::clone(shared);
                std::thread::spawn(move || {
                    let id = request.id.clone();
                    let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        answer(&shared, request)
                    }))
                    .unwrap_or_else(|_| {
                        Response::new_err(
                            id,
                            lsp_server::ErrorCode::InternalError as i32,
                            "internal error; please report this with the document".to_string(),
                        )
                    });
                    let _ = shared.sender.send(Message::Response(response));
                });
            }
            Message::Notification(notification) => notify(shared, jobs, notification),
            // The answer to the watcher registration: nothing to do either way.
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn notify(shared: &Arc<Shared>, jobs: &Sender<Uri>, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
            else {
                return;
            };
            let d = p.text_document;
            let doc = Doc {
                uri: d.uri.clone(),
                version: d.version,
                language_id: d.language_id,
                text: d.text.into(),
            };
            lock(&shared.docs).insert(d.uri.clone(), doc);
            let _ = jobs.send(d.uri);
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
            else {
                return;
            };
            let uri = p.text_document.uri;
            let mut docs = lock(&shared.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            let mut text = doc.text.to_string();
            for change in p.content_changes {
                match change.range {
                    Some(range) => {
                        let lines = Lines::new(&text, shared.encoding);
                        let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                        let end = end.max(start);
                        text.replace_range(start..end, &change.text);
                    }
                    None => text = change.text,
                }
            }
            doc.text = text.into();
            doc.version = p.text_document.version;
            drop(docs);
            let _ = jobs.send(uri);
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
            else {
                return;
            };
            let uri = p.text_document.uri;
            lock(&shared.docs).remove(&uri);
            lock(&shared.checked).remove(&uri);
            publish(shared, uri, Vec::new(), None);
        }
        DidSaveTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
            else {
                return;
            };
            // A configuration or glossary edited in the editor itself.
            if let Some(path) = uri_to_path(&p.text_document.uri) {
                if is_setup_file(shared, &path) {
                    reload(shared, jobs);
                    return;
                }
            }
            let _ = jobs.send(p.text_document.uri);
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params)
            else {
                return;
            };
            let changed = p
                .changes
                .iter()
                .filter_map(|c| uri_to_path(&c.uri))
                .any(|path| is_setup_file(shared, &path));
            if changed {
                reload(shared, jobs);
            }
        }
        _ => {}
    }
}

/// Whether `path` is a configuration file, or a glossary or configuration the server has
/// read.
fn is_setup_file(shared: &Shared, path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == glosslint::config::CONFIG_FILE_NAME)
        || lock(&shared.resolver).has_read(path)
}

/// Forgets every configuration and glossary read, and checks every open document again.
fn reload(shared: &Shared, jobs: &Sender<Uri>) {
    *lock(&shared.resolver) = Resolver::new(shared.args.setup.overrides());
    lock(&shared.setup_errors).clear();
    lock(&shared.checked).clear();
    let uris: Vec<Uri> = lock(&shared.docs).keys().cloned().collect();
    for uri in uris {
        let _ = jobs.send(uri);
    }
}

/// The checking thread. A document is looked at once it has not changed for the debounce
/// delay: at once, the last check is carried over to the new text (findings outside the
/// edit keep their place, shifted) and, in text and Markdown, the edited paragraph is
/// checked on its own; this is published within milliseconds of the pause, however large
/// the document. The exact check of the whole document, as `glosslint check` does it, runs
/// beside it on the thread pool and replaces it when done, if the document has not changed
/// meanwhile.
fn check_loop(shared: &Arc<Shared>, queue: &Receiver<Uri>) {
    let delay = Duration::from_millis(shared.args.debounce);
    let mut pending: Vec<Uri> = Vec::new();
    loop {
        if pending.is_empty() {
            match queue.recv() {
                Ok(uri) => pending.push(uri),
                Err(_) => return,
            }
        }
        loop {
            match queue.recv_timeout(delay) {
                Ok(uri) => {
                    if !pending.contains(&uri) {
                        pending.push(uri);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for uri in std::mem::take(&mut pending) {
            let Some(doc) = lock(&shared.docs).get(&uri).cloned() else {
                continue;
            };
            let previous = lock(&shared.checked).get(&uri).cloned();
            if let Some(previous) = previous.filter(|p| p.version != doc.version) {
                if let Some(quick) =
                    quick::carry_over(&previous, &doc, shared.encoding, &actions::rule_docs)
                {
                    let quick = Arc::new(quick);
                    if publish_if_current(shared, &uri, &quick) {
                        lock(&shared.checked).insert(uri.clone(), quick);
                    }
                }
            }
            start_exact(shared, uri);
        }
    }
}

/// Checks `uri` exactly on the thread pool; one such check per document at a time, run
/// again at its end for a version that came during it.
fn start_exact(shared: &Arc<Shared>, uri: Uri) {
    {
        let mut running = lock(&shared.exact);
        if let Some(again) = running.get_mut(&uri) {
            *again = true;
            return;
        }
        running.insert(uri.clone(), false);
    }
    let shared = Arc::clone(shared);
    rayon::spawn(move || loop {
        let Some(doc) = lock(&shared.docs).get(&uri).cloned() else {
            lock(&shared.exact).remove(&uri);
            return;
        };
        let checked = Arc::new(check(&shared, &doc));
        let mut running = lock(&shared.exact);
        // Stored and published under the lock that start_exact takes: a newer version
        // either finds this check running (and asks for another) or comes after it.
        let current = publish_if_current(&shared, &uri, &checked);
        if current {
            lock(&shared.checked).insert(uri.clone(), checked);
        }
        if running.get(&uri) == Some(&true) && !current {
            running.insert(uri.clone(), false);
            continue;
        }
        running.remove(&uri);
        return;
    });
}

/// Publishes `checked` if the document is still at its version.
fn publish_if_current(shared: &Shared, uri: &Uri, checked: &Checked) -> bool {
    let current = lock(&shared.docs).get(uri).map(|d| d.version);
    if current != Some(checked.version) {
        return false;
    }
    publish(
        shared,
        uri.clone(),
        checked.diagnostics.clone(),
        Some(checked.version),
    );
    true
}

fn publish(shared: &Shared, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    let _ = shared.sender.send(Message::Notification(n));
}

/// The check of `uri` at the document's current version: the last one if it is, else the
/// last one carried over to the current text (see `quick`), else a new one.
fn current(shared: &Shared, uri: &Uri) -> Option<Arc<Checked>> {
    let doc = lock(&shared.docs).get(uri).cloned()?;
    let last = lock(&shared.checked).get(uri).cloned();
    if let Some(c) = last {
        if c.version == doc.version {
            return Some(c);
        }
        if let Some(quick) = quick::carry_over(&c, &doc, shared.encoding, &actions::rule_docs) {
            return Some(Arc::new(quick));
        }
    }
    Some(Arc::new(check(shared, &doc)))
}

/// Checks one version of a document, as `glosslint check` checks the file; a panic inside
/// becomes the document's diagnostic.
fn check(shared: &Shared, doc: &Doc) -> Checked {
    let path = doc.path();
    let name = path
        .as_ref()
        .map_or_else(|| doc.uri.as_str().to_string(), |p| p.display().to_string());
    let format = doc.format(path.as_deref());
    let lines = Lines::new(&doc.text, shared.encoding);
    let failed = |diagnostic: Diagnostic| Checked {
        version: doc.version,
        text: Arc::clone(&doc.text),
        path: path.clone(),
        format,
        findings: Vec::new(),
        diagnostics: vec![diagnostic],
        settings: None,
    };
    let start = Range::new(lines.position(0), lines.position(0));
    let outcome = super::guard::isolate(&name, || {
        let file = match SourceFile::parse(
            &name,
            path.as_deref(),
            &doc.text,
            Some(format),
            &Default::default(),
        ) {
            Ok(file) => file,
            Err(e) => {
                let at = lsp_types::Position::new(
                    e.line.saturating_sub(1) as u32,
                    e.column.saturating_sub(1) as u32,
                );
                let message = format!("not valid {}: {}", format.name(), e.message);
                return Ok(failed(convert::problem(Range::new(at, at), message, &[])));
            }
        };
        let settings = lock(&shared.resolver).for_file(path.as_deref(), &file.extracted);
        let settings = match settings {
            Ok(s) => s,
            Err(Unusable { errors, reason }) => {
                let mut known = lock(&shared.setup_errors);
                if !errors.is_empty() {
                    *known = errors;
                }
                let message = format!("not checked: {reason}");
                return Ok(failed(convert::problem(start, message, &known)));
            }
        };
        let file = match file.with_options(&settings.options.format) {
            Ok(f) => f,
            Err(e) => {
                let message = format!("not valid {}: {}", format.name(), e.message);
                return Ok(failed(convert::problem(start, message, &[])));
            }
        };
        let findings = file.check(&settings.index, &settings.options).findings;
        let diagnostics = findings
            .iter()
            .map(|f| convert::diagnostic(&lines, f, actions::rule_docs(f.rule)))
            .collect();
        Ok(Checked {
            version: doc.version,
            text: Arc::clone(&doc.text),
            path: path.clone(),
            format,
            findings,
            diagnostics,
            settings: Some((settings.index, settings.options)),
        })
    });
    outcome.unwrap_or_else(|e: FileError| failed(convert::problem(start, e.message, &[])))
}

/// Answers a request.
fn answer(shared: &Shared, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        CodeActionRequest::METHOD => {
            serde_json::from_value::<lsp_types::CodeActionParams>(request.params).map(|p| {
                let uri = p.text_document.uri.clone();
                let actions = current(shared, &uri)
                    .map(|c| actions::code_actions(&c, &p, shared.encoding))
                    .unwrap_or_default();
                serde_json::to_value(actions).unwrap_or_default()
            })
        }
        HoverRequest::METHOD => serde_json::from_value::<lsp_types::HoverParams>(request.params)
            .map(|p| {
                let uri = &p.text_document_position_params.text_document.uri;
                let hover = current(shared, uri).and_then(|c| {
                    actions::hover(
                        &c,
                        p.text_document_position_params.position,
                        shared.encoding,
                    )
                });
                serde_json::to_value(hover).unwrap_or_default()
            }),
        _ => {
            return Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("glosslint does not answer {}", request.method),
            )
        }
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(e) => Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            format!("invalid parameters: {e}"),
        ),
    }
}
