"""How often the span finder reads a title where people name none, on catalogues 1x, 10x and 90x ML-1M's.

    python -m benchmarks.span_precision [--redial 1500] [--planted 600] [--catalogues ml-1m,ml-latest-small,ml-32m]

The span finder (bot.mentions.sentence_spans over recommender.titles.TitleIndex) looks up every word run of a
sentence among the catalogue's names. A larger catalogue holds many more titles that are everyday words ("Her",
"Up", "Go", "It", "Us", "Today"), so it is measured on three:
- ML-1M's 1,000 most-rated movies (DUALREC_DATA_DIR, prepared under DUALREC_HOME), as the chat serves it;
- ml-latest-small's 9,742 titles and ML-32M's 87,585 (their movies.csv, under ../shared/data).
On ordinary sentences, that name no movie: ReDial seekers' messages with their @mentions taken out (a seeker
sometimes types a title without the tag, so a few "false" spans there are real titles) and the everyday sentences of
benchmarks/data/everyday_sentences.txt, it counts the spans found (false positives per sentence, and the share of
sentences with any). On sentences with one planted catalogue title ("I watched {title} last night", as written and in
lower case), it counts the planted title found (recall) and the spans that are it (precision); a sentence that says
it was watched is read as the chat reads one (`said_watched`). Also the time to build the index and to read one
sentence.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from recommender.errors import run_script

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
EVERYDAY = Path(__file__).resolve().parent / "data" / "everyday_sentences.txt"
CATALOGUES = {"ml-1m": None, "ml-latest-small": "ml-latest-small/movies.csv", "ml-32m": "ml-32m-movies/movies.csv"}
_SAYS_WATCHED = re.compile(r"\b(?:watched|saw)\b")
PLANTED = ["I watched {t} last night", "have you seen {t}?", "my sister loves {t}", "{t} was great",
           "we saw {t} at the cinema", "I think {t} is overrated", "something like {t} please",
           "my kids watched {t} twice this week"]


def csv_catalogue(path: Path):
    """Every movie of a movies.csv as a catalogue (no ratings: popularity 0 for all)."""
    from recommender.catalog import Movie, MovieCatalog
    from recommender.data.readers import read_movies_csv

    records = read_movies_csv(path).values()
    movies = [Movie(r.movie_id, r.title, r.display_title, r.year, r.genres) for r in records]
    return MovieCatalog(movies, [0] * len(movies), ["<pad>", "<unk>"], 10)


def ml1m_catalogue():
    from recommender.config import DataConfig
    from bot.config import env_data_settings
    from recommender.data.prepared import ensure_prepared

    return ensure_prepared(DataConfig(**env_data_settings())).catalog


def redial_sentences(folder: Path, limit: int, seed: int) -> list[str]:
    """Seekers' messages, @mentions taken out, a seeded sample of `limit`."""
    from training.redial import FILES, read_dialogues

    texts = []
    for dialogue in read_dialogues([folder / name for name in FILES]):
        seeker = dialogue.get("initiatorWorkerId")
        for message in dialogue.get("messages", []):
            if message.get("senderWorkerId") == seeker:
                text = re.sub(r"\s+", " ", re.sub(r"@\d+", "", message.get("text", ""))).strip(" ,")
                if len(text.split()) >= 3 and "@" not in text:  # "@Blade Runner": a tag written by hand
                    texts.append(text)
    texts = sorted(set(texts))
    return random.Random(seed).sample(texts, min(limit, len(texts)))


def everyday_sentences() -> list[str]:
    lines = EVERYDAY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def planted_sentences(catalog, count: int, seed: int) -> list[tuple[str, int, int, int]]:
    """(sentence, movie id, start, stop of the planted title): half as written, half in lower case."""
    rng = random.Random(seed)
    out = []
    for i, movie in enumerate(rng.sample(list(catalog.movies), min(count, len(catalog)))):
        title = re.sub(r"\s*\([^()]*\)$", "", movie.display_title)  # "Seven (Se7en)" as people say it: "Seven"
        title = title.lower() if i % 2 else title
        template = rng.choice(PLANTED)
        start = template.index("{t}")
        out.append((template.format(t=title), movie.movie_id, start, start + len(title)))
    return out


def measure(name: str, catalog, ordinary: dict[str, list[str]], planted_count: int, seed: int) -> dict:
    from bot.mentions import sentence_spans
    from recommender.titles import TitleIndex

    began = time.perf_counter()
    index = TitleIndex(catalog)
    build_s = time.perf_counter() - began
    row = {"catalogue": name, "titles": len(catalog), "build_s": build_s}
    reading = []
    for kind, sentences in ordinary.items():
        began = time.perf_counter()
        found = [sentence_spans(s, index) for s in sentences]
        reading.append((time.perf_counter() - began) / max(1, len(sentences)))
        row[kind] = (sum(len(f) for f in found) / len(sentences), sum(1 for f in found if f) / len(sentences))
        row[f"{kind}_examples"] = [(s, [sp.text for sp in f]) for s, f in zip(sentences, found) if f][:12]
    planted = planted_sentences(catalog, planted_count, seed)
    hits = spans_total = right = 0
    for sentence, movie_id, start, stop in planted:
        # as the chat reads them: a clause that says it was watched may name everyday words as a title
        spans = sentence_spans(sentence, index, said_watched=bool(_SAYS_WATCHED.search(sentence)))
        spans_total += len(spans)
        good = [s for s in spans if s.start <= start + 4 and s.stop >= stop - 1 and movie_id in s.movies]
        right += len(good)
        hits += bool(good)
    row["recall"] = hits / len(planted)
    row["precision"] = right / spans_total if spans_total else 1.0
    row["ms_per_sentence"] = 1000 * sum(reading) / len(reading)
    return row


def print_report(rows: list[dict], show: int) -> None:
    print("| catalogue | titles | index build (s) | ReDial: false spans / sentence | ReDial: sentences with one | "
          "everyday: false spans / sentence | everyday: sentences with one | planted: recall | planted: precision | "
          "ms / sentence |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['catalogue']} | {r['titles']:,} | {r['build_s']:.1f} | {r['redial'][0]:.3f} | {r['redial'][1]:.1%} "
              f"| {r['everyday'][0]:.3f} | {r['everyday'][1]:.1%} | {r['recall']:.1%} | {r['precision']:.1%} | "
              f"{r['ms_per_sentence']:.2f} |")
    for r in rows:
        for kind in ("everyday", "redial"):
            for sentence, spans in r[f"{kind}_examples"][:show]:
                print(f"  {r['catalogue']} {kind}: {sentence[:90]!r} -> {spans}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redial", type=int, default=1500, help="ReDial seeker messages to read")
    parser.add_argument("--planted", type=int, default=600, help="sentences with a planted title, per catalogue")
    parser.add_argument("--catalogues", default=",".join(CATALOGUES))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding redial-train/ and the CSVs")
    parser.add_argument("--show", type=int, default=4, help="false spans to print per catalogue and kind")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    def body() -> int:
        ordinary = {"redial": redial_sentences(args.shared / "redial-train", args.redial, args.seed),
                    "everyday": everyday_sentences()}
        rows = []
        for name in args.catalogues.split(","):
            catalog = ml1m_catalogue() if CATALOGUES[name] is None else csv_catalogue(args.shared / CATALOGUES[name])
            rows.append(measure(name, catalog, ordinary, args.planted, args.seed))
        print_report(rows, args.show)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1, default=str))
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
