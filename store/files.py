"""Private, durable files: 0600 in 0700 folders, written atomically and fsynced."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path, *, ours: bool = True) -> Path:
    """Create ``path`` as 0700.

    A folder that is ``ours`` (made by borgerrejse) is tightened to 0700 if it
    exists; a folder someone chose (``--store /srv/shared``) keeps its mode, since
    the data inside it lives in folders of our own.
    """
    existed = path.exists()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if (ours or not existed) and path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file.

    The bytes go to a private temporary file beside it, are fsynced, renamed over
    the target, and the folder is fsynced so the rename itself is durable.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
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
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
