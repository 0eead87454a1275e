"""Files written whole or not at all: a temporary sibling renamed over the target, so a reader or a crash never
meets half a file."""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def replace_atomically(path: Path, write: Callable[[Path], object], sync: bool = False) -> None:
    """`write` fills a temporary sibling, which then replaces `path`. With `sync` its bytes reach the disk before
    the rename: for what must hold after a power cut too (a user's data removed on request)."""
    partial = path.with_name(path.name + ".part")
    write(partial)
    if sync:
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
    os.replace(partial, path)


def write_jsonl(path: Path, records: Iterable[dict], sync: bool = False) -> int:
    """One JSON object a line, atomically; returns how many lines."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    replace_atomically(path, lambda p: p.write_text("".join(lines), encoding="utf-8"), sync)
    return len(lines)
