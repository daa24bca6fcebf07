# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_esc_global_optspecs
    string join \n db= policy= as= now= json h/help V/version
end

function __fish_esc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_esc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_esc_using_subcommand
    set -l cmd (__fish_esc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c esc -n "__fish_esc_needs_command" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_needs_command" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_needs_command" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_needs_command" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_needs_command" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_needs_command" -s V -l version -d 'Print version'
complete -c esc -n "__fish_esc_needs_command" -f -a "init" -d 'Create the queue, with its policy, and write a starter policy file to edit'
complete -c esc -n "__fish_esc_needs_command" -f -a "open" -d 'Open a new ticket and print its id'
complete -c esc -n "__fish_esc_needs_command" -f -a "list" -d 'List tickets, most urgent first'
complete -c esc -n "__fish_esc_needs_command" -f -a "show" -d 'Show a ticket\'s fields and its full timeline: who did what, when, and why'
complete -c esc -n "__fish_esc_needs_command" -f -a "assign" -d 'Assign tickets to someone (yourself if no name is given)'
complete -c esc -n "__fish_esc_needs_command" -f -a "note" -d 'Add an internal note to a ticket\'s timeline'
complete -c esc -n "__fish_esc_needs_command" -f -a "edit" -d 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags'
complete -c esc -n "__fish_esc_needs_command" -f -a "respond" -d 'Reply to the customer; the first reply is the first response'
complete -c esc -n "__fish_esc_needs_command" -f -a "contact" -d 'Record that the customer contacted us again (counts contact attempts)'
complete -c esc -n "__fish_esc_needs_command" -f -a "pending" -d 'Mark a ticket as waiting on the customer (SLA clocks pause)'
complete -c esc -n "__fish_esc_needs_command" -f -a "resume" -d 'Take a pending ticket back to open (SLA clocks run again)'
complete -c esc -n "__fish_esc_needs_command" -f -a "csat" -d 'Record the customer\'s satisfaction score, 1 (very unhappy) to 5 (very happy)'
complete -c esc -n "__fish_esc_needs_command" -f -a "tag" -d 'Add tags to tickets, or remove them with --remove'
complete -c esc -n "__fish_esc_needs_command" -f -a "escalate" -d 'Escalate tickets to another team, up the ladder of levels, or both'
complete -c esc -n "__fish_esc_needs_command" -f -a "deescalate" -d 'Take tickets down the ladder of levels when their escalation was not needed'
complete -c esc -n "__fish_esc_needs_command" -f -a "resolve" -d 'Resolve tickets with a summary and a root cause'
complete -c esc -n "__fish_esc_needs_command" -f -a "signoff" -d 'Sign off the proposed resolution of a high-level escalation'
complete -c esc -n "__fish_esc_needs_command" -f -a "reopen" -d 'Reopen a resolved ticket; its next cycle begins'
complete -c esc -n "__fish_esc_needs_command" -f -a "merge" -d 'Merge a ticket into the one that carries on its request'
complete -c esc -n "__fish_esc_needs_command" -f -a "link" -d 'Link a ticket to another: under a problem, or related'
complete -c esc -n "__fish_esc_needs_command" -f -a "watch" -d 'Watch a ticket: be told of everything that happens to it'
complete -c esc -n "__fish_esc_needs_command" -f -a "tick" -d 'Apply the escalations, warnings and breaches that are due'
complete -c esc -n "__fish_esc_needs_command" -f -a "outbox" -d 'List notifications waiting to be delivered, and those given up on'
complete -c esc -n "__fish_esc_needs_command" -f -a "inbox" -d 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them'
complete -c esc -n "__fish_esc_needs_command" -f -a "ack" -d 'Acknowledge a ticket you were told about: you have it in hand'
complete -c esc -n "__fish_esc_needs_command" -f -a "report" -d 'Report volume, escalations, SLAs, quality, root causes and agents'
complete -c esc -n "__fish_esc_needs_command" -f -a "export" -d 'Write the queue out: every ticket with its whole history, or a sheet'
complete -c esc -n "__fish_esc_needs_command" -f -a "import" -d 'Read an export of `esc export` into a queue'
complete -c esc -n "__fish_esc_needs_command" -f -a "backup" -d 'Copy the queue to a new file while agents keep working, or check a copy'
complete -c esc -n "__fish_esc_needs_command" -f -a "redact" -d 'Erase a customer\'s personal data from their tickets, for good'
complete -c esc -n "__fish_esc_needs_command" -f -a "mail" -d 'Take customers\' mail into the queue'
complete -c esc -n "__fish_esc_needs_command" -f -a "policy" -d 'The queue\'s escalation policy: check a file, apply it, show and explain'
complete -c esc -n "__fish_esc_needs_command" -f -a "demo" -d 'Run a scripted day of support work on a throw-away queue'
complete -c esc -n "__fish_esc_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c esc -n "__fish_esc_needs_command" -f -a "man" -d 'Print a manual page (roff): esc\'s, or a command\'s'
complete -c esc -n "__fish_esc_needs_command" -f -a "complete" -d 'Print completion candidates, one per line: the value, a tab, what it is'
complete -c esc -n "__fish_esc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand init" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand init" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand init" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand init" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand init" -l force -d 'Overwrite the starter policy file if it exists'
complete -c esc -n "__fish_esc_using_subcommand init" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand open" -s t -l title -d 'One line that says what the customer needs' -r
complete -c esc -n "__fish_esc_using_subcommand open" -s d -l description -d 'The details [asked on a terminal, else empty]' -r
complete -c esc -n "__fish_esc_using_subcommand open" -s c -l customer -d 'Who the customer is: a name or an account id' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l channel -d 'Where the customer reached us' -r -f -a "email\t''
chat\t''
phone\t''
social\t''
web\t''
bot\t''"
complete -c esc -n "__fish_esc_using_subcommand open" -l category -d 'The decision category, from the policy' -r
complete -c esc -n "__fish_esc_using_subcommand open" -s p -l priority -d 'The priority, from the policy [default: the policy\'s]' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l tier -d 'The customer\'s tier, from the policy [default: the policy\'s]' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l team -d 'The team that takes it [default: the policy\'s]' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l assignee -d 'Who works on it [default: nobody yet]' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l tag -d 'A tag; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l email -d 'The customer\'s e-mail address: where the updates the policy\'s `[[customer_updates]]` describe are sent (`esc edit ID --email` changes it later)' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand open" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand open" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand open" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand open" -s q -l quiet -d 'Print only the new ticket\'s id, for scripts'
complete -c esc -n "__fish_esc_using_subcommand open" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand open" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand list" -s s -l status -d 'Only tickets in this status; repeat for several' -r -f -a "open\t'Someone on our side owes the next move'
pending\t'Waiting on the customer; SLA clocks pause'
awaiting-signoff\t'Resolved at a level that needs management\'s sign-off, which has not come yet'
resolved\t'Done. A reopen starts a new cycle'
merged\t'Joined to another ticket, which carries on the request'"
complete -c esc -n "__fish_esc_using_subcommand list" -l team -d 'Only tickets with this team, by its id in the policy' -r
complete -c esc -n "__fish_esc_using_subcommand list" -s l -l level -d 'Only tickets at this level (e.g. L2)' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l assignee -d 'Only tickets assigned to this person' -r
complete -c esc -n "__fish_esc_using_subcommand list" -s p -l priority -d 'Only tickets with this priority' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l category -d 'Only tickets in this category' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l customer -d 'Only this customer\'s tickets: `list` matches part of the name in any case, `export` the exact name' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l tag -d 'Only tickets carrying this tag' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l parent -d 'Only the children of this ticket: the cases of one problem' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l due-within -d 'Only tickets with an SLA target due within this long (e.g. 2h)' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l search -d 'Only tickets whose title, description, customer or notes hold every word of TEXT (in any case; `parcels` finds `parcel`); with --all, resolved tickets too' -r
complete -c esc -n "__fish_esc_using_subcommand list" -s n -l limit -d 'Show at most this many tickets (0 shows all)' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l format -d 'table (fitted to the terminal\'s width, or COLUMNS), tsv or csv (a header, then every value whole), or json [default: table on a terminal, tsv elsewhere; json with --json]' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''"
complete -c esc -n "__fish_esc_using_subcommand list" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand list" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand list" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand list" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand list" -s a -l all -d 'Every ticket, resolved ones too'
complete -c esc -n "__fish_esc_using_subcommand list" -l mine -d 'Only tickets assigned to you (see --as)'
complete -c esc -n "__fish_esc_using_subcommand list" -l unassigned -d 'Only tickets nobody is assigned to'
complete -c esc -n "__fish_esc_using_subcommand list" -l breached -d 'Only tickets with a breached SLA in their current cycle'
complete -c esc -n "__fish_esc_using_subcommand list" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand show" -l format -d 'table (the ticket and its timeline), tsv or csv (the timeline for a program: a header, then one event a line, every value whole), or json [default: table; json with --json]' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''"
complete -c esc -n "__fish_esc_using_subcommand show" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand show" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand show" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand show" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand show" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand show" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand assign" -l to -d 'Who takes them [default: you, see --as]' -r
complete -c esc -n "__fish_esc_using_subcommand assign" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand assign" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand assign" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand assign" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand assign" -l unassign -d 'Leave them with their team, assigned to nobody'
complete -c esc -n "__fish_esc_using_subcommand assign" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand note" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand note" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand note" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand note" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand note" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand note" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand edit" -s t -l title -d 'A new title' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -s d -l description -d 'A new description (an empty one removes it)' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -s c -l customer -d 'Who the customer is: a name or an account id' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l email -d 'The customer\'s e-mail address, where the policy\'s customer updates go' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l tier -d 'The customer\'s tier, from the policy' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l channel -d 'Where the customer reached us' -r -f -a "email\t''
chat\t''
phone\t''
social\t''
web\t''
bot\t''"
complete -c esc -n "__fish_esc_using_subcommand edit" -l category -d 'The decision category, from the policy' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -s p -l priority -d 'The priority, from the policy' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l tag -d 'Add a tag; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l untag -d 'Remove a tag; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l cc -d 'Copy an address on what the customer is sent; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l uncc -d 'Stop copying an address; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -s r -l reason -d 'Why: kept on the timeline; needed when the SLA rule changes' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand edit" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand edit" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand edit" -l no-email -d 'Forget the customer\'s e-mail address'
complete -c esc -n "__fish_esc_using_subcommand edit" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand respond" -l template -d 'Send one of the policy\'s replies, its fields filled from the ticket' -r
complete -c esc -n "__fish_esc_using_subcommand respond" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand respond" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand respond" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand respond" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand respond" -l edit -d 'Edit the filled reply in $EDITOR before it goes (on a terminal)'
complete -c esc -n "__fish_esc_using_subcommand respond" -l internal -d 'Only record the reply: nothing goes to the customer'
complete -c esc -n "__fish_esc_using_subcommand respond" -l mail -d 'Send the reply by mail although the ticket came by another channel'
complete -c esc -n "__fish_esc_using_subcommand respond" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand respond" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand contact" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand contact" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand contact" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand contact" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand contact" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand contact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand pending" -s r -l reason -d 'What we are waiting for [optional]' -r
complete -c esc -n "__fish_esc_using_subcommand pending" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand pending" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand pending" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand pending" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand pending" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand pending" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand resume" -s r -l reason -d 'Why [optional]' -r
complete -c esc -n "__fish_esc_using_subcommand resume" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand resume" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand resume" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand resume" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand resume" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand resume" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand csat" -s c -l comment -d 'What the customer wrote [optional]' -r
complete -c esc -n "__fish_esc_using_subcommand csat" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand csat" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand csat" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand csat" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand csat" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand csat" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand tag" -s a -l add -d 'A tag to add; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand tag" -s r -l remove -d 'A tag to remove; repeat for more' -r
complete -c esc -n "__fish_esc_using_subcommand tag" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand tag" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand tag" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand tag" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand tag" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand escalate" -s t -l team -d 'Move it to this team (functional escalation)' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -s l -l level -d 'Raise it to this level (hierarchical escalation)' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -l to -d 'Who takes it over [default: nobody; the team picks it up]' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -s r -l reason -d 'A summary that gives the next person context [asked on a terminal]' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand escalate" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand escalate" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand escalate" -l up -d 'Raise it one level (hierarchical escalation)'
complete -c esc -n "__fish_esc_using_subcommand escalate" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand deescalate" -s l -l level -d 'Take it down to this level [default: one below where it is]' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -s t -l team -d 'Move it back to this team too' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l to -d 'Who takes it over [default: nobody; the team picks it up]' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -s r -l reason -d 'Why the escalation was not needed [asked on a terminal]' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand deescalate" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand deescalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand resolve" -s s -l summary -d 'What solved it [asked on a terminal]' -r
complete -c esc -n "__fish_esc_using_subcommand resolve" -s c -l root-cause -d 'Why it happened, from the policy\'s root causes [asked on a terminal]' -r
complete -c esc -n "__fish_esc_using_subcommand resolve" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand resolve" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand resolve" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand resolve" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand resolve" -l children -d 'Resolve its open and pending children too (the cases of this problem), with the same summary and root cause, in one transaction'
complete -c esc -n "__fish_esc_using_subcommand resolve" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand signoff" -l reject -d 'Reject the resolution, saying why; the ticket is open again' -r
complete -c esc -n "__fish_esc_using_subcommand signoff" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand signoff" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand signoff" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand signoff" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand signoff" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand signoff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand reopen" -s r -l reason -d 'Why it is back [optional]' -r
complete -c esc -n "__fish_esc_using_subcommand reopen" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand reopen" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand reopen" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand reopen" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand reopen" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand reopen" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand merge" -l into -d 'The ticket that carries on its request' -r
complete -c esc -n "__fish_esc_using_subcommand merge" -s r -l reason -d 'Why they are one request [optional]' -r
complete -c esc -n "__fish_esc_using_subcommand merge" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand merge" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand merge" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand merge" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand merge" -l undo -d 'Undo the ticket\'s merge, while neither ticket has changed since'
complete -c esc -n "__fish_esc_using_subcommand merge" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand merge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand link" -l parent -d 'Put it under this ticket: the problem it is a case of' -r
complete -c esc -n "__fish_esc_using_subcommand link" -l related -d 'Relate it to this ticket, neither under the other' -r
complete -c esc -n "__fish_esc_using_subcommand link" -l unlink -d 'Take away its link with this ticket, whichever it is' -r
complete -c esc -n "__fish_esc_using_subcommand link" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand link" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand link" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand link" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand link" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand watch" -l for -d 'Who watches [default: you]' -r
complete -c esc -n "__fish_esc_using_subcommand watch" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand watch" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand watch" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand watch" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand watch" -l unwatch -d 'Stop watching'
complete -c esc -n "__fish_esc_using_subcommand watch" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand tick" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand tick" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand tick" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand tick" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand tick" -l dry-run -d 'Show what would happen, and change nothing'
complete -c esc -n "__fish_esc_using_subcommand tick" -s v -l verbose -d 'Also say which due tickets were left for a later tick, and why, and with --dry-run the key each action would be recorded under'
complete -c esc -n "__fish_esc_using_subcommand tick" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand tick" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -s a -l all -d 'Delivered notifications too'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -f -a "deliver" -d 'Deliver the notifications that are due, now'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -f -a "retry" -d 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
complete -c esc -n "__fish_esc_using_subcommand outbox; and not __fish_seen_subcommand_from deliver retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l failed -d 'Every notification given up on'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "deliver" -d 'Deliver the notifications that are due, now'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
complete -c esc -n "__fish_esc_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand inbox" -l for -d 'The person, as the policy names them' -r
complete -c esc -n "__fish_esc_using_subcommand inbox" -s n -l limit -d 'Show at most this many' -r
complete -c esc -n "__fish_esc_using_subcommand inbox" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand inbox" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand inbox" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand inbox" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand inbox" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand inbox" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand ack" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand ack" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand ack" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand ack" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand ack" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand ack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand report" -l since -d 'Start of the window: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]' -r
complete -c esc -n "__fish_esc_using_subcommand report" -l until -d 'End of the window (not included), in the same forms [default: now]' -r
complete -c esc -n "__fish_esc_using_subcommand report" -l by -d 'Split the figures by this field of the tickets' -r -f -a "team\t''
level\t''
category\t''
channel\t''
priority\t''
tier\t''
assignee\t''
root-cause\t''
customer\t''"
complete -c esc -n "__fish_esc_using_subcommand report" -l format -d 'How to print' -r -f -a "table\t''
json\t''
csv\t''
markdown\t''"
complete -c esc -n "__fish_esc_using_subcommand report" -l timezone -d 'Timezone of dates given without a time, and of the trend [default: UTC]' -r
complete -c esc -n "__fish_esc_using_subcommand report" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand report" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand report" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand report" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand report" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand export" -l format -d 'jsonl, or csv (a ticket sheet) [default: jsonl; csv with --tickets]' -r -f -a "jsonl\t'One JSON object a line'
csv\t'Comma-separated, with a header row (only with --tickets)'"
complete -c esc -n "__fish_esc_using_subcommand export" -l since -d 'Only tickets opened at or after: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d)' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l until -d 'Only tickets opened before this (same forms as --since)' -r
complete -c esc -n "__fish_esc_using_subcommand export" -s s -l status -d 'Only tickets in this status; repeat for several' -r -f -a "open\t'Someone on our side owes the next move'
pending\t'Waiting on the customer; SLA clocks pause'
awaiting-signoff\t'Resolved at a level that needs management\'s sign-off, which has not come yet'
resolved\t'Done. A reopen starts a new cycle'
merged\t'Joined to another ticket, which carries on the request'"
complete -c esc -n "__fish_esc_using_subcommand export" -l team -d 'Only tickets with this team, by its id in the policy' -r
complete -c esc -n "__fish_esc_using_subcommand export" -s l -l level -d 'Only tickets at this level (e.g. L2)' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l assignee -d 'Only tickets assigned to this person' -r
complete -c esc -n "__fish_esc_using_subcommand export" -s p -l priority -d 'Only tickets with this priority' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l category -d 'Only tickets in this category' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l customer -d 'Only this customer\'s tickets: `list` matches part of the name in any case, `export` the exact name' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l tag -d 'Only tickets carrying this tag' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l parent -d 'Only the children of this ticket: the cases of one problem' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l due-within -d 'Only tickets with an SLA target due within this long (e.g. 2h)' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand export" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand export" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand export" -l tickets -d 'A sheet of tickets (one row each) instead of their whole histories'
complete -c esc -n "__fish_esc_using_subcommand export" -s a -l all -d 'Every ticket, resolved ones too'
complete -c esc -n "__fish_esc_using_subcommand export" -l mine -d 'Only tickets assigned to you (see --as)'
complete -c esc -n "__fish_esc_using_subcommand export" -l unassigned -d 'Only tickets nobody is assigned to'
complete -c esc -n "__fish_esc_using_subcommand export" -l breached -d 'Only tickets with a breached SLA in their current cycle'
complete -c esc -n "__fish_esc_using_subcommand export" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand import" -l from -d 'What FILE is: an esc export (jsonl), or another help desk\'s CSV (csv, with --map)' -r -f -a "jsonl\t'JSON lines as `esc export` writes them'
csv\t'Another help desk\'s CSV export, read through --map'"
complete -c esc -n "__fish_esc_using_subcommand import" -l map -d 'With --from csv: the mapping of the other help desk\'s columns and values (TOML)' -r -F
complete -c esc -n "__fish_esc_using_subcommand import" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand import" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand import" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand import" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand import" -l settle-overdue -d 'Mark tickets whose steps or triggers came due before the import as imported: what came due by then fires nothing (breaches are kept as facts)'
complete -c esc -n "__fish_esc_using_subcommand import" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand backup" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand backup" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand backup" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand backup" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand backup" -l check -d 'Check FILE instead of writing it: a whole, sound esc queue (exit 6 if not)'
complete -c esc -n "__fish_esc_using_subcommand backup" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand redact" -l customer -d 'Every ticket of this customer (the exact name, as `esc list --customer`)' -r
complete -c esc -n "__fish_esc_using_subcommand redact" -l ticket -d 'One ticket: its number, as in 12 or #12' -r
complete -c esc -n "__fish_esc_using_subcommand redact" -s r -l reason -d 'Why, for the audit trail (a request\'s reference, not personal data)' -r
complete -c esc -n "__fish_esc_using_subcommand redact" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand redact" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand redact" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand redact" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand redact" -l yes -d 'Erase without asking'
complete -c esc -n "__fish_esc_using_subcommand redact" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand redact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "receive" -d 'Take one message from standard input, as a mail server delivers it'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "fetch" -d 'Take in the mail waiting in the policy\'s mailbox, for cron'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "list" -d 'List the mail kept on no ticket: messages that do not read as mail, and machines\' mail that answers nothing the queue knows'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "retry" -d 'Read a message kept on no ticket again, as if it came now'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "show" -d 'Show one kept message as it came, control characters made visible'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "save" -d 'Save an attachment of a kept message to a file'
complete -c esc -n "__fish_esc_using_subcommand mail; and not __fish_seen_subcommand_from receive fetch list retry show save help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from receive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l maildir -d 'Read this Maildir instead of the policy\'s mailbox' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l ticket -d 'The mail kept on this ticket instead' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l to -d 'The new file to write' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "receive" -d 'Take one message from standard input, as a mail server delivers it'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Take in the mail waiting in the policy\'s mailbox, for cron'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the mail kept on no ticket: messages that do not read as mail, and machines\' mail that answers nothing the queue knows'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Read a message kept on no ticket again, as if it came now'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one kept message as it came, control characters made visible'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save an attachment of a kept message to a file'
complete -c esc -n "__fish_esc_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "check" -d 'Validate a policy file and report every problem with its line and column'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "apply" -d 'Make a policy file the queue\'s policy, from now on'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "history" -d 'List the queue\'s policy versions: who applied each, when, and why'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "explain" -d 'Explain which SLA rule, path and triggers apply to a ticket, and why'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "simulate" -d 'Replay a window\'s tickets under a candidate policy, beside the versions in force'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "diff" -d 'List what changed between two policies, in rule terms'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "show" -d 'Print the queue\'s policy in force (or an earlier version)'
complete -c esc -n "__fish_esc_using_subcommand policy; and not __fish_seen_subcommand_from check apply history explain simulate diff show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -s m -l message -d 'Why it changes, for the history' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l since -d 'Start of the window of openings: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l until -d 'End of the window (not included), in the same forms [default: now]' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l by -d 'Split the figures by this field of the tickets, as they stand' -r -f -a "team\t''
level\t''
category\t''
channel\t''
priority\t''
tier\t''
assignee\t''
root-cause\t''
customer\t''"
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l ticket -d 'Show one ticket\'s automatic timeline under both, whenever it was opened' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l format -d 'How to print' -r -f -a "table\t''
json\t''
csv\t''
markdown\t''"
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l timezone -d 'Timezone of dates given without a time [default: UTC]' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l tickets -d 'List each ticket the candidate would treat otherwise, with the first difference'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from simulate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l version -d 'Show this version instead of the one in force' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l toml -d 'Print the TOML text itself'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "check" -d 'Validate a policy file and report every problem with its line and column'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Make a policy file the queue\'s policy, from now on'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "history" -d 'List the queue\'s policy versions: who applied each, when, and why'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Explain which SLA rule, path and triggers apply to a ticket, and why'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "simulate" -d 'Replay a window\'s tickets under a candidate policy, beside the versions in force'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "diff" -d 'List what changed between two policies, in rule terms'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the queue\'s policy in force (or an earlier version)'
complete -c esc -n "__fish_esc_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand demo" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand demo" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand demo" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand demo" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand demo" -l keep -d 'Keep the demo queue and print where it is, to explore it afterwards'
complete -c esc -n "__fish_esc_using_subcommand demo" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand completions" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand completions" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand completions" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand completions" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand completions" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand completions" -s h -l help -d 'Print help'
complete -c esc -n "__fish_esc_using_subcommand man" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand man" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand man" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand man" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand man" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand complete" -l db -d 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]' -r -F
complete -c esc -n "__fish_esc_using_subcommand complete" -l policy -d 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue\'s policy' -r -F
complete -c esc -n "__fish_esc_using_subcommand complete" -l as -d 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue\'s owner may act as others' -r
complete -c esc -n "__fish_esc_using_subcommand complete" -l now -d 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)' -r
complete -c esc -n "__fish_esc_using_subcommand complete" -l json -d 'Print machine-readable JSON instead of tables and sentences'
complete -c esc -n "__fish_esc_using_subcommand complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "init" -d 'Create the queue, with its policy, and write a starter policy file to edit'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "open" -d 'Open a new ticket and print its id'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "list" -d 'List tickets, most urgent first'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "show" -d 'Show a ticket\'s fields and its full timeline: who did what, when, and why'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "assign" -d 'Assign tickets to someone (yourself if no name is given)'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "note" -d 'Add an internal note to a ticket\'s timeline'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "edit" -d 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "respond" -d 'Reply to the customer; the first reply is the first response'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "contact" -d 'Record that the customer contacted us again (counts contact attempts)'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "pending" -d 'Mark a ticket as waiting on the customer (SLA clocks pause)'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "resume" -d 'Take a pending ticket back to open (SLA clocks run again)'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "csat" -d 'Record the customer\'s satisfaction score, 1 (very unhappy) to 5 (very happy)'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "tag" -d 'Add tags to tickets, or remove them with --remove'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "escalate" -d 'Escalate tickets to another team, up the ladder of levels, or both'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "deescalate" -d 'Take tickets down the ladder of levels when their escalation was not needed'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "resolve" -d 'Resolve tickets with a summary and a root cause'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "signoff" -d 'Sign off the proposed resolution of a high-level escalation'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "reopen" -d 'Reopen a resolved ticket; its next cycle begins'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "merge" -d 'Merge a ticket into the one that carries on its request'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "link" -d 'Link a ticket to another: under a problem, or related'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "watch" -d 'Watch a ticket: be told of everything that happens to it'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "tick" -d 'Apply the escalations, warnings and breaches that are due'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "outbox" -d 'List notifications waiting to be delivered, and those given up on'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "inbox" -d 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "ack" -d 'Acknowledge a ticket you were told about: you have it in hand'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "report" -d 'Report volume, escalations, SLAs, quality, root causes and agents'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "export" -d 'Write the queue out: every ticket with its whole history, or a sheet'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "import" -d 'Read an export of `esc export` into a queue'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "backup" -d 'Copy the queue to a new file while agents keep working, or check a copy'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "redact" -d 'Erase a customer\'s personal data from their tickets, for good'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "mail" -d 'Take customers\' mail into the queue'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "policy" -d 'The queue\'s escalation policy: check a file, apply it, show and explain'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "demo" -d 'Run a scripted day of support work on a throw-away queue'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "completions" -d 'Print a shell completion script'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "man" -d 'Print a manual page (roff): esc\'s, or a command\'s'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "complete" -d 'Print completion candidates, one per line: the value, a tab, what it is'
complete -c esc -n "__fish_esc_using_subcommand help; and not __fish_seen_subcommand_from init open list show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch tick outbox inbox ack report export import backup redact mail policy demo completions man complete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "deliver" -d 'Deliver the notifications that are due, now'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "retry" -d 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "receive" -d 'Take one message from standard input, as a mail server delivers it'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "fetch" -d 'Take in the mail waiting in the policy\'s mailbox, for cron'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "list" -d 'List the mail kept on no ticket: messages that do not read as mail, and machines\' mail that answers nothing the queue knows'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "retry" -d 'Read a message kept on no ticket again, as if it came now'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "show" -d 'Show one kept message as it came, control characters made visible'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "save" -d 'Save an attachment of a kept message to a file'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "check" -d 'Validate a policy file and report every problem with its line and column'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "apply" -d 'Make a policy file the queue\'s policy, from now on'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "history" -d 'List the queue\'s policy versions: who applied each, when, and why'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "explain" -d 'Explain which SLA rule, path and triggers apply to a ticket, and why'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "simulate" -d 'Replay a window\'s tickets under a candidate policy, beside the versions in force'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "diff" -d 'List what changed between two policies, in rule terms'
complete -c esc -n "__fish_esc_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'Print the queue\'s policy in force (or an earlier version)'

# Values only the queue knows (teams, levels, priorities, categories, root
# causes, tiers, ticket ids, replies) come from `esc complete`, which reads
# the queue named by --db on the line (else ESC_DB or the config file),
# read-only, and never makes one.
function __fish_esc_queue
    set -l tokens (commandline -opc)
    set -l db
    if set -l at (contains -i -- --db $tokens)
        set db --db $tokens[(math $at + 1)]
    end
    esc $db complete $argv 2>/dev/null
end
complete -c esc -n '__fish_seen_subcommand_from open list edit export' -l category -x -a '(__fish_esc_queue category)'
complete -c esc -n '__fish_seen_subcommand_from open list edit export' -s p -l priority -x -a '(__fish_esc_queue priority)'
complete -c esc -n '__fish_seen_subcommand_from open edit' -l tier -x -a '(__fish_esc_queue tier)'
complete -c esc -n '__fish_seen_subcommand_from open list escalate deescalate export' -l team -x -a '(__fish_esc_queue team)'
complete -c esc -n '__fish_seen_subcommand_from list escalate deescalate export' -s l -l level -x -a '(__fish_esc_queue level)'
complete -c esc -n '__fish_seen_subcommand_from respond' -l template -x -a '(__fish_esc_queue reply)'
complete -c esc -n '__fish_seen_subcommand_from resolve' -l root-cause -x -a '(__fish_esc_queue root-cause)'
complete -c esc -n '__fish_seen_subcommand_from redact list' -l ticket -x -a '(__fish_esc_queue ticket)'
complete -c esc -n '__fish_seen_subcommand_from show assign note edit respond contact pending resume csat tag escalate deescalate resolve signoff reopen merge link watch ack explain' -f -a '(__fish_esc_queue ticket)'
