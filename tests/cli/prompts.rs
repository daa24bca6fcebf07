//! The questions esc asks at a terminal, answered through a real
//! pseudo-terminal: choices shown once with their names, Esc and Ctrl-C
//! cancelling with nothing changed and the cursor shown again.

use super::support::{Queue, Terminal};

const DOWN: &str = "\x1b[B";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

#[test]
fn a_resolution_asked_at_the_terminal_is_typed_and_picked() {
    let q = Queue::manual();
    q.open("09:00", "Printer", &[]);
    let mut t = Terminal::spawn(q.esc("ann", "10:00", &["resolve", "1"]), 100);
    t.expect("Resolution summary");
    t.send("replaced the toner\r");
    t.expect("Root cause");
    // Each entry once, with its name.
    t.expect("product-bug — Product bug");
    t.send(DOWN);
    t.send("\r");
    let (code, printed) = t.finish();
    assert_eq!(code, Some(0), "{printed}");
    let ticket = q.ticket(1);
    assert_eq!(ticket["status"], "resolved");
    assert_eq!(ticket["resolution"], "replaced the toner");
    assert_eq!(ticket["root_cause"], "process", "the second entry");
}

#[test]
fn a_choice_whose_name_is_its_id_shows_it_once() {
    let q = Queue::manual();
    let mut t = Terminal::spawn(
        q.esc(
            "ann",
            "09:00",
            &[
                "open",
                "--title",
                "t",
                "--customer",
                "acme",
                "--category",
                "technical",
            ],
        ),
        100,
    );
    t.expect("Channel");
    t.expect("email");
    t.send("\r");
    t.expect("Description (optional)");
    t.send("\r");
    let (code, printed) = t.finish();
    assert_eq!(code, Some(0), "{printed}");
    assert!(!printed.contains("email — email"), "{printed}");
}

#[test]
fn esc_and_ctrl_c_cancel_with_nothing_changed_and_the_cursor_shown() {
    for (key, name) in [("\x1b", "Esc"), ("\x03", "Ctrl-C")] {
        let q = Queue::manual();
        q.open("09:00", "Printer", &[]);
        let mut t = Terminal::spawn(q.esc("ann", "10:00", &["resolve", "1"]), 100);
        t.expect("Resolution summary");
        t.send("never mind\r");
        t.expect("Root cause");
        t.expect("third-party");
        t.send(key);
        let (code, printed) = t.finish();
        assert_eq!(code, Some(130), "{name}: {printed:?}");
        assert!(
            printed.contains("cancelled: nothing was changed"),
            "{name}: {printed:?}"
        );
        let hidden = printed.rfind(HIDE_CURSOR).unwrap();
        assert!(
            printed[hidden..].contains(SHOW_CURSOR),
            "{name}: the cursor stays hidden: {printed:?}"
        );
        assert_eq!(q.ticket(1)["status"], "open", "{name}");
    }
}

/// `esc open` given every field it requires asks nothing, not even the
/// optional description: a command typed ahead at the terminal became the
/// ticket's description.
#[test]
fn open_with_every_required_flag_asks_nothing() {
    let q = Queue::manual();
    let open = [
        "open",
        "--title",
        "t",
        "--customer",
        "acme",
        "--channel",
        "email",
        "--category",
        "technical",
    ];
    let mut t = Terminal::spawn(q.esc("ann", "09:00", &open), 100);
    // Typed ahead, as the next command would be.
    t.send("esc list\r");
    let (code, printed) = t.finish();
    assert_eq!(code, Some(0), "{printed}");
    assert!(!printed.contains("Description"), "{printed}");
    assert_eq!(q.ticket(1)["description"], "");
}
