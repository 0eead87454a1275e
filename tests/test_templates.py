"""Template expansion (training/templates.py): slots, choices, seeding, and the shipped template file."""
import random

import pytest

from recommender.errors import DualRecError
from training.templates import TEMPLATES_DIR, Family, TemplateSet, expand, fill, load_templates


def test_slots_then_choices_are_filled_and_spaces_tidied():
    slots = {"verb": ("watched", "(saw|caught)")}
    made = {fill("i {verb} [MOVIE] (last night|) ,", slots, random.Random(s)) for s in range(60)}
    assert made == {f"i {v} [MOVIE]{t}," for v in ("watched", "saw", "caught") for t in (" last night", "")}


def test_expansion_is_seeded_distinct_and_keeps_labels_and_holdout():
    templates = TemplateSet({"x": tuple("abcdefgh")}, (Family("f", "liked", ("{x} {x} [MOVIE]",)),
                                                       Family("h", "wants", ("maybe [MOVIE]",), holdout=True)))
    rows = expand(templates, 10, random.Random(3))
    assert rows == expand(templates, 10, random.Random(3))
    assert len([r for r in rows if r[2] == "f"]) == 10 and len({r[0] for r in rows}) == len(rows)
    assert ("maybe [MOVIE]", "wants", "h", True) in rows


def test_an_unknown_slot_is_named(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("slots: {a: [x]}\nfamilies: [{family: f, status: liked, sentences: ['{b} [MOVIE]']}]\n")
    with pytest.raises(DualRecError, match=r"family f uses unknown slot\(s\) \['b'\]"):
        load_templates(path)


def test_the_shipped_templates_cover_every_status_with_a_held_out_family():
    from bot.mention_reader import STATUSES

    templates = load_templates(TEMPLATES_DIR / "mention_templates.yaml")
    assert {f.label for f in templates.families if not f.holdout} == set(STATUSES)
    assert {f.label for f in templates.families if f.holdout} == set(STATUSES)
    rows = expand(templates, 5, random.Random(0))
    assert all("[MOVIE]" in text and "{" not in text and "|" not in text for text, *_ in rows)
