"""Written lists of films (bot/lists.py) read as one sentence, on the synthetic catalogue's real title index, and
end to end through the chat service with the shipped models."""
import pytest

from bot.lists import as_one_sentence, item_title


@pytest.fixture(scope="module")
def index(synthetic_matcher):
    return synthetic_matcher.index


@pytest.fixture(scope="module")
def names(prepared):
    """Three titles of the catalogue, as written, and the two films of its one series."""
    by_id = prepared.catalog.by_id
    return by_id(11).display_title, by_id(12).display_title, by_id(13).display_title


def test_an_items_title_is_cut_from_what_is_said_of_it(index, names):
    a, _, _ = names
    assert item_title(f"{a}: ★★★½", index) == a
    assert item_title(f"{a} (fight me, 8/10)", index) == a
    assert item_title(f"{a} - a solid B+", index) == a
    assert item_title("Harbor Kid, Part II: 4 stars", index) == "Harbor Kid, Part II"  # its own comma kept
    assert item_title("My dad keeps telling me to watch it. Haven't yet.", index) is None  # a sentence


def test_a_list_of_lines_is_one_sentence_after_its_heading(index, names):
    a, b, c = names
    text = f"Tally for the month, all watched:\n* {a}: ★★★★★\n* {b}: ★★\n- {c} (never again)\nThat's it."
    assert as_one_sentence(text, index) == f"Tally for the month, all watched: {a}, {b}, {c}. That's it."


def test_an_inline_numbered_list_is_one_sentence(index, names):
    a, b, c = names
    text = f"Top 3, go: 1. {a} 2. {b} 3. {c}. (no notes)"
    assert as_one_sentence(text, index) == f"Top 3, go: {a}, {b}, {c}. (no notes)"


def test_items_that_are_sentences_stay_sentences(index, names):
    a, b, _ = names
    text = f"Two things:\n1. My dad keeps telling me to watch {a}. Haven't yet.\n2. I did watch {b} on Sunday"
    assert as_one_sentence(text, index) == (f"Two things: My dad keeps telling me to watch {a}. Haven't yet. "
                                            f"I did watch {b} on Sunday.")


def test_a_films_place_after_a_heading_that_names_its_series(index):
    text = "Ranking the Harbor Kids:\n1. Part II (fight me)\n2. The original"
    assert as_one_sentence(text, index) == "Ranking the Harbor Kids: Harbor Kid 2, Harbor Kid."


def test_films_joined_by_arrows_are_a_list(index, names):
    a, b, c = names
    assert as_one_sentence(f"in viewing order: {a} -> {b} -> {c}. Then bed", index) == \
        f"in viewing order: {a}, {b}, {c}. Then bed"
    assert as_one_sentence(f"{a} -> {b}", index) == f"{a} -> {b}"  # one arrow: left as typed


def test_films_between_dashes_are_a_list(index, names):
    """One-line bullets: every piece after a dash a title; dashes between other words are left as typed."""
    a, b, c = names
    assert as_one_sentence(f"Q1 watched - {a} - {b} - {c}", index) == f"Q1 watched: {a}, {b}, {c}"
    assert as_one_sentence(f"{a} - {b} - {c}", index) == f"{a}, {b}, {c}"
    assert as_one_sentence(f"{a} - loved it - {b} - meh", index) == f"{a} - loved it - {b} - meh"
    assert as_one_sentence(f"watched - {a}", index) == f"watched - {a}"  # one dash: a remark, not a list
    assert as_one_sentence(f"Can't decide - {a} - {b} - {c}", index) == f"Can't decide - {a} - {b} - {c}"  # choices


def test_films_joined_by_slashes_are_a_list(index, names):
    """"seen: heat/ronin/casino" named no film (one word to the title finder); slashes between other words are
    left as typed."""
    a, b, c = names
    lower = [n.lower() for n in names]
    assert as_one_sentence(f"seen: {'/'.join(lower)}", index) == f"seen: {', '.join(lower)}"
    assert as_one_sentence(f"{a} / {b}", index) == f"{a}, {b}"
    assert as_one_sentence(f"did {a} w/ her, 6/10", index) == f"did {a} w/ her, 6/10"
    assert as_one_sentence(f"{a}: spacey/crowe/pearce", index) == f"{a}: spacey/crowe/pearce"


def test_items_that_name_more_or_say_not_watched_stay_sentences(index, names):
    a, b, c = names
    assert as_one_sentence(f"This week:\n- {a}, {b}\n- {c}", index) == f"This week: {a}, {b}. {c}."
    assert as_one_sentence(f"1. {a}: loved it\n2. {b}: haven't seen it yet", index) == \
        f"{a}. {b}: haven't seen it yet."


def test_each_heading_keeps_its_own_items(index, names):
    a, b, c = names
    text = f"Watched:\n- {a}\n- {b}\nStill on my to-watch list:\n- {c}\n- Lantern"
    assert as_one_sentence(text, index) == f"Watched: {a}, {b}. Still on my to-watch list: {c}, Lantern."
    asked = f"Can you recommend something like these?\n- {a}\n- {b}"
    assert as_one_sentence(asked, index) == f"Can you recommend something like these? {a}, {b}."


@pytest.mark.parametrize("text", ["I watched Heat. 2. Casino was ok",
                                  "We did a marathon Lantern 1. Lantern 2. Lantern 3. Kids loved it",
                                  "Lantern -> loved it. Lanterns -> didn't finish. Harbor Kid -> great", "Films I have NOT seen: A, B.\nFilms I HAVE seen: C.",
                                  "- just one line with a dash", "1. one\nno second item"])
def test_text_that_is_no_list_is_left_as_it_is(index, text):
    assert as_one_sentence(text, index) == text


def test_a_posted_list_stores_its_films(make_service, prepared, names):
    a, b, c = names
    service = make_service()
    service.reply("lists", f"Ranking the Harbor Kids, rewatched both:\n1. Part II: 5 stars\n2. The original: 3 stars")
    service.reply("lists", f"Top 3, go: 1. {a} 2. {b} 3. {c}.")
    assert [m.movie_id for m in service.history("lists")] == [7, 6, 11, 12, 13]


def test_an_item_marked_seen_or_still_to_come_says_so(index, names):
    """dev 29 (a film club's notes): "- Double Indemnity (attended)" and "- Key Largo (next month)" were read as one
    list of club picks; a mark that says the speaker saw an item, or that it is still to come, is that sentence. A
    bracket's remark that names people ("(that was Big Al's list)") leaves the item a title."""
    a, b, c = names
    assert as_one_sentence(f"Club picks:\n- {a} (attended)\n- {b} (next month)\n- {c} (skipped this one)", index) == \
        f"Club picks: I watched {a}. I haven't seen {b} yet. I haven't seen {c} yet."
    assert as_one_sentence(f"Status:\n1. {a} - present\n2. {b} - absent (flu)", index) == \
        f"Status: I watched {a}. I haven't seen {b} yet."
    assert as_one_sentence(f"Remove:\n- {a} (that was {c}'s list, not mine)\n- {b}", index) == f"Remove: {a}, {b}."
