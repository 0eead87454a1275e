"""Real seekers' messages from the ReDial hold-out, through ChatService on the real catalogue.

    python -m benchmarks.redial_chat [--llm none] [--rules-only] [--limit 400]

For each dialogue of the ReDial hold-out (training.redial: never trained or tuned on), the seeker's first message
that names a movie of the catalogue (ReDial's title and year, matched exactly) is sent as the seeker typed it, the
`@id` tags written out as ReDial's movie names. It passes when, afterwards, every such movie the seeker had seen
is in the history and none they had not seen is (ReDial's seen answers; movies outside the catalogue and
unanswered ones are not judged). Each message runs for a new user. Prints the pass rate, and the share of seen
and of unseen mentions handled right.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import tempfile
from pathlib import Path

from recommender.errors import run_script
from training import redial

_TAG = re.compile(r"@(\d+)")
_TITLE_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)\s*$")


def catalogue_keys(catalog) -> dict[tuple[str, int], int]:
    from recommender.titles import normalize_title

    return {(normalize_title(m.display_title), m.year): m.movie_id for m in catalog.movies if m.year}


def in_part(conversation_id: str, part: str) -> bool:
    """The hold-out's two halves: `dev`, whose failures we read to find what classes of language are missed, and
    `final`, never read and never tuned on (its figure is the one reported as held out); `all`, both."""
    if part == "all":
        return True
    digest = hashlib.sha256(f"redial-chat-part:{conversation_id}".encode()).digest()
    return (digest[0] % 2 == 0) == (part == "dev")


def opening_cases(dialogues, keys: dict[tuple[str, int], int], part: str = "all",
                  every_message: bool = False) -> list[tuple[str, dict[int, bool]]]:
    """(the message as typed, {movie id: seen}) for each hold-out dialogue's first seeker message that names a
    judged movie; `part`: which half of the hold-out (in_part); `every_message`: every such seeker message, not
    only the first (each still read alone, for a new user: more of the same class of language to learn from)."""
    from recommender.titles import normalize_title

    cases = []
    for dialogue in dialogues:
        conversation = str(dialogue.get("conversationId", ""))
        if not redial.in_holdout(conversation) or not in_part(conversation, part):
            continue
        seen = {m: status != redial.NOT_WATCHED for m, status in redial.seeker_statuses(dialogue).items()}
        names = {k: " ".join(str(v).split()) for k, v in (dialogue.get("movieMentions") or {}).items()}
        for message in dialogue.get("messages", []):
            if message.get("senderWorkerId") != dialogue.get("initiatorWorkerId"):
                continue
            text = message.get("text") or ""
            judged = {}
            for tag in _TAG.findall(text):
                found = _TITLE_YEAR.match(names.get(tag, ""))
                movie = found and keys.get((normalize_title(found["title"]), int(found["year"])))
                if movie and tag in seen:
                    judged[movie] = seen[tag]
            if judged:
                cases.append((_TAG.sub(lambda m: names.get(m.group(1), m.group(0)), text), judged))
                if not every_message:
                    break
    return cases


def run_cases(service, cases, users: str = "redial") -> dict:
    """`users`: the prefix of the users the messages run for (one new user each)."""
    passed = seen_ok = seen_all = unseen_ok = unseen_all = 0
    failures = []
    for i, (text, judged) in enumerate(cases):
        user = f"{users}-{i}"
        service.reply(user, text)
        history = {m.movie_id for m in service.history(user)}
        right = {movie: (movie in history) == was_seen for movie, was_seen in judged.items()}
        seen_all += sum(judged.values())
        seen_ok += sum(ok for m, ok in right.items() if judged[m])
        unseen_all += sum(not s for s in judged.values())
        unseen_ok += sum(ok for m, ok in right.items() if not judged[m])
        if all(right.values()):
            passed += 1
        else:
            failures.append((text, {service.catalog.by_id(m).label: judged[m] for m, ok in right.items() if not ok}))
    return {"cases": len(cases), "passed": passed, "seen": (seen_ok, seen_all), "unseen": (unseen_ok, unseen_all),
            "failures": failures}


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", default="none")
    parser.add_argument("--redial", type=Path, default=redial.DEFAULT_DATA)
    parser.add_argument("--rules-only", action="store_true", help="without the mention-status model")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--part", choices=("all", "dev", "final"), default="all",
                        help="dev: the half whose failures we read; final: the half never read (in_part)")
    parser.add_argument("--messages", choices=("first", "all"), default="first",
                        help="first: each dialogue's first seeker message naming a judged movie (the reported "
                             "figure); all: every such seeker message")
    parser.add_argument("--show-failures", type=int, default=15, help="never used with --part final or all")
    args = parser.parse_args(argv)

    def body() -> int:
        from benchmarks.conversation import benchmark_service

        paths = [args.redial / name for name in redial.FILES if (args.redial / name).is_file()]
        with tempfile.TemporaryDirectory() as folder:
            service = benchmark_service(args.llm, Path(folder), rules_only=args.rules_only)
            cases = opening_cases(redial.read_dialogues(paths), catalogue_keys(service.catalog), args.part,
                                  every_message=args.messages == "all")[: args.limit]
            report = run_cases(service, cases)
        label = "rules only" if args.rules_only else "rules + mention-status model"
        which = "first message" if args.messages == "first" else "every message"
        print(f"ReDial hold-out ({args.part}), seekers' {which} naming a catalogue movie ({label}, LLM {args.llm})\n")
        print("| messages | pass | seen mentions stored | unseen mentions kept out |\n|---:|---:|---:|---:|")
        (so, sa), (uo, ua) = report["seen"], report["unseen"]
        print(f"| {report['cases']} | {report['passed'] / max(1, report['cases']):.1%} | {so}/{sa} ({so / max(1, sa):.1%}) "
              f"| {uo}/{ua} ({uo / max(1, ua):.1%}) |")
        for text, wrong in report["failures"][: args.show_failures if args.part == "dev" else 0]:
            print(f"  FAIL {text[:110]!r}: {wrong}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
