//! Command-line commands. The only place that reads files, walks folders and prints.

mod cache;
mod check;
mod glossary;
mod guard;
mod init;
mod inputs;
mod interrupt;
mod outcome;
mod process;
mod records;
mod server;
mod settings;
mod write;

use clap::{Parser, Subcommand};
use glosslint::finding::Rule;
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "glosslint",
    version,
    about = "Finds named entities that a translation mangled, against a glossary, and fixes them.",
    after_help = "Exit status: 0 no findings, 1 findings, 2 an error (unreadable file, bad glossary or configuration, bad arguments)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, folders (recursively) or standard input (`-`) against the glossary.
    Check(Box<check::CheckArgs>),
    /// List the rules with their codes, severities and fix safety, or explain one.
    Rules {
        /// Print this rule's documentation (name or code): what it finds, why, an example,
        /// and how safe its fix is.
        #[arg(long, value_name = "RULE", value_parser = check::parse_rule)]
        explain: Option<Rule>,
    },
    /// Run the language server (LSP over standard input and output) for editors.
    Server(Box<server::ServerArgs>),
    /// Maintain glossaries: lint, test, fmt, stats, import, export, add, suggest.
    Glossary(Box<glossary::GlossaryArgs>),
    /// Write a commented starter glosslint.toml in the current folder.
    Init {
        /// Replace an existing glosslint.toml.
        #[arg(long)]
        force: bool,
    },
}

/// What a run found, for the exit code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub findings: bool,
    pub errors: bool,
    /// A signal stopped the run before every file was done.
    pub interrupted: bool,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        if self.interrupted {
            ExitCode::from(interrupt::EXIT_CODE)
        } else if self.errors {
            ExitCode::from(2)
        } else if self.findings {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

pub fn run() -> anyhow::Result<Outcome> {
    let cli = Cli::parse();
    interrupt::install();
    match cli.command {
        Command::Check(args) => {
            guard::install();
            // An I/O error with no other context is the report's: every read and write of
            // a file names its file.
            check::run(*args).map_err(|e| {
                if e.chain().count() == 1 && e.downcast_ref::<std::io::Error>().is_some() {
                    e.context("writing the report to standard output")
                } else {
                    e
                }
            })
        }
        Command::Init { force } => init::run(force),
        Command::Glossary(args) => glossary::run(*args),
        Command::Server(args) => server::run(*args),
        Command::Rules {
            explain: Some(rule),
        } => {
            std::io::stdout()
                .lock()
                .write_all(rule.documentation().as_bytes())?;
            Ok(Outcome::default())
        }
        Command::Rules { explain: None } => {
            let mut out = std::io::stdout().lock();
            for rule in Rule::ALL {
                writeln!(
                    out,
                    "{}  {:<20} {:<8} fix: {:<13} {}",
                    rule.code(),
                    rule.name(),
                    rule.severity().as_str(),
                    rule.fix_applicability().as_str(),
                    rule.summary()
                )?;
            }
            Ok(Outcome::default())
        }
    }
}

/// True when the error is a closed pipe on output (`glosslint check | head`): not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
