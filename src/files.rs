//! Files esc makes hold customer data (a queue, its backup, a mailbox):
//! each is made new, never through a link another user planted where it
//! goes, and readable by its owner alone, or, in a directory a group
//! shares (group-writable, with the set-group-id bit that makes new files
//! the group's), by that group too; never by everyone.

use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// The permissions of a new file in `dir`: 0660 where the directory is a
/// group's shared one, else 0600.
pub fn mode_in(dir: &Path) -> u32 {
    let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2020 == 0o2020);
    if shared { 0o660 } else { 0o600 }
}

/// Make `path` as a new, empty file with [`mode_in`] its directory's
/// permissions; an existing file or link there (a dangling one too) is
/// an error, and nothing is followed.
pub fn create(path: &Path) -> io::Result<std::fs::File> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode_in(dir))
        .open(path)
}

/// Why `path` cannot be where esc makes a file, if something is there
/// that is no file of its making: a link, in particular one to nothing.
pub fn planted(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.file_type().is_symlink() && !path.exists() {
        return Some(format!(
            "`{}` is a symbolic link to nothing; esc makes files only where nothing is",
            path.display()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_new_file_is_its_owners_or_its_shared_directorys_group() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("own");
        create(&own).unwrap();
        assert_eq!(std::fs::metadata(&own).unwrap().mode() & 0o777, 0o600);
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let theirs = shared.join("queue.db");
        create(&theirs).unwrap();
        // The group reads it (and writes it, unless the umask says no);
        // others never.
        let mode = std::fs::metadata(&theirs).unwrap().mode() & 0o777;
        assert_eq!(mode & 0o747, 0o640, "{mode:o}");
    }

    #[test]
    fn nothing_is_made_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("queue.db");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(
            planted(&link)
                .unwrap()
                .contains("a symbolic link to nothing")
        );
        assert_eq!(
            create(&link).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert!(!target.exists(), "nothing was written through the link");
    }
}
