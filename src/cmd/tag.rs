//! `esc tag`: add or remove tags.

use anyhow::Result;

use super::{Ctx, targets};

/// Add tags to tickets, or remove them with --remove
///
/// The words after the ids are tags to add, as are --add's. Several
/// tickets at once each change in their own transaction, each reported on
/// its own line; the exit code is the worst of theirs.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  esc tag 12 refund\n  esc tag 12 13 14 --add vip --remove trial\n  esc tag 12 --remove urgent-ish"
)]
pub struct Args {
    /// The tickets (12 or #12; - reads ids from standard input), then tags to add
    #[arg(required = true, value_name = "ID... [TAG...]")]
    pub words: Vec<String>,

    /// A tag to add; repeat for more
    #[arg(long, short, value_name = "TAG")]
    pub add: Vec<String>,

    /// A tag to remove; repeat for more
    #[arg(long, short, value_name = "TAG")]
    pub remove: Vec<String>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let split = args
        .words
        .iter()
        .position(|w| !targets::is_target(w))
        .unwrap_or(args.words.len());
    let ids = targets::ids(&args.words[..split])?;
    let add: Vec<String> = args.words[split..]
        .iter()
        .cloned()
        .chain(args.add)
        .collect();
    targets::each(ctx, &ids, |ctx, id| {
        let applied = ctx.act(id, |act, t| act.tag(t, &add, &args.remove))?;
        let tags = if applied.ticket.tags.is_empty() {
            "no tags".to_string()
        } else {
            applied.ticket.tags.join(" ")
        };
        ctx.changed(&applied, &format!("#{id} tags: {tags}"))
    })
}
