"""The shipped message-act head (bot/models/message-acts) read through the real all-MiniLM-L6-v2 encoder, and the
chat's use of it: open language the rules read as bare titles."""
import json

import pytest

from bot.act_reader import ACTS, SHIPPED_HEAD, slotted_clause
from bot.linear_head import META_FILE
from bot.messages import AddWatched, Recommend, SetTaste, SmallTalk, split_titles
from bot.understanding import read_acts
from training import redial
from training.train_acts import ActConfig, act_weights, fingerprint, training_rows


def test_titles_are_slotted_before_reading():
    assert slotted_clause("why Heat and not Casino?", [(4, 8), (17, 23)]) == "why [MOVIE] and not [MOVIE]?"


@pytest.mark.parametrize("text, act", [
    ("surprise me", "request"), ("i'm so bored, help", "request"), ("keep going", "more"),
    ("[MOVIE] shouldn't be on my list", "remove"), ("is it on netflix?", "cannot_answer"), ("cheers mate", "small_talk"),
    ("why [MOVIE]?", "explain"), ("what have I told you so far?", "history"),
])
def test_open_language_is_read_as_its_act(act_reader, text, act):
    reading = act_reader.read(text, [])
    assert reading.act == act, reading


@pytest.mark.parametrize("text", ["surprise me", "hit me", "I'm bored"])
def test_a_request_the_rules_read_as_a_title_is_a_request(synthetic_matcher, act_reader, text):
    """Issue 20: these got "I'm not sure what you mean", or were taken for an unknown movie."""
    assert isinstance(read_acts(text, synthetic_matcher.index)[0], AddWatched)  # the rules alone
    [act] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(act, Recommend)


def test_a_fact_the_catalogue_lacks_gets_one_honest_sentence(make_service):
    service = make_service()
    reply = service.reply("facts", "is it on netflix?")
    assert "don't know" in reply.text and not reply.recommendations and not service.history("facts")


def test_a_misspelt_title_alone_is_still_a_title(synthetic_matcher, act_reader, cast):
    typo = cast["A"].display_title.lower()[:-1]
    [act] = read_acts(typo, synthetic_matcher.index, acts=act_reader)
    assert isinstance(act, AddWatched) and not isinstance(act, SmallTalk)


@pytest.fixture(scope="module")
def cast(prepared):
    from benchmarks.conversation import pick_cast

    return pick_cast(prepared.catalog)


def test_every_act_is_taught_and_weighs_the_same():
    rows = [r for r in training_rows(ActConfig(redial_dir=redial.DEFAULT_DATA.parent / "absent")) if not r.holdout]
    assert {r.act for r in rows} == set(ACTS)
    weights = act_weights(rows)
    totals = {act: sum(w for w, r in zip(weights, rows) if r.act == act) for act in ACTS}
    assert max(totals.values()) == pytest.approx(min(totals.values()))
    # a one-sentence template ("surprise me") weighs more than one row of a template with many sentences
    assert max(r.weight for r in rows) > 1 == min(r.weight for r in rows)


def test_training_is_seeded():
    cfg = ActConfig(redial_dir=redial.DEFAULT_DATA.parent / "absent", per_template=3)
    assert training_rows(cfg) == training_rows(cfg)


def test_the_shipped_head_was_trained_on_the_data_in_the_repository():
    """Editing the act templates (or the trainer's settings) without retraining the shipped head fails here."""
    if not (redial.DEFAULT_DATA / "train_data.jsonl").is_file():
        pytest.skip("ReDial's train dialogues are not beside the checkout (../shared/data/redial-train)")
    meta = json.loads((SHIPPED_HEAD / META_FILE).read_text())
    assert meta["fingerprint"] == fingerprint(ActConfig()), "retrain: python -m training.train_acts"
    assert meta["accuracy"]["templates hold-out"]["accuracy"] > 0.7


def test_the_shipped_taste_head_was_trained_on_the_taste_templates():
    """Editing the taste templates (or the trainer's settings) without retraining the shipped head fails here."""
    from bot.act_reader import SHIPPED_TASTES
    from training.train_tastes import TasteConfig, fingerprint as taste_fingerprint

    meta = json.loads((SHIPPED_TASTES / META_FILE).read_text())
    assert meta["fingerprint"] == taste_fingerprint(TasteConfig()), "retrain: python -m training.train_tastes"
    assert meta["accuracy"]["templates hold-out"]["accuracy"] > 0.7


def test_the_taste_head_reads_which_way_a_taste_points(act_reader):
    assert act_reader.polarities(["[GENRE] bores me to death", "i only watch [GENRE]", "[GENRE] is fine again",
                                  "i love [GENRE]"]) == ["dislike", "only", "allow", "like"]


def test_a_dislike_read_as_a_statement_keeps_the_dislike(synthetic_matcher, act_reader, mention_reader):
    """"I didn't like Heat" (a dislike the rules read) was read by the act model as a statement on ML-1M, and the
    dislike was lost: Heat kept steering the next list. A statement keeps the dislike beside it."""
    from bot.understanding import _floor, _taste_beside

    dislike = SetTaste(disliked_movies=(1,))
    assert _floor(dislike, "state", "I didn't like Heat", act_reader) is not None
    assert _floor(dislike, "small_talk", "I didn't like Heat", act_reader) is None
    title = synthetic_matcher.index.catalog.movies[0].display_title
    stated = AddWatched(split_titles(title))
    [kept] = _taste_beside(f"I didn't like {title}", stated, synthetic_matcher.index, act_reader)
    assert isinstance(kept, SetTaste) and kept.disliked_movies
