"""Titles typed the way people type them, stated in a sentence, through the chat's own title reading.

    python -m benchmarks.titles [--per-kind 46] [--seed 3]

Human-style changes of catalogue titles, different from benchmarks/matching.py's synthetic variants: a key next
to the right one, a letter dropped or doubled, words run together or split, the article and punctuation left
out, a bare year, the subtitle or the main title alone (where it names one movie), digits for number words and
back, a sequel number written another way ("rocky 3", "rocky three", "rocky part 3" for Rocky III), and common
short names written by hand ("T2", "holy grail"). Each goes into a sentence people say ("Me
and my wife watched <title> yesterday", "have you seen <title>?") and through bot.understanding and
bot.titles, as the chat reads it: right when the intended movie is stored, or is the first "did you mean".
Films released after 2000 (outside MovieLens-1M), in "I watched <title>", must be declined: nothing stored and
no movie offered as if it were the one; so must later films of a catalogue series ("toy story 3", one past the
catalogue's last number) and later films whose titles hold a catalogue title ("Top Gun: Maverick").
"""
from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict

from bot.messages import AddWatched
from bot.titles import SureRule, resolve_titles
from bot.understanding import read_acts
from recommender.catalog import Movie, MovieCatalog
from recommender.errors import run_script

KEYBOARD = {c: n for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for c, n in zip(row, row[1:] + row[-2])}
NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
           "nine": "9", "ten": "10", "twelve": "12", "2": "two", "3": "three", "4": "four"}
# Well-known films from after ML-1M's last year (2000): the chat must not pretend to know them.
OUTSIDE = ["Inception", "The Dark Knight", "Avatar", "Frozen", "Interstellar", "Parasite", "Joker", "Up", "WALL-E",
           "Shrek 2", "Spirited Away", "Amelie", "The Social Network", "La La Land", "Get Out", "Black Panther",
           "Avengers: Endgame", "Finding Nemo", "The Incredibles", "Mad Max: Fury Road", "Gravity", "Whiplash",
           "The Departed", "No Country for Old Men", "Slumdog Millionaire", "The Hurt Locker", "Birdman",
           "Moonlight", "Coco", "Inside Out", "Oppenheimer", "Barbie", "Dune", "Everything Everywhere All at Once",
           "Knives Out", "Baby Driver", "Django Unchained", "Zodiac", "Ratatouille", "Toy Story 3", "Skyfall",
           "Casino Royale", "Memento", "Shrek", "Monsters, Inc.", "Donnie Darko", "Lost in Translation",
           "Kill Bill", "Oldboy", "Pan's Labyrinth", "Arrival", "Her", "Drive", "Prisoners", "Gone Girl",
           "Tenet", "Hereditary", "Us", "Nope", "Soul"]


# Later films whose titles hold a catalogue title ("Top Gun" + "Maverick"): never stored as that film, nor split.
OUTSIDE_SEQUELS = ["Top Gun: Maverick", "Jurassic World", "The Matrix Reloaded", "Terminator Salvation", "Alien: Covenant",
                   "Star Trek Into Darkness", "Men in Black 3", "Toy Story 4", "Independence Day: Resurgence",
                   "Blade Runner 2049", "Ghostbusters: Afterlife", "Halloween Kills", "Tron: Legacy",
                   "Wall Street: Money Never Sleeps", "Scream VI", "Rocky Balboa", "Creed", "Predators",
                   "The Lost World: Jurassic Park 2", "Home Alone: The Holiday Heist"]
ROMAN = {"2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI"}
SPELLED = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
_SEQUEL_NUMBER = re.compile(r"(?<=[\w,:] )(?:Part )?(?P<number>[2-6]|II|III|IV|V|VI)\b")


def sequel_variant(title: str, rng: random.Random) -> str | None:
    """The title with its sequel number written another way: "Rocky III" -> "rocky 3", "rocky three" or "rocky
    part 3"; None when it has none."""
    found = _SEQUEL_NUMBER.search(title)
    if not found:
        return None
    digit = {v: k for k, v in ROMAN.items()}.get(found["number"], found["number"])
    forms = [digit, ROMAN[digit], SPELLED[digit], f"part {digit}", f"part {ROMAN[digit]}"]
    forms = [f for f in forms if f.lower() != found.group().lower()]
    return (title[:found.start()] + rng.choice(forms) + title[found.end():]).lower()


def sequels_past_the_catalogue(catalog: MovieCatalog) -> list[tuple[str, int]]:
    """("<series> <n>", the series' first film) for each numbered series the catalogue holds, n one past its last
    numbered film ("toy story 3" after Toy Story 2): a film the catalogue does not hold, so nothing may be stored."""
    by_title = {m.display_title.lower(): m.movie_id for m in catalog.movies}
    last: dict[str, int] = {}
    for movie in catalog.movies:
        numbered = re.match(r"^(?P<name>.+?) (?:Part )?(?P<number>[2-6]|II|III|IV|V|VI)\b", movie.display_title)
        if numbered and numbered["name"].lower() in by_title:
            number = int({v: k for k, v in ROMAN.items()}.get(numbered["number"], numbered["number"]))
            last[numbered["name"].lower()] = max(last.get(numbered["name"].lower(), 1), number)
    # past every film whose title starts with the series' name ("Die Hard: With a Vengeance" is the third)
    films = {name: sum(1 for m in catalog.movies if m.display_title.lower().startswith(name)) for name in last}
    return [(f"{name} {max(number, films[name]) + 1}", by_title[name]) for name, number in sorted(last.items())]


def _words(title: str) -> list[str]:
    return title.split()


def variants(movie: Movie, rng: random.Random) -> dict[str, str]:
    """kind -> how a person might type this movie (only the kinds that change it)."""
    title = movie.display_title
    bare = re.sub(r"^(the|a|an) ", "", title, flags=re.I)
    words = _words(bare)
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    out: dict[str, str] = {}
    word = words[longest]
    if len(word) > 4:
        i = rng.randrange(1, len(word) - 1)
        near = KEYBOARD.get(word[i].lower())
        if near:
            out["wrong key"] = " ".join(words[:longest] + [word[:i] + near + word[i + 1:]] + words[longest + 1:])
        out["letter doubled"] = " ".join(words[:longest] + [word[:i] + word[i] + word[i:]] + words[longest + 1:])
    if len(words) >= 2:
        out["run together"] = "".join(words).lower()
    if any(len(w) >= 8 for w in words) and len(words) == 1:
        w = words[0]
        out["split word"] = f"{w[:len(w) // 2]} {w[len(w) // 2:]}".lower()
    if bare != title or re.search(r"[',:.!?-]", title):
        out["no article, no punctuation"] = re.sub(r"[',:.!?]", "", bare).replace("-", " ").lower()
    out["bare year"] = f"{title.lower()} {movie.year}"
    if ": " in title or " - " in title:
        main, _, sub = re.split(r"(: | - )", title, maxsplit=1)
        out["subtitle alone"] = sub.split(" - ")[-1]
        out["main title alone"] = re.sub(r"\s+or$", "", main)
    if (sequel := sequel_variant(title, rng)) is not None:
        out["sequel number another way"] = sequel
    numbered = [NUMBERS.get(w.lower()) for w in words]
    if any(numbered):
        out["number written the other way"] = " ".join(n or w for n, w in zip(numbered, words))
    return out


# Common short names, written by hand: what fans call these films (not derivable from the titles alone).
SHORT_NAMES = [("T2", "Terminator 2: Judgment Day", 1991), ("E.T.", "E.T. the Extra-Terrestrial", 1982),
               ("ET", "E.T. the Extra-Terrestrial", 1982), ("se7en", "Seven (Se7en)", 1995),
               ("empire strikes back", "Star Wars: Episode V - The Empire Strikes Back", 1980),
               ("return of the jedi", "Star Wars: Episode VI - Return of the Jedi", 1983),
               ("star wars", "Star Wars: Episode IV - A New Hope", 1977),
               ("a new hope", "Star Wars: Episode IV - A New Hope", 1977),
               ("phantom menace", "Star Wars: Episode I - The Phantom Menace", 1999),
               ("holy grail", "Monty Python and the Holy Grail", 1974),
               ("life of brian", "Monty Python's Life of Brian", 1979), ("the last crusade",
               "Indiana Jones and the Last Crusade", 1989), ("temple of doom", "Indiana Jones and the Temple of Doom", 1984),
               ("godfather 2", "The Godfather: Part II", 1974), ("godfather part 3", "The Godfather: Part III", 1990),
               ("strangelove", "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", 1963),
               ("wrath of khan", "Star Trek: The Wrath of Khan", 1982), ("first contact", "Star Trek: First Contact", 1996),
               ("die hard 2", "Die Hard 2", 1990), ("die hard with a vengeance", "Die Hard: With a Vengeance", 1995),
               ("jurassic park", "Jurassic Park", 1993), ("the lost world", "The Lost World: Jurassic Park", 1997),
               ("LA confidential", "L.A. Confidential", 1997), ("shawshank", "The Shawshank Redemption", 1994),
               ("silence of the lambs", "The Silence of the Lambs", 1991), ("raiders", "Raiders of the Lost Ark", 1981),
               ("xmen", "X-Men", 2000), ("mission impossible", "Mission: Impossible", 1996),
               ("mi2", "Mission: Impossible 2", 2000), ("terminator 2", "Terminator 2: Judgment Day", 1991),
               ("the spy who shagged me", "Austin Powers: The Spy Who Shagged Me", 1999),
               ("toystory", "Toy Story", 1995), ("toy story two", "Toy Story 2", 1999),
               ("good fellas", "GoodFellas", 1990), ("forest gump", "Forrest Gump", 1994),
               ("teh matrix", "The Matrix", 1999), ("12 monkeys", "Twelve Monkeys", 1995),
               ("men in tights", "Robin Hood: Men in Tights", 1993), ("prince of thieves",
               "Robin Hood: Prince of Thieves", 1991), ("home alone 2", "Home Alone 2: Lost in New York", 1992)]
# The sentences people state a title in; each query goes into one of them.
SENTENCES = ["I watched {t}", "Me and my wife watched {t} yesterday", "Just finished {t}. Loved it!",
             "have you seen {t}?", "I think I've seen {t}", "{t} was great", "we saw {t} last night",
             "my favourite is {t}", "{t}"]
_GENERIC = re.compile(r"^(?:the |a )?(?:part|episode|chapter|vol(?:ume)?)\b|^(?:the )?(?:movie|sequel)$", re.I)


def _says_one_movie(catalog: MovieCatalog, movie: Movie, text: str) -> bool:
    """A part of a title people would say alone: two words at least, not "Part II", and in no other title."""
    bare = re.sub(r"^(the|a|an) ", "", text.lower())
    if len(bare.split()) < 2 or _GENERIC.search(bare):
        return False
    return not any(bare in m.display_title.lower() for m in catalog.movies if m.movie_id != movie.movie_id)


def build_queries(catalog: MovieCatalog, per_kind: int, seed: int) -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    by_kind: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for movie in rng.sample(list(catalog.movies), len(catalog)):
        for kind, text in variants(movie, rng).items():
            if kind.endswith("alone") and not _says_one_movie(catalog, movie, text):
                continue  # "Star Trek" alone names none of the eight in particular
            if text.lower() != movie.display_title.lower() and len(by_kind[kind]) < per_kind:
                by_kind[kind].append((text, movie.movie_id))
    labels = {(m.display_title, m.year): m.movie_id for m in catalog.movies}
    for text, title, year in SHORT_NAMES:
        if (title, year) in labels:
            by_kind["common short name"].append((text, labels[(title, year)]))
    return [(kind, rng.choice(SENTENCES).format(t=text), movie_id)
            for kind, items in by_kind.items() for text, movie_id in items]


def read_as_chat(sentence: str, matcher, rule: SureRule):
    """(the movie stored, or the first one offered; stored?) as the chat reads the sentence."""
    acts = [a for a in read_acts(sentence, matcher.index) if isinstance(a, AddWatched)]
    if not acts:
        return None, False
    resolved = resolve_titles(acts[0].titles, matcher, rule, index=matcher.index, said_watched=not acts[0].guessed)
    if resolved.movies:
        return resolved.movies[0], True
    for unsure in resolved.unsure:
        if unsure.likely is not None:
            return unsure.likely, True
        if unsure.choices:
            return unsure.choices[0], False
    return None, False


def main(per_kind: int, seed: int) -> dict:
    from recommender.config import DataConfig
    from bot.config import env_data_settings
    from recommender.matching import MatchConfig, TitleMatcher
    from recommender.data.prepared import ensure_prepared

    data_cfg = DataConfig(**env_data_settings())
    catalog = ensure_prepared(data_cfg).catalog
    matcher = TitleMatcher.load(catalog, MatchConfig(), cache_dir=data_cfg.home / "cache")
    rule = SureRule()
    results: dict[str, list[bool]] = defaultdict(list)
    stored_right: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for kind, text, movie_id in build_queries(catalog, per_kind, seed):
        movie, stored = read_as_chat(text, matcher, rule)
        right = movie is not None and movie.movie_id == movie_id
        results[kind].append(right)
        stored_right[kind].append(right and stored)
        if not right:
            misses.append((kind, text, catalog.by_id(movie_id).label, movie.label if movie else None))
    outside = [(title, *read_as_chat(f"I watched {title}", matcher, rule)) for title in OUTSIDE]
    wrongly_stored = [(t, m.label) for t, m, stored in outside if stored]
    later = [(text, *read_as_chat(f"I watched {text}", matcher, rule))
             for text in OUTSIDE_SEQUELS + [typed for typed, _ in sequels_past_the_catalogue(catalog)]]
    return {"by_kind": results, "stored": stored_right, "misses": misses, "outside": len(OUTSIDE),
            "wrongly_stored": wrongly_stored, "later": len(later),
            "later_stored": [(t, m.label) for t, m, stored in later if stored],
            "offered": [(t, m.label) for t, m, stored in outside if m is not None and not stored]}


def print_report(report: dict, show: int) -> None:
    total = sum(len(v) for v in report["by_kind"].values())
    right = sum(sum(v) for v in report["by_kind"].values())
    stored = sum(sum(v) for v in report["stored"].values())
    print(f"Titles as people type them, stated in a sentence: {right} of {total} right ({right / total:.1%}); "
          f"stored at once {stored} ({stored / total:.1%}), the rest asked as the first \"did you mean\"\n")
    print("| kind | queries | right (stored or first offered) | stored at once |")
    print("|---|---:|---:|---:|")
    for kind, values in sorted(report["by_kind"].items()):
        print(f"| {kind} | {len(values)} | {sum(values) / len(values):.1%} | "
              f"{sum(report['stored'][kind]) / len(values):.1%} |")
    declined = report["outside"] - len(report["wrongly_stored"])
    print(f"\nFilms after 2000 (not in ML-1M): {declined} of {report['outside']} declined, nothing stored "
          f"({declined / report['outside']:.1%}); {len(report['offered'])} of them got a \"did you mean\" "
          f"instead of \"I don't know\"")
    for title, label in report["wrongly_stored"][:show]:
        print(f"  stored for an unknown film: {title!r} -> {label}")
    kept_out = report["later"] - len(report["later_stored"])
    print(f"\nLater films of a catalogue series, or holding a catalogue title (\"toy story 3\", \"Top Gun: Maverick\"): "
          f"{kept_out} of {report['later']} stored nothing ({kept_out / report['later']:.1%})")
    for title, label in report["later_stored"][:show]:
        print(f"  stored for a later film: {title!r} -> {label}")
    for kind, text, wanted, got in report["misses"][:show]:
        print(f"  miss [{kind}] {text!r}: wanted {wanted}, got {got}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=46)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args(argv)

    def body() -> int:
        print_report(main(args.per_kind, args.seed), args.show)
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
