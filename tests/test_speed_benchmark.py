"""benchmarks.speed runs on a trained checkpoint and reports every history length (no timing asserts)."""
from __future__ import annotations

from benchmarks.speed import HISTORY_LENGTHS, main


def test_speed_rows_cover_every_length(data_cfg, trained, monkeypatch):
    import benchmarks.speed as speed

    monkeypatch.setattr(speed, "HISTORY_LENGTHS", (0, 5, 14))  # synthetic histories are short
    rows = main(data_cfg, calls=5, threads=1)
    assert [(r["context"], r["history"]) for r in rows] == [(c, h) for c in (20, 50, 30) for h in (0, 5, 14)]
    assert all(0 < r["p50_ms"] <= r["p95_ms"] for r in rows)
    assert all(0 <= r["hr@1/next5"] <= r["hr@5/next5"] <= 1 for r in rows)
    assert HISTORY_LENGTHS[-1] == 200


def test_turn_stages_add_up_to_no_more_than_the_turn(make_service, prepared):
    from benchmarks.speed import STAGES, time_turns

    service = make_service()  # the LSTM alone: the LLM stage is timed in the benchmark, not here
    users = list(prepared.next5.test_users)[:3]
    turns = time_turns(service, prepared, users, holdout=5)
    assert [len(turns[kind]) for kind in ("add", "recommend")] == [3, 3]
    for turn in turns["add"] + turns["recommend"]:
        assert sum(turn[stage] for stage in STAGES) <= turn["total"] and turn["first_reply"] <= turn["total"]
    assert all(t["matching"] > 0 for t in turns["add"]) and all(t["lstm"] > 0 for t in turns["recommend"])
