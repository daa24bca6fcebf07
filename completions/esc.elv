
use builtin;
use str;

set edit:completion:arg-completer[esc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'esc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'esc'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the queue, with its policy, and write a starter policy file to edit'
            cand open 'Open a new ticket and print its id'
            cand list 'List tickets, most urgent first'
            cand show 'Show a ticket''s fields and its full timeline: who did what, when, and why'
            cand assign 'Assign tickets to someone (yourself if no name is given)'
            cand note 'Add an internal note to a ticket''s timeline'
            cand edit 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags'
            cand respond 'Reply to the customer; the first reply is the first response'
            cand contact 'Record that the customer contacted us again (counts contact attempts)'
            cand pending 'Mark a ticket as waiting on the customer (SLA clocks pause)'
            cand resume 'Take a pending ticket back to open (SLA clocks run again)'
            cand csat 'Record the customer''s satisfaction score, 1 (very unhappy) to 5 (very happy)'
            cand tag 'Add tags to tickets, or remove them with --remove'
            cand escalate 'Escalate tickets to another team, up the ladder of levels, or both'
            cand deescalate 'Take tickets down the ladder of levels when their escalation was not needed'
            cand resolve 'Resolve tickets with a summary and a root cause'
            cand signoff 'Sign off the proposed resolution of a high-level escalation'
            cand reopen 'Reopen a resolved ticket; its next cycle begins'
            cand merge 'Merge a ticket into the one that carries on its request'
            cand link 'Link a ticket to another: under a problem, or related'
            cand watch 'Watch a ticket: be told of everything that happens to it'
            cand tick 'Apply the escalations, warnings and breaches that are due'
            cand outbox 'List notifications waiting to be delivered, and those given up on'
            cand inbox 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them'
            cand ack 'Acknowledge a ticket you were told about: you have it in hand'
            cand report 'Report volume, escalations, SLAs, quality, root causes and agents'
            cand export 'Write the queue out: every ticket with its whole history, or a sheet'
            cand import 'Read an export of `esc export` into a queue'
            cand backup 'Copy the queue to a new file while agents keep working, or check a copy'
            cand redact 'Erase a customer''s personal data from their tickets, for good'
            cand mail 'Take customers'' mail into the queue'
            cand policy 'The queue''s escalation policy: check a file, apply it, show and explain'
            cand demo 'Run a scripted day of support work on a throw-away queue'
            cand completions 'Print a shell completion script'
            cand man 'Print a manual page (roff): esc''s, or a command''s'
            cand complete 'Print completion candidates, one per line: the value, a tab, what it is'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;init'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --force 'Overwrite the starter policy file if it exists'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;open'= {
            cand -t 'One line that says what the customer needs'
            cand --title 'One line that says what the customer needs'
            cand -d 'The details [asked on a terminal, else empty]'
            cand --description 'The details [asked on a terminal, else empty]'
            cand -c 'Who the customer is: a name or an account id'
            cand --customer 'Who the customer is: a name or an account id'
            cand --channel 'Where the customer reached us'
            cand --category 'The decision category, from the policy'
            cand -p 'The priority, from the policy [default: the policy''s]'
            cand --priority 'The priority, from the policy [default: the policy''s]'
            cand --tier 'The customer''s tier, from the policy [default: the policy''s]'
            cand --team 'The team that takes it [default: the policy''s]'
            cand --assignee 'Who works on it [default: nobody yet]'
            cand --tag 'A tag; repeat for more'
            cand --email 'The customer''s e-mail address: where the updates the policy''s `[[customer_updates]]` describe are sent (`esc edit ID --email` changes it later)'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand -q 'Print only the new ticket''s id, for scripts'
            cand --quiet 'Print only the new ticket''s id, for scripts'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;list'= {
            cand -s 'Only tickets in this status; repeat for several'
            cand --status 'Only tickets in this status; repeat for several'
            cand --team 'Only tickets with this team, by its id in the policy'
            cand -l 'Only tickets at this level (e.g. L2)'
            cand --level 'Only tickets at this level (e.g. L2)'
            cand --assignee 'Only tickets assigned to this person'
            cand -p 'Only tickets with this priority'
            cand --priority 'Only tickets with this priority'
            cand --category 'Only tickets in this category'
            cand --customer 'Only this customer''s tickets: `list` matches part of the name in any case, `export` the exact name'
            cand --tag 'Only tickets carrying this tag'
            cand --parent 'Only the children of this ticket: the cases of one problem'
            cand --due-within 'Only tickets with an SLA target due within this long (e.g. 2h)'
            cand --search 'Only tickets whose title, description, customer or notes hold every word of TEXT (in any case; `parcels` finds `parcel`); with --all, resolved tickets too'
            cand -n 'Show at most this many tickets (0 shows all)'
            cand --limit 'Show at most this many tickets (0 shows all)'
            cand --format 'table (fitted to the terminal''s width, or COLUMNS), tsv or csv (a header, then every value whole), or json [default: table on a terminal, tsv elsewhere; json with --json]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand -a 'Every ticket, resolved ones too'
            cand --all 'Every ticket, resolved ones too'
            cand --mine 'Only tickets assigned to you (see --as)'
            cand --unassigned 'Only tickets nobody is assigned to'
            cand --breached 'Only tickets with a breached SLA in their current cycle'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;show'= {
            cand --format 'table (the ticket and its timeline), tsv or csv (the timeline for a program: a header, then one event a line, every value whole), or json [default: table; json with --json]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;assign'= {
            cand --to 'Who takes them [default: you, see --as]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --unassign 'Leave them with their team, assigned to nobody'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;note'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;edit'= {
            cand -t 'A new title'
            cand --title 'A new title'
            cand -d 'A new description (an empty one removes it)'
            cand --description 'A new description (an empty one removes it)'
            cand -c 'Who the customer is: a name or an account id'
            cand --customer 'Who the customer is: a name or an account id'
            cand --email 'The customer''s e-mail address, where the policy''s customer updates go'
            cand --tier 'The customer''s tier, from the policy'
            cand --channel 'Where the customer reached us'
            cand --category 'The decision category, from the policy'
            cand -p 'The priority, from the policy'
            cand --priority 'The priority, from the policy'
            cand --tag 'Add a tag; repeat for more'
            cand --untag 'Remove a tag; repeat for more'
            cand --cc 'Copy an address on what the customer is sent; repeat for more'
            cand --uncc 'Stop copying an address; repeat for more'
            cand -r 'Why: kept on the timeline; needed when the SLA rule changes'
            cand --reason 'Why: kept on the timeline; needed when the SLA rule changes'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --no-email 'Forget the customer''s e-mail address'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;respond'= {
            cand --template 'Send one of the policy''s replies, its fields filled from the ticket'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --edit 'Edit the filled reply in $EDITOR before it goes (on a terminal)'
            cand --internal 'Only record the reply: nothing goes to the customer'
            cand --mail 'Send the reply by mail although the ticket came by another channel'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;contact'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;pending'= {
            cand -r 'What we are waiting for [optional]'
            cand --reason 'What we are waiting for [optional]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;resume'= {
            cand -r 'Why [optional]'
            cand --reason 'Why [optional]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;csat'= {
            cand -c 'What the customer wrote [optional]'
            cand --comment 'What the customer wrote [optional]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;tag'= {
            cand -a 'A tag to add; repeat for more'
            cand --add 'A tag to add; repeat for more'
            cand -r 'A tag to remove; repeat for more'
            cand --remove 'A tag to remove; repeat for more'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;escalate'= {
            cand -t 'Move it to this team (functional escalation)'
            cand --team 'Move it to this team (functional escalation)'
            cand -l 'Raise it to this level (hierarchical escalation)'
            cand --level 'Raise it to this level (hierarchical escalation)'
            cand --to 'Who takes it over [default: nobody; the team picks it up]'
            cand -r 'A summary that gives the next person context [asked on a terminal]'
            cand --reason 'A summary that gives the next person context [asked on a terminal]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --up 'Raise it one level (hierarchical escalation)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;deescalate'= {
            cand -l 'Take it down to this level [default: one below where it is]'
            cand --level 'Take it down to this level [default: one below where it is]'
            cand -t 'Move it back to this team too'
            cand --team 'Move it back to this team too'
            cand --to 'Who takes it over [default: nobody; the team picks it up]'
            cand -r 'Why the escalation was not needed [asked on a terminal]'
            cand --reason 'Why the escalation was not needed [asked on a terminal]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;resolve'= {
            cand -s 'What solved it [asked on a terminal]'
            cand --summary 'What solved it [asked on a terminal]'
            cand -c 'Why it happened, from the policy''s root causes [asked on a terminal]'
            cand --root-cause 'Why it happened, from the policy''s root causes [asked on a terminal]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --children 'Resolve its open and pending children too (the cases of this problem), with the same summary and root cause, in one transaction'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;signoff'= {
            cand --reject 'Reject the resolution, saying why; the ticket is open again'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;reopen'= {
            cand -r 'Why it is back [optional]'
            cand --reason 'Why it is back [optional]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;merge'= {
            cand --into 'The ticket that carries on its request'
            cand -r 'Why they are one request [optional]'
            cand --reason 'Why they are one request [optional]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --undo 'Undo the ticket''s merge, while neither ticket has changed since'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;link'= {
            cand --parent 'Put it under this ticket: the problem it is a case of'
            cand --related 'Relate it to this ticket, neither under the other'
            cand --unlink 'Take away its link with this ticket, whichever it is'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;watch'= {
            cand --for 'Who watches [default: you]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --unwatch 'Stop watching'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;tick'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --dry-run 'Show what would happen, and change nothing'
            cand -v 'Also say which due tickets were left for a later tick, and why, and with --dry-run the key each action would be recorded under'
            cand --verbose 'Also say which due tickets were left for a later tick, and why, and with --dry-run the key each action would be recorded under'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;outbox'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand -a 'Delivered notifications too'
            cand --all 'Delivered notifications too'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand deliver 'Deliver the notifications that are due, now'
            cand retry 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;outbox;deliver'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;outbox;retry'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --failed 'Every notification given up on'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;outbox;help'= {
            cand deliver 'Deliver the notifications that are due, now'
            cand retry 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;outbox;help;deliver'= {
        }
        &'esc;outbox;help;retry'= {
        }
        &'esc;outbox;help;help'= {
        }
        &'esc;inbox'= {
            cand --for 'The person, as the policy names them'
            cand -n 'Show at most this many'
            cand --limit 'Show at most this many'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;ack'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;report'= {
            cand --since 'Start of the window: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]'
            cand --until 'End of the window (not included), in the same forms [default: now]'
            cand --by 'Split the figures by this field of the tickets'
            cand --format 'How to print'
            cand --timezone 'Timezone of dates given without a time, and of the trend [default: UTC]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;export'= {
            cand --format 'jsonl, or csv (a ticket sheet) [default: jsonl; csv with --tickets]'
            cand --since 'Only tickets opened at or after: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d)'
            cand --until 'Only tickets opened before this (same forms as --since)'
            cand -s 'Only tickets in this status; repeat for several'
            cand --status 'Only tickets in this status; repeat for several'
            cand --team 'Only tickets with this team, by its id in the policy'
            cand -l 'Only tickets at this level (e.g. L2)'
            cand --level 'Only tickets at this level (e.g. L2)'
            cand --assignee 'Only tickets assigned to this person'
            cand -p 'Only tickets with this priority'
            cand --priority 'Only tickets with this priority'
            cand --category 'Only tickets in this category'
            cand --customer 'Only this customer''s tickets: `list` matches part of the name in any case, `export` the exact name'
            cand --tag 'Only tickets carrying this tag'
            cand --parent 'Only the children of this ticket: the cases of one problem'
            cand --due-within 'Only tickets with an SLA target due within this long (e.g. 2h)'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --tickets 'A sheet of tickets (one row each) instead of their whole histories'
            cand -a 'Every ticket, resolved ones too'
            cand --all 'Every ticket, resolved ones too'
            cand --mine 'Only tickets assigned to you (see --as)'
            cand --unassigned 'Only tickets nobody is assigned to'
            cand --breached 'Only tickets with a breached SLA in their current cycle'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;import'= {
            cand --from 'What FILE is: an esc export (jsonl), or another help desk''s CSV (csv, with --map)'
            cand --map 'With --from csv: the mapping of the other help desk''s columns and values (TOML)'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --settle-overdue 'Mark tickets whose steps or triggers came due before the import as imported: what came due by then fires nothing (breaches are kept as facts)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;backup'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --check 'Check FILE instead of writing it: a whole, sound esc queue (exit 6 if not)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;redact'= {
            cand --customer 'Every ticket of this customer (the exact name, as `esc list --customer`)'
            cand --ticket 'One ticket: its number, as in 12 or #12'
            cand -r 'Why, for the audit trail (a request''s reference, not personal data)'
            cand --reason 'Why, for the audit trail (a request''s reference, not personal data)'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --yes 'Erase without asking'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;mail'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
            cand receive 'Take one message from standard input, as a mail server delivers it'
            cand fetch 'Take in the mail waiting in the policy''s mailbox, for cron'
            cand list 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows'
            cand retry 'Read a message kept on no ticket again, as if it came now'
            cand show 'Show one kept message as it came, control characters made visible'
            cand save 'Save an attachment of a kept message to a file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;mail;receive'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;mail;fetch'= {
            cand --maildir 'Read this Maildir instead of the policy''s mailbox'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;mail;list'= {
            cand --ticket 'The mail kept on this ticket instead'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;mail;retry'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;mail;show'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;mail;save'= {
            cand --to 'The new file to write'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;mail;help'= {
            cand receive 'Take one message from standard input, as a mail server delivers it'
            cand fetch 'Take in the mail waiting in the policy''s mailbox, for cron'
            cand list 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows'
            cand retry 'Read a message kept on no ticket again, as if it came now'
            cand show 'Show one kept message as it came, control characters made visible'
            cand save 'Save an attachment of a kept message to a file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;mail;help;receive'= {
        }
        &'esc;mail;help;fetch'= {
        }
        &'esc;mail;help;list'= {
        }
        &'esc;mail;help;retry'= {
        }
        &'esc;mail;help;show'= {
        }
        &'esc;mail;help;save'= {
        }
        &'esc;mail;help;help'= {
        }
        &'esc;policy'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
            cand check 'Validate a policy file and report every problem with its line and column'
            cand apply 'Make a policy file the queue''s policy, from now on'
            cand history 'List the queue''s policy versions: who applied each, when, and why'
            cand explain 'Explain which SLA rule, path and triggers apply to a ticket, and why'
            cand simulate 'Replay a window''s tickets under a candidate policy, beside the versions in force'
            cand diff 'List what changed between two policies, in rule terms'
            cand show 'Print the queue''s policy in force (or an earlier version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;policy;check'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;policy;apply'= {
            cand -m 'Why it changes, for the history'
            cand --message 'Why it changes, for the history'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;policy;history'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;policy;explain'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;policy;simulate'= {
            cand --since 'Start of the window of openings: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]'
            cand --until 'End of the window (not included), in the same forms [default: now]'
            cand --by 'Split the figures by this field of the tickets, as they stand'
            cand --ticket 'Show one ticket''s automatic timeline under both, whenever it was opened'
            cand --format 'How to print'
            cand --timezone 'Timezone of dates given without a time [default: UTC]'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --tickets 'List each ticket the candidate would treat otherwise, with the first difference'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;policy;diff'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;policy;show'= {
            cand --version 'Show this version instead of the one in force'
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --toml 'Print the TOML text itself'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;policy;help'= {
            cand check 'Validate a policy file and report every problem with its line and column'
            cand apply 'Make a policy file the queue''s policy, from now on'
            cand history 'List the queue''s policy versions: who applied each, when, and why'
            cand explain 'Explain which SLA rule, path and triggers apply to a ticket, and why'
            cand simulate 'Replay a window''s tickets under a candidate policy, beside the versions in force'
            cand diff 'List what changed between two policies, in rule terms'
            cand show 'Print the queue''s policy in force (or an earlier version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;policy;help;check'= {
        }
        &'esc;policy;help;apply'= {
        }
        &'esc;policy;help;history'= {
        }
        &'esc;policy;help;explain'= {
        }
        &'esc;policy;help;simulate'= {
        }
        &'esc;policy;help;diff'= {
        }
        &'esc;policy;help;show'= {
        }
        &'esc;policy;help;help'= {
        }
        &'esc;demo'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --keep 'Keep the demo queue and print where it is, to explore it afterwards'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;completions'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'esc;man'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;complete'= {
            cand --db 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]'
            cand --policy 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy'
            cand --as 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others'
            cand --now 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)'
            cand --json 'Print machine-readable JSON instead of tables and sentences'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'esc;help'= {
            cand init 'Create the queue, with its policy, and write a starter policy file to edit'
            cand open 'Open a new ticket and print its id'
            cand list 'List tickets, most urgent first'
            cand show 'Show a ticket''s fields and its full timeline: who did what, when, and why'
            cand assign 'Assign tickets to someone (yourself if no name is given)'
            cand note 'Add an internal note to a ticket''s timeline'
            cand edit 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags'
            cand respond 'Reply to the customer; the first reply is the first response'
            cand contact 'Record that the customer contacted us again (counts contact attempts)'
            cand pending 'Mark a ticket as waiting on the customer (SLA clocks pause)'
            cand resume 'Take a pending ticket back to open (SLA clocks run again)'
            cand csat 'Record the customer''s satisfaction score, 1 (very unhappy) to 5 (very happy)'
            cand tag 'Add tags to tickets, or remove them with --remove'
            cand escalate 'Escalate tickets to another team, up the ladder of levels, or both'
            cand deescalate 'Take tickets down the ladder of levels when their escalation was not needed'
            cand resolve 'Resolve tickets with a summary and a root cause'
            cand signoff 'Sign off the proposed resolution of a high-level escalation'
            cand reopen 'Reopen a resolved ticket; its next cycle begins'
            cand merge 'Merge a ticket into the one that carries on its request'
            cand link 'Link a ticket to another: under a problem, or related'
            cand watch 'Watch a ticket: be told of everything that happens to it'
            cand tick 'Apply the escalations, warnings and breaches that are due'
            cand outbox 'List notifications waiting to be delivered, and those given up on'
            cand inbox 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them'
            cand ack 'Acknowledge a ticket you were told about: you have it in hand'
            cand report 'Report volume, escalations, SLAs, quality, root causes and agents'
            cand export 'Write the queue out: every ticket with its whole history, or a sheet'
            cand import 'Read an export of `esc export` into a queue'
            cand backup 'Copy the queue to a new file while agents keep working, or check a copy'
            cand redact 'Erase a customer''s personal data from their tickets, for good'
            cand mail 'Take customers'' mail into the queue'
            cand policy 'The queue''s escalation policy: check a file, apply it, show and explain'
            cand demo 'Run a scripted day of support work on a throw-away queue'
            cand completions 'Print a shell completion script'
            cand man 'Print a manual page (roff): esc''s, or a command''s'
            cand complete 'Print completion candidates, one per line: the value, a tab, what it is'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'esc;help;init'= {
        }
        &'esc;help;open'= {
        }
        &'esc;help;list'= {
        }
        &'esc;help;show'= {
        }
        &'esc;help;assign'= {
        }
        &'esc;help;note'= {
        }
        &'esc;help;edit'= {
        }
        &'esc;help;respond'= {
        }
        &'esc;help;contact'= {
        }
        &'esc;help;pending'= {
        }
        &'esc;help;resume'= {
        }
        &'esc;help;csat'= {
        }
        &'esc;help;tag'= {
        }
        &'esc;help;escalate'= {
        }
        &'esc;help;deescalate'= {
        }
        &'esc;help;resolve'= {
        }
        &'esc;help;signoff'= {
        }
        &'esc;help;reopen'= {
        }
        &'esc;help;merge'= {
        }
        &'esc;help;link'= {
        }
        &'esc;help;watch'= {
        }
        &'esc;help;tick'= {
        }
        &'esc;help;outbox'= {
            cand deliver 'Deliver the notifications that are due, now'
            cand retry 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
        }
        &'esc;help;outbox;deliver'= {
        }
        &'esc;help;outbox;retry'= {
        }
        &'esc;help;inbox'= {
        }
        &'esc;help;ack'= {
        }
        &'esc;help;report'= {
        }
        &'esc;help;export'= {
        }
        &'esc;help;import'= {
        }
        &'esc;help;backup'= {
        }
        &'esc;help;redact'= {
        }
        &'esc;help;mail'= {
            cand receive 'Take one message from standard input, as a mail server delivers it'
            cand fetch 'Take in the mail waiting in the policy''s mailbox, for cron'
            cand list 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows'
            cand retry 'Read a message kept on no ticket again, as if it came now'
            cand show 'Show one kept message as it came, control characters made visible'
            cand save 'Save an attachment of a kept message to a file'
        }
        &'esc;help;mail;receive'= {
        }
        &'esc;help;mail;fetch'= {
        }
        &'esc;help;mail;list'= {
        }
        &'esc;help;mail;retry'= {
        }
        &'esc;help;mail;show'= {
        }
        &'esc;help;mail;save'= {
        }
        &'esc;help;policy'= {
            cand check 'Validate a policy file and report every problem with its line and column'
            cand apply 'Make a policy file the queue''s policy, from now on'
            cand history 'List the queue''s policy versions: who applied each, when, and why'
            cand explain 'Explain which SLA rule, path and triggers apply to a ticket, and why'
            cand simulate 'Replay a window''s tickets under a candidate policy, beside the versions in force'
            cand diff 'List what changed between two policies, in rule terms'
            cand show 'Print the queue''s policy in force (or an earlier version)'
        }
        &'esc;help;policy;check'= {
        }
        &'esc;help;policy;apply'= {
        }
        &'esc;help;policy;history'= {
        }
        &'esc;help;policy;explain'= {
        }
        &'esc;help;policy;simulate'= {
        }
        &'esc;help;policy;diff'= {
        }
        &'esc;help;policy;show'= {
        }
        &'esc;help;demo'= {
        }
        &'esc;help;completions'= {
        }
        &'esc;help;man'= {
        }
        &'esc;help;complete'= {
        }
        &'esc;help;help'= {
        }
    ]
    $completions[$command]
}

# Values only the queue knows (teams, levels, priorities, categories, root
# causes, tiers, ticket ids, replies) come from `esc complete`, which reads
# the queue named by --db on the line (else ESC_DB or the config file),
# read-only, and never makes one.
use re
use str
var esc-static = $edit:completion:arg-completer[esc]
set edit:completion:arg-completer[esc] = {|@words|
    var kinds = [&--category=category &-p=priority &--priority=priority &--tier=tier &--team=team &-l=level &--level=level &--template=reply &--root-cause=root-cause &--ticket=ticket]
    var takes-ids = [&show=$true &assign=$true &note=$true &edit=$true &respond=$true &contact=$true &pending=$true &resume=$true &csat=$true &tag=$true &escalate=$true &deescalate=$true &resolve=$true &signoff=$true &reopen=$true &merge=$true &link=$true &watch=$true &ack=$true &explain=$true]
    var prev = $words[-2]
    var what = ''
    if (has-key $kinds $prev) {
        set what = $kinds[$prev]
    } elif (not (str:has-prefix $words[-1] -)) {
        for word $words[1..-1] {
            if (has-key $takes-ids $word) {
                if (or (eq $prev $word) (re:match '^#?[0-9]+$' $prev)) { set what = ticket }
                break
            }
        }
    }
    if (eq $what '') {
        $esc-static $@words
        return
    }
    var db = []
    for i [(range (- (count $words) 2))] {
        if (eq $words[$i] --db) { set db = [--db $words[(+ $i 1)]] }
    }
    try {
        e:esc $@db complete $what 2>/dev/null | each {|line|
            var parts = [(str:split "\t" $line)]
            edit:complex-candidate $parts[0] &display=(str:join ' ' $parts)
        }
    } catch { }
}
