"""The feedback files exported from the database (training.export_feedback writes them): a user who asks the chat
to forget them is removed from these too, not only from the tables."""
from __future__ import annotations

import json
from pathlib import Path


def scrub_user(directory: Path, user_id: int) -> int:
    """Drop one user's lines from every exported JSONL file in `directory`; returns how many were dropped."""
    dropped = 0
    for path in sorted(Path(directory).glob("*.jsonl")) if Path(directory).is_dir() else []:
        kept = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    owner = json.loads(line).get("user_id")
                except (json.JSONDecodeError, AttributeError):
                    owner = None
                if owner == user_id:
                    dropped += 1
                else:
                    kept.append(line)
        partial = path.with_suffix(".partial")
        partial.write_text("".join(kept), encoding="utf-8")
        partial.replace(path)
    return dropped
