"""The feedback report: like rates per model/adapter version and source, and a PNG chart, from the feedback files
(the chat's log and the export of a real SQLite database, read by the one reader)."""
from db.feedback_log import FeedbackLog, cleared, read_ratings
from db.repository import Repository, make_engine
from benchmarks import feedback_report
from benchmarks.feedback_report import like_rates, wilson_interval
from training.export_feedback import main as export_feedback

SECRET = "an-identity-secret-for-tests"


def rated_repo(tmp_path):
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"))
    user = repo.user_id("u1")
    for adapter, values in (("", [1, -1, -1]), ("dualrec-smollm2", [1, 1, -1])):
        shown = repo.record_turn(user, [{"movie_id": i + 1, "source": "lstm" if i == 0 else "llm", "score": 0.1}
                                        for i in range(3)], model_version="SmolLM2", adapter_version=adapter)
        for stored, value in zip(shown, values):
            repo.set_feedback(user, stored.recommended_id, value)
    return repo


def exported_home(tmp_path):
    """DUALREC_HOME/feedback holding the export of `rated_repo`."""
    export_feedback(rated_repo(tmp_path), tmp_path / "feedback" / "feedback.jsonl", SECRET)
    return tmp_path


def test_like_rates_per_version_and_source(tmp_path):
    rows = like_rates(read_ratings(exported_home(tmp_path) / "feedback"))
    by_key = {(r["adapter"], r["source"]): r for r in rows}
    assert by_key[("-", "all")]["like_rate"] == 1 / 3 and by_key[("dualrec-smollm2", "all")]["like_rate"] == 2 / 3
    assert by_key[("dualrec-smollm2", "llm")]["ratings"] == 2 and by_key[("-", "lstm")]["likes"] == 1
    assert all(r["low"] <= r["like_rate"] <= r["high"] for r in rows)


def test_wilson_interval_is_wide_for_few_ratings_and_narrow_for_many():
    few, many = wilson_interval(1, 2), wilson_interval(500, 1000)
    assert few[1] - few[0] > 0.5 > many[1] - many[0] and many[0] < 0.5 < many[1]
    assert wilson_interval(0, 0) == (0.0, 0.0)


def test_the_log_and_the_export_together_count_each_rating_once_in_its_latest_state(tmp_path):
    repo = rated_repo(tmp_path)
    log = FeedbackLog(tmp_path / "feedback", SECRET)
    for row in repo.feedback_records():  # what the chat appended as the thumbs were clicked
        log.append(row)
    export_feedback(repo, tmp_path / "feedback" / "feedback.jsonl", SECRET)
    log.append(cleared(repo.feedback_records()[0]))  # later, the first thumb is taken back in the chat
    by_key = {(r["adapter"], r["source"]): r for r in like_rates(read_ratings(tmp_path / "feedback"))}
    assert by_key[("-", "all")]["ratings"] == 2 and by_key[("-", "all")]["likes"] == 0
    assert by_key[("dualrec-smollm2", "all")]["ratings"] == 3


def test_the_command_line_prints_the_table_and_saves_a_png(tmp_path, monkeypatch, capsys):
    exported_home(tmp_path)
    monkeypatch.setenv("DUALREC_HOME", str(tmp_path))
    chart = tmp_path / "chart.png"
    assert feedback_report.cli(["--out", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "| SmolLM2 | dualrec-smollm2 | all | 3 | 2 | 1 | 0.667 |" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_ratings_yet_is_said_plainly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DUALREC_HOME", str(tmp_path))
    monkeypatch.delenv("DUALREC_DB_URL", raising=False)
    assert feedback_report.cli([]) == 0
    assert "No ratings yet" in capsys.readouterr().out
