"""The feedback log and its Hub dataset (db/feedback_log.py), through the real ChatService on a real SQLite file.

The Hugging Face Hub cannot be reached from here: `FolderHub`, an HfApi whose network methods (create_repo,
create_commit, list_repo_files, hf_hub_download) read and write a local folder, stands in for the dataset
repository. Everything else is real: huggingface_hub's CommitScheduler (its thread, lock, change detection and
PartialFileIO), the service, the repository and the files.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from huggingface_hub import HfApi
from huggingface_hub.errors import RepositoryNotFoundError

from bot import render
from db.feedback_log import (RATINGS, FeedbackLog, open_feedback_log, read_ratings, scrub_user, turn_lines,
                             user_pseudonym)
from db.repository import Repository, make_engine
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids

SECRET = "an-identity-secret-for-tests"
DATASET = "someone/dualrec-feedback"


class FolderHub(HfApi):
    """Stands in for the Hub (unreachable here): the dataset repository is the folder `root`/<repo id>, and each
    commit also keeps a copy of the files it wrote. `fail` makes the next commits raise, as a Hub outage would."""

    def __init__(self, root: Path):
        super().__init__(token=False)
        self.root, self.commits, self.fail, self.created = root, [], False, []
        self.public: set[str] = set()  # repositories made public by their owner

    def create_repo(self, repo_id, **kwargs):
        if not (self.root / repo_id).is_dir() and not kwargs.get("private"):
            self.public.add(repo_id)
        (self.root / repo_id).mkdir(parents=True, exist_ok=True)
        self.created.append(kwargs)
        return SimpleNamespace(repo_id=repo_id)

    def repo_info(self, repo_id, **kwargs):
        return SimpleNamespace(id=repo_id, private=repo_id not in self.public)

    def create_commit(self, repo_id, operations, **kwargs):
        if self.fail:
            raise ConnectionError("the Hub is down")
        written = {}
        for operation in operations:
            with operation.as_file() as f:
                written[operation.path_in_repo] = f.read().decode("utf-8")
            target = self.root / repo_id / operation.path_in_repo
            target.parent.mkdir(parents=True, exist_ok=True)
            # whole files at once, as a Hub commit is: the scheduler's first commit runs beside the test's reads
            partial = target.with_name(target.name + ".partial")
            partial.write_text(written[operation.path_in_repo], encoding="utf-8")
            partial.replace(target)
        self.commits.append(written)
        return SimpleNamespace(commit_url=f"local://{repo_id}/{len(self.commits)}")

    def list_repo_files(self, repo_id, **kwargs):
        if not (self.root / repo_id).is_dir():
            raise RepositoryNotFoundError("no such repo", response=httpx.Response(404, request=httpx.Request(
                "GET", f"https://huggingface.co/api/datasets/{repo_id}")))
        return sorted(p.relative_to(self.root / repo_id).as_posix() for p in (self.root / repo_id).rglob("*")
                      if p.is_file() and p.suffix != ".partial")

    def hf_hub_download(self, repo_id, filename, local_dir=None, **kwargs):
        target = Path(local_dir) / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.root / repo_id / filename, target)
        return str(target)

    def lines(self, repo_id: str = DATASET) -> list[dict]:
        """Every line the repository's head holds."""
        return [json.loads(line) for path in sorted((self.root / repo_id / RATINGS).glob("*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def hub(tmp_path):
    return FolderHub(tmp_path / "hub")


@pytest.fixture
def synced(hub, tmp_path):
    """A log committing to the stand-in dataset; its scheduler waits an hour between commits, so each commit
    here is one the test asks for (`commit`). Closed at the end."""
    log = open_feedback_log(tmp_path / "feedback", SECRET, DATASET, every_min=60, api=hub)
    assert log.scheduler is not None
    commit(log)  # after the scheduler's first commit, at start (nothing to send yet)
    yield log
    log.close()


def commit(log: FeedbackLog) -> None:
    """The next scheduled commit, now; waits for it (commits run one after another, so earlier ones are done)."""
    log.scheduler.trigger().result(30)


def rated_service(make_service, prepared, log: FeedbackLog):
    """A service over a real SQLite file with `log`; alice likes her first suggestion, bob dislikes his."""
    service = make_service()
    service.feedback = log
    catalog = prepared.catalog
    shown = {}
    for user, chain in (("alice", 0), ("bob", 1)):
        service.reply(user, "add " + catalog.by_id(chain_movie_ids(SPEC)[chain][0]).display_title)
        shown[user] = service.reply(user, "what next?").recommendations
    assert render.rated(1) == service.rate("alice", shown["alice"][0].recommended_id, 1)
    assert render.rated(-1) == service.rate("bob", shown["bob"][0].recommended_id, -1)
    return service, shown


def test_a_rating_reaches_the_dataset_as_jsonl_with_a_pseudonym_and_its_context(make_service, prepared, synced, hub):
    service, shown = rated_service(make_service, prepared, synced)
    commit(synced)
    lines = hub.lines()
    assert [line["user"] for line in lines] == [user_pseudonym(SECRET, "alice"), user_pseudonym(SECRET, "bob")]
    alice_id = service.repo.find_user("alice")
    for line in lines:  # never the database id, the external id or the token
        assert "user_id" not in line and "external_id" not in line and "alice" not in json.dumps(line)
        assert line["user"] not in (str(alice_id), user_pseudonym("another-secret-0123456789", "alice"))
    alice = lines[0]
    first = shown["alice"][0]
    assert alice["request"] == "what next?" and alice["prompt"] is not None and alice["turn_at"]
    assert alice["liked"] == [first.movie.movie_id] and alice["disliked"] == []
    [rating] = alice["ratings"]
    assert (rating["movie_id"], rating["rank"], rating["source"], rating["value"]) == (
        first.movie.movie_id, first.rank, first.source, 1)
    assert lines[1]["disliked"] == [shown["bob"][0].movie.movie_id]
    # the dataset holds what the local file holds, and the report's reader reads both alike
    assert hub.lines() == [json.loads(line) for line in synced.path.read_text().splitlines()]
    assert [(r["user"], r["value"]) for r in read_ratings(hub.root / DATASET)] == [
        (user_pseudonym(SECRET, "alice"), 1), (user_pseudonym(SECRET, "bob"), -1)]
    assert hub.created[0]["repo_type"] == "dataset" and hub.created[0]["private"] is True


def test_a_changed_or_taken_back_rating_is_a_new_line_and_the_reader_keeps_the_latest(make_service, prepared,
                                                                                      synced, hub):
    service, shown = rated_service(make_service, prepared, synced)
    service.rate("alice", shown["alice"][0].recommended_id, -1)  # changed her mind
    assert service.unrate("bob", shown["bob"][0].recommended_id) == render.RATING_REMOVED
    commit(synced)
    assert [line["ratings"][0]["value"] for line in hub.lines()] == [1, -1, -1, 0]
    assert [(r["user"], r["value"]) for r in read_ratings(hub.root / DATASET)] == [
        (user_pseudonym(SECRET, "alice"), -1)]


def test_forget_me_removes_the_users_lines_from_the_next_commit_and_says_history_keeps_them(make_service, prepared,
                                                                                           synced, hub):
    service, shown = rated_service(make_service, prepared, synced)
    commit(synced)
    assert len(hub.commits) == 1 and {line["user"] for line in hub.lines()} == {
        user_pseudonym(SECRET, "alice"), user_pseudonym(SECRET, "bob")}
    said = service.reply("bob", "forget me")
    assert said.forgotten and said.text == render.all_deleted(DATASET) and "earlier versions" in said.text
    commit(synced)  # forget me already asked for a commit; this waits for it
    assert [line["user"] for line in hub.lines()] == [user_pseudonym(SECRET, "alice")]  # bob gone, alice stays
    assert len(hub.commits) == 2 and list(hub.commits[1]) == [f"{RATINGS}/{synced.path.name}"]
    assert bob_not_in(synced.path) and service.repo.find_user("bob") is None
    # alice rates on: appended after the scrub, and sent
    service.rate("alice", shown["alice"][1].recommended_id, 1)
    commit(synced)
    assert [line["user"] for line in hub.lines()] == [user_pseudonym(SECRET, "alice")] * 2


def bob_not_in(path: Path) -> bool:
    return user_pseudonym(SECRET, "bob") not in path.read_text()


def record(user: str, turn_id: int, movie_id: int, value: int = 1, at: str = "2026-01-01T00:00:00+00:00") -> dict:
    """A Repository.feedback_records row."""
    return {"user_id": turn_id, "external_id": user, "turn_id": turn_id, "turn_at": at, "request": "what next?",
            "prompt": "", "mode": "grounded", "model_version": "SmolLM2", "adapter_version": "", "rank": 1,
            "movie_id": movie_id, "source": "lstm", "score": 0.5, "value": value, "comment": "", "rated_at": at}


def test_a_file_scrubbed_back_to_its_uploaded_modification_time_is_uploaded_again(synced, hub, monkeypatch):
    """CommitScheduler uploads a file only when its modification time changed since its last upload. A scrub that
    leaves the time as it was (a coarse clock here; or a scrub while a commit reads the file) must still reach the
    next commit."""
    import db.feedback_log

    synced.append(record("alice", 1, 10))
    synced.append(record("bob", 2, 20))
    commit(synced)
    uploaded = os.stat(synced.path).st_mtime_ns

    def scrub_on_a_coarse_clock(*args, **kwargs):
        rewritten = scrub_user(*args, **kwargs)
        for path in rewritten:
            os.utime(path, ns=(uploaded, uploaded))  # the time of the uploaded version
        return rewritten

    monkeypatch.setattr(db.feedback_log, "scrub_user", scrub_on_a_coarse_clock)
    assert synced.forget("bob") == 1 and os.stat(synced.path).st_mtime_ns == uploaded
    commit(synced)
    assert [line["user"] for line in hub.lines()] == [user_pseudonym(SECRET, "alice")]
    commits = len(hub.commits)  # nothing changed since: no further commit
    commit(synced)
    assert len(hub.commits) == commits


def test_a_failing_upload_never_breaks_a_rating_and_the_next_commit_sends_it(make_service, prepared, synced, hub):
    hub.fail = True
    service, shown = rated_service(make_service, prepared, synced)  # both ratings said "Thanks"
    with pytest.raises(ConnectionError):
        commit(synced)
    assert hub.commits == [] and len(synced.path.read_text().splitlines()) == 2  # kept locally
    assert service.repo.ratings(service.repo.find_user("alice"))  # and in the database
    hub.fail = False
    commit(synced)
    assert len(hub.lines()) == 2


def test_a_line_that_cannot_be_written_leaves_the_rating_saved(make_service, prepared, tmp_path):
    blocked = tmp_path / "feedback"
    blocked.write_text("a file where the folder should be")
    log = FeedbackLog(blocked, SECRET)
    service, shown = rated_service(make_service, prepared, log)  # said "Thanks" for both
    assert service.repo.ratings(service.repo.find_user("bob")) == {shown["bob"][0].movie.movie_id: -1}


def test_close_sends_what_is_left_and_ends_the_scheduler_thread(tmp_path, hub):
    log = open_feedback_log(tmp_path / "feedback", SECRET, DATASET, every_min=60, api=hub)
    thread = log.scheduler._scheduler_thread
    log.append(record("alice", 1, 10))
    log.close()
    assert not thread.is_alive()
    assert [line["user"] for line in hub.lines()] == [user_pseudonym(SECRET, "alice")]
    log.append(record("alice", 2, 11))  # still written locally; the stopped scheduler sends nothing more
    log.scheduler.trigger().result(10)
    assert len(hub.lines()) == 1 and len(log.path.read_text().splitlines()) == 2


def test_without_a_dataset_the_same_files_are_written_and_scrubbed_locally(make_service, prepared, tmp_path):
    log = open_feedback_log(tmp_path / "feedback", SECRET)
    assert log.scheduler is None and log.path.parent == tmp_path / "feedback" / RATINGS
    service, shown = rated_service(make_service, prepared, log)
    assert {r["user"] for r in read_ratings(tmp_path / "feedback")} == {
        user_pseudonym(SECRET, "alice"), user_pseudonym(SECRET, "bob")}
    assert service.reply("bob", "forget me").text == render.ALL_DELETED  # no dataset: nothing said about one
    assert [r["user"] for r in read_ratings(tmp_path / "feedback")] == [user_pseudonym(SECRET, "alice")]


def test_earlier_runs_files_are_fetched_at_start_so_forget_me_scrubs_them_too(tmp_path, hub):
    """A Space starts on an empty disk: the files of its earlier runs are only in the dataset."""
    earlier = hub.root / DATASET / RATINGS / "20260101T000000Z-earlier.jsonl"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("".join(json.dumps(line) + "\n" for line in turn_lines(
        [record("alice", 1, 10), record("bob", 2, 20)], SECRET)))
    kept = tmp_path / "feedback" / RATINGS / "20260102T000000Z-local.jsonl"  # here already: never overwritten
    kept.parent.mkdir(parents=True)
    kept.write_text("")
    (hub.root / DATASET / RATINGS / kept.name).write_text(json.dumps(turn_lines([record("carol", 3, 30)], SECRET)[0]))
    log = open_feedback_log(tmp_path / "feedback", SECRET, DATASET, every_min=60, api=hub)
    try:
        assert (tmp_path / "feedback" / RATINGS / earlier.name).read_text() == earlier.read_text()
        assert kept.read_text() == ""
        log.forget("bob")
        commit(log)
        assert [line["user"] for line in map(json.loads, earlier.read_text().splitlines())] == [
            user_pseudonym(SECRET, "alice")]
    finally:
        log.close()


def test_a_hub_that_cannot_be_reached_at_start_leaves_the_log_local(tmp_path, hub, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionError("no network")

    hub.create_repo = hub.list_repo_files = refuse
    log = open_feedback_log(tmp_path / "feedback", SECRET, DATASET, api=hub)
    assert log.scheduler is None and log.dataset == DATASET and "not sent" in caplog.text
    assert log.append(record("alice", 1, 10)) and len(read_ratings(tmp_path / "feedback")) == 1


def test_a_public_dataset_receives_nothing(make_service, prepared, tmp_path, hub, caplog):
    (hub.root / DATASET).mkdir(parents=True)
    hub.public.add(DATASET)  # its owner made it public: what users typed would be shown to anyone
    log = open_feedback_log(tmp_path / "feedback", SECRET, DATASET, api=hub)
    assert log.scheduler is None and "public" in caplog.text
    rated_service(make_service, prepared, log)
    assert hub.commits == [] and len(read_ratings(tmp_path / "feedback")) == 2  # kept here, sent nowhere


def test_forget_me_with_a_dataset_that_could_not_be_reached_promises_nothing_about_it(make_service, prepared,
                                                                                    tmp_path, hub):
    def refuse(*args, **kwargs):
        raise ConnectionError("no network")

    hub.create_repo = hub.list_repo_files = refuse
    service, _ = rated_service(make_service, prepared, open_feedback_log(tmp_path / "feedback", SECRET, DATASET,
                                                                         api=hub))
    said = service.reply("bob", "forget me")
    assert said.forgotten and said.text == render.all_deleted(DATASET, synced=False)
    assert "next update" not in said.text and DATASET in said.text


def test_the_export_and_the_log_read_as_one_each_rating_counted_once(tmp_path):
    """training.export_feedback writes the log's format: a folder holding both counts a rating once, in its latest
    state, and a file exported before pseudonyms is still scrubbed by the database id."""
    from training.export_feedback import main as export_feedback

    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"))
    alice = repo.user_id("alice")
    shown = repo.record_turn(alice, [{"movie_id": 1, "source": "lstm", "score": 0.3},
                                     {"movie_id": 2, "source": "llm", "score": 0.8}], request="what next?")
    log = FeedbackLog(tmp_path / "feedback", SECRET)
    for stored, value in zip(shown, (1, -1)):
        repo.set_feedback(alice, stored.recommended_id, value)
        [row] = repo.feedback_records(stored.recommended_id)
        log.append(row)
    assert export_feedback(repo, tmp_path / "feedback" / "feedback.jsonl", SECRET) == 1
    assert sorted((r["movie_id"], r["value"]) for r in read_ratings(tmp_path / "feedback")) == [(1, 1), (2, -1)]
    legacy = tmp_path / "feedback" / "old.jsonl"
    legacy.write_text(json.dumps({"user_id": alice, "turn_id": 9, "ratings": []}) + "\n"
                      + json.dumps({"user_id": alice + 1, "turn_id": 8, "ratings": []}) + "\n")
    assert len(scrub_user(tmp_path / "feedback", user_pseudonym(SECRET, "alice"), alice)) == 3
    assert read_ratings(tmp_path / "feedback") == [] and json.loads(legacy.read_text())["user_id"] == alice + 1


def test_the_pseudonym_is_stable_keyed_and_names_no_one():
    key = user_pseudonym(SECRET, "token-hmac:abc")
    assert key == user_pseudonym(SECRET, "token-hmac:abc") and len(key) == 64
    assert key != user_pseudonym("another-secret-0123456789", "token-hmac:abc")
    assert key != user_pseudonym(SECRET, "token-hmac:abd") and "abc" not in key


def test_the_app_start_gives_the_service_its_log_keyed_with_the_identity_secret(data_cfg, trained, tmp_path):
    """bot.startup.build_service, as the app runs it (no feedback dataset: the Hub cannot be reached here)."""
    from dataclasses import replace

    from bot.config import AppConfig, UIConfig
    from bot.startup import build_service
    from recommender.llm import LLMConfig
    from tests.conftest import TEST_MODEL, TEST_TRAIN

    cfg = AppConfig(data=data_cfg, model=TEST_MODEL, train=TEST_TRAIN, llm=LLMConfig(backend="none"),
                    ui=UIConfig(identity_secret=SECRET))
    cfg = replace(cfg, service=replace(cfg.service, feedback_dir=tmp_path / "feedback"))
    service, _ = build_service(cfg, repo=Repository(make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")))
    assert service.feedback.path.parent == tmp_path / "feedback" / RATINGS and service.feedback.scheduler is None
    assert service.feedback.pseudonym("alice") == user_pseudonym(SECRET, "alice")
