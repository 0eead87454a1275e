"""The feedback files: every 👍/👎 as a JSON line, read by the export, the report and a Hub dataset alike.

One format serves all three. A line is one recommendation turn with its ratings:

    {"user": "<pseudonym>", "turn_id": 7, "turn_at": "2026-...+00:00", "request": "what next?", "prompt": "...",
     "mode": "grounded", "model_version": "SmolLM2", "adapter_version": "", "liked": [2571], "disliked": [],
     "ratings": [{"rank": 1, "movie_id": 2571, "source": "lstm", "score": 0.31, "value": 1, "comment": "",
                  "rated_at": "2026-...+00:00"}]}

`training.export_feedback` writes one line per rated turn from the database; the chat appends one line per click
(`FeedbackLog`): a rating (value +1 or -1) or a rating taken back (value 0). `read_ratings` folds both into the
current rating of each shown movie: the latest `rated_at` wins, so a folder holding the export and the log counts
each rating once.

"user" is never the database's user id nor a token: it is HMAC-SHA256(the app's identity secret, the user's
external id), the same for a user at every start, and not reversible, nor checkable against a guess, without the
secret (bot/identity.py keeps it).

With a Hub dataset (`open_feedback_log(..., dataset="user/name")`) a `huggingface_hub.CommitScheduler` commits the
log's folder every few minutes. Each start of the app appends to its own file, so a restarted Space never
overwrites an earlier run's file; the earlier runs' files are fetched at start so that "forget me" can scrub them
too. "Forget me" rewrites the files without the user's lines, under the scheduler's lock, and commits at once: the
next commit no longer holds them, while the dataset's earlier commits keep them in its history.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from huggingface_hub import CommitScheduler, HfApi
from huggingface_hub.errors import RepositoryNotFoundError

from recommender.files import replace_atomically

log = logging.getLogger(__name__)
RATINGS = "ratings"  # the log's folder under the feedback folder, and its folder in the dataset repository
TURN_FIELDS = ("turn_id", "turn_at", "request", "prompt", "mode", "model_version", "adapter_version")
RATING_FIELDS = ("rank", "movie_id", "source", "score", "value", "comment", "rated_at")
CLEARED = 0  # the value of a rating taken back


def user_pseudonym(secret: str, external_id: str) -> str:
    """The dataset's key for a user: keyed with the identity secret, so it names no one without it."""
    return hmac.new(secret.encode("utf-8"), b"feedback-user:" + external_id.encode("utf-8"), hashlib.sha256).hexdigest()


def turn_lines(records: Iterable[dict], secret: str) -> list[dict]:
    """Ratings (Repository.feedback_records rows) grouped by turn, in order of each turn's first rating."""
    turns: dict[tuple[str, int], dict] = {}
    for row in records:
        user = user_pseudonym(secret, row["external_id"])
        turn = turns.setdefault((user, row["turn_id"]), {"user": user, **{k: row.get(k) for k in TURN_FIELDS},
                                                         "liked": [], "disliked": [], "ratings": []})
        turn["ratings"].append({k: row[k] for k in RATING_FIELDS})
        if row["value"]:
            (turn["liked"] if row["value"] > 0 else turn["disliked"]).append(row["movie_id"])
    return list(turns.values())


def jsonl_files(path: Path) -> list[Path]:
    """`path` itself, or every *.jsonl under it (hidden folders such as huggingface_hub's .cache left out)."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*.jsonl") if not any(part.startswith(".") for part in p.relative_to(path).parts))


def read_lines(path: Path) -> Iterable[dict]:
    """Every readable line of the JSONL files at `path`; a torn or foreign line is skipped."""
    for file in jsonl_files(path):
        with open(file, encoding="utf-8") as f:
            for line in f:
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(item, dict) and isinstance(item.get("ratings"), list):
                    yield item


def read_ratings(path: Path) -> list[dict]:
    """The current ratings in the files at `path` (a folder or one file): one row per rated movie of a turn, with
    the turn's fields, "user" and the rating's fields; the latest event of each wins and a taken-back one is gone."""
    latest: dict[tuple, dict] = {}
    for line in read_lines(path):
        user = line.get("user") or f"id:{line.get('user_id')}"  # files exported before pseudonyms
        for rating in line["ratings"]:
            if not isinstance(rating, dict):
                continue
            key = (user, line.get("turn_id"), line.get("turn_at"), rating.get("movie_id"))
            row = {"user": user, **{k: line.get(k) for k in TURN_FIELDS}, **{k: rating.get(k) for k in RATING_FIELDS}}
            if key not in latest or str(row["rated_at"]) >= str(latest[key]["rated_at"]):
                latest[key] = row
    return [row for row in latest.values() if row["value"] in (1, -1)]


def scrub_user(directory: Path, user: str, legacy_user_id: int | None = None) -> list[Path]:
    """Drop one user's lines (their pseudonym; with `legacy_user_id`, also lines exported before pseudonyms under
    that database id) from every JSONL file under `directory`; returns the files rewritten."""
    rewritten = []
    for path in jsonl_files(directory) if Path(directory).is_dir() else []:
        kept, dropped = [], 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    item = None
                owned = isinstance(item, dict) and (item.get("user") == user or (
                    legacy_user_id is not None and "user" not in item and item.get("user_id") == legacy_user_id))
                dropped += owned
                if not owned:
                    kept.append(line)
        if dropped:
            # synced: a deletion a user asked for must not come back after a power cut
            replace_atomically(path, lambda partial: partial.write_text("".join(kept), encoding="utf-8"), sync=True)
            rewritten.append(path)
    return rewritten


class FeedbackScheduler(CommitScheduler):
    """CommitScheduler as it is, except for two things.

    It uploads a file when its modification time differs from the last upload's. A file rewritten by "forget me"
    could keep that time (a coarse clock, or a rewrite while a commit was reading it), so its next commit would
    skip it and the dataset's head would keep the forgotten lines: `rewritten` marks such files for upload. And it
    waits on an event instead of sleeping, so `close` ends its thread at once."""

    def __init__(self, **kwargs):
        self._rewritten: set[Path] = set()
        self._closing = threading.Event()
        super().__init__(**kwargs)

    def rewritten(self, paths: Iterable[Path]) -> None:
        """Call with `self.lock` held, as for any write to the folder."""
        self._rewritten.update(Path(p).resolve() for p in paths)

    def push_to_hub(self):
        with self.lock:
            for path in self._rewritten:
                self.last_uploaded.pop(path, None)  # a failed commit leaves them out too: retried next time
            self._rewritten.clear()
        return super().push_to_hub()

    def _run_scheduler(self) -> None:
        while not self._closing.is_set():
            self.last_future = self.trigger()
            self._closing.wait(self.every * 60)

    def close(self, timeout_s: float = 60.0) -> None:
        """Commit what is left, then stop: the thread ends now, and later triggers do nothing."""
        try:
            self.trigger().result(timeout_s)
        except Exception as exc:  # noqa: BLE001 - the lines stay in the local files
            log.warning("the last feedback commit to %s failed: %s", self.repo_id, exc)
        self.stop()
        self._closing.set()
        self._scheduler_thread.join(timeout_s)


class FeedbackLog:
    """Appends each rating event to this start's own JSONL file under `folder`/ratings; with a scheduler, the Hub
    dataset receives that folder. A write holds the scheduler's lock, as CommitScheduler asks."""

    def __init__(self, folder: Path, secret: str, scheduler: FeedbackScheduler | None = None, dataset: str = ""):
        self.folder = Path(folder)
        self._secret = secret
        self.scheduler = scheduler
        self.dataset = dataset  # the configured repo id, even when its scheduler could not start
        self.lock = scheduler.lock if scheduler is not None else threading.Lock()
        started = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.path = self.folder / RATINGS / f"{started}-{uuid.uuid4().hex[:8]}.jsonl"

    def pseudonym(self, external_id: str) -> str:
        return user_pseudonym(self._secret, external_id)

    def append(self, record: dict) -> bool:
        """One rating (a feedback_records row; value 0: taken back) as a line. False when the file could not be
        written: logged, and the rating stays in the database."""
        [line] = turn_lines([record], self._secret)
        text = json.dumps(line, ensure_ascii=False) + "\n"
        try:
            with self.lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(self.path, "a", encoding="utf-8") as f:
                    f.write(text)
        except OSError as exc:
            log.warning("a rating was not written to %s: %s", self.path, exc)
            return False
        return True

    def forget(self, external_id: str, legacy_user_id: int | None = None) -> int:
        """Remove the user's lines from every file under the folder, and commit at once when a dataset is synced.
        Returns how many files changed. Raises OSError when a file could not be rewritten."""
        with self.lock:
            rewritten = scrub_user(self.folder, self.pseudonym(external_id), legacy_user_id)
            if self.scheduler is not None:
                self.scheduler.rewritten(rewritten)
        if rewritten and self.scheduler is not None:
            self.scheduler.trigger()  # the next commit now, not in a few minutes
        return len(rewritten)

    def close(self) -> None:
        if self.scheduler is not None:
            self.scheduler.close()


def cleared(record: dict) -> dict:
    """The line for a rating taken back: its context, value 0, now."""
    return {**record, "value": CLEARED, "comment": "", "rated_at": datetime.now(timezone.utc).isoformat()}


def fetch_earlier_runs(api: HfApi, dataset: str, folder: Path) -> int:
    """Download the dataset's rating files missing here (a Space starts on an empty disk), so "forget me" scrubs
    them too. A file already here is never overwritten: it may hold lines not yet committed, or a scrub."""
    try:
        names = [n for n in api.list_repo_files(dataset, repo_type="dataset")
                 if n.startswith(f"{RATINGS}/") and n.endswith(".jsonl")]
    except RepositoryNotFoundError:
        return 0  # a new dataset: the scheduler creates it
    missing = [n for n in names if not (folder / n).exists()]
    for name in missing:
        api.hf_hub_download(dataset, name, repo_type="dataset", local_dir=folder)
    return len(missing)


def open_feedback_log(folder: Path, secret: str, dataset: str = "", every_min: float = 5.0,
                      api: HfApi | None = None) -> FeedbackLog:
    """The app's feedback log in `folder`. With `dataset` (a Hub repo id), its files are committed there every
    `every_min` minutes; a Hub that cannot be reached at start is logged, and the log stays local."""
    if not dataset:
        return FeedbackLog(folder, secret)
    api = api or HfApi()  # the token: HF_TOKEN or the machine's login, read by huggingface_hub
    try:
        fetched = fetch_earlier_runs(api, dataset, Path(folder))
        if fetched:
            log.info("fetched %d earlier rating file(s) from %s", fetched, dataset)
    except Exception as exc:  # noqa: BLE001 - the Hub is optional to the chat
        log.warning("earlier rating files of %s not fetched (forget me cannot scrub them): %s", dataset, exc)
    try:
        # users' requests and histories go there as typed: never to a public dataset (one created here is private)
        api.create_repo(dataset, repo_type="dataset", private=True, exist_ok=True)
        if not api.repo_info(dataset, repo_type="dataset").private:
            log.warning("feedback is not sent to %s, a public dataset: make it private (kept in %s)", dataset, folder)
            return FeedbackLog(folder, secret)
    except Exception as exc:  # noqa: BLE001
        log.warning("feedback is not sent to %s (kept in %s): %s", dataset, folder, exc)
        return FeedbackLog(folder, secret, dataset=dataset)
    try:
        scheduler = FeedbackScheduler(repo_id=dataset, repo_type="dataset", folder_path=Path(folder) / RATINGS,
                                      path_in_repo=RATINGS, every=every_min, private=True, allow_patterns="*.jsonl",
                                      hf_api=api)
    except Exception as exc:  # noqa: BLE001
        log.warning("feedback is not sent to %s (kept in %s): %s", dataset, folder, exc)
        return FeedbackLog(folder, secret, dataset=dataset)
    return FeedbackLog(folder, secret, scheduler, dataset=dataset)
