"""Which file system a path lives on, from the kernel's mount table, to keep SQLite off network and FUSE mounts.

SQLite relies on POSIX file locks and, in WAL mode, on shared memory beside the file; on a network or FUSE file
system those are missing, emulated per client, or only as good as the server's implementation, so two writers
can corrupt the file (https://www.sqlite.org/useovernet.html). A Hugging Face Space keeps state across restarts
only in a mounted Storage Bucket or a dataset repository, both remote: SQLite is for a real local disk.

`filesystem_of` is a pure function over /proc/self/mountinfo's text, so it is tested on made-up tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MOUNTINFO = Path("/proc/self/mountinfo")

# Kernel file system types whose locking SQLite cannot trust: network file systems, cluster file systems whose
# locks go through a network, 9p (WSL2's Windows drives, VM shares) and every FUSE file system ("fuse",
# "fuseblk", "fuse.sshfs", "fuse.s3fs", "fuse.gcsfuse", "fuse.rclone", ...: a user-space program decides what a
# lock means, and the object-store ones have none). virtiofs is left out: it is one host's directory shared into
# one VM, whose kernel holds the locks for the only client.
NETWORK_TYPES = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "9p", "afs", "ceph", "glusterfs",
                           "lustre", "gpfs", "beegfs", "ocfs2", "gfs2", "davfs", "sshfs", "s3fs", "gcsfuse"})
_OCTAL = re.compile(r"\\([0-7]{3})")  # mountinfo writes a space in a mount point as \040


@dataclass(frozen=True)
class Mount:
    point: str  # where it is mounted
    fstype: str  # the kernel's name for its file system: ext4, overlay, nfs4, fuse.s3fs, ...
    source: str  # what is mounted: a device, server:/export, a bucket

    @property
    def is_network(self) -> bool:
        return self.fstype in NETWORK_TYPES or self.fstype.split(".")[0] in ("fuse", "fuseblk")


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts in /proc/self/mountinfo's order (a later one over the same point hides the earlier). A line is
    `id parent major:minor root POINT options [optional fields...] - FSTYPE SOURCE super-options`."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields[6:]:
            continue  # not a mountinfo line
        separator = fields.index("-", 6)
        if len(fields) < separator + 3:
            continue
        point = _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), fields[4])
        mounts.append(Mount(point, fields[separator + 1], fields[separator + 2]))
    return mounts


def filesystem_of(path: str | Path, mountinfo: str) -> Mount | None:
    """The mount that holds `path` (absolute, links already resolved): the one with the longest mount point that is
    the path or one of its parents; of two at the same point, the later (it is mounted on top). None when the
    table names none (an empty table: not Linux)."""
    target = PurePosixPath(path)
    best: Mount | None = None
    for mount in parse_mountinfo(mountinfo):
        point = PurePosixPath(mount.point)
        if (target == point or point in target.parents) and (
                best is None or len(point.parts) >= len(PurePosixPath(best.point).parts)):
            best = mount
    return best


def read_mountinfo() -> str:
    """This process's mount table; "" where there is none to read (not Linux): then nothing is refused."""
    try:
        return MOUNTINFO.read_text()
    except OSError:
        return ""

