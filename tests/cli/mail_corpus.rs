//! The corpus in `tests/mail-corpus/`: mail as common programs and
//! servers write it, each message received through the pipe a mail server
//! uses, and what became of every one snapshotted whole, with the ticket
//! each opened as an agent reads it.

use super::support::{Queue, repo_file, with_stdin};

#[test]
fn every_message_of_the_corpus_is_filed_as_a_help_desk_expects() {
    let q = Queue::new();
    let dir = repo_file("tests/mail-corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut said = String::new();
    for file in &files {
        let raw = std::fs::read(file).unwrap();
        // Mail travels with CRLF; the files keep LF to read well.
        let crlf: Vec<u8> = raw
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect();
        let mut receive = q.esc("postmaster", "09:00", &["mail", "receive"]);
        let out = with_stdin(&mut receive, &crlf);
        assert_eq!(out.status.code(), Some(0), "{}: {out:?}", file.display());
        said.push_str(&format!(
            "{}\n  {}",
            file.file_name().unwrap().to_string_lossy(),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    // Each ticket the corpus opened, as `esc show --json` gives it.
    for ticket in q
        .json("ann", "09:30", &["list", "--all"])
        .as_array()
        .unwrap()
    {
        let id = ticket["id"].as_i64().unwrap();
        let t = q.ticket(id);
        said.push_str(&format!(
            "\n#{id} {} | {} <{}> | {} | {}\n{}\n",
            t["title"].as_str().unwrap(),
            t["customer"].as_str().unwrap(),
            t["email"].as_str().unwrap_or("-"),
            t["channel"].as_str().unwrap(),
            t["contact_attempts"],
            t["description"].as_str().unwrap()
        ));
    }
    let unfiled = q.ok("ann", "09:30", &["mail", "list"]);
    said.push_str(&format!("\n$ esc mail list\n{unfiled}"));
    insta::assert_snapshot!("mail_corpus", said);
}
