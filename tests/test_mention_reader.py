"""The shipped mention-status head (bot/models/mention-status) read through the real all-MiniLM-L6-v2 encoder."""
import json

import pytest

from bot.mention_reader import META_FILE, SHIPPED_HEAD, MentionReader, listed_runs, slotted
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


def test_the_part_around_a_movie_ends_where_a_negated_clause_begins():
    """", and i still havent seen [OTHER]" ran on into the part around the first film (a fifth round's test)."""
    from bot.mention_reader import around_movie

    text = "me and jess saw [MOVIE] at the weekend, and i still havent seen [OTHER] which everyone loves"
    assert around_movie(text) == "me and jess saw [MOVIE] at the weekend"
    assert around_movie(text.replace("[MOVIE]", "[X]").replace("[OTHER]", "[MOVIE]")).startswith("and i still havent")


@pytest.mark.parametrize("text, title, watched", [
    ("I haven't seen Scream, but I should check it out", "Scream", False),
    ("I've never seen Erin Brockovich", "Erin Brockovich", False),
    ("put Rear Window on my watchlist", "Rear Window", False),
    ("Is The Big Lebowski any good?", "The Big Lebowski", False),
    ("caught Tombstone on cable last night", "Tombstone", True),
    ("Just finished watching Airplane!", "Airplane!", True),
    ("loved Heathers, what a movie", "Heathers", True),
    # classes read as watched before (issue 20's dev set): a hypothetical, a plan that fell through, only the
    # trailer, someone else watching while I was elsewhere, a question about the film, a film still to watch
    ("if I ever had four hours free I'd watch Lawrence of Arabia", "Lawrence of Arabia", False),
    ("one day I'll get to Seven Samurai when the kids are asleep", "Seven Samurai", False),
    ("We were going to watch Braveheart last night but ended up not watching it", "Braveheart", False),
    ("we planned to see Titanic on friday but it was sold out", "Titanic", False),
    ("the trailer for The Matrix looked sick, haven't seen the actual movie tho", "The Matrix", False),
    ("my kids watched The Lion King, I was in the kitchen the whole time", "The Lion King", False),
    ("The girls already watched Aladdin upstairs while I was cleaning up", "Aladdin", False),
    ("would you say A Clockwork Orange is too violent for a 12 year old?", "A Clockwork Orange", False),
    ("how scary is The Exorcist?", "The Exorcist", False),
    ("Still need to watch Psycho", "Psycho", False),
    # ... and watching said with what happened around it
    ("my son and I watched Toy Story last night", "Toy Story", True),
])
def test_watching_is_told_apart_from_not_watching(reader, text, title, watched):
    start = text.index(title)
    (reading,) = reader.read(text, [(start, start + len(title))])
    assert reading.watched == watched, reading


@pytest.mark.parametrize("text, first, second", [
    ("loved Heathers but I never saw Pretty Woman", "Heathers", "Pretty Woman"),
    ("I watched Fargo but not Heat", "Fargo", "Heat"),
])
def test_two_movies_in_one_clause_are_read_apart(reader, text, first, second):
    spans = [(text.index(t), text.index(t) + len(t)) for t in (first, second)]
    seen, unseen = reader.read(text, spans)
    assert seen.watched and not unseen.watched, (seen, unseen)


@pytest.mark.parametrize("text, watched", [
    ("Seen Alien. Not Aliens though.", False),  # the negation borrows its verb from the sentence before
    ("Loved Heat. Not Casino though.", True),  # ... which here says it was seen, and not liked
])
def test_an_elliptic_negation_is_read_with_the_sentence_before(reader, text, watched):
    first, second = text.split(". ")
    title = second.split()[1]
    start = text.index(title, len(first))
    other = first.split()[1]
    (_, reading) = reader.read(text, [(text.index(other), text.index(other) + len(other)), (start, start + len(title))])
    assert reading.watched == watched, reading


def test_the_shipped_head_was_trained_on_the_data_in_the_repository():
    """Editing the templates (or the trainer's settings) without retraining the shipped head fails here."""
    if not (redial.DEFAULT_DATA / "train_data.jsonl").is_file():
        pytest.skip("ReDial's train dialogues are not beside the checkout (../shared/data/redial-train)")
    meta = json.loads((SHIPPED_HEAD / META_FILE).read_text())
    assert meta["fingerprint"] == fingerprint(UnderstandingConfig()), \
        "retrain: python -m training.train_understanding --out bot/models/mention-status"


def test_the_reader_sees_the_adapted_encoder_and_the_matcher_keeps_the_plain_one(reader, tmp_path):
    """The shipped head was fitted on the LoRA-adapted encoder (bot.reading_encoder): the reader must read through
    the adapter, the encoder it was given must be left unchanged (the title matcher uses it), and a folder with no
    adapter gives the plain encoder back."""
    import numpy as np

    from bot.reading_encoder import SHIPPED_ADAPTER, has_adapter, reading_encoder
    from recommender.matching import MatchConfig, load_encoder

    assert has_adapter(SHIPPED_ADAPTER)
    plain = load_encoder(MatchConfig())
    before = plain.encode(["watched [MOVIE] alone in the dark"])
    adapted = reading_encoder(plain)
    assert adapted is not plain and reading_encoder(plain) is adapted  # made once, shared
    assert np.allclose(plain.encode(["watched [MOVIE] alone in the dark"]), before)
    assert not np.allclose(adapted.encode(["watched [MOVIE] alone in the dark"]), before, atol=1e-3)
    assert reading_encoder(plain, tmp_path) is plain
    assert MentionReader.load(plain).encoder is adapted


def test_the_shipped_adapter_was_trained_on_the_data_in_the_repository():
    """Editing the templates or the written messages without retraining the reading adapter fails here."""
    from bot.reading_encoder import SHIPPED_ADAPTER
    from training.train_reading_encoder import META_FILE as ADAPTER_META, ReadingEncoderConfig
    from training.train_reading_encoder import fingerprint as adapter_fingerprint

    if not (redial.DEFAULT_DATA / "train_data.jsonl").is_file():
        pytest.skip("ReDial's train dialogues are not beside the checkout (../shared/data/redial-train)")
    meta = json.loads((SHIPPED_ADAPTER / ADAPTER_META).read_text())
    assert meta["fingerprint"] == adapter_fingerprint(ReadingEncoderConfig()), \
        "retrain: python -m training.train_reading_encoder, then python -m training.train_understanding"


def test_a_head_is_never_served_on_an_encoder_it_was_not_fitted_on(tmp_path):
    """A checkout or package without the adapter (it is the one weights file git and the package keep) fed the plain
    encoder to a head fitted on the adapted one: every mention read wrong, with no error."""
    import shutil

    from bot.mention_reader import ReaderConfig
    from recommender.errors import DualRecError
    from recommender.matching import MatchConfig, load_encoder

    head = tmp_path / "head"
    shutil.copytree(SHIPPED_HEAD, head)
    with pytest.raises(DualRecError, match="fitted on another encoder adapter"):
        MentionReader.load(load_encoder(MatchConfig()), ReaderConfig(head_dir=head, adapter_dir=tmp_path / "none"))



def test_titles_side_by_side_in_a_list_are_one_run():
    text = "we saw Jumanji and Hook, both good, but not Casino"
    spans = [(7, 14), (19, 23), (44, 50)]
    assert listed_runs(text, spans) == [[0, 1], [2]]
    assert listed_runs("seen tombstone unforgiven", [(15, 25), (5, 14)]) == [[1, 0]]  # in text order


def test_the_items_of_one_list_share_their_reading(reader):
    """Blind dev 38: the second of "Jumanji and Hook" was read as not watched, the talk after the list swinging it."""
    text = ("last Friday we saw Jumanji and Hook, both with Robin Williams que en paz descanse, my son loved them, "
            "my daughter said is for babies")
    spans = [(text.index(t), text.index(t) + len(t)) for t in ("Jumanji", "Hook")]
    first, second = reader.read(text, spans)
    assert first == second and first.watched


def test_a_title_that_opens_a_clause_of_its_own_ends_the_list():
    text = "saw Heat, Casino is still on my list"
    assert listed_runs(text, [(4, 8), (10, 16)]) == [[0], [1]]
