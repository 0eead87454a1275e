"""Written lists of films, read as one sentence (pure, given the catalogue's TitleIndex).

People post lists: a heading, then one film per line with a number or a bullet and what they thought of it
("1. Rocky (1976): 5 stars", "- Little Mermaid: A-", "* The Omen: ★★ (sorry, the kid just isn't scary)"), the
numbers inline ("Top 5 Spielberg, go: 1. Jaws 2. Raiders 3. E.T."), or films joined by arrows ("Dr. No ->
Goldfinger -> Thunderball"). Read line by line, the marks and scores become part of the titles ("Carrie: ★★★½") and
"2. Raiders" after "Jaws" reads as Jaws 2. Each item's title is cut from what is said of it, and the list is written
as one sentence after its heading ("Spooky season tally (all watched this October): The Shining, Halloween, Carrie,
The Omen."), so the heading's words say whether they were watched. The marks are a closed list; where a title ends
is the catalogue's (the longest start of an item that is a title).
"""
from __future__ import annotations

import re

from bot.mentions import sentence_spans, whole_title
from bot.messages import number_said
from bot.titles import series_of
from recommender.titles import TitleIndex

# a list's item: "1.", "2)", "#3", "-", "*", "•" before it at the start of a line
_ITEM = re.compile(r"^\s*(?:#?\d{1,2}\s*[.):]|[-*•–·])\s+(?P<body>\S.*?)\s*$")
# an inline numbered list's marks: " 1. ", " 2) ", each followed by a word; the first one opens the message or follows
# a colon or a dash ("Top 5 Spielberg, go: 1. Jaws 2. ..."), never a title's own number ("Toy Story 1. Toy Story 2.")
_INLINE_MARK = re.compile(r"(?:(?<=\s)|^)(?P<number>\d{1,2})[.)]\s+(?=\S)")
_OPENS_A_LIST = re.compile(r"(?:^|[:\n–—-])\s*$")
# where the last inline item ends: a sentence's end, a bracket, a line's end
_INLINE_END = re.compile(r"\.\s|\s\(|[!?](?:\s|$)|\.$|\n")
# where what is said of an item may start: a colon, a dash, a bracket (not a year's), stars, a score
_SAID_OF_IT = re.compile(r":\s|\s[-–—]\s|\s*\((?!(?:19|20)\d{2}\))|\s*[★⭐☆]|\s+\d+(?:\.\d)?\s*/\s*10\b|,\s|[.!?](?:\s|$)")
# what is said of an item that says it was not watched: the item is read as a sentence of its own
_NOT_WATCHED_SAID = re.compile(r"\b(?:haven'?t|havent|have not|never (?:seen|saw|watched|got)|not (?:seen|watched|yet)|"
                               r"didn'?t (?:see|watch)|did not (?:see|watch)|yet|want to|wanna|gonna|skipped|to-?watch|"
                               r"watchlist)\b", re.I)  # not "(never again)": an opinion of a film watched
# ... or that it is still to come, or was missed: "(next month)", "- absent (flu)", "(walked out)"
_NOT_YET_SAID = re.compile(r"\b(?:next (?:month|week|time|meeting|season)|upcoming|coming up|on deck|planned|tbd|to do|"
                           r"absent|missed|walked out|didn'?t make it|couldn'?t make it|not (?:there|present))\b", re.I)
# what is said of an item that says the speaker saw it: "Psycho: seen", "Amadeus - present", "(attended)"
_SEEN_SAID = re.compile(r"^\W*(?:\(\s*)?(?:seen|watched|attended|present|done|saw it|yes|re-?watch(?:ed)?|twice|again)\b"
                        r"(?![^()]*\b(?:not|never|n't)\b)", re.I)
_SKIPPED_TAG = re.compile(r"\W*(?:skipped(?:\s+(?:this one|it|that one))?|to-?watch|watchlist|not yet|unseen)\W*", re.I)
MIN_ITEMS = 2  # one marked line is a sentence, not a list
MIN_INLINE_ITEMS = 3  # "1. Jaws 2. Raiders 3. E.T.": numbered in order, at least three
MIN_SENTENCE_WORDS = 5  # an item whose start is this long and no title is a sentence ("1. My dad keeps telling me ...")
MAX_SERIES_WORDS = 4  # the words of a series' name said in the plural
_EDGES = " :-–—,;"


def _catalogue_title_first(body: str, index: TitleIndex | None) -> str | None:
    """The longest start of an item, up to where something may be said of it, that is a catalogue title."""
    if index is None:
        return None
    cuts = sorted({m.start() for m in _SAID_OF_IT.finditer(body)} | {len(body)}, reverse=True)
    return next((body[:cut] for cut in cuts if cut and whole_title(body[:cut], index) is not None), None)


def item_title(body: str, index: TitleIndex | None) -> str | None:
    """The title an item names: the longest start of it, up to where something is said of it, that is a catalogue
    title ("Star Wars: Episode IV - A New Hope: 5 stars" keeps its own colon); else a short item's start up to the
    first such place ("Carrie: ★★★½" -> "Carrie", a film the catalogue may lack). None for an item that is a
    sentence of its own: one that says no title first, or whose remark says it was not watched ("Casino: haven't
    seen it yet") or names more titles ("Heat, Casino", "Friday: Heat")."""
    cuts = [m.start() for m in _SAID_OF_IT.finditer(body)] + [len(body)]
    title = _catalogue_title_first(body, index)
    if title is None:
        start = body[:cuts[0]] if cuts[0] else body
        title = start if start.strip(_EDGES) and len(start.split()) < MIN_SENTENCE_WORDS else None
    if title is None:
        return None
    said = body[len(title):]
    if _NOT_WATCHED_SAID.search(said) or _NOT_YET_SAID.search(said) or (
            index is not None and not said.lstrip().startswith("(") and sentence_spans(said, index, said_watched=True)):
        return None  # a bracket's remark names people, not films ("Tin Cup (that was Big Al's list)")
    return title.strip(_EDGES)


def _said_of_item(body: str, index: TitleIndex | None) -> str | None:
    """An item whose remark says plainly that the speaker saw it or not ("Psycho: seen", "Key Largo (next month)"), as
    that sentence ("I watched Psycho.", "I haven't seen Key Largo yet."); None for any other item."""
    title = _catalogue_title_first(body, index)
    if title is None:
        return None
    said, name = body[len(title):].strip(_EDGES), title.strip(_EDGES)
    if _NOT_YET_SAID.search(said) or _SKIPPED_TAG.fullmatch(said):  # a remark of its own ("haven't seen it") stays
        return f"I haven't seen {name} yet."
    if _SEEN_SAID.match(said):
        return f"I watched {name}."
    return None


def _series_named(heading: str, index: TitleIndex | None) -> str:
    """The series a list's heading names ("Ranking the Godfathers", "the godfather movies, ranked"), or ""."""
    if index is None:
        return ""
    spans = sentence_spans(heading, index, said_watched=True)
    if spans:
        return series_of(spans[-1].text)
    words = heading.split()
    for end, word in enumerate(words):  # a name said in the plural: "the Godfathers", "the Harbor Kids"
        if not word.rstrip(_EDGES + ".!?").endswith("s"):
            continue
        for start in range(end, max(0, end - MAX_SERIES_WORDS + 1) - 1, -1):  # the shortest name first
            said = " ".join(words[start:end + 1]).rstrip(_EDGES + ".!?")[:-1]
            if whole_title(said, index) is not None:
                return series_of(said)
    return ""


# a heading that says the items are the speaker's reviews: "Short reviews:", "My quick verdicts", "Hot takes:" (not
# items asked about: "Quick takes?\n- Heat?")
_REVIEWS_HEADING = re.compile(r"^\W*(?:(?:my|our|some|short|quick|mini|capsule|hot|brief|tiny|honest)\s+)*"
                              r"(?:reviews?|verdicts?|takes|ratings?)\s*[:.!-]*\s*$", re.I)


# an item that is no verdict of a film seen: "Ronin: on my list", "Casino: want to see it"
_NOT_A_VERDICT = re.compile(r"\b(?:want|wanna|list|plan|haven'?t|havent|not\s+seen|yet|maybe|might|will|going\s+to|someday)\b", re.I)


def _joined(heading: str, bodies: list[str], index: TitleIndex | None) -> str:
    """The heading, then the items' titles after a colon (as a sentence of their own after a heading that ends one:
    "Can you recommend something like these?"), each item that is a sentence as its own sentence; an item that is a
    film's place in the series the heading names ("1. Part II", "2. The original") is that film."""
    heading = heading.strip()
    # "Short reviews:" heads the speaker's own verdicts, each item's dropped below: films watched
    heading = "Watched:" if _REVIEWS_HEADING.match(heading) and not any("?" in b or _NOT_A_VERDICT.search(b)
                                                                     for b in bodies) else heading
    series = _series_named(heading, index) if heading else ""
    parts, titles = [], []
    for body in bodies:
        if (sentence := _said_of_item(body, index)) is not None:
            if titles:
                parts.append(", ".join(titles) + ".")
                titles = []
            parts.append(sentence)
            continue
        title = item_title(body, index)
        if title is not None:
            number = number_said(title) if series else None
            titles.append(title if number is None else series if number == "1" else f"{series} {number}")
            continue
        if titles:
            parts.append(", ".join(titles) + ".")
            titles = []
        parts.append(body if body.rstrip()[-1:] in ".!?" else f"{body}.")
    if titles:
        parts.append(", ".join(titles) + ".")
    if not heading:
        return " ".join(parts)
    if parts and heading[-1:] not in ".!?":  # "Top 5 Spielberg, go: Jaws, Raiders, ..."
        return " ".join([f"{heading.rstrip(_EDGES)}: {parts[0]}", *parts[1:]])
    return " ".join([heading, *parts])


def _lines_list(text: str, index: TitleIndex | None) -> str | None:
    """Marked lines, each run of them after its own heading ("Watched:\n- Heat\nStill to watch:\n- Fargo")."""
    lines = text.splitlines()
    if sum(1 for line in lines if _ITEM.match(line)) < MIN_ITEMS:
        return None
    out, heading, items = [], [], []
    for line in lines:
        item = _ITEM.match(line)
        if item:
            items.append(item["body"])
            continue
        if items:  # a line after a run of items closes it, and heads the next run
            out.append(_joined(" ".join(heading), items, index))
            heading, items = [], []
        heading.append(line)
    out.append(_joined(" ".join(heading), items, index) if items else " ".join(heading))
    return " ".join(part for part in out if part.strip())


def _inline_list(text: str, index: TitleIndex | None) -> str | None:
    marks, expected = [], 1
    for mark in _INLINE_MARK.finditer(text):
        if int(mark["number"]) == expected and (expected > 1 or _OPENS_A_LIST.search(text[:mark.start()])):
            marks.append(mark)
            expected += 1
    if len(marks) < MIN_INLINE_ITEMS:
        return None
    bodies = [text[m.end():nxt.start()] for m, nxt in zip(marks, marks[1:])]
    tail = text[marks[-1].end():]
    end = _INLINE_END.search(tail)
    bodies.append(tail[:end.start()] if end else tail)
    after = tail[end.start():].lstrip(".").strip() if end else ""
    joined = _joined(text[:marks[0].start()], [body.strip() for body in bodies if body.strip()], index)
    return f"{joined} {after}" if after else joined


# arrows between films in the order watched: "Dr. No -> From Russia with Love -> Goldfinger"
_ARROW = re.compile(r"\s*(?:-->|->|=>|→|⟶)\s*")
MIN_ARROWS = 2
MAX_ITEM_WORDS = 6  # the words of a title between two arrows, at most


def _films_by_arrows(text: str, index: TitleIndex | None) -> str:
    """Arrows read as a list's commas where a film starts right after most of them and the words between are a
    title's few ("A New Hope → Empire → Jedi": "Empire", a nickname, is no name the index finds); arrows between
    other words ("Heat -> loved it") are left as typed."""
    arrows = list(_ARROW.finditer(text))
    if len(arrows) < MIN_ARROWS or index is None:
        return text
    between = [text[arrow.end():later.start()] for arrow, later in zip(arrows, arrows[1:])]
    titled = sum(any(span.start == 0 for span in sentence_spans(text[arrow.end():], index, said_watched=True))
                 for arrow in arrows)
    if titled * 2 <= len(arrows) or any(len(piece.split()) > MAX_ITEM_WORDS or not piece.strip() for piece in between):
        return text
    # a piece no title starts is a nickname written as one ("Empire"), not talk ("skipped part 3", "bed")
    if any(not piece.strip()[:1].isupper() and not any(span.start == 0 for span in sentence_spans(
            piece.strip(), index, said_watched=True)) for piece in between + [text[arrows[-1].end():]]):
        return text
    return _ARROW.sub(", ", text)


# dashes as bullets on one line: "Q1 watched - Se7en - Fargo - Jackie Brown"
_VIEWED_HEADING = re.compile(r"\b(?:watched|seen|saw|finished|caught|rewatched|re-watched|binged|done|tally|viewed)\b", re.I)
_DASH = re.compile(r"[ \t]+[-–—][ \t]+")  # on one line: a line that starts with a dash is a list of lines
MIN_DASHES = 2


def _films_by_dashes(text: str, index: TitleIndex | None) -> str:
    """Dashes read as a list where every piece after the first is a title ("watched - Se7en - Fargo" is "watched:
    Se7en, Fargo"; "Heat - Casino - Fargo" is "Heat, Casino, Fargo"); dashes between other words ("Heat - loved it -
    Casino - meh") or inside a title are left as typed."""
    if index is None or not any(dash in text for dash in "-–—"):
        return text
    heading, *items = _DASH.split(text)
    if len(items) < MIN_DASHES or not all(whole_title(item.strip(" .!?"), index) is not None for item in items):
        return text
    if whole_title(heading.strip(), index) is None and not _VIEWED_HEADING.search(heading):
        return text  # "Can't decide - Heat - Casino - Ronin": the films are the choices, not a list of viewings
    spans = sentence_spans(text, index, said_watched=True)
    if any(span.start < dash.start() < span.stop for span in spans for dash in _DASH.finditer(text)):
        return text
    opening = ", " if whole_title(heading.strip(), index) is not None else ": "
    return heading + opening + ", ".join(items)


# a slash between two words: "seen: heat/ronin/casino"; not "8/10", "24/7" (no letter after), nor inside a title
# ("Face/Off", checked below)
_SLASH = re.compile(r"(?<=[^\W_])\s*/\s*(?=[^\W\d_])")
MAX_SLASHES = 12  # a list that long is written with commas; more slashes are left as typed, at no cost


def _films_by_slashes(text: str, index: TitleIndex | None) -> str:
    """Slashes read as a list's commas where a film ends right before and starts right after each one; any other
    slash is left as typed ("spacey/crowe/pearce", "Victor/Victoria")."""
    slashes = list(_SLASH.finditer(text)) if index is not None and "/" in text else []
    if not slashes or len(slashes) > MAX_SLASHES:
        return text
    # the text with every slash a comma, and where each comma stands in it
    commas = [slash.start() + sum(2 - len(s.group()) for s in slashes[:i]) for i, slash in enumerate(slashes)]
    listed_text = _SLASH.sub(", ", text)
    spans = sentence_spans(listed_text, index, said_watched=True)
    ends, starts = {s.stop for s in spans}, {s.start for s in spans}
    split = [comma in ends and comma + 2 in starts for comma in commas]
    if not any(split):
        return text
    whole = sentence_spans(text, index, said_watched=True)  # a title holding the slash stays one
    out, start = [], 0
    for slash, cut in zip(slashes, split):
        out.append(text[start:slash.start()])
        out.append(", " if cut and not any(s.start < slash.start() < s.stop for s in whole) else slash.group())
        start = slash.end()
    return "".join(out) + text[start:]


def as_one_sentence(text: object, index: TitleIndex | None) -> object:
    """`text` with a written list of films as one sentence after its heading, and films joined by arrows or
    slashes as a list; any other text as it is."""
    if not isinstance(text, str):
        return text
    text = _films_by_dashes(_films_by_slashes(_films_by_arrows(text, index), index), index)
    return _lines_list(text, index) or _inline_list(text, index) or text
