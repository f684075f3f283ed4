"""One ingest at a time per SQLite file: a second one refuses at once instead of interleaving.

SQLite serialises each transaction already, but two ingests would each build their
near-duplicate index and resolve actors across documents from a store the other is
changing. The lock is an ``flock`` on a file beside the database, so the kernel drops it
when its holder dies, even by SIGKILL: there is never a stale lock to clear by hand.
(SQLite's own locks cannot be used: they are POSIX locks, which any close of the database
file by the same process would release.)
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

SUFFIX = ".ingest-lock"


@contextmanager
def ingest_lock(database: Path) -> Iterator[None]:
    """Hold the ingest lock of ``database`` (a SQLite file); StoreError E412 when another process has it."""
    path = database.with_name(database.name + SUFFIX)
    with open(path, "a+", encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise StoreError(f"E412 another dyad ingest (process {holder}) is writing to {database}: "
                             f"wait for it to finish, then run this one again") from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
