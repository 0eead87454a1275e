"""Top-1 accuracy of the SBERT title matcher on title variants people and LLMs really write.

    python -m benchmarks.matching [--variants 1000] [--seed 7]
    python -m benchmarks.matching --bound     the work of the costliest messages the chat accepts (issue 19's
                                              runs of title words among them), counted and timed

Builds `--variants` mentions from the catalogue under DUALREC_HOME (prepared from DUALREC_DATA_DIR), each a
catalogue title changed one way: a typo, a missing or moved article, no year, lower case, a partial title,
or a common alternate spelling. Prints accuracy per kind and overall, how often a real MovieLens title outside
the catalogue wrongly matches (what a hallucinated or unknown title risks), and the matcher's speed.
"""
from __future__ import annotations

import argparse
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass

from recommender.catalog import Movie, MovieCatalog
from recommender.config import DataConfig
from bot.config import env_data_settings
from recommender.errors import run_script
from recommender.matching import MatchConfig, TitleMatcher, split_mention
from recommender.titles import normalize_title, title_aliases
from recommender.data.download import resolve_data_dir
from recommender.data.readers import load_movies
from recommender.data.prepared import ensure_prepared

KINDS = ("typo", "article", "no_year", "lower_case", "partial", "alternate")
_ALTERNATES = [(r" and ", " & "), (r" & ", " and "), (r"\bII\b", "2"), (r"\bIII\b", "3"), (r"\bIV\b", "4"),
               (r"\bDr\. ", "Doctor "), (r"\bMr\. ", "Mister "), (r"-", " "), (r":", ""), (r"\bSt\. ", "Saint "),
               (r"\b2\b", "II"), (r"\bvs\. ", "versus ")]


@dataclass(frozen=True)
class Variant:
    kind: str
    mention: str
    movie_id: int


def _typo(title: str, rng: random.Random) -> str:
    """One dropped, doubled or swapped letter inside a word of 4+ letters, the commonest kinds of slip."""
    positions = [i for i in range(1, len(title) - 1) if title[i].isalpha() and title[i - 1].isalpha()]
    if len(title) < 5 or not positions:
        return title.lower()
    i = rng.choice(positions)
    edit = rng.choice(("drop", "double", "swap"))
    if edit == "drop":
        return title[:i] + title[i + 1:]
    if edit == "double":
        return title[:i] + title[i] + title[i:]
    return title[: i - 1] + title[i] + title[i - 1] + title[i + 1:]


def _with_year(text: str, movie: Movie, rng: random.Random) -> str:
    return f"{text} ({movie.year})" if movie.year and rng.random() < 0.5 else text


def make_variant(movie: Movie, kind: str, rng: random.Random) -> str | None:
    """`movie`'s title written the `kind` way, or None when that change does not apply to this title."""
    title = re.sub(r"\s*\([^()]*\)", "", movie.display_title).strip() or movie.display_title
    if kind == "typo":
        return _with_year(_typo(title, rng), movie, rng)
    if kind == "article":
        found = re.match(r"^(The|A|An) (.+)$", title)
        if not found:
            return None
        moved = f"{found.group(2)}, {found.group(1)}"
        return _with_year(moved if rng.random() < 0.5 else found.group(2), movie, rng)
    if kind == "no_year":
        return title
    if kind == "lower_case":
        return _with_year(title.lower(), movie, rng)
    if kind == "partial":
        # The title before its subtitle, or one of its names in parentheses ("The Road Warrior"). The year
        # stays: without it "Star Wars" names several movies, and the chat asks which one instead.
        inner = [re.sub(r"^a\.k\.a\. ", "", p) for p in re.findall(r"\(([^()]*)\)", movie.display_title)]
        heads = [title.split(sep)[0] for sep in (": ", " - ") if sep in title]
        options = [o for o in heads + inner if len(o) >= 3]
        return f"{rng.choice(options)} ({movie.year})" if options and movie.year else None
    if kind == "alternate":
        options = [(a, b) for a, b in _ALTERNATES if re.search(a, title)]
        if not options:
            return None
        a, b = rng.choice(options)
        return _with_year(re.sub(a, b, title), movie, rng)
    raise ValueError(kind)


def build_variants(catalog: MovieCatalog, count: int, seed: int) -> list[Variant]:
    """`count` variants spread over the kinds, drawn from the catalogue with a fixed seed.

    A variant that is exactly another catalogue movie's title ("The Godfather" cut from "The Godfather:
    Part II") names that other movie, so it is not a variant and is skipped.
    """
    owners: dict[str, set[int]] = defaultdict(set)
    for movie in catalog.movies:
        for alias in title_aliases(movie):
            owners[normalize_title(alias)].add(movie.movie_id)
    rng = random.Random(seed)
    variants: list[Variant] = []
    attempts = 0
    while len(variants) < count and attempts < count * 50:
        attempts += 1
        kind = KINDS[len(variants) % len(KINDS)]
        movie = rng.choice(catalog.movies)
        mention = make_variant(movie, kind, rng)
        if not mention:
            continue
        named = owners.get(normalize_title(split_mention(mention)[0]), set())
        if named - {movie.movie_id}:
            continue
        variants.append(Variant(kind, mention, movie.movie_id))
    return variants


def outside_titles(data_cfg: DataConfig, catalog: MovieCatalog, count: int, seed: int) -> list[str]:
    """Real MovieLens titles that are not in the catalogue: a matcher should find nothing for them."""
    movies = load_movies(resolve_data_dir(data_cfg.data_dir, data_cfg.home, data_cfg.dataset))
    names = {normalize_title(a) for m in catalog.movies for a in title_aliases(m)}
    outside = sorted(m.display_title for m in movies.values()
                     if m.movie_id not in catalog and normalize_title(m.display_title) not in names)
    return random.Random(seed).sample(outside, min(count, len(outside)))


def main(data_cfg: DataConfig, count: int, seed: int, config: MatchConfig = MatchConfig()) -> dict:
    data = ensure_prepared(data_cfg)
    started = time.perf_counter()
    matcher = TitleMatcher.load(data.catalog, config, cache_dir=data_cfg.home / "cache")
    load_seconds = time.perf_counter() - started
    variants = build_variants(data.catalog, count, seed)
    started = time.perf_counter()
    matches = matcher.match_many([v.mention for v in variants])
    match_seconds = time.perf_counter() - started
    outside = outside_titles(data_cfg, data.catalog, count, seed)
    false_matches = sum(m is not None for m in matcher.match_many(outside))
    correct: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for variant, match in zip(variants, matches):
        ok = match is not None and match.movie.movie_id == variant.movie_id
        correct[variant.kind].append(ok)
        if not ok:
            misses.append((variant, match))
    return {"by_kind": {k: (sum(v), len(v)) for k, v in correct.items()},
            "accuracy": sum(sum(v) for v in correct.values()) / max(1, len(variants)),
            "variants": len(variants), "outside": len(outside), "false_matches": false_matches,
            "load_seconds": load_seconds,
            "ms_per_mention": 1000 * match_seconds / max(1, len(variants)), "misses": misses}


def print_report(report: dict, show_misses: int) -> None:
    print(f"Title matching, {report['variants']} variants\n")
    print("| variant kind | correct | total | top-1 accuracy |")
    print("|---|---:|---:|---:|")
    for kind in KINDS:
        if kind in report["by_kind"]:
            ok, total = report["by_kind"][kind]
            print(f"| {kind} | {ok} | {total} | {ok / total:.3f} |")
    total_ok = sum(ok for ok, _ in report["by_kind"].values())
    print(f"| **all** | {total_ok} | {report['variants']} | **{report['accuracy']:.3f}** |")
    print(f"\nReal MovieLens titles outside the catalogue that matched a movie anyway: "
          f"{report['false_matches']} of {report['outside']} ({report['false_matches'] / max(1, report['outside']):.1%})")
    print(f"matcher load {report['load_seconds']:.1f} s, {report['ms_per_mention']:.1f} ms per mention (batched)")
    for variant, match in report["misses"][:show_misses]:
        found = f"{match.movie.label} ({match.confidence:.2f})" if match else "nothing"
        print(f"  miss [{variant.kind}] {variant.mention!r} -> {found}")


def title_word_message(words: list[str], seed: int, run: tuple[int, int], separators: tuple[str, ...]) -> str:
    """The probe's kind of message (issue 19): "I watched " and runs of real title words, each run ended by a
    separator, up to the 2,000-character limit ("strawberry plot journal dalloway feast (die nation ...")."""
    from bot.messages import MAX_MESSAGE_CHARS

    rng, text = random.Random(seed), "I watched "
    while True:
        piece = " ".join(rng.choice(words) for _ in range(rng.randint(*run))) + rng.choice(separators)
        if len(text) + len(piece) > MAX_MESSAGE_CHARS:
            return text.rstrip(" ,")
        text += piece


PUNCTUATION = (", ", " (", "! ", "? ", ". ", "; ", " and ", ' "', ") ")


def costly_messages(catalog: MovieCatalog, title_words: list[str]) -> dict[str, str]:
    """Messages up to the 2,000-character limit that ask the most of reading and title resolution."""
    from bot.messages import MAX_MESSAGE_CHARS

    titles = [m.label for m in catalog.movies]
    messages = {
        '"qzx and qzx & qzx ..." (24 separators)': " and ".join(["qzx"] * 13) + " & qzx" * 12,
        "450 short lines pasted": "\n".join(f"m{i}" for i in range(450))[:MAX_MESSAGE_CHARS],
        "real titles, one per line": "\n".join(titles)[:MAX_MESSAGE_CHARS],
        "real titles, comma-separated": ", ".join(titles)[:MAX_MESSAGE_CHARS],
        '"and"-joined words, one line': " and ".join(f"word{i} other" for i in range(300))[:MAX_MESSAGE_CHARS],
        "one 2,000-character title": ("x" * MAX_MESSAGE_CHARS),
    }
    for low, high in ((1, 3), (3, 6), (8, 12), (20, 30)):
        for name, separators in (("commas", (", ",)), ("( ! ? . ; and \" )", PUNCTUATION)):
            for seed in range(3):
                messages[f'"I watched " + runs of {low}-{high} title words, {name} (seed {seed})'] = \
                    title_word_message(title_words, seed, (low, high), separators)
    return messages


class _CountingNames(dict):
    """The catalogue's name table, counting look-ups: every span search and exact lookup goes through it."""
    lookups = 0

    def get(self, key, default=None):
        self.lookups += 1
        return super().get(key, default)


class _NoRecommendations:
    """A chain that recommends nothing: the bound is about reading a message, and a request in one is answered
    without the LSTM or the LLM here."""
    llm = None

    def stream(self, inputs):
        from recommender.chain import ChainProgress, ChainResult

        yield ChainProgress(None, result=ChainResult([]))


def bound_report(data_cfg: DataConfig, repeats: int = 3) -> list[dict]:
    """Each costly message through ChatService.reply (a fresh SQLite file, a chain that recommends nothing): its
    matcher queries, the characters they hold, the catalogue name look-ups, and the median wall time. The
    counting works on any version of the code, so the same script measures before and after a change."""
    import tempfile

    from bot.service import ChatService, ServiceConfig
    from db.repository import Repository, make_engine

    data = ensure_prepared(data_cfg)
    matcher = TitleMatcher.load(data.catalog, MatchConfig(), cache_dir=data_cfg.home / "cache")
    movies = load_movies(resolve_data_dir(data_cfg.data_dir, data_cfg.home, data_cfg.dataset))
    words = sorted({w.lower() for m in movies.values() for w in re.findall(r"[^\W\d_]{3,}", m.display_title)})
    names = _CountingNames(matcher.index._owners)
    matcher.index._owners = names
    asked: list[str] = []
    real = matcher.candidates_many
    matcher.candidates_many = lambda mentions, *a, **k: asked.extend(mentions) or real(mentions, *a, **k)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(make_engine(f"sqlite:///{folder}/bound.sqlite3"))
        service = ChatService(data.catalog, matcher, _NoRecommendations(), repo, ServiceConfig(prewarm=False))
        service.reply("warm-up", "I watched Heat")
        for name, text in costly_messages(data.catalog, words).items():
            times, cpu = [], []
            for repeat in range(repeats):
                matcher.index._spans.cache_clear()  # a remembered search would hide its cost
                names.lookups, asked[:] = 0, []
                started, started_cpu = time.perf_counter(), time.process_time()
                service.reply(f"bound-{len(rows)}-{repeat}", text)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            rows.append({"message": name, "chars": len(text), "queries": len(asked),
                         "query_chars": sum(map(len, asked)), "lookups": names.lookups,
                         "ms": 1000 * sorted(times)[len(times) // 2], "cpu_ms": 1000 * sorted(cpu)[len(cpu) // 2]})
    return rows


def print_bound(rows: list[dict]) -> None:
    print("Work per message, through ChatService.reply (median of 3; CPU counts every thread)\n")
    print("| message | chars | matcher queries | characters asked | name look-ups | ms | CPU ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['message']} | {row['chars']:,} | {row['queries']} | {row['query_chars']:,} | "
              f"{row['lookups']:,} | {row['ms']:.0f} | {row['cpu_ms']:.0f} |")
    worst = max(rows, key=lambda row: row["ms"])
    print(f"\nworst: {worst['message']}: {worst['ms']:.0f} ms ({worst['cpu_ms']:.0f} ms CPU)")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-misses", type=int, default=10)
    parser.add_argument("--bound", action="store_true", help="time the costliest messages instead")
    args = parser.parse_args(argv)

    def body() -> int:
        if args.bound:
            print_bound(bound_report(DataConfig(**env_data_settings())))
            return 0
        print_report(main(DataConfig(**env_data_settings()), args.variants, args.seed), args.show_misses)
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
