"""Spanish mixed into English (bot.spanish): pure; messages from dev 27's Spanglish author's kind, and English ones that
hold Spanish-looking words and must stay as typed."""
import pytest

from bot.spanish import as_english, looks_spanish
from bot.understanding import read_acts


@pytest.mark.parametrize("spanish, english", [
    ("ayer vi Heat con mi esposa, me encantó", "yesterday I watched Heat with my wife, I loved it"),
    ("algo de acción de los 90s que no haya visto", "something action from the 90s that I haven't seen"),
    ("Independence Day ya la vi, dame otras", "Independence Day I already watched it, give me others"),
    ("más nuevas, del 95 pa' arriba", "newer, from 95 and later"),
    ("actually nunca vi Titanic, ella la vio sola, bórrala", "actually I never watched Titanic, she watched it alone, remove it"),
    ("me equivoqué, no era Hook, era Labyrinth", "my mistake, not Hook, it was Labyrinth"),
    ("más", "more"),
    ("ayer vi Heat y no pude dormir. Nunca más terror en mi vida",
     "yesterday I watched Heat and couldn't sleep. never again horror in my life"),
    ("no la he visto todavía pero todo el mundo habla de Heat. Vale la pena?",
     "I haven't seen it yet but everyone talks about Heat. is it worth it?"),
    ("mi suegra dice que Heat es la mejor. Yo ni la he visto", "my mother-in-law says Heat es the best. I haven't even seen it"),
])
def test_spanish_words_are_read_as_english(spanish, english):
    assert as_english(spanish) == english


@pytest.mark.parametrize("text", ["I watched Con Air and Heat yesterday", "ya know what I mean, Heat was great",
                                  "I watched Los Angeles Confidential", "It was a great era for films", "more please"])
def test_english_with_spanish_looking_words_stays_as_typed(text):
    assert not looks_spanish(text) and as_english(text) == text


def test_spanish_requests_and_viewings_are_read():
    from bot.messages import AddWatched, Recommend

    [request] = read_acts("algo de crimen")
    assert isinstance(request, Recommend) and request.constraints.genres == ("Crime",)
    [request] = read_acts("sci-fi de los 90s")
    assert request.constraints.genres == ("Sci-Fi",) and (request.constraints.min_year, request.constraints.max_year) == (1990, 1999)
    [more] = read_acts("ya las vi todas jaja, otras")
    assert not isinstance(more, AddWatched)
    acts = read_acts("mi esposa vio Titanic con sus amigas anoche")
    assert not any(isinstance(a, AddWatched) and not a.guessed for a in acts)


@pytest.mark.parametrize("text", ["Watched Star Trek VI", "Star Trek VI is the best of that era"])
def test_a_roman_six_is_no_spanish(text):
    assert as_english(text) == text


def test_a_reviewers_spanglish_reads_right():
    """A reviewer's sentences: "no vi X" was read as a correction ("no, I watched X"), "y yo también" lost the speaker."""
    from bot.messages import AddWatched
    from bot.intents import NotWatched

    assert as_english("no vi Titanic todavía") == "I haven't seen Titanic yet"
    assert as_english("los niños vieron Toy Story y yo también") == "the kids watched Toy Story and I watched it too"
    assert as_english("los niños vieron Toy Story, yo no") == "the kids watched Toy Story, I didn't"
    assert as_english("la primera nunca la he visto") == "the first one I have never seen it"
    acts = read_acts("no vi Titanic todavía")
    assert not any(isinstance(a, AddWatched) and not a.guessed for a in acts)
