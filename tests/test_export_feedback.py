"""Feedback export: one JSONL line per rated turn, with the prompt, what was shown and what was liked, in the
format of the chat's feedback log (db/feedback_log.py), with the user as a pseudonym."""
import json

from db.feedback_log import read_ratings, user_pseudonym
from db.repository import Repository, make_engine
from training import export_feedback

SECRET = "an-identity-secret-for-tests"


def test_rated_turns_are_exported_with_likes_and_dislikes(tmp_path):
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"))
    user = repo.user_id("u1")
    shown = repo.record_turn(user, [{"movie_id": 1, "source": "lstm", "score": 0.3},
                                    {"movie_id": 2, "source": "llm", "score": 0.8},
                                    {"movie_id": 3, "source": "lstm", "score": 0.1}],
                             request="what next?", prompt='[{"role": "user"}]', model_version="SmolLM2",
                             adapter_version="dualrec-smollm2")
    repo.record_turn(user, [{"movie_id": 4, "source": "lstm", "score": 0.2}])  # never rated: not exported
    repo.set_feedback(user, shown[0].recommended_id, 1)
    repo.set_feedback(user, shown[1].recommended_id, -1, "seen it")
    output = tmp_path / "out" / "feedback.jsonl"
    assert export_feedback.main(repo, output, SECRET) == 1
    [turn] = [json.loads(line) for line in output.read_text().splitlines()]
    assert turn["liked"] == [1] and turn["disliked"] == [2]
    assert turn["prompt"] == '[{"role": "user"}]' and turn["adapter_version"] == "dualrec-smollm2"
    assert [r["comment"] for r in turn["ratings"]] == ["", "seen it"]
    # a pseudonym, never the database id or the external id
    assert turn["user"] == user_pseudonym(SECRET, "u1") and "user_id" not in turn and "u1" not in json.dumps(turn)
    assert [(r["movie_id"], r["rank"], r["value"]) for r in read_ratings(output)] == [(1, 1, 1), (2, 2, -1)]


def test_the_command_line_writes_to_home_with_the_apps_identity_secret(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DUALREC_HOME", str(tmp_path))
    monkeypatch.setenv("DUALREC_IDENTITY_SECRET", SECRET)
    monkeypatch.delenv("DUALREC_DB_URL", raising=False)
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'dualrec.sqlite3'}"))
    user = repo.user_id("u1")
    repo.set_feedback(user, repo.record_turn(user, [{"movie_id": 1, "source": "lstm", "score": 0.3}])[0].recommended_id, 1)
    assert export_feedback.cli([]) == 0
    assert "wrote 1 rated turn(s)" in capsys.readouterr().out
    [turn] = [json.loads(line) for line in (tmp_path / "feedback" / "feedback.jsonl").read_text().splitlines()]
    assert turn["user"] == user_pseudonym(SECRET, "u1")
