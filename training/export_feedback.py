"""Export the chat's thumbs up/down from the database as JSONL, for analysis and the next fine-tuning round.

    python -m training.export_feedback [--output FILE]   (default DUALREC_HOME/feedback/feedback.jsonl)

The format of the chat's own feedback log (db/feedback_log.py), so `benchmarks.feedback_report` and a fine-tuning
script read either with `db.feedback_log.read_ratings`: one line per recommendation turn that has ratings, with
the prompt the LLM saw, every rated movie (rank, source, score, model and adapter version), which were liked and
disliked, and the user as a pseudonym (an HMAC with the app's identity secret: never the database id). Reads
DUALREC_DB_URL or the SQLite file under DUALREC_HOME. "Forget me" removes a user's lines from every JSONL file
under DUALREC_HOME/feedback; a file written elsewhere with --output is the operator's to delete.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import load_app_config
from bot.identity import identity_secret
from db.feedback_log import turn_lines
from db.repository import Repository, database_url, make_engine
from recommender.errors import run_script
from recommender.files import write_jsonl


def main(repo: Repository, output: Path, secret: str) -> int:
    """Write the rated turns to `output` (atomically); returns how many. `secret`: the app's identity secret."""
    turns = turn_lines(repo.feedback_records(), secret)
    output.parent.mkdir(parents=True, exist_ok=True)
    return write_jsonl(output, turns)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)

    def body() -> int:
        cfg = load_app_config()
        home = cfg.data.home
        output = args.output or home / "feedback" / "feedback.jsonl"
        secret = identity_secret(home, cfg.ui.identity_secret)  # the app's: the same pseudonyms as its log
        engine = make_engine(database_url(home, cfg.database.url), identity_secret=secret, settings=cfg.database)
        count = main(Repository(engine), output, secret)
        print(f"wrote {count} rated turn(s) to {output}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
