"""The conversation corpus through ChatService: everyday dialogues, each with what must hold afterwards.

    python -m benchmarks.conversation [--llm none|local] [--corpus tests/conversations]

Each file in the corpus is one category (adding, titles as typed, multi-act, negation, ...). A conversation is a
list of turns ("say" a message, or "rate" the last list) and the expectations checked afterwards. Messages name
movies by role: {A} is a movie of the cast drawn from the catalogue in use (the synthetic one in the tests,
ML-1M here), written as people type it with a form: {A.lower}, {A.label} (with its year), {A.typo} (one letter
dropped), {A.bare} (no leading article), {A.year}; {GA} is A's first genre, lower case. Runs on a fresh SQLite
file and the real SBERT matcher; prints the pass rate by category.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from recommender.catalog import Movie, MovieCatalog
from recommender.errors import run_script

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "conversations"
ROLES = "ABCDEF"


@dataclass(frozen=True)
class Conversation:
    category: str
    name: str
    turns: tuple[dict, ...]
    expect: dict = field(default_factory=dict)


def load_corpus(folder: Path = CORPUS) -> list[Conversation]:
    conversations = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            conversations.append(Conversation(path.stem, item["name"], tuple(item["turns"]), item.get("expect") or {}))
    return conversations


def pick_cast(catalog: MovieCatalog, roles: str = ROLES) -> dict[str, Movie]:
    """Distinct, well-known movies with one-part titles (no comma or colon) and distinct first genres where
    possible, most-rated first: the same cast for every run on the same catalogue."""
    order = sorted(catalog.movies, key=lambda m: -int(catalog.rating_counts[catalog.index_of(m.movie_id)]))
    cast: dict[str, Movie] = {}
    for movie in order:
        title = movie.display_title
        if "," in title or ":" in title or "(" in title or len(title) < 4 or not movie.genres:
            continue
        if any(m.display_title.split()[0] == title.split()[0] for m in cast.values()):
            continue
        cast[roles[len(cast)]] = movie
        if len(cast) == len(roles):
            break
    return cast


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def typed(movie: Movie, form: str) -> str:
    title = movie.display_title
    if form == "lower":
        return title.lower()
    if form == "label":
        return movie.label
    if form == "year":
        return str(movie.year)
    if form == "bare":
        return _ARTICLE.sub("", title)
    if form == "typo":  # one letter dropped from the longest word, as fast typists do
        words = title.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        words[longest] = word[: len(word) // 2] + word[len(word) // 2 + 1:] if len(word) > 4 else word
        return " ".join(words)
    return title


def fill(text: str, cast: dict[str, Movie]) -> str:
    def one(match: re.Match) -> str:
        name = match[1]
        if name.startswith("G") and len(name) == 2:
            return cast[name[1]].genres[0].lower()
        role, _, form = name.partition(".")
        return typed(cast[role], form)
    return re.sub(r"\{([A-Z]{1,2}(?:\.[a-z]+)?)\}", one, text)


def run_conversation(service, conversation: Conversation, cast: dict[str, Movie], user: str) -> list[str]:
    """The expectations that failed ([] when it passed)."""
    replies, rated_down = [], set()
    for turn in conversation.turns:
        if "say" in turn:
            replies.append(service.reply(user, fill(turn["say"], cast)))
        elif "rate" in turn:
            shown = next((r.recommendations for r in reversed(replies) if r.recommendations), ())
            chosen = shown if turn.get("which", "all") == "all" else shown[:1]
            for item in chosen:
                service.rate(user, item.recommended_id, 1 if turn["rate"] == "up" else -1)
                if turn["rate"] != "up":
                    rated_down.add(item.movie.movie_id)
    failed = check(service, conversation.expect, replies, cast, user)
    last_list = next((r.recommendations for r in reversed(replies) if r.recommendations), ())
    if conversation.expect.get("rated_down_gone") and {r.movie.movie_id for r in last_list} & rated_down:
        failed.append("a movie rated down came back")
    return failed


def check(service, expect: dict, replies: list, cast: dict[str, Movie], user: str) -> list[str]:
    failed = []
    history = [m.movie_id for m in service.history(user)]
    last = replies[-1] if replies else None
    text = " ".join(filter(None, [last.preface, last.text])).lower() if last else ""
    ids = lambda roles: [cast[r].movie_id for r in roles]  # noqa: E731
    lists = [[r.movie.movie_id for r in reply.recommendations] for reply in replies if reply.recommendations]
    shown = lists[-1] if lists else []
    if "history" in expect and history != ids(expect["history"]):
        failed.append(f"history {history} != {ids(expect['history'])}")
    for role in expect.get("history_has", []):
        if cast[role].movie_id not in history:
            failed.append(f"{role} not in the history")
    for role in expect.get("history_lacks", []):
        if cast[role].movie_id in history:
            failed.append(f"{role} in the history")
    if "recommends" in expect and len(last.recommendations if last else ()) != expect["recommends"]:
        failed.append(f"{len(last.recommendations) if last else 0} recommendations, not {expect['recommends']}")
    for role in expect.get("never_shown", []):
        if cast[role].movie_id in shown:
            failed.append(f"{role} recommended")
    if expect.get("new_list") and (len(lists) < 2 or set(lists[-1]) & set(x for earlier in lists[:-1] for x in earlier)):
        failed.append("the last list repeats an earlier one")
    for key in ("genre_absent", "genre_present"):
        if key in expect:
            genre = _genre(cast, expect[key])
            found = [any(g == genre for g in service.catalog.by_id(m).genres) for m in shown]
            if not shown or (key == "genre_absent" and any(found)) or (key == "genre_present" and not all(found)):
                failed.append(f"{key} {genre}: {[service.catalog.by_id(m).genres for m in shown]}")
    if "min_year" in expect and (not shown or any((service.catalog.by_id(m).year or 0) < expect["min_year"]
                                                  for m in shown)):
        failed.append(f"no list, or a movie before {expect['min_year']}")
    if "max_year" in expect and (not shown or any((service.catalog.by_id(m).year or 9999) > expect["max_year"]
                                                  for m in shown)):
        failed.append(f"no list, or a movie after {expect['max_year']}")
    for words in expect.get("says", []):
        if fill(words, cast).lower() not in text:
            failed.append(f"the reply does not say {words!r}: {text[:160]!r}")
    for words in expect.get("not_says", []):
        if fill(words, cast).lower() in text:
            failed.append(f"the reply says {words!r}")
    if expect.get("stores_nothing") and service.repo.find_user(user) is not None:
        failed.append("a user row was created")
    return failed


def _genre(cast: dict[str, Movie], spec: str) -> str:
    return cast[spec[1]].genres[0] if spec.startswith("G") and len(spec) == 2 else spec


def run_corpus(service, conversations: list[Conversation], cast: dict[str, Movie]) -> dict:
    by_category: dict[str, list[bool]] = defaultdict(list)
    failures = []
    for i, conversation in enumerate(conversations):
        failed = run_conversation(service, conversation, cast, f"corpus-user-{i}")
        by_category[conversation.category].append(not failed)
        if failed:
            failures.append((conversation.category, conversation.name, failed))
    passed = sum(sum(v) for v in by_category.values())
    return {"by_category": {k: (sum(v), len(v)) for k, v in by_category.items()}, "passed": passed,
            "total": len(conversations), "failures": failures}


def print_report(report: dict, llm: str, show: int = 10) -> None:
    print(f"Conversation corpus, LLM {llm}: {report['passed']} of {report['total']} pass "
          f"({report['passed'] / max(1, report['total']):.1%})\n")
    print("| category | passed | total | pass rate |")
    print("|---|---:|---:|---:|")
    for category, (ok, total) in sorted(report["by_category"].items()):
        print(f"| {category} | {ok} | {total} | {ok / total:.0%} |")
    for category, name, failed in report["failures"][:show]:
        print(f"  FAIL [{category}] {name}: {'; '.join(failed)}")


def benchmark_service(llm: str, folder: Path, rules_only: bool = False):
    """The app's ChatService (DUALREC_HOME's checkpoint, no training, no prefill ahead) on a fresh SQLite file in
    `folder`; `rules_only`: without the mention-status model."""
    from dataclasses import replace

    from bot.config import load_app_config
    from bot.startup import build_service
    from db.repository import Repository, make_engine

    cfg = load_app_config()
    cfg = replace(cfg, llm=replace(cfg.llm, backend=llm), auto_train=False, service=replace(cfg.service, prewarm=False))
    service, _ = build_service(cfg, repo=Repository(make_engine(f"sqlite:///{folder / 'benchmark.sqlite3'}")))
    if rules_only:
        service.reader = service.acts = None
    return service


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", default="none", help="none (the LSTM alone) or local (SmolLM2)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show-failures", type=int, default=20)
    args = parser.parse_args(argv)

    def body() -> int:
        with tempfile.TemporaryDirectory() as folder:
            service = benchmark_service(args.llm, Path(folder))
            report = run_corpus(service, load_corpus(args.corpus), pick_cast(service.catalog))
        print_report(report, args.llm, args.show_failures)
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
