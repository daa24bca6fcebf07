//! `esc completions`: shell completion scripts, generated from the clap
//! definition so they cannot drift from it.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Ctx;
use crate::cli::Cli;

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  esc completions bash > ~/.local/share/bash-completion/completions/esc"
)]
pub struct Args {
    /// The shell the script is for
    pub shell: Shell,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    // clap writes the script: nothing in it comes from a user.
    write(args.shell, ctx.out.vetted());
    Ok(())
}

pub fn write(shell: Shell, out: &mut dyn std::io::Write) {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "esc", &mut script);
    let script = String::from_utf8(script).expect("clap writes UTF-8");
    let queue = Queue::of(&Cli::command());
    let script = match shell {
        Shell::Bash => format!("{script}\n{}", queue.bash()),
        Shell::Zsh => queue.zsh(&script),
        Shell::Fish => format!("{script}\n{}", queue.fish()),
        Shell::Elvish => format!("{script}\n{}", queue.elvish()),
        Shell::PowerShell => queue.powershell(&script),
        _ => script,
    };
    out.write_all(script.as_bytes())
        .expect("writing a completion script");
}

/// The values only the queue knows, read from the definition: which
/// options take a team, level, priority, category, root cause, tier or
/// ticket (by their value names), and which commands take ticket ids. The
/// scripts ask `esc complete` for them, with the --db typed on the line.
struct Queue {
    /// `(flags, kind, commands that have it)`.
    options: Vec<(Vec<String>, &'static str, Vec<String>)>,
    /// Commands whose positional arguments are ticket ids.
    takes_ids: Vec<String>,
}

const KINDS: [(&str, &str); 8] = [
    ("TEAM", "team"),
    ("LEVEL", "level"),
    ("PRIORITY", "priority"),
    ("CATEGORY", "category"),
    ("ROOT_CAUSE", "root-cause"),
    ("TIER", "tier"),
    ("TICKET", "ticket"),
    ("REPLY", "reply"),
];

const HEADER: &str = "Values only the queue knows (teams, levels, priorities, categories, root
causes, tiers, ticket ids, replies) come from `esc complete`, which reads
the queue named by --db on the line (else ESC_DB or the config file),
read-only, and never makes one.";

fn commented(prefix: &str) -> String {
    HEADER.lines().map(|l| format!("{prefix} {l}\n")).collect()
}

impl Queue {
    fn of(cli: &clap::Command) -> Queue {
        let mut options: Vec<(Vec<String>, &'static str, Vec<String>)> = Vec::new();
        let mut takes_ids = Vec::new();
        // A short flag means one thing only within its command (`-t` is a
        // title to `open`, a team to `escalate`): the scripts, which do not
        // track the command, complete by the long ones alone.
        let kind_of = |arg: &clap::Arg| {
            let name = arg.get_value_names()?.first()?.to_string();
            KINDS.iter().find(|(v, _)| *v == name).map(|(_, k)| *k)
        };
        let mut shorts: std::collections::HashMap<char, Vec<Option<&str>>> = Default::default();
        for cmd in cli
            .get_subcommands()
            .flat_map(|c| std::iter::once(c).chain(c.get_subcommands()))
        {
            for arg in cmd.get_arguments() {
                if let Some(short) = arg.get_short() {
                    shorts.entry(short).or_default().push(kind_of(arg));
                }
            }
        }
        let one_meaning = |short: char| shorts[&short].windows(2).all(|w| w[0] == w[1]);
        let mut visit = |cmd: &clap::Command| {
            for arg in cmd.get_arguments() {
                let Some(kind) = kind_of(arg) else {
                    continue;
                };
                let mut flags: Vec<String> = Vec::new();
                if let Some(short) = arg.get_short().filter(|s| one_meaning(*s)) {
                    flags.push(format!("-{short}"));
                }
                if let Some(long) = arg.get_long() {
                    flags.push(format!("--{long}"));
                }
                match options
                    .iter_mut()
                    .find(|(f, k, _)| *f == flags && *k == kind)
                {
                    Some((_, _, cmds)) => cmds.push(cmd.get_name().to_string()),
                    None => options.push((flags, kind, vec![cmd.get_name().to_string()])),
                }
            }
            let ticket = |a: &clap::Arg| {
                let named_id = matches!(a.get_id().as_str(), "id" | "ids")
                    || a.get_value_names()
                        .and_then(|n| n.first())
                        .is_some_and(|n| n.starts_with("ID"));
                named_id
                    && a.get_help()
                        .is_some_and(|h| h.to_string().contains("ticket"))
            };
            if cmd.get_positionals().any(ticket) {
                takes_ids.push(cmd.get_name().to_string());
            }
        };
        for cmd in cli.get_subcommands() {
            visit(cmd);
            for sub in cmd.get_subcommands() {
                visit(sub);
            }
        }
        Queue { options, takes_ids }
    }

    fn ids(&self) -> String {
        self.takes_ids.join(" ")
    }

    fn bash(&self) -> String {
        let cases: String = self
            .options
            .iter()
            .map(|(flags, kind, _)| format!("        {}) what={kind} ;;\n", flags.join("|")))
            .collect();
        format!(
            r#"{header}_esc_queue() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} what= i value
    local db=() values=()
    case $prev in
{cases}    esac
    if [[ -z $what && $cur != -* ]]; then
        for ((i = 1; i < COMP_CWORD; i++)); do
            case " {ids} " in
                *" ${{COMP_WORDS[i]}} "*)
                    [[ $prev == "${{COMP_WORDS[i]}}" || $prev =~ ^#?[0-9]+$ ]] && what=ticket
                    break ;;
            esac
        done
    fi
    if [[ -z $what ]]; then
        _esc "$@"
        return
    fi
    for ((i = 1; i < COMP_CWORD - 1; i++)); do
        [[ ${{COMP_WORDS[i]}} == --db ]] && db=(--db "${{COMP_WORDS[i+1]}}")
    done
    while IFS=$'\t' read -r value _; do
        values+=("$value")
    done < <(command esc "${{db[@]}}" complete "$what" 2>/dev/null)
    compopt +o default +o bashdefault 2>/dev/null
    COMPREPLY=($(compgen -W "${{values[*]}}" -- "$cur"))
}}

complete -F _esc_queue -o nosort -o bashdefault -o default esc
"#,
            header = commented("#"),
            ids = self.ids(),
        )
    }

    fn zsh(&self, script: &str) -> String {
        let mut script = script.to_string();
        for (name, kind) in KINDS {
            script = script.replace(
                &format!(":{name}:_default'"),
                &format!(":{name}:_esc_queue {kind}'"),
            );
        }
        let script: String = script
            .lines()
            .map(|line| {
                let positional = line.starts_with("':id -- ") || line.starts_with("'*::ids -- ");
                match line.strip_suffix(":_default' \\") {
                    Some(head) if positional => format!("{head}:_esc_queue ticket' \\\n"),
                    _ => format!("{line}\n"),
                }
            })
            .collect();
        let function = format!(
            r#"{header}_esc_queue() {{
    local -a db values
    local at=${{words[(i)--db]}}
    (( at < CURRENT - 1 )) && db=(--db "${{words[at+1]}}")
    values=(${{(f)"$(_call_program esc-queue esc "${{db[@]}}" complete $1 2>/dev/null)"}})
    values=(${{values//:/\\:}})
    values=(${{values//$'\t'/:}})
    _describe -t esc-$1 $1 values
}}

"#,
            header = commented("#"),
        );
        let at = script
            .find("if [ \"$funcstack[1]\" = \"_esc\" ]")
            .expect("clap's zsh script ends by registering _esc");
        format!("{}{function}{}", &script[..at], &script[at..])
    }

    fn fish(&self) -> String {
        let mut out = commented("#");
        out.push_str(
            r#"function __fish_esc_queue
    set -l tokens (commandline -opc)
    set -l db
    if set -l at (contains -i -- --db $tokens)
        set db --db $tokens[(math $at + 1)]
    end
    esc $db complete $argv 2>/dev/null
end
"#,
        );
        for (flags, kind, cmds) in &self.options {
            let flags: Vec<String> = flags
                .iter()
                .map(|f| match f.strip_prefix("--") {
                    Some(long) => format!("-l {long}"),
                    None => format!("-s {}", &f[1..]),
                })
                .collect();
            out.push_str(&format!(
                "complete -c esc -n '__fish_seen_subcommand_from {}' {} -x -a '(__fish_esc_queue {kind})'\n",
                cmds.join(" "),
                flags.join(" ")
            ));
        }
        out.push_str(&format!(
            "complete -c esc -n '__fish_seen_subcommand_from {}' -f -a '(__fish_esc_queue ticket)'\n",
            self.ids()
        ));
        out
    }

    fn elvish(&self) -> String {
        let kinds: String = self
            .options
            .iter()
            .flat_map(|(flags, kind, _)| flags.iter().map(move |f| format!("&{f}={kind}")))
            .collect::<Vec<_>>()
            .join(" ");
        let ids: String = self
            .takes_ids
            .iter()
            .map(|c| format!("&{c}=$true"))
            .collect::<Vec<_>>()
            .join(" ");
        format!(
            r#"{header}use str
var esc-static = $edit:completion:arg-completer[esc]
set edit:completion:arg-completer[esc] = {{|@words|
    var kinds = [{kinds}]
    var takes-ids = [{ids}]
    var prev = $words[-2]
    var what = ''
    if (has-key $kinds $prev) {{
        set what = $kinds[$prev]
    }} elif (not (str:has-prefix $words[-1] -)) {{
        for word $words[1..-1] {{
            if (has-key $takes-ids $word) {{
                if (or (eq $prev $word) (re:match '^#?[0-9]+$' $prev)) {{ set what = ticket }}
                break
            }}
        }}
    }}
    if (eq $what '') {{
        $esc-static $@words
        return
    }}
    var db = []
    for i [(range (- (count $words) 2))] {{
        if (eq $words[$i] --db) {{ set db = [--db $words[(+ $i 1)]] }}
    }}
    try {{
        e:esc $@db complete $what 2>/dev/null | each {{|line|
            var parts = [(str:split "\t" $line)]
            edit:complex-candidate $parts[0] &display=(str:join ' ' $parts)
        }}
    }} catch {{ }}
}}
"#,
            header = commented("#"),
        )
        .replace("use str\n", "use re\nuse str\n")
    }

    fn powershell(&self, script: &str) -> String {
        let kinds: String = self
            .options
            .iter()
            .flat_map(|(flags, kind, _)| flags.iter().map(move |f| format!("'{f}' = '{kind}'")))
            .collect::<Vec<_>>()
            .join("; ");
        let ids: String = self
            .takes_ids
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let block = format!(
            r#"{header}    $escWords = @($commandAst.CommandElements | ForEach-Object {{ $_.ToString() }})
    $escPrev = if ($wordToComplete -eq '') {{ $escWords[-1] }} else {{ $escWords[-2] }}
    $escKinds = @{{ {kinds} }}
    $escWhat = $escKinds[$escPrev]
    if (-not $escWhat -and -not $wordToComplete.StartsWith('-')) {{
        $escTakesIds = @({ids})
        $escCommand = $escWords | Where-Object {{ $escTakesIds -ccontains $_ }} | Select-Object -First 1
        if ($escCommand -and ($escPrev -ceq $escCommand -or $escPrev -match '^#?[0-9]+$')) {{ $escWhat = 'ticket' }}
    }}
    if ($escWhat) {{
        $escDb = @()
        $escAt = [array]::IndexOf($escWords, '--db')
        if ($escAt -ge 0 -and $escAt + 1 -lt $escWords.Count) {{ $escDb = @('--db', $escWords[$escAt + 1]) }}
        & esc @escDb complete $escWhat 2>$null | ForEach-Object {{
            $escValue, $escText = $_ -split "`t", 2
            if ($escValue.StartsWith($wordToComplete)) {{
                [CompletionResult]::new($escValue, $escValue, [CompletionResultType]::ParameterValue, "$escValue $escText")
            }}
        }}
        return
    }}

"#,
            header = commented("    #"),
        );
        let anchor = "    param($wordToComplete, $commandAst, $cursorPosition)\n\n";
        let at = script
            .find(anchor)
            .expect("clap's PowerShell script starts its block with param")
            + anchor.len();
        format!("{}{block}{}", &script[..at], &script[at..])
    }
}
