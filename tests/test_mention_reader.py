"""The shipped mention-status head (bot/models/mention-status) read through the real all-MiniLM-L6-v2 encoder."""
import json

import pytest

from bot.mention_reader import META_FILE, SHIPPED_HEAD, MentionReader, slotted
from training import redial
from training.train_understanding import UnderstandingConfig, fingerprint


@pytest.fixture(scope="module")
def reader():
    from recommender.matching import MatchConfig, load_encoder

    return MentionReader.load(load_encoder(MatchConfig()))


def test_slots_mark_the_target_and_hide_the_others():
    text = "loved Heat but not Casino"
    spans = [(6, 10), (19, 25)]
    assert slotted(text, spans, 0) == "loved [MOVIE] but not [OTHER]"
    assert slotted(text, spans, 1) == "loved [OTHER] but not [MOVIE]"


@pytest.mark.parametrize("text, title, watched", [
    ("I haven't seen Scream, but I should check it out", "Scream", False),
    ("I've never seen Erin Brockovich", "Erin Brockovich", False),
    ("put Rear Window on my watchlist", "Rear Window", False),
    ("Is The Big Lebowski any good?", "The Big Lebowski", False),
    ("caught Tombstone on cable last night", "Tombstone", True),
    ("Just finished watching Airplane!", "Airplane!", True),
    ("loved Heathers, what a movie", "Heathers", True),
])
def test_watching_is_told_apart_from_not_watching(reader, text, title, watched):
    start = text.index(title)
    (reading,) = reader.read(text, [(start, start + len(title))])
    assert reading.watched == watched, reading


def test_two_movies_in_one_clause_are_read_apart(reader):
    text = "loved Heathers but I never saw Pretty Woman"
    heathers, woman = reader.read(text, [(6, 14), (31, 43)])
    assert heathers.watched and not woman.watched


def test_the_shipped_head_was_trained_on_the_data_in_the_repository():
    """Editing the templates (or the trainer's settings) without retraining the shipped head fails here."""
    if not (redial.DEFAULT_DATA / "train_data.jsonl").is_file():
        pytest.skip("ReDial's train dialogues are not beside the checkout (../shared/data/redial-train)")
    meta = json.loads((SHIPPED_HEAD / META_FILE).read_text())
    assert meta["fingerprint"] == fingerprint(UnderstandingConfig()), \
        "retrain: python -m training.train_understanding --out bot/models/mention-status"
