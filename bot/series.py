"""Films of a series said by their place in it, written out as their names before a message is read (pure, given
the catalogue's TitleIndex).

People name the films of a series by count, place or number rather than by title: "the first two Godfather films",
"both Cape Fears", "every Lethal Weapon", "the second Godfather is better than the first", "Alien, Aliens and the
third one", "Jaws, but never the second one", "a godfather marathon, 1 and 2, skipped 3". Each such reference is
rewritten as the names of the films it means ("The Godfather and The Godfather: Part II"), so the span finder and the
mention-status model read them as they read any title: the words around them still say whether they were watched.
A series is what the catalogue holds under one name (every film the name is a series' name of, and every title that
starts with it), oldest first; the words of place and count are a closed list, the rest is the catalogue's.
"""
from __future__ import annotations

import re

from bot.titles import series_of
from recommender.titles import TitleIndex, everyday_name, normalize_title, strip_article

_PLACES = {"first": 1, "1st": 1, "original": 1, "second": 2, "2nd": 2, "sequel": 2, "third": 3, "3rd": 3,
           "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1, "latest": -1, "newest": -1}
_COUNTS = {"two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4, "five": 5, "5": 5, "both": 2}
_PLACE = r"(?P<place>first|1st|original|second|2nd|third|3rd|fourth|4th|fifth|5th|last|latest|newest)"
_COUNT = r"(?P<count>two|three|four|five|2|3|4|5)"
# what comes before a series' name: "the first two", "both (of) (the)", "every", "all (four of) the", "the second"
_BEFORE_NAME = re.compile(r"\b(?:(?:the\s+)?(?P<end>first|last)\s+" + _COUNT + r"|(?P<both>both)(?:\s+of)?(?:\s+the)?|"
                          # "the entire BTTF trilogy", "the three Godfather films"
                          r"(?P<whole>the\s+(?:whole|entire|full|complete))|the\s+(?P<them>two|three|four|five)|"
                          r"(?P<every>every)(?:\s+(?:single|one\s+of\s+the))?|(?P<all>all)(?:\s+(?P<all_count>two|three|"
                          # "all three of the Alien films", "all three Back to the Future movies"
                          r"four|five|2|3|4|5)(?:\s+of)?(?:\s+the)?|(?:\s+of)?\s+the)|the\s+" + _PLACE + r"|"
                          # "I have watched the Godfather trilogy completely": a trilogy said with its article alone
                          r"(?P<bare>the))\s+$", re.I)
# the words a series' name is read in after those words: up to five, to the next punctuation or group word
_NAME_WORDS = re.compile(r"[\w'’.&-]+(?:\s+[\w'’.&-]+){0,4}")
# the words that say several films of a series ("Godfather films", "the BTTF trilogy"); the singulars only follow
_MANY_FILMS = r"films|movies|ones|pictures|instalments|installments|entries|trilogy|series|saga|franchise|quadrilogy"
_GROUP_WORDS = set(_MANY_FILMS.split("|")) | {"film", "movie", "one"}
# a film of the series said by its place alone, after a title of it: "and the third one", "never the second one",
# "better than the first"; not "the first time", "the second half"
_PLACE_ALONE = re.compile(r"\bthe\s+(?P<place>first|1st|original|second|2nd|sequel|third|3rd|fourth|4th|fifth|5th)"
                          r"(?:\s+(?:one|part|instalment|installment))?\b(?!\s+(?:time|times|half|hour|hours|film|movie|"
                          r"minute|minutes|day|days|week|weeks|night|nights|scene|scenes|act|date|place|thing|things|"
                          r"person|people|two|three|four|few|episode|season|bit|part|go|try|round|"
                          r"[a-z]+(?:ly|ing)\b(?<!only)(?<!entirely)))", re.I)
_LONE_NUMBER = re.compile(r"(?<![\w/.])(?P<number>[1-9])(?![\w/.%]|\s*(?:/|out of|stars?|times|hours?|mins?|minutes?|"
                          r"days?|nights?|weeks?|years?|pm|am|of)\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


def series_members(name: str, index: TitleIndex) -> tuple[int, ...]:
    """The catalogue's films of the series `name` ("godfather", "cape fear"), oldest first: every film the name
    names at any tier (not every title that starts with it: "Alien Nation" is not of the Alien films)."""
    bare = strip_article(normalize_title(name))
    if not bare:
        return ()
    named = set(index.lookup(bare, all_tiers=True)[0])
    named |= set(index.lookup(bare + "s")[0]) if named else set()  # "Aliens" is of the Alien films
    # "Back to the Future Part II": a title that is the name and a part or a number after it
    numbered = {i for i in index.titles_starting(bare) if re.match(
        rf"{re.escape(bare)} (?:part |chapter |episode )?(?:\d{{1,2}}|[ivx]{{1,4}})\b",
        strip_article(normalize_title(index.catalog.by_id(i).display_title)))}
    return _oldest_first(named | numbered, index) if named else ()


def _oldest_first(ids, index: TitleIndex) -> tuple[int, ...]:
    return tuple(sorted(set(ids), key=lambda i: (index.catalog.by_id(i).year or 9999, i)))


def _series_of(movies: tuple[int, ...], index: TitleIndex) -> set[int]:
    """The films of the series the movies a name names belong to (strongest claim first: "Rocky II", the Rocky
    films), with the movies themselves."""
    members = set(movies)
    for movie_id in movies[:1]:
        members |= set(series_members(series_of(index.catalog.by_id(movie_id).display_title), index))
    return members


def film_name(movie_id: int, index: TitleIndex) -> str:
    """A name that the span finder reads as this one film: its title, with its year where the title is shared."""
    movie = index.catalog.by_id(movie_id)
    ids, _ = index.lookup(movie.display_title)
    # an everyday word ("Speed", "Heat") keeps its year, so a sentence that starts with it still names the film
    plain = ids == (movie_id,) and not everyday_name(strip_article(normalize_title(movie.display_title)))
    return movie.display_title if plain or not movie.year else f"{movie.display_title} ({movie.year})"


def _names(ids, index: TitleIndex) -> str:
    names = [film_name(i, index) for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _at(members: tuple[int, ...], place: int) -> int | None:
    if place == -1:
        return members[-1]
    return members[place - 1] if 0 < place <= len(members) else None


def _series_after(text: str, start: int, index: TitleIndex) -> tuple[int, tuple[int, ...]] | None:
    """The longest series' name in the words from `start` ("Godfather films", "Cape Fears", "Lethal Weapon"): where
    it ends (with a group word after it) and its members; None when the words name no series of two films or more."""
    found = _NAME_WORDS.match(text, start)
    if not found:
        return None
    words = list(re.finditer(r"[\w'’.&-]+", found.group()))
    for size in range(len(words), 0, -1):
        last = words[size - 1].group()
        if last.lower() in _GROUP_WORDS:
            continue
        name = found.group()[:words[size - 1].end()]
        bare = name.rstrip(".")
        if bare != name and any(index.lookup(n, all_tiers=True)[0] for n in (bare, bare[:-1] if bare.endswith("s") else "") if n):
            name = bare  # "the first Home Alone. The second one ...", "both godfathers.": the sentence's stop is kept
        for candidate in (name, name[:-1] if last.lower().endswith("s") and len(last) > 3 else None):
            ids = index.lookup(candidate, all_tiers=True)[0] if candidate else ()
            members = _oldest_first(_series_of(ids, index), index) if ids else ()
            if len(members) >= 2:
                stop = start + len(name)
                group = re.match(rf"\s+(?:{_MANY_FILMS}|film|movie)\b", text[stop:], re.I)
                return (stop + group.end() if group else stop), members
    return None


_A_WHOLE_SERIES = re.compile(r"\b(?:trilogy|saga|quadrilogy)\b", re.I)
# the viewing verbs said right before films of a series
_VIEWING_VERBS = r"watched|saw|seen|caught|finished|rewatched|re-watched|did"
# a viewing verb right before "the <series> trilogy", and words that take part of it only
_VIEWED_BEFORE = re.compile(rf"\b(?:{_VIEWING_VERBS}|binged|got through|sat through)(?:\s+(?:all\s+of|through|again))?\s+$",
                            re.I)
_LIMITED = re.compile(r"\b(?:except|only|but not|apart from|other than|without|first|second|third|last|part)\b", re.I)


def _by_words_before(text: str, index: TitleIndex) -> str:
    """"the first two Godfather films", "both Cape Fears", "every Lethal Weapon", "the second Godfather"."""
    out, last = [], 0
    for word in re.finditer(r"(?<![\w'’])[\w'’.&-]+", text):
        if word.start() < last:
            continue
        said = _BEFORE_NAME.search(text[max(last, word.start() - 40):word.start()])
        if not said or said["bare"] and not _A_WHOLE_SERIES.search(text):
            continue
        series = _series_after(text, word.start(), index)
        if series is None:
            continue
        stop, members = series
        begin = max(last, word.start() - 40) + said.start()
        said_as_many = re.search(rf"s\s*$|\b(?:{_MANY_FILMS})\s*$", text[word.start():stop], re.I)
        if not said_as_many and not said["every"] and not said["place"]:
            continue  # "both Alien and Aliens": a list of two, not both Alien films
        if said["end"]:
            count = _COUNTS[said["count"].lower()]
            chosen = members[:count] if said["end"].lower() == "first" else members[-count:]
        elif said["both"]:
            chosen = members[:2]
        elif said["whole"]:
            chosen = members
        elif said["bare"]:
            group = re.search(r"\b(?P<group>trilogy|saga|quadrilogy)\s*$", text[word.start():stop], re.I)
            if group is None or not _VIEWED_BEFORE.search(text[:begin]) or _LIMITED.search(text):
                # "the Godfather films are long": no count said; "The Godfather trilogy is overrated, I only saw the
                # first", "the first film in the X trilogy": not the whole of it
                continue
            chosen = members[:3] if group["group"].lower() == "trilogy" else members
        elif said["them"]:
            chosen = members[:_COUNTS[said["them"].lower()]]
        elif said["every"] or said["all"]:
            chosen = members[:_COUNTS[said["all_count"].lower()]] if said["all_count"] else members
        elif said["place"].lower() in ("original", "first") and re.search(r"\btrilogy\s*$", text[word.start():stop], re.I):
            chosen = members[:3]  # "did the original Star Wars trilogy on Sunday"
        else:
            film = _at(members, _PLACES[said["place"].lower()])
            if film is None:
                continue
            chosen = (film,)
        out += [text[last:begin], _names(chosen, index)]
        last = stop
    return "".join(out) + text[last:]


def _series_before(text: str, stop: int, index: TitleIndex, sentences: int = 1) -> tuple[tuple[int, ...], set[int]]:
    """The films of the series of the titles named in the sentence before `stop` (or in as many `sentences` back,
    the nearest that names one), oldest first ("Alien, Aliens and the third one": Alien, Aliens, Alien³), and the
    films those titles name."""
    ends = [0, *(m.end() for m in _SENTENCE_END.finditer(text, 0, stop))]
    begin = ends[-1]
    while sentences > 1 and len(ends) > 1 and not index.spans(text[begin:stop]):
        # "Rewatched Back to the Future. Then watched Part II": the sentence before names the series
        ends, stop, sentences = ends[:-1], ends[-1], sentences - 1
        begin = ends[-1]
    said = text[begin:stop]
    # an everyday name in lower case is the series' only where a run of its films is said ("a scream marathon")
    spans = [s for s in index.spans(said) if not s.everyday or s.text[:1].isupper() or _A_RUN_OF_FILMS.match(said[s.stop:])]
    series = [_series_of(span.movies, index) for span in spans]
    if any(not (one & series[0]) for one in series[1:]):
        return (), set()  # "Alien and then Heat, the second was better": a list's second, not a sequel
    members: set[int] = set().union(*series) if series else set()
    return _oldest_first(members, index), {m for span in spans for m in span.movies[:1]}


# what ends a place said right after a name: the clause ("speed the first one, with the bus"), not a verb after it
# ("godfather part 2 the first one is better")
_PLACE_ENDS = re.compile(r"\s*(?:$|[,.;:!?)]|(?:with|from|please|pls|not|i mean|lol|too|as well|yesterday|last)\b)", re.I)
# a place that points at the list shown, not the series named: "The second one you suggested, is it good?"
_OF_THE_LIST = re.compile(r"\s+(?:(?:that\s+)?(?:you|u)\b|(?:on|in|from)\s+(?:the|your)\s+list\b)", re.I)


def _named_right_before(text: str, said: re.Match, index: TitleIndex):
    """The name a place is said right after, at a clause's end ("speed the first one, ..."), unless the name holds a
    number of its own ("godfather part 2 the first one is better"); None otherwise."""
    if not _PLACE_ENDS.match(text, said.end()):
        return None
    before = [s for s in index.spans(text[:said.start()]) if re.fullmatch(r"\s+", text[s.stop:said.start()])]
    return before[-1] if before and not re.search(r"\d|\b[ivx]{1,4}$", before[-1].text, re.I) else None


def _by_place_alone(text: str, index: TitleIndex) -> str:
    """"Jaws, but never the second one", "the second Godfather is better than the first"."""
    out, last = [], 0
    for said in _PLACE_ALONE.finditer(text):
        if (name := _named_right_before(text, said, index)) is not None:
            # "i mean speed the first one": the place said right after a name, everyday or not
            members = _oldest_first(_series_of(name.movies, index), index)
            film = _at(members, _PLACES[said["place"].lower()]) if len(members) >= 2 else None
            if film is not None:
                out += [text[last:name.start], film_name(film, index)]
                last = said.end()
                continue
        if _OF_THE_LIST.match(text, said.end()):
            continue  # "The second one you suggested": a place in the list shown
        # "na the first Home Alone. The second one we never watch": a sentence that names none points back
        members, named = _series_before(text, said.start(), index, sentences=2)
        film = _at(members, _PLACES[said["place"].lower()]) if len(members) >= 2 else None
        if film is None or film in named:
            continue  # "mad max yet, the first one from 79 i mean": the film named already, said again
        out += [text[last:said.start()], film_name(film, index)]
        last = said.end()
    return "".join(out) + text[last:]


# a film of a series said by its part alone, after a title of it in the sentence: "the first Godfather on Thursday,
# Part II on Friday"
_PART_ALONE = re.compile(r"(?<![\w'])(?:part|pt\.?)\s+(?P<number>ii|iii|iv|v|2|3|4|5|two|three|four|five)\b", re.I)
_VIEWED_BEFORE_PART = re.compile(rf"\b(?:{_VIEWING_VERBS})\s+$", re.I)
_PART_NUMBERS = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "2": 2, "3": 3, "4": 4, "5": 5, "two": 2, "three": 3, "four": 4,
                 "five": 5}


_ADDED_ON_AFTER = re.compile(r"\s+(?:too|also|as well)\b", re.I)


def _by_part_alone(text: str, index: TitleIndex) -> str:
    """"the first Coppola Godfather on Thursday, Part II on Friday": a part that is no title's own ("Godfather Part
    II" is one) is the film of that place in the series named before it."""
    inside = [(s.start, s.stop) for s in index.spans(text)]
    out, last = [], 0
    for said in _PART_ALONE.finditer(text):
        if any(start <= said.start() < stop for start, stop in inside):
            continue  # the part of a title named whole
        # "Rewatched Back to the Future. Then watched Part II": said watched, the sentence before may name the
        # series (not "X is a classic; part 2 is supposed to be better", a part not said watched)
        # ("I watched Alien. part 2 too": the part added on to the viewing before it)
        viewed = (_VIEWED_BEFORE_PART.search(text, 0, said.start()) or _ADDED_ON_AFTER.match(text, said.end())) \
            and not re.match(r"\s+of\b", text[said.end():])
        members, named = _series_before(text, said.start(), index, sentences=2 if viewed else 1)
        film = _at(members, _PART_NUMBERS[said["number"].lower()]) if len(members) >= 2 else None
        if film is None or film in named:
            continue
        out += [text[last:said.start()], film_name(film, index)]
        last = said.end()
    return "".join(out) + text[last:]


# the words between a series' name and its numbers that say a run of its films: "marathon on my days off, "
_A_RUN_OF_FILMS = re.compile(r"^\s*(?:marathon|films?|movies?|series|trilogy|binge|double bill|triple bill)\b[^.!?\d]{0,40}?"
                             r"[,:]\s*$", re.I)
_LISTED_NUMBERS = re.compile(r"(?<![\w/.])[1-9](?:\s*(?:,|and|&|\+|-|to|through|thru)\s*[1-9]|\s+[1-9](?=\s*(?:,|and|&|\+)?\s*[1-9]\b))+\b(?![/%]|\.\d|\s*(?:/|out of|stars?|times|"
                             r"x\b|hours?|mins?|minutes?|days?|nights?|weeks?|years?|yrs?|yo|months?|pm|am|o'?clock)\b)", re.I)


def _by_numbers(text: str, index: TitleIndex) -> str:
    """"godfather marathon on my days off, 1 and 2, skipped 3", "rocky 1, 2 and 3": numbers listed after a series'
    name in its sentence, and any number alone after them in that sentence, are its films; "Star Trek marathon. Did
    2, 3 and 4.": after a run of a series said in the sentence before."""
    for listed in _LISTED_NUMBERS.finditer(text):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, listed.start())]
        begin = ends[-1] if ends else 0
        spans = [s for s in index.spans(text[begin:listed.start()], all_tiers=True)
                 if len(_series_of(s.movies, index)) >= 2]
        if not spans and begin and _NUMBERS_OPEN.match(text[begin:listed.start()]):
            closing = _SENTENCE_END.search(text, listed.end())
            sentence_end = closing.end() if closing else len(text)
            before = ends[-2] if len(ends) > 1 else 0
            had = not (_A_PLAN.search(text[before:begin]) or _SAID_OF_THEM.match(text, listed.end())
                       or _A_PLAN.search(text, listed.end(), sentence_end) or "?" in text[begin:sentence_end])
            ran = [s for s in index.spans(text[before:begin], all_tiers=True)
                   if len(_series_of(s.movies, index)) >= 2 and _A_RUN_BEFORE.match(text[before + s.stop:begin])] if had else []
            if ran:  # the name said of the run is no film of its own ("Star Trek" alone would be asked about)
                named = _numbers_named(text, listed, _oldest_first(_series_of(ran[-1].movies, index), index), index)
                return named[:before + ran[-1].start] + named[before + ran[-1].stop:].lstrip()
        if not spans:
            continue
        members = _oldest_first(_series_of(spans[-1].movies, index), index)
        # the series' name is said by the numbers: "rocky 1, 2 and 3"; the numbers are its films only right after it,
        # or after a word that says a run of its films ("godfather marathon on my days off, 1 and 2"), not "Scream
        # at 7 and 9", "Superman with my 3 and 5 yr old"
        span = spans[-1]
        gap = text[begin + span.stop:listed.start()]
        if not gap.strip():
            return _numbers_named(text, listed, members, index, start=begin + span.start)
        if not _A_RUN_OF_FILMS.match(gap):
            continue
        return _numbers_named(text, listed, members, index)
    return text


# the run said in the sentence before its numbers: "had a rocky marathon sat night.", "Star Trek marathon."
_A_RUN_BEFORE = re.compile(r"^\s*(?:marathon|films|movies|series|trilogy|binge|double bill|triple bill)\b[^.!?\d]{0,40}?[.!;:]\s*$",
                           re.I)
# a run planned or not had, said before its numbers or after them: "Planning a Star Trek marathon.", "Rocky marathon
# next weekend.", "I've never seen the Rocky films.", "2, 3 and 4 tomorrow night", "1 and 2 are on my list"
_A_PLAN = re.compile(r"\b(?:plan(?:ning|ned)?|going\s+to|gonna|will|want(?:s|ing)?\s+to|next|tomorrow|tonight|later|soon|"
                     r"list|never|haven'?t|havent|not|any\s+good)\b", re.I)
# the numbers then a verdict of them, not a viewing: "2 and 3 are the best"
_SAID_OF_THEM = re.compile(r"\s+(?:are|were|is|was)\b", re.I)
# a sentence that opens on the numbers, maybe after a viewing verb: "1 2 and 3", "Did 2, 3 and 4."
_NUMBERS_OPEN = re.compile(r"^\W*(?:(?:i|we)\s+)?(?:did|watched|saw|seen|caught|got through)?\s*$", re.I)


def _numbers_named(text: str, listed: re.Match, members: list[int], index: TitleIndex, start: int | None = None) -> str:
    """`text` with the listed numbers, and any number alone after them in their sentence, as the series' films;
    `start`: where the words they replace begin (the series' name right before them), the numbers' own start if None."""
    name = series_of(index.catalog.by_id(members[0]).display_title)
    end = _SENTENCE_END.search(text, listed.end())
    end = end.start() if end else len(text)

    def named(number: str) -> str:
        ids = index.lookup(f"{name} {number}")[0] if number != "1" else ()
        film = ids[0] if ids and ids[0] in members else _at(members, int(number))
        return film_name(film, index) if film is not None else number

    # "1-3", "1 to 3", "1 through 4": a range
    said = re.sub(r"([1-9])\s*(?:-|to|through|thru)\s*([1-9])", lambda m: ", ".join(
        str(n) for n in range(int(m[1]), int(m[2]) + 1)) if m[1] < m[2] else m.group(), listed.group())
    said = re.sub(r"([1-9])\s+(?=[1-9])", r"\1, ", said)  # "1 2 and 3"
    numbers = re.sub(r"[1-9]", lambda m: named(m.group()), said)
    rest = _LONE_NUMBER.sub(lambda m: named(m["number"]), text[listed.end():end])
    return text[:listed.start() if start is None else start] + numbers + rest + text[end:]


# a count of a series' films said after its name: "did back to the future marathon on saturday, all three parts"
_ALL_PARTS = re.compile(r"\b(?:all\s+(?P<count>two|three|four|five|2|3|4|5)(?:\s+of\s+them|\s+(?:parts|films|movies|"
                        r"instalments|installments|of the (?:films|movies|parts)))|(?P<both>both)\s+(?:parts|films|movies))\b"
                        # "the Godfather, the three parts, one each night": the count set beside the name (not "toy story
                        # with my nephews, the two of them loved it": people)
                        r"|(?<=,)\s*the\s+(?P<count_of>two|three|four|five|2|3|4|5)\s+(?:parts|films|movies|instalments|installments)\b"
                        # "I've seen Toy Story, both of them": right after the name (not "..., both of them loved it")
                        r"|(?<=,)\s*(?P<both_of>both)\s+of\s+(?:them|those|em)\b(?=\s*(?:[^\w\s]|$|(?:too|as well|lol|haha|now|already|"
                        r"plus|and|then|yesterday|tonight|last)\b))", re.I)


def _by_count_after(text: str, index: TitleIndex) -> str:
    """"back to the future marathon, all three parts": the first films of the series named before it in its
    sentence, as many as said (or as it has)."""
    out, last = [], 0
    for said in _ALL_PARTS.finditer(text):
        members, named = _series_before(text, said.start(), index)
        if len(members) < 2 or len(named) != 1:
            continue  # no series named before it, or several films already
        if said["both_of"] and (len(members) != 2 or not _after_a_title(text[:said.start()].rstrip(" ,"), index)):
            continue  # "both of them" of a series of two, said right after its name
        count = 2 if said["both"] or said["both_of"] else _COUNTS[(said["count"] or said["count_of"]).lower()]
        out += [text[last:said.start()], _names(members[:count], index)]
        last = said.end()
    return "".join(out) + text[last:]


# the sequel said by its relation to the film named before it: "The Godfather and its first sequel back to back"
_ITS_SEQUEL = re.compile(r"(?<=\s)its\s+(?:first\s+|direct\s+|immediate\s+)?sequel\b", re.I)


def _by_its_sequel(text: str, index: TitleIndex) -> str:
    """"The Godfather and its first sequel": the series' next film after the one named just before it."""
    out, last = [], 0
    for said in _ITS_SEQUEL.finditer(text):
        members, named = _series_before(text, said.start(), index)
        if len(named) != 1 or (first := next(iter(named))) not in members or members.index(first) + 1 >= len(members):
            continue
        out += [text[last:said.start()], _names(members[members.index(first) + 1:members.index(first) + 2], index)]
        last = said.end()
    return "".join(out) + text[last:]


# voice typing's "part to" / "part too" right after a title for "part two" ("the godfather part to"; not "the
# best part to watch", "loved the beach part too")
_PART_TO = re.compile(r"\b(part|pt\.?)\s+(?:to|too)\b", re.I)


def _after_a_title(before: str, index: TitleIndex) -> bool:
    """Whether a catalogue title ends `before` (spaces aside)."""
    tail = before.rstrip()[-80:]  # the words just before: a title is no longer
    return any(span.stop == len(tail) for span in index.spans(tail))


def written_out(text: str, index: TitleIndex | None) -> str:
    """`text` with the films of a series said by count, place or number written as their names."""
    if isinstance(text, str) and index is not None and _PART_TO.search(text):
        text = _PART_TO.sub(lambda m: f"{m[1]} two" if _after_a_title(text[:m.start()], index) else m.group(), text)
    if index is None or not isinstance(text, str) or not re.search(
            r"\b(?:first|1st|original|second|2nd|sequel|third|3rd|fourth|4th|fifth|5th|last|latest|newest|both|every|all|"
            r"whole|entire|full|complete|two|three|four|five|part|pt|trilogy|saga|quadrilogy)\b"
            r"|\b[1-9]\s*(?:,|and|&|\+|-|to|through|thru)\s*[1-9]\b", text, re.I):
        return text  # no word of place or count: nothing to look up
    text = _by_its_sequel(_by_count_after(_by_numbers(_by_place_alone(_by_words_before(text, index), index), index), index),
                          index)
    return _by_part_alone(text, index) if _PART_ALONE.search(text) else text


__all__ = ["film_name", "series_members", "written_out"]
