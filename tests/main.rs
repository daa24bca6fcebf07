//! Integration tests: the real `esc` binary on a temporary queue, with the
//! clock, the user and the policy fixed for every command. `scripts/test`
//! runs them on SQLite files, then again on PostgreSQL (see `support`).

mod cli {
    pub mod support;

    mod agents;
    mod automation;
    mod bad_input;
    mod bulk;
    pub mod completion;
    mod concurrency;
    mod config;
    mod customers;
    mod edit;
    mod export;
    mod family;
    mod formats;
    mod fuzz_corpus;
    mod generated;
    mod hostile;
    mod import;
    mod import_csv;
    mod layers;
    mod load;
    mod mail;
    mod mail_corpus;
    mod mail_fetch;
    mod mail_in;
    mod merge;
    mod notifications;
    mod outputs;
    mod policy;
    mod policy_versions;
    mod prompts;
    mod recurring;
    mod redact;
    mod refusals;
    mod replies;
    mod report;
    mod schedule;
    mod search;
    mod seeds;
    mod simulate;
    mod snapshots;

    /// The store's contract, run on every engine: once, whichever backend
    /// the rest of the suite runs on.
    mod store;
    mod watch;

    /// Proofs about the SQLite file itself (its bytes, locks, permissions,
    /// backups): the PostgreSQL run leaves them out.
    mod file {
        mod backup;
        mod crash;
        mod faults;
        mod views;
    }

    /// Proofs about a queue on a PostgreSQL server: roles, moving a team
    /// from a file, ticks killed on the server. They need the server
    /// whichever backend the rest of the suite runs on.
    mod server {
        mod connect;
        mod crash;
        mod roles;
        mod team;
    }
}
