"""The one bounded file reader: every file recbench reads from a user goes through ``read_bounded``.

It never blocks and never reads more than its limit: the file is opened without waiting
(``O_NONBLOCK``, so a FIFO does not block the open) and must then be a regular file (a FIFO, a
device such as ``/dev/zero``, a socket or a folder is refused before a byte is read); at most
``limit + 1`` bytes are read, whatever the file claims its size is (``/proc`` files say 0).
With ``follow_symlinks=False`` a symbolic link is refused too, so that a link planted where an
output or a lock is expected cannot make recbench read (and publish) another file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from conformance.errors import Diagnostic, RecbenchError

READ_BLOCK = 1 << 20


class UnreadableFile(RecbenchError):
    """A file could not be read within the rules above; ``reason`` says why, without the path."""

    def __init__(self, path: Path, reason: str, code: str) -> None:
        self.path = path
        self.reason = reason
        self.code = code
        super().__init__([Diagnostic(path, 1, 1, code, reason)])


def read_bounded(
    path: Path,
    limit: int,
    *,
    follow_symlinks: bool = True,
    code: str = "RB102",
    missing_code: str = "RB300",
) -> bytes:
    """The bytes of the regular file ``path``; raise ``UnreadableFile`` for anything else or anything larger.

    ``code`` is the diagnostic code of a file that is too large or not a regular file,
    ``missing_code`` that of a file that does not exist or cannot be opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(path, "file not found", missing_code) from None
    except IsADirectoryError:
        raise UnreadableFile(path, "is a folder, expected a file", missing_code) from None
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_symlinks:
            raise UnreadableFile(path, "is a symbolic link, expected a regular file", code) from None
        raise UnreadableFile(path, f"cannot read: {error.strerror or error}", missing_code) from None
    except ValueError:  # a NUL character in the path
        raise UnreadableFile(path, "the path holds a NUL character", missing_code) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile(path, "is a folder, expected a file", missing_code)
        if not stat.S_ISREG(mode):
            raise UnreadableFile(path, f"is {_kind(mode)}, expected a regular file", code)
        os.set_blocking(descriptor, True)
        blocks: list[bytes] = []
        total = 0
        while total <= limit:
            block = os.read(descriptor, min(READ_BLOCK, limit + 1 - total))
            if not block:
                break
            blocks.append(block)
            total += len(block)
        if total > limit:
            raise UnreadableFile(path, f"file is over the limit of {limit} bytes", code)
        return b"".join(blocks)
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {error.strerror or error}", missing_code) from None
    finally:
        os.close(descriptor)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
