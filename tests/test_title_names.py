"""How people name movies (recommender.titles) and titles inside sentences (bot.mentions, bot.understanding):
pure, on an invented catalogue with a franchise, subtitles, a sequel number, dotted letters and everyday words."""
import pytest

from bot.mentions import sentence_spans, whole_title
from bot.messages import AddWatched, Recommend, RemoveWatched, SeenThose
from bot.understanding import read_acts
from recommender.catalog import Movie, MovieCatalog
from recommender.titles import KNOWN, PART, TITLE, TitleIndex, movie_names, normalize_title, title_parts

MOVIES = [
    Movie(1, "Galaxy Patrol: Episode IV - A Distant Dawn (1977)", "Galaxy Patrol: Episode IV - A Distant Dawn", 1977,
          ("Sci-Fi", "War")),
    Movie(2, "Galaxy Patrol: Episode V - The Empire Returns (1980)", "Galaxy Patrol: Episode V - The Empire Returns",
          1980, ("Sci-Fi", "War")),
    Movie(3, "Ironclad 2: Judgment Night (1991)", "Ironclad 2: Judgment Night", 1991, ("Action",)),
    Movie(4, "Ironclad (1984)", "Ironclad", 1984, ("Action",)),
    Movie(5, "R.T. the Robot Traveller (1982)", "R.T. the Robot Traveller", 1982, ("Children's",)),
    Movie(6, "Heat (1995)", "Heat", 1995, ("Crime",)),
    Movie(7, "Willow Creek Memories (1994)", "Willow Creek Memories", 1994, ("Drama",)),
    Movie(8, "Captain Marlow and the Sunken Harbour (1989)", "Captain Marlow and the Sunken Harbour", 1989,
          ("Adventure",)),
    Movie(9, "Sapphire Crown: Part II (1974)", "Sapphire Crown: Part II", 1974, ("Crime",)),
    Movie(10, "Cascadia (1999)", "Cascadia", 1999, ("Drama",)),
]


@pytest.fixture(scope="module")
def index():
    catalog = MovieCatalog(MOVIES, rating_counts=[90, 80, 70, 60, 50, 40, 30, 20, 10, 5], title_vocab=["<pad>", "<unk>"],
                           max_title_tokens=10)
    return TitleIndex(catalog)


def test_names_derived_from_the_catalogue():
    names = dict(movie_names(MOVIES[0]))
    assert names["galaxy patrol episode 4 a distant dawn"] == TITLE
    assert names["a distant dawn"] == PART and names["galaxy patrol"] == PART  # subtitle, main title
    assert dict(movie_names(MOVIES[2]))["i2"] == PART  # initials and the sequel number, as "T2"
    assert dict(movie_names(MOVIES[6]))["willowcreekmemories"] == KNOWN  # run together
    assert "the sunken harbour" in [normalize_title(p) for p in title_parts(MOVIES[7].display_title)]
    assert title_parts(MOVIES[8].display_title) == ["Sapphire Crown"]  # "Part II" alone names nothing
    assert dict(movie_names(MOVIES[8]))["sapphire crown 2"] == PART
    assert normalize_title("R.T.") == normalize_title("RT") == "rt"


def test_a_name_shared_by_a_franchise_means_all_of_it_only_when_asked(index):
    movies, tier = index.lookup("galaxy patrol")
    assert tier == PART and movies == (1, 2)  # most-rated first: the chat asks which
    assert index.lookup("Ironclad")[0] == (4,)  # the title itself beats a part of "Ironclad 2: ..."
    assert set(index.lookup("ironclad", all_tiers=True)[0]) == {3, 4}
    assert index.lookup("the empire returns")[0] == (2,) and index.lookup("no such film") == ((), -1)


@pytest.mark.parametrize("sentence, named", [
    ("Me and my wife watched Willow Creek Memories yesterday", [7]),
    ("Have you seen A Distant Dawn?", [1]),
    ("my kids love the robot traveller... no wait, R.T. the Robot Traveller and Cascadia", [5, 10]),
    ("I want something with a big twist and some heat", []),  # everyday words, not titles
    ("what do you know about me?", []),
])
def test_titles_are_found_inside_sentences(index, sentence, named):
    assert [s.movies[0] for s in sentence_spans(sentence, index)] == named


def test_one_everyday_word_is_a_title_when_the_sentence_says_it_was_watched(index):
    assert [s.movies for s in sentence_spans("saw heat last night", index, said_watched=True)] == [(6,)]


def test_a_whole_message_that_is_a_title_is_not_a_request(index):
    assert whole_title("galaxy patrol", index) is not None and whole_title("galaxy patrol 1977", index) is not None
    assert whole_title("something like galaxy patrol", index) is None
    [act] = read_acts("galaxy patrol", index)
    assert isinstance(act, AddWatched)  # not a War request, though "patrol"... and War is a genre
    [act] = read_acts("war", index)
    assert isinstance(act, Recommend) and act.constraints.genres == ("War",)


def test_no_more_of_a_franchise_rules_out_every_movie_it_names(index):
    [act] = read_acts("no more galaxy patrol please, what should I watch?", index)
    assert isinstance(act, Recommend)
    assert set(act.excluded_movies) == {1, 2} and set(act.disliked_movies) == {1, 2}  # "no more": for good
    assert act.constraints.excluded_genres == ()  # the title's words are not genre words
    [act] = read_acts("something without ironclad tonight", index)
    assert set(act.excluded_movies) == {3, 4} and act.disliked_movies == ()  # this request only


def test_a_clause_naming_titles_beside_a_request_states_them(index):
    acts = read_acts("my kids loved Cascadia and the robot traveller, what else could they watch?", index)
    assert [type(a).__name__ for a in acts] == ["AddWatched", "Recommend"]
    assert acts[0].liked and not acts[0].guessed


def test_titles_that_start_like_a_reply_or_a_command_are_titles():
    """The load benchmark's user who said "I watched The Three Musketeers (1993)" had the three movies just shown
    added instead ("watched the three"); a title that starts with "drop" or holds "? (" was a remove or two acts."""
    movies = [Movie(1, "The Three Lanterns (1993)", "The Three Lanterns", 1993, ("Adventure",)),
              Movie(2, "Drop Dead Lucky (1999)", "Drop Dead Lucky", 1999, ("Comedy",)),
              Movie(3, "Shall We Waltz? (Shall We Warutsu?) (1996)", "Shall We Waltz?", 1996, ("Comedy",)),
              Movie(4, "Heat (1995)", "Heat", 1995, ("Crime",))]
    index = TitleIndex(MovieCatalog(movies, rating_counts=[40, 30, 20, 10], title_vocab=["<pad>", "<unk>"],
                                    max_title_tokens=10))
    for text in ("I watched The Three Lanterns (1993)", "I've seen the three lanterns", "Drop Dead Lucky (1999)",
                 "I watched Shall We Waltz? (Shall We Warutsu?) (1996)"):
        [act] = read_acts(text, index)
        assert isinstance(act, AddWatched) and [s.movies[0] for s in sentence_spans(text, index)], text
    [act] = read_acts("remove Shall We Waltz? (Shall We Warutsu?) (1996)", index)
    assert isinstance(act, RemoveWatched) and len(act.titles.titles) == 1
    assert read_acts("I've watched the three", index) == (SeenThose(),)  # no title there: the three shown
    assert isinstance(read_acts("drop Heat", index)[0], RemoveWatched)


def test_a_sentence_end_inside_a_title_does_not_cut_the_message():
    movies = [Movie(1, "Hot Stuff! Part Deux (1993)", "Hot Stuff! Part Deux", 1993, ("Comedy",)),
              Movie(2, "Hot Stuff! (1991)", "Hot Stuff!", 1991, ("Comedy",))]
    index = TitleIndex(MovieCatalog(movies, rating_counts=[20, 10], title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    [act] = read_acts("I watched Hot Stuff! Part Deux (1993)", index)
    assert isinstance(act, AddWatched) and act.titles.titles == ("Hot Stuff! Part Deux (1993)",)
    acts = read_acts("I watched Hot Stuff! What should I watch next?", index)  # a real sentence end after a title
    assert [type(a).__name__ for a in acts] == ["AddWatched", "Recommend"]
