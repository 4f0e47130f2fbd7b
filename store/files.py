"""Private, durable files: 0600 in 0700 folders, written atomically and fsynced.

Modes are set explicitly (``fchmod``/``chmod``), so they do not depend on the umask.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path, *, ours: bool = True) -> Path:
    """Create ``path`` as 0700, and any missing folder above it as 0700 too.

    A folder that is ``ours`` (made by borgerrejse) is tightened to 0700 if it
    exists; a folder someone chose (``--store /srv/shared``) keeps its mode, since
    the data inside it lives in folders of our own.
    """
    existed = path.exists()
    missing = []
    for parent in path.parents:
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):  # e.g. ~/.local/share under umask 000: private, not 0777
        try:
            parent.mkdir(mode=DIR_MODE)
            os.chmod(parent, DIR_MODE)
        except FileExistsError:
            pass  # made by someone else meanwhile
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise
    if (ours or not existed) and path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def open_private(path: Path, flags: int) -> int:
    """``os.open`` with O_CREAT, and the file made 0600 whatever the umask."""
    fd = os.open(path, flags | os.O_CREAT, FILE_MODE)
    try:
        if os.fstat(fd).st_mode & 0o777 != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    except OSError:
        os.close(fd)
        raise
    return fd


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable.

    A folder we may write but not read (mode 0300) cannot be opened to fsync it;
    the rename has happened all the same, so that is not a failed save.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except PermissionError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EROFS):  # folders that cannot be fsynced
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file.

    The bytes go to a private temporary file beside it, are fsynced, renamed over
    the target, and the folder is fsynced so the rename itself is durable.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        # A full disk or a folder in the way: leave the old file, and no litter.
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
