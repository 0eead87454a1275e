"""ReDial dialogues -> labelled mentions (training/redial.py), on dialogues written here in ReDial's format."""
import json

import pytest

from recommender.errors import DualRecError
from training.redial import (DISLIKED, LIKED, MOVIE_SLOT, NOT_WATCHED, OTHER_SLOT, WATCHED, in_holdout, load_examples,
                             mention_examples, status_of)


def dialogue(conversation_id="1", initiator=None, respondent=None, messages=()):
    return {"conversationId": conversation_id, "initiatorWorkerId": 7, "respondentWorkerId": 8,
            "movieMentions": {"11": "Heat  (1995)", "22": "Fargo (1996)", "33": "Alien (1979)"},
            "initiatorQuestions": initiator if initiator is not None else [],
            "respondentQuestions": respondent if respondent is not None else [],
            "messages": [{"senderWorkerId": sender, "text": text} for sender, text in messages]}


def answer(seen, liked):
    return {"suggested": 0, "seen": seen, "liked": liked}


def test_each_seeker_mention_is_one_example_with_the_other_movies_slotted():
    d = dialogue(initiator={"11": answer(1, 1), "22": answer(0, 2)},
                 messages=[(8, "hi, seen @33 ?"), (7, "I loved @11 but haven't seen  @22"), (7, "what about @11 ?")])
    examples = mention_examples(d)
    assert [(e.turn, e.text, e.status) for e in examples] == [
        (0, f"I loved {MOVIE_SLOT} but haven't seen {OTHER_SLOT}", LIKED),
        (0, f"I loved {OTHER_SLOT} but haven't seen {MOVIE_SLOT}", NOT_WATCHED),
        (1, f"what about {MOVIE_SLOT} ?", LIKED)]
    assert examples[0].title == "Heat (1995)"  # ReDial's double spaces tidied


def test_the_seekers_own_answers_win_and_unsaid_ones_are_left_out():
    d = dialogue(initiator={"11": answer(1, 0), "22": answer(2, 2)}, respondent={"11": answer(1, 1), "33": answer(1, 2)},
                 messages=[(7, "@11 @22 @33")])
    assert {e.text.index(MOVIE_SLOT): e.status for e in mention_examples(d)} == {0: DISLIKED, 16: WATCHED}


@pytest.mark.parametrize("seen, liked, status", [(1, 1, LIKED), (1, 0, DISLIKED), (1, 2, WATCHED), (0, 1, NOT_WATCHED),
                                                 (2, 1, None)])
def test_status_from_seen_and_liked(seen, liked, status):
    assert status_of(seen, liked) == status


def test_the_holdout_is_a_fixed_fraction_by_conversation():
    held = [in_holdout(str(i)) for i in range(4000)]
    assert 0.12 < sum(held) / len(held) < 0.18
    assert held == [in_holdout(str(i)) for i in range(4000)]  # no dependence on order or run
    d = dialogue(conversation_id=next(str(i) for i in range(100) if in_holdout(str(i))),
                 initiator={"11": answer(1, 1)}, messages=[(7, "@11")])
    assert mention_examples(d)[0].holdout


def test_files_are_read_once_per_dialogue_and_a_broken_line_is_named(tmp_path):
    line = json.dumps(dialogue(initiator={"11": answer(1, 1)}, messages=[(7, "loved @11")]))
    (tmp_path / "train_data.jsonl").write_text(line + "\n")
    (tmp_path / "extra_irreel_valid_unverified.jsonl").write_text(line + "\n")  # the same dialogue again
    assert len(load_examples(tmp_path)) == 1
    (tmp_path / "train_data.jsonl").write_text(line + "\n{oops\n")
    with pytest.raises(DualRecError, match="train_data.jsonl:2"):
        load_examples(tmp_path)
    with pytest.raises(DualRecError, match="no ReDial files"):
        load_examples(tmp_path / "missing")
