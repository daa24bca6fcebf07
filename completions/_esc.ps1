
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'esc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    # Values only the queue knows (teams, levels, priorities, categories, root
    # causes, tiers, ticket ids, replies) come from `esc complete`, which reads
    # the queue named by --db on the line (else ESC_DB or the config file),
    # read-only, and never makes one.
    $escWords = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
    $escPrev = if ($wordToComplete -eq '') { $escWords[-1] } else { $escWords[-2] }
    $escKinds = @{ '--category' = 'category'; '-p' = 'priority'; '--priority' = 'priority'; '--tier' = 'tier'; '--team' = 'team'; '-l' = 'level'; '--level' = 'level'; '--template' = 'reply'; '--root-cause' = 'root-cause'; '--ticket' = 'ticket' }
    $escWhat = $escKinds[$escPrev]
    if (-not $escWhat -and -not $wordToComplete.StartsWith('-')) {
        $escTakesIds = @('show', 'assign', 'note', 'edit', 'respond', 'contact', 'pending', 'resume', 'csat', 'tag', 'escalate', 'deescalate', 'resolve', 'signoff', 'reopen', 'merge', 'link', 'watch', 'ack', 'explain')
        $escCommand = $escWords | Where-Object { $escTakesIds -ccontains $_ } | Select-Object -First 1
        if ($escCommand -and ($escPrev -ceq $escCommand -or $escPrev -match '^#?[0-9]+$')) { $escWhat = 'ticket' }
    }
    if ($escWhat) {
        $escDb = @()
        $escAt = [array]::IndexOf($escWords, '--db')
        if ($escAt -ge 0 -and $escAt + 1 -lt $escWords.Count) { $escDb = @('--db', $escWords[$escAt + 1]) }
        & esc @escDb complete $escWhat 2>$null | ForEach-Object {
            $escValue, $escText = $_ -split "`t", 2
            if ($escValue.StartsWith($wordToComplete)) {
                [CompletionResult]::new($escValue, $escValue, [CompletionResultType]::ParameterValue, "$escValue $escText")
            }
        }
        return
    }

    $commandElements = $commandAst.CommandElements
    $command = @(
        'esc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'esc' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the queue, with its policy, and write a starter policy file to edit')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a new ticket and print its id')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most urgent first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket''s fields and its full timeline: who did what, when, and why')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign tickets to someone (yourself if no name is given)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add an internal note to a ticket''s timeline')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags')
            [CompletionResult]::new('respond', 'respond', [CompletionResultType]::ParameterValue, 'Reply to the customer; the first reply is the first response')
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'Record that the customer contacted us again (counts contact attempts)')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Mark a ticket as waiting on the customer (SLA clocks pause)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Take a pending ticket back to open (SLA clocks run again)')
            [CompletionResult]::new('csat', 'csat', [CompletionResultType]::ParameterValue, 'Record the customer''s satisfaction score, 1 (very unhappy) to 5 (very happy)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add tags to tickets, or remove them with --remove')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate tickets to another team, up the ladder of levels, or both')
            [CompletionResult]::new('deescalate', 'deescalate', [CompletionResultType]::ParameterValue, 'Take tickets down the ladder of levels when their escalation was not needed')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve tickets with a summary and a root cause')
            [CompletionResult]::new('signoff', 'signoff', [CompletionResultType]::ParameterValue, 'Sign off the proposed resolution of a high-level escalation')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved ticket; its next cycle begins')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge a ticket into the one that carries on its request')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a ticket to another: under a problem, or related')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch a ticket: be told of everything that happens to it')
            [CompletionResult]::new('tick', 'tick', [CompletionResultType]::ParameterValue, 'Apply the escalations, warnings and breaches that are due')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List notifications waiting to be delivered, and those given up on')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge a ticket you were told about: you have it in hand')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report volume, escalations, SLAs, quality, root causes and agents')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the queue out: every ticket with its whole history, or a sheet')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read an export of `esc export` into a queue')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the queue to a new file while agents keep working, or check a copy')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Erase a customer''s personal data from their tickets, for good')
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'Take customers'' mail into the queue')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'The queue''s escalation policy: check a file, apply it, show and explain')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run a scripted day of support work on a throw-away queue')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page (roff): esc''s, or a command''s')
            [CompletionResult]::new('complete', 'complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one per line: the value, a tab, what it is')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite the starter policy file if it exists')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;open' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'One line that says what the customer needs')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'One line that says what the customer needs')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The details [asked on a terminal, else empty]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The details [asked on a terminal, else empty]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Who the customer is: a name or an account id')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Who the customer is: a name or an account id')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Where the customer reached us')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'The decision category, from the policy')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The priority, from the policy [default: the policy''s]')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'The priority, from the policy [default: the policy''s]')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'The customer''s tier, from the policy [default: the policy''s]')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'The team that takes it [default: the policy''s]')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Who works on it [default: nobody yet]')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag; repeat for more')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The customer''s e-mail address: where the updates the policy''s `[[customer_updates]]` describe are sent (`esc edit ID --email` changes it later)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the new ticket''s id, for scripts')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the new ticket''s id, for scripts')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only tickets in this status; repeat for several')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tickets in this status; repeat for several')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Only tickets with this team, by its id in the policy')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only tickets at this level (e.g. L2)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Only tickets at this level (e.g. L2)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to this person')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only tickets with this priority')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only tickets with this priority')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only tickets in this category')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only this customer''s tickets: `list` matches part of the name in any case, `export` the exact name')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets carrying this tag')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the children of this ticket: the cases of one problem')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only tickets with an SLA target due within this long (e.g. 2h)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only tickets whose title, description, customer or notes hold every word of TEXT (in any case; `parcels` finds `parcel`); with --all, resolved tickets too')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many tickets (0 shows all)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many tickets (0 shows all)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table (fitted to the terminal''s width, or COLUMNS), tsv or csv (a header, then every value whole), or json [default: table on a terminal, tsv elsewhere; json with --json]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Every ticket, resolved ones too')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every ticket, resolved ones too')
            [CompletionResult]::new('--mine', '--mine', [CompletionResultType]::ParameterName, 'Only tickets assigned to you (see --as)')
            [CompletionResult]::new('--unassigned', '--unassigned', [CompletionResultType]::ParameterName, 'Only tickets nobody is assigned to')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets with a breached SLA in their current cycle')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table (the ticket and its timeline), tsv or csv (the timeline for a program: a header, then one event a line, every value whole), or json [default: table; json with --json]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;assign' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who takes them [default: you, see --as]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--unassign', '--unassign', [CompletionResultType]::ParameterName, 'Leave them with their team, assigned to nobody')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;note' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;edit' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'A new title')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A new title')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'A new description (an empty one removes it)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A new description (an empty one removes it)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Who the customer is: a name or an account id')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Who the customer is: a name or an account id')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The customer''s e-mail address, where the policy''s customer updates go')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'The customer''s tier, from the policy')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Where the customer reached us')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'The decision category, from the policy')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The priority, from the policy')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'The priority, from the policy')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag; repeat for more')
            [CompletionResult]::new('--untag', '--untag', [CompletionResultType]::ParameterName, 'Remove a tag; repeat for more')
            [CompletionResult]::new('--cc', '--cc', [CompletionResultType]::ParameterName, 'Copy an address on what the customer is sent; repeat for more')
            [CompletionResult]::new('--uncc', '--uncc', [CompletionResultType]::ParameterName, 'Stop copying an address; repeat for more')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why: kept on the timeline; needed when the SLA rule changes')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why: kept on the timeline; needed when the SLA rule changes')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--no-email', '--no-email', [CompletionResultType]::ParameterName, 'Forget the customer''s e-mail address')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;respond' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Send one of the policy''s replies, its fields filled from the ticket')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Edit the filled reply in $EDITOR before it goes (on a terminal)')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'Only record the reply: nothing goes to the customer')
            [CompletionResult]::new('--mail', '--mail', [CompletionResultType]::ParameterName, 'Send the reply by mail although the ticket came by another channel')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;contact' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;pending' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'What we are waiting for [optional]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'What we are waiting for [optional]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;resume' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why [optional]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why [optional]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;csat' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'What the customer wrote [optional]')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'What the customer wrote [optional]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;tag' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'A tag to add; repeat for more')
            [CompletionResult]::new('--add', '--add', [CompletionResultType]::ParameterName, 'A tag to add; repeat for more')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'A tag to remove; repeat for more')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'A tag to remove; repeat for more')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;escalate' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Move it to this team (functional escalation)')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Move it to this team (functional escalation)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Raise it to this level (hierarchical escalation)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Raise it to this level (hierarchical escalation)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who takes it over [default: nobody; the team picks it up]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'A summary that gives the next person context [asked on a terminal]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A summary that gives the next person context [asked on a terminal]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--up', '--up', [CompletionResultType]::ParameterName, 'Raise it one level (hierarchical escalation)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;deescalate' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Take it down to this level [default: one below where it is]')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Take it down to this level [default: one below where it is]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Move it back to this team too')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Move it back to this team too')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who takes it over [default: nobody; the team picks it up]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why the escalation was not needed [asked on a terminal]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the escalation was not needed [asked on a terminal]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;resolve' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'What solved it [asked on a terminal]')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What solved it [asked on a terminal]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Why it happened, from the policy''s root causes [asked on a terminal]')
            [CompletionResult]::new('--root-cause', '--root-cause', [CompletionResultType]::ParameterName, 'Why it happened, from the policy''s root causes [asked on a terminal]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--children', '--children', [CompletionResultType]::ParameterName, 'Resolve its open and pending children too (the cases of this problem), with the same summary and root cause, in one transaction')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;signoff' {
            [CompletionResult]::new('--reject', '--reject', [CompletionResultType]::ParameterName, 'Reject the resolution, saying why; the ticket is open again')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;reopen' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why it is back [optional]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why it is back [optional]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;merge' {
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'The ticket that carries on its request')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why they are one request [optional]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why they are one request [optional]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--undo', '--undo', [CompletionResultType]::ParameterName, 'Undo the ticket''s merge, while neither ticket has changed since')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;link' {
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Put it under this ticket: the problem it is a case of')
            [CompletionResult]::new('--related', '--related', [CompletionResultType]::ParameterName, 'Relate it to this ticket, neither under the other')
            [CompletionResult]::new('--unlink', '--unlink', [CompletionResultType]::ParameterName, 'Take away its link with this ticket, whichever it is')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;watch' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Who watches [default: you]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--unwatch', '--unwatch', [CompletionResultType]::ParameterName, 'Stop watching')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;tick' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would happen, and change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also say which due tickets were left for a later tick, and why, and with --dry-run the key each action would be recorded under')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also say which due tickets were left for a later tick, and why, and with --dry-run the key each action would be recorded under')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;outbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Delivered notifications too')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Delivered notifications too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Deliver the notifications that are due, now')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;outbox;deliver' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;outbox;retry' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Every notification given up on')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;outbox;help' {
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Deliver the notifications that are due, now')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;outbox;help;deliver' {
            break
        }
        'esc;outbox;help;retry' {
            break
        }
        'esc;outbox;help;help' {
            break
        }
        'esc;inbox' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'The person, as the policy names them')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;ack' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the window: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (not included), in the same forms [default: now]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Split the figures by this field of the tickets')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Timezone of dates given without a time, and of the trend [default: UTC]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl, or csv (a ticket sheet) [default: jsonl; csv with --tickets]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets opened at or after: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets opened before this (same forms as --since)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only tickets in this status; repeat for several')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tickets in this status; repeat for several')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'Only tickets with this team, by its id in the policy')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only tickets at this level (e.g. L2)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Only tickets at this level (e.g. L2)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to this person')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only tickets with this priority')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only tickets with this priority')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only tickets in this category')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only this customer''s tickets: `list` matches part of the name in any case, `export` the exact name')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets carrying this tag')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Only the children of this ticket: the cases of one problem')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only tickets with an SLA target due within this long (e.g. 2h)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--tickets', '--tickets', [CompletionResultType]::ParameterName, 'A sheet of tickets (one row each) instead of their whole histories')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Every ticket, resolved ones too')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every ticket, resolved ones too')
            [CompletionResult]::new('--mine', '--mine', [CompletionResultType]::ParameterName, 'Only tickets assigned to you (see --as)')
            [CompletionResult]::new('--unassigned', '--unassigned', [CompletionResultType]::ParameterName, 'Only tickets nobody is assigned to')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets with a breached SLA in their current cycle')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;import' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'What FILE is: an esc export (jsonl), or another help desk''s CSV (csv, with --map)')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'With --from csv: the mapping of the other help desk''s columns and values (TOML)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--settle-overdue', '--settle-overdue', [CompletionResultType]::ParameterName, 'Mark tickets whose steps or triggers came due before the import as imported: what came due by then fires nothing (breaches are kept as facts)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Check FILE instead of writing it: a whole, sound esc queue (exit 6 if not)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;redact' {
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Every ticket of this customer (the exact name, as `esc list --customer`)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'One ticket: its number, as in 12 or #12')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Why, for the audit trail (a request''s reference, not personal data)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for the audit trail (a request''s reference, not personal data)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Erase without asking')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;mail' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one message from standard input, as a mail server delivers it')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the mail waiting in the policy''s mailbox, for cron')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Read a message kept on no ticket again, as if it came now')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one kept message as it came, control characters made visible')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save an attachment of a kept message to a file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;mail;receive' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;mail;fetch' {
            [CompletionResult]::new('--maildir', '--maildir', [CompletionResultType]::ParameterName, 'Read this Maildir instead of the policy''s mailbox')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;mail;list' {
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'The mail kept on this ticket instead')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;mail;retry' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;mail;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;mail;save' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The new file to write')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;mail;help' {
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one message from standard input, as a mail server delivers it')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the mail waiting in the policy''s mailbox, for cron')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Read a message kept on no ticket again, as if it came now')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one kept message as it came, control characters made visible')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save an attachment of a kept message to a file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;mail;help;receive' {
            break
        }
        'esc;mail;help;fetch' {
            break
        }
        'esc;mail;help;list' {
            break
        }
        'esc;mail;help;retry' {
            break
        }
        'esc;mail;help;show' {
            break
        }
        'esc;mail;help;save' {
            break
        }
        'esc;mail;help;help' {
            break
        }
        'esc;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a policy file and report every problem with its line and column')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make a policy file the queue''s policy, from now on')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List the queue''s policy versions: who applied each, when, and why')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain which SLA rule, path and triggers apply to a ticket, and why')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay a window''s tickets under a candidate policy, beside the versions in force')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'List what changed between two policies, in rule terms')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the queue''s policy in force (or an earlier version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;policy;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;policy;apply' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Why it changes, for the history')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Why it changes, for the history')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;policy;history' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;policy;explain' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;policy;simulate' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the window of openings: a date (2026-11-01), an RFC 3339 instant, or a span back from now (7d) [default: 30 days before --until]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the window (not included), in the same forms [default: now]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Split the figures by this field of the tickets, as they stand')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Show one ticket''s automatic timeline under both, whenever it was opened')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'Timezone of dates given without a time [default: UTC]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--tickets', '--tickets', [CompletionResultType]::ParameterName, 'List each ticket the candidate would treat otherwise, with the first difference')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;policy;diff' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;policy;show' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Show this version instead of the one in force')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--toml', '--toml', [CompletionResultType]::ParameterName, 'Print the TOML text itself')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;policy;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a policy file and report every problem with its line and column')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make a policy file the queue''s policy, from now on')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List the queue''s policy versions: who applied each, when, and why')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain which SLA rule, path and triggers apply to a ticket, and why')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay a window''s tickets under a candidate policy, beside the versions in force')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'List what changed between two policies, in rule terms')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the queue''s policy in force (or an earlier version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;policy;help;check' {
            break
        }
        'esc;policy;help;apply' {
            break
        }
        'esc;policy;help;history' {
            break
        }
        'esc;policy;help;explain' {
            break
        }
        'esc;policy;help;simulate' {
            break
        }
        'esc;policy;help;diff' {
            break
        }
        'esc;policy;help;show' {
            break
        }
        'esc;policy;help;help' {
            break
        }
        'esc;demo' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the demo queue and print where it is, to explore it afterwards')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'esc;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;complete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The queue: a SQLite file, or postgres://ROLE@HOST/DATABASE (password from PGPASSWORD or ~/.pgpass) [default: esc/queue.db in your data directory]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file, for what reads one on purpose: `policy check`, and what-if views (`policy explain --policy`, `tick --dry-run --policy`). Everything else uses the queue''s policy')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Who is acting [default: your login name]. On PostgreSQL the database role decides; only the queue''s owner may act as others')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Act as if it were this instant (RFC 3339, e.g. 2026-11-23T09:00:00Z)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON instead of tables and sentences')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'esc;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the queue, with its policy, and write a starter policy file to edit')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open a new ticket and print its id')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most urgent first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket''s fields and its full timeline: who did what, when, and why')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign tickets to someone (yourself if no name is given)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add an internal note to a ticket''s timeline')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Correct a ticket: title, description, customer, e-mail, tier, channel, category, priority, tags')
            [CompletionResult]::new('respond', 'respond', [CompletionResultType]::ParameterValue, 'Reply to the customer; the first reply is the first response')
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'Record that the customer contacted us again (counts contact attempts)')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'Mark a ticket as waiting on the customer (SLA clocks pause)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Take a pending ticket back to open (SLA clocks run again)')
            [CompletionResult]::new('csat', 'csat', [CompletionResultType]::ParameterValue, 'Record the customer''s satisfaction score, 1 (very unhappy) to 5 (very happy)')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add tags to tickets, or remove them with --remove')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate tickets to another team, up the ladder of levels, or both')
            [CompletionResult]::new('deescalate', 'deescalate', [CompletionResultType]::ParameterValue, 'Take tickets down the ladder of levels when their escalation was not needed')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve tickets with a summary and a root cause')
            [CompletionResult]::new('signoff', 'signoff', [CompletionResultType]::ParameterValue, 'Sign off the proposed resolution of a high-level escalation')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved ticket; its next cycle begins')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge a ticket into the one that carries on its request')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a ticket to another: under a problem, or related')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch a ticket: be told of everything that happens to it')
            [CompletionResult]::new('tick', 'tick', [CompletionResultType]::ParameterValue, 'Apply the escalations, warnings and breaches that are due')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List notifications waiting to be delivered, and those given up on')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'Show the notifications for one person, newest first: about which ticket, what happened, and whether it reached them')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge a ticket you were told about: you have it in hand')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report volume, escalations, SLAs, quality, root causes and agents')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the queue out: every ticket with its whole history, or a sheet')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read an export of `esc export` into a queue')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the queue to a new file while agents keep working, or check a copy')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Erase a customer''s personal data from their tickets, for good')
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'Take customers'' mail into the queue')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'The queue''s escalation policy: check a file, apply it, show and explain')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run a scripted day of support work on a throw-away queue')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page (roff): esc''s, or a command''s')
            [CompletionResult]::new('complete', 'complete', [CompletionResultType]::ParameterValue, 'Print completion candidates, one per line: the value, a tab, what it is')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'esc;help;init' {
            break
        }
        'esc;help;open' {
            break
        }
        'esc;help;list' {
            break
        }
        'esc;help;show' {
            break
        }
        'esc;help;assign' {
            break
        }
        'esc;help;note' {
            break
        }
        'esc;help;edit' {
            break
        }
        'esc;help;respond' {
            break
        }
        'esc;help;contact' {
            break
        }
        'esc;help;pending' {
            break
        }
        'esc;help;resume' {
            break
        }
        'esc;help;csat' {
            break
        }
        'esc;help;tag' {
            break
        }
        'esc;help;escalate' {
            break
        }
        'esc;help;deescalate' {
            break
        }
        'esc;help;resolve' {
            break
        }
        'esc;help;signoff' {
            break
        }
        'esc;help;reopen' {
            break
        }
        'esc;help;merge' {
            break
        }
        'esc;help;link' {
            break
        }
        'esc;help;watch' {
            break
        }
        'esc;help;tick' {
            break
        }
        'esc;help;outbox' {
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Deliver the notifications that are due, now')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put notifications back in line: those given up on (after fixing how their person is reached), or waiting ones, to try them now')
            break
        }
        'esc;help;outbox;deliver' {
            break
        }
        'esc;help;outbox;retry' {
            break
        }
        'esc;help;inbox' {
            break
        }
        'esc;help;ack' {
            break
        }
        'esc;help;report' {
            break
        }
        'esc;help;export' {
            break
        }
        'esc;help;import' {
            break
        }
        'esc;help;backup' {
            break
        }
        'esc;help;redact' {
            break
        }
        'esc;help;mail' {
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Take one message from standard input, as a mail server delivers it')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the mail waiting in the policy''s mailbox, for cron')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the mail kept on no ticket: messages that do not read as mail, and machines'' mail that answers nothing the queue knows')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Read a message kept on no ticket again, as if it came now')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one kept message as it came, control characters made visible')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save an attachment of a kept message to a file')
            break
        }
        'esc;help;mail;receive' {
            break
        }
        'esc;help;mail;fetch' {
            break
        }
        'esc;help;mail;list' {
            break
        }
        'esc;help;mail;retry' {
            break
        }
        'esc;help;mail;show' {
            break
        }
        'esc;help;mail;save' {
            break
        }
        'esc;help;policy' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate a policy file and report every problem with its line and column')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make a policy file the queue''s policy, from now on')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List the queue''s policy versions: who applied each, when, and why')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain which SLA rule, path and triggers apply to a ticket, and why')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Replay a window''s tickets under a candidate policy, beside the versions in force')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'List what changed between two policies, in rule terms')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the queue''s policy in force (or an earlier version)')
            break
        }
        'esc;help;policy;check' {
            break
        }
        'esc;help;policy;apply' {
            break
        }
        'esc;help;policy;history' {
            break
        }
        'esc;help;policy;explain' {
            break
        }
        'esc;help;policy;simulate' {
            break
        }
        'esc;help;policy;diff' {
            break
        }
        'esc;help;policy;show' {
            break
        }
        'esc;help;demo' {
            break
        }
        'esc;help;completions' {
            break
        }
        'esc;help;man' {
            break
        }
        'esc;help;complete' {
            break
        }
        'esc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
