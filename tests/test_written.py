"""The written messages' format (training/written.py): marked films -> the clauses the chat would read."""
import pytest

from bot.act_reader import ACTS
from bot.mention_reader import MOVIE_SLOT, OTHER_SLOT, STATUSES
from recommender.errors import DualRecError
from training.written import act_examples, mention_clauses, mention_examples, parse_mentions


def test_a_marked_message_gives_its_plain_text_spans_and_statuses():
    text, spans, labels = parse_mentions("loved [Heat](liked), never saw [the godfather 2](not_watched) tho")
    assert text == "loved Heat, never saw the godfather 2 tho"
    assert [text[a:b] for a, b in spans] == ["Heat", "the godfather 2"]
    assert labels == ["liked", "not_watched"]


def test_each_film_is_read_in_its_own_clause_with_the_others_slotted():
    text, spans, _ = parse_mentions("Watched [Alien](watched) last night. Haven't seen [Aliens](not_watched) or "
                                    "[Airplane!](wants) yet!")
    assert mention_clauses(text, spans) == [f"Watched {MOVIE_SLOT} last night.",
                                            f"Haven't seen {MOVIE_SLOT} or {OTHER_SLOT} yet!",
                                            f"Haven't seen {OTHER_SLOT} or {MOVIE_SLOT} yet!"]


def test_authors_held_out_are_marked_and_bad_lines_are_named(tmp_path):
    (tmp_path / "bob.txt").write_text("# comment\n\n[fargo](liked) rocks\n")
    (tmp_path / "everyone.txt").write_text("saw [jaws](watched)\n")
    examples = mention_examples(tmp_path, STATUSES)
    assert [(e.text, e.label, e.author, e.holdout) for e in examples] == [
        (f"{MOVIE_SLOT} rocks", "liked", "bob", False), (f"saw {MOVIE_SLOT}", "watched", "everyone", True)]
    (tmp_path / "bob.txt").write_text("[fargo](loved) rocks\n")
    with pytest.raises(DualRecError, match=r"bob.txt:1: unknown status"):
        mention_examples(tmp_path, STATUSES)


def test_act_lines_are_slotted_and_checked(tmp_path):
    (tmp_path / "ann.txt").write_text("remove | take [rocky 3] and [rocky 4] off\nrequest | surprise me\n")
    assert [(e.text, e.label) for e in act_examples(tmp_path, ACTS)] == [
        (f"take {MOVIE_SLOT} and {MOVIE_SLOT} off", "remove"), ("surprise me", "request")]
    (tmp_path / "ann.txt").write_text("delete that one\n")
    with pytest.raises(DualRecError, match=r"ann.txt:1: expected 'act \| clause'"):
        act_examples(tmp_path, ACTS)
