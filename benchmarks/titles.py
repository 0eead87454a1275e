"""Titles typed the way people type them, stated in a sentence, through the chat's own title reading.

    python -m benchmarks.titles [--per-kind 40] [--seed 3]

Human-style changes of catalogue titles, different from benchmarks/matching.py's synthetic variants: a key next
to the right one, a letter dropped or doubled, words run together or split, the article and punctuation left
out, a bare year, the subtitle or the main title alone, digits for number words and back. Each goes into "I
watched <title>" and through bot.understanding and bot.titles, as the chat reads it: right when the intended
movie is stored, or is the first "did you mean". Films released after 2000 (outside MovieLens-1M) must be
declined: nothing stored and no movie offered as if it were the one.
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
        out["main title alone"] = main
    numbered = [NUMBERS.get(w.lower()) for w in words]
    if any(numbered):
        out["number written the other way"] = " ".join(n or w for n, w in zip(numbered, words))
    return out


def build_queries(catalog: MovieCatalog, per_kind: int, seed: int) -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    by_kind: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for movie in rng.sample(list(catalog.movies), len(catalog)):
        for kind, text in variants(movie, rng).items():
            if text.lower() != movie.display_title.lower() and len(by_kind[kind]) < per_kind:
                by_kind[kind].append((text, movie.movie_id))
    return [(kind, text, movie_id) for kind, items in by_kind.items() for text, movie_id in items]


def read_as_chat(text: str, matcher, rule: SureRule):
    """(the movie stored, or the first one offered; stored?) as the chat reads "I watched <text>"."""
    acts = [a for a in read_acts(f"I watched {text}") if isinstance(a, AddWatched)]
    if not acts:
        return None, False
    resolved = resolve_titles(acts[0].titles, matcher, rule)
    if resolved.movies:
        return resolved.movies[0], True
    for unsure in resolved.unsure:
        if unsure.likely is not None:
            return unsure.likely, True
        if unsure.choices:
            return unsure.choices[0], False
    return None, False


def main(per_kind: int, seed: int) -> dict:
    from recommender.config import DataConfig, env_data_settings
    from recommender.matching import MatchConfig, TitleMatcher
    from training.prepare_data import ensure_prepared

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
    outside = [(title, *read_as_chat(title, matcher, rule)) for title in OUTSIDE]
    wrongly_stored = [(t, m.label) for t, m, stored in outside if stored]
    return {"by_kind": results, "stored": stored_right, "misses": misses, "outside": len(OUTSIDE),
            "wrongly_stored": wrongly_stored,
            "offered": [(t, m.label) for t, m, stored in outside if m is not None and not stored]}


def print_report(report: dict, show: int) -> None:
    total = sum(len(v) for v in report["by_kind"].values())
    right = sum(sum(v) for v in report["by_kind"].values())
    stored = sum(sum(v) for v in report["stored"].values())
    print(f"Titles as people type them, in \"I watched ...\": {right} of {total} right ({right / total:.1%}); "
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
    for kind, text, wanted, got in report["misses"][:show]:
        print(f"  miss [{kind}] {text!r}: wanted {wanted}, got {got}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args(argv)

    def body() -> int:
        print_report(main(args.per_kind, args.seed), args.show)
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
