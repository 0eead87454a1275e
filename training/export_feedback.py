"""Export the chat's thumbs up/down as JSONL, for analysis and the next fine-tuning round.

    python -m training.export_feedback [--output FILE]   (default DUALREC_HOME/feedback/feedback.jsonl)

One line per recommendation turn that has ratings: the prompt the LLM saw, every movie shown (rank, source,
score, model and adapter version), and which were liked (+1) or disliked (-1). Reads DUALREC_DB_URL or the
SQLite file under DUALREC_HOME. When a user asks the chat to forget them, `db.exports.scrub_user` removes their lines from
every JSONL file in the default folder (DUALREC_HOME/feedback); a file written elsewhere with --output is the
operator's to delete.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from db.repository import Repository
from recommender.config import env_home
from recommender.errors import run_script


def feedback_turns(repo: Repository) -> list[dict]:
    """Ratings grouped by turn, in rating order of the turn's first rating."""
    turns: dict[int, dict] = {}
    for row in repo.feedback_records():
        turn = turns.setdefault(row["turn_id"], {
            "turn_id": row["turn_id"], "user_id": row["user_id"], "request": row["request"], "prompt": row["prompt"],
            "mode": row["mode"], "model_version": row["model_version"], "adapter_version": row["adapter_version"],
            "liked": [], "disliked": [], "ratings": []})
        turn["ratings"].append({k: row[k] for k in ("rank", "movie_id", "source", "score", "value", "comment", "rated_at")})
        (turn["liked"] if row["value"] > 0 else turn["disliked"]).append(row["movie_id"])
    return list(turns.values())


def main(repo: Repository, output: Path) -> int:
    turns = feedback_turns(repo)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as f:
        for turn in turns:
            f.write(json.dumps(turn, ensure_ascii=False) + "\n")
    partial.replace(output)
    return len(turns)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    home = env_home()

    def body() -> int:
        output = args.output or home / "feedback" / "feedback.jsonl"
        count = main(Repository.from_home(home), output)
        print(f"wrote {count} rated turn(s) to {output}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
