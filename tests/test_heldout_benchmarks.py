"""The held-out runners (benchmarks/blind.py, benchmarks/redial_chat.py) on the synthetic catalogue: what they
judge, so a figure they print means what the README says."""
from pathlib import Path

from benchmarks.blind import run_sets
from benchmarks.redial_chat import catalogue_keys, opening_cases, run_cases


def test_blind_conversations_are_judged_turn_by_turn(make_service, prepared):
    service = make_service()
    a, b = prepared.catalog.movies[:2]
    conversations = [
        ("watched", {"name": "states one", "turns": [{"say": f"I watched {a.display_title}",
                                                      "expect": {"history": [a.title], "recommends": False}}]}),
        ("watched", {"name": "expects the wrong one", "turns": [{"say": f"I watched {a.display_title}",
                                                                 "expect": {"history_has": [b.title]}}]}),
        ("requests", {"name": "asks twice", "turns": [{"say": f"I watched {a.display_title}"},
                                                      {"say": "what should I watch?", "expect": {"recommends": True}},
                                                      {"say": "more", "expect": {"no_repeat": True}}]}),
    ]
    report = run_sets(service, conversations)
    assert report["by_category"] == {"watched": (1, 2), "requests": (1, 1)}
    assert report["failures"][0][1] == "expects the wrong one" and "not stored" in report["failures"][0][2][0]


def dialogue(conversation_id, text, seen):
    return {"conversationId": conversation_id, "initiatorWorkerId": 1, "respondentWorkerId": 2,
            "movieMentions": {"7": "{}"}, "initiatorQuestions": {"7": {"suggested": 0, "seen": seen, "liked": 1}},
            "respondentQuestions": [], "messages": [{"senderWorkerId": 2, "text": "hi, what do you like?"},
                                                    {"senderWorkerId": 1, "text": text}]}


def test_redial_messages_are_the_holdouts_and_judged_by_the_seen_answers(make_service, prepared):
    from training.redial import in_holdout

    service = make_service()
    movie = next(m for m in prepared.catalog.movies if m.year)
    held = [str(i) for i in range(200) if in_holdout(str(i))][:2]
    trained = next(str(i) for i in range(200) if not in_holdout(str(i)))
    dialogues = [dialogue(held[0], "I loved @7 !", 1), dialogue(held[1], "I have never seen @7", 0),
                 dialogue(trained, "I loved @7 !", 1)]
    for d in dialogues:
        d["movieMentions"]["7"] = f"{movie.display_title}  ({movie.year})"  # ReDial's double spaces
    cases = opening_cases(dialogues, catalogue_keys(prepared.catalog))
    assert cases == [(f"I loved {movie.display_title} ({movie.year}) !", {movie.movie_id: True}),
                     (f"I have never seen {movie.display_title} ({movie.year})", {movie.movie_id: False})]
    report = run_cases(service, cases)
    assert report["cases"] == 2 and report["seen"] == (1, 1) and report["unseen"] == (1, 1) and report["passed"] == 2


def test_the_held_out_set_prints_no_failure_however_its_path_is_written(monkeypatch):
    from benchmarks.blind import HELDOUT, never_read

    monkeypatch.chdir(HELDOUT.parents[2])  # the checkout's root
    assert never_read(HELDOUT) and never_read(Path("benchmarks/heldout/blind_everyday"))
    assert never_read(Path("benchmarks/heldout"))
    assert not never_read(Path("benchmarks/dev3/blind_everyday"))
    assert not never_read(Path("benchmarks/dev4/blind_everyday"))
