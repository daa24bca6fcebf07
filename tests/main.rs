//! Integration tests: the real `esc` binary on a temporary queue, with the
//! clock, the user and the policy fixed for every command.

mod cli {
    pub mod support;

    mod agents;
    mod automation;
    mod backup;
    mod bad_input;
    mod concurrency;
    mod crash;
    mod customers;
    mod export;
    mod faults;
    mod fuzz_corpus;
    mod generated;
    mod hostile;
    mod import;
    mod import_csv;
    mod load;
    mod mail;
    mod notifications;
    mod policy;
    mod policy_versions;
    mod redact;
    mod refusals;
    mod report;
    mod seeds;
    mod snapshots;
    mod views;
}
