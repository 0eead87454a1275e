"""Titles named inside ordinary sentences (pure, given the catalogue's TitleIndex).

"Me and my wife watched Notting Hill", "Have you seen Jurassic Park?", "no more Star Wars": the title is a run of
words somewhere in the sentence, found by exact lookup of the sentence's word n-grams among the catalogue's names
(recommender.titles). A one-word title is also an everyday word often ("heat", "big", "speed"), so outside a
clause that says the user watched something it counts only when written with a capital or long and unusual.
"""
from __future__ import annotations

import functools
import re

from recommender.titles import CAPITALISED_FILE, LARGE_CATALOGUE, MAX_SPAN_WORDS, MINOR_WORDS, Span, TitleIndex, word_count, word_list

_YEAR_AFTER = re.compile(r"^\s*\(?\s*(?:18|19|20)\d{2}\s*\)?")
_EDGES = " \t\n\"'“”‘’.,!?;:()[]"


def _stands_out(span: Span, text: str, large: bool, among_headings=lambda: False) -> bool:
    """A span a person would mean as a title: one of words that are not everyday ("fargo", "Notting Hill"), or of
    everyday words ("her", "the heat") written as a title ("I loved Her"), whatever article is in front."""
    if span.everyday or _ALWAYS_CAPITALISED(span.text):
        return _written_as_title(span, text) or _year_right_after(span, text) or _added_on(span, text) \
            or _asked_about_as_a_film(span, text) or bool(_SEEN_RIGHT_AFTER.match(text[span.stop:])) \
            or _judged_as_a_film(span, text) or _reviewed_after(span, text, among_headings) \
            or bool(re.search(r"\w/\w", span.text))  # "face/off": no everyday phrase joins its words so
    if not large:
        return True  # words no everyday sentence holds: "fargo", "the jackal", "notting hill"
    # a large catalogue also holds chat words and slang the everyday list lacks ("lol", "don't", "nightmare")
    return span.words >= 2 or span.text[:1].isupper() or len(span.text) >= 7


# a score, and the verdicts said only of a film ("fine", "overrated"; not "loved it", "bored": a person's too)
_SCORE = r"\d+(?:\.\d)?\s*(?:/\s*(?:10|5)|out\s+of|stars?)"
_FILM_ONLY_WORDS = (r"fine|good|great|ok(?:ay)?|meh|boring|brilliant|amazing|awful|terrible|decent|solid|classic|overrated|"
                    r"underrated|masterpiece|so-so")
# a verdict or a score given a name that opens a line, a review's heading: "Rear Window: fine.", "Psycho ★★★", "Big = 7"
_VERDICT_HEAD = re.compile(rf"\s*(?:[:=]\s*(?:{_SCORE}|\d+(?:\.\d)?\s*(?:[.!,]|$)|[★☆⭐]|(?:{_FILM_ONLY_WORDS}|loved?|liked?|bad|fun)\b)"
                           r"|[★☆⭐])", re.I)
# a verdict said only of a film, after its name: "Emma: fine", "Heat = 8/10"
_FILM_ONLY_VERDICT = re.compile(rf"\s*[:=]\s*(?:{_SCORE}|[★☆⭐]|(?:{_FILM_ONLY_WORDS})\b)", re.I)
# a name heading a verdict in a message of several: "Emma: fine. Clueless: loved it."
_VERDICT_HEADING = re.compile(r"(?:^|[.!;]\s+)(?P<name>(?-i:[A-Z])[\w'’ ]{0,40}?)\s*[:=]\s*\S", re.I)


def _titles_head_verdicts(text: str, index: TitleIndex) -> bool:
    """Two or more names each heading a verdict, all of them titles, one verdict at least said only of a film:
    "Emma: fine. Clueless: loved it." (not "Michael: loved it. Sarah: hated it.", nor "Michael: loved it. Emma:
    bored.": people)."""
    heads = list(_VERDICT_HEADING.finditer(text))
    return len(heads) >= 2 and all(index.lookup(m["name"])[0] for m in heads) \
        and any(_FILM_ONLY_VERDICT.match(text, m.end("name")) for m in heads)


def _reviewed_after(span: Span, text: str, among_headings) -> bool:
    before = text[:span.start].rstrip(" \t\"'“‘")
    # a one-word name heading a line is as often a person ("Michael: loved it"): a title so only in a pasted list,
    # on its own line or among other titles heading verdicts
    return span.text[:1].isupper() and (not before or before[-1] in "\n.!;") \
        and (span.words >= 2 or "\n" in text or among_headings()) \
        and bool(_VERDICT_HEAD.match(text, span.stop)) \
        and not (_WEEKDAY.match(span.text.strip()) or _HOLIDAY.match(span.text.strip()))  # "Monday: awful. Friday: good"


def stands_out(span: Span, text: str, index: TitleIndex) -> bool:
    """Whether `sentence_spans` finds the span where nothing says the user watched something."""
    return _stands_out(span, text, len(index.catalog) >= LARGE_CATALOGUE, lambda: _titles_head_verdicts(text, index))


# what only a film is asked: "Is Friday any good?", "is heat worth watching" (a closed frame)
_IS_IT_BEFORE = re.compile(r"(?:^|[.!?;]\s*)\W*(?:is|was|isn'?t)\s+$", re.I)
_ANY_GOOD_AFTER = re.compile(r"^\s+(?:any good|worth (?:watching|seeing|a watch|a look|it)|a good (?:film|movie|watch))"
                             r"\s*(?:[?.!,;]|$)", re.I)


# the name said to be one the speaker watched: "Witness is one I have genuinely watched", "Heat's a film we saw"
ONE_I_VIEWED = (r"(?:is|was|'s|’s)\s+(?:one|a film|a movie|another(?:\s+one)?|one film)\s+(?:(?:that|which)\s+)?(?:i|we)\s*"
                r"(?:(?:have|'ve|had|did|genuinely|actually|really|definitely|truly|certainly|also|already|honestly)\s+)*"
                r"(?:watched|seen|saw)\b(?!\s+(?:advertised|recommended|mentioned|listed|reviewed|trailers?|on\s+(?:the|a|your|my)|in\s+the)\b)")
# said seen right after it, the object first: "Heat I have seen, and The Rock"
_SEEN_RIGHT_AFTER = re.compile(r"^\s*" + ONE_I_VIEWED + r"|^(?:\s*,\s*(?:on the other hand|however|though|too|also|as well|in turn)\s*,)?"
                               # "Sleeper, on the other hand, I definitely did watch."
                               r"\s+(?:i|we)\s*(?:have\s+|'ve\s+|had\s+)?(?:(?:also|already|finally|definitely|certainly|"
                               r"really|actually)\s+)?(?:did\s+(?:see|watch)|seen|watched|saw)\b", re.I)
# the end of a longer title the catalogue lacks: "Paths of Glory" is not Glory (a capitalised word, not only the
# sentence's, then "of"; "Tom Hanks in Big", "Kudos to Spielberg for Jaws" and "Big Fan of Ronin" name the film)
_END_OF_A_LONGER_TITLE = re.compile(r"\w[,']?\s+(?!(?:Fan|Fans|Lots|Most|Some|All|One|Part|End|Rest|Kind|Sort|Copy|"
                                    r"Version|Remake|Sequel|Review|Trailer|Soundtrack|Ending|Scene|Story|Best|Worst|Star|"
                                    r"Cast|Director|Ones?|Bits?|Half)\s)(?-i:[A-Z][a-z']+)\s+of\s+$")
# ... or its middle: "In the Mood for Love" is not "For Love of the Game"
_STARTS_WITH_A_JOINER = re.compile(r"(?:of|for|and)\s+[A-Z]")  # written as a title ("of mice and men" is the film)
_A_TITLE_WORD_BEFORE = re.compile(r"\w[,']?\s+(?-i:[A-Z][a-z']+)\s+$")
# a place named with a title's word: "Mount Rushmore", "Lake Placid", "Fort Apache"
_PLACE_BEFORE = re.compile(r"\b(?-i:Mount|Mt\.?|Lake|Fort|Port|Saint|St\.)\s+$")


# what only a film is called, the name opening its sentence: "Sleeper is my favourite Woody Allen", "Heat is a
# masterpiece" (not "the heat was terrible": a verdict the weather takes too)
_FILM_VERDICT_AFTER = re.compile(r"^\s*,\s*(?:an?|one)\s+(?:(?:really|very|truly|mighty|right)\s+)?(?:fine|great|good|grand|"
                                 # "Rocky, a fine picture about hard work": what it is called, set beside it
                                 r"fantastic|wonderful|terrific|lovely|brilliant|decent|solid|classic|terrible|awful|dreadful|"
                                 r"boring|dull|silly)\s+(?:old\s+)?(?:picture|film|movie|flick|watch|western|comedy|thriller)\b"
                                 # ... that ends the sentence, or says what it is about (not "Dave, a terrific movie
                                 # critic, hated it", "Heat, a classic film, finally on Netflix!")
                                 r"(?=(?:\s+(?:about|with|of|from|by|in)\b[^.!?;]*)?\s*(?:[.!;]|$))|"
                                 r"^\s+(?:is|was|'s)\s+(?:still\s+)?(?:my\s+(?:all[- ]time\s+)?(?:fav(?:ou?rite)?|fave)"
                                 # "my favourite Woody Allen", "my favourite film", "my favourite." (not "... time of year")
                                 r"(?:\s*(?:[.!,;]|$)|\s+(?:film|movie|flick|one|ever|of all time)\b|\s+(?-i:[A-Z])\w+)|"
                                 r"(?:an?\s+)?(?:absolute\s+|total\s+|real\s+)?(?:masterpiece|cult classic)\b|"
                                 r"(?:one of )?(?:the|my) (?:best|greatest|worst) (?:films?|movies?)\b|"
                                 r"an?\s+(?:great|good|brilliant|fantastic|amazing|classic|fun|cracking|solid|decent|terrible|"
                                 r"awful|bad|boring|beautiful)\s+(?:film|movie|watch|flick)\b(?!\s+night)|"
                                 # a verdict weighed against a film said before: "Scream, the first one, was more fun"
                                 r"(?P<weighed>(?:(?:much|far|way|a lot|a bit|even|slightly|so much)\s+)?(?:more|less)\s+(?:fun|enjoyable|"
                                 r"watchable|entertaining|gripping|exciting|scary|frightening|funny|moving|tolerable|interesting|"
                                 r"boring|predictable|believable|dumb|stupid|my (?:thing|speed|cup of tea))\b"
                                 # ... said of the film and ended there ("Scream was more fun, I will admit"; not "Election
                                 # was more fun to watch than the debates", "Arthur was more fun than usual")
                                 r"(?=\s*(?:[,.;!?]|$|tho\b|though\b|imo\b))))"
                                 # "Grease, less so.", "armageddon on the other hand?? crying like a baby": the verdict said
                                 # before, weighed for this one
                                 r"|^\s*,?\s*(?P<weighed_so>(?:(?:much|far|a lot|even)\s+)?(?:less so|more so|not so much)\b|"
                                 r"on the other hand\b(?!\s*,?\s*(?:i|we)\s+(?:haven'?t|have not|never|didn'?t|did not|want|wanna|"
                                 r"need|should)\b))", re.I)
# which of its name a film is, said between its name and the verdict: "Scream, the first one, was ...", "Cape Fear,
# the 1991 one, was ..."
_DESCRIBED_BETWEEN = re.compile(r"^\s*,\s*(?:the\s+)?(?:first|original|old|older|new|newer|second|\d{4})"
                                r"(?:\s+(?:one|film|movie|version))?\s*,", re.I)
# a plain verdict, the sentence ending there: "Rocky was great!!", "Big is so underrated tbh" (said of a name written
# as a title: "the heat was awful" is the weather's)
_PLAIN_VERDICT_AFTER = re.compile(r"^\s+(?:is|was|'s)\s+(?:(?:so|really|pretty|absolutely|honestly|just|still|actually|"
                                  r"kinda|super|way|very|totally)\s+)*(?:great|amazing|awesome|brilliant|fantastic|"
                                  r"incredible|excellent|wonderful|superb|hilarious|terrifying|boring|dull|overrated|underrated|"
                                  r"cheesy|good|fine|ok|okay|meh|terrible|awful|a blast|a classic|a masterpiece|fun|perfect|"
                                  r"gorgeous|beautiful|epic|iconic|mid|trash|garbage|peak)"
                                  r"(?=\s*(?:[,.;!?)]|$|tho\b|though\b|imo\b|tbh\b|lol\b|but\b|and\b|too\b))", re.I)
# ... or an emoji that says it: "scream was 💯 scream 2 was ok"
_EMOJI_VERDICT_AFTER = re.compile(r"^\s+(?:is|was|'s)\s+(?:💯|🔥+|👌|👍+|😍+|❤️|🤩|💩|🗑️|👎+|🥱|😴)")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?;]\s*)\W*$")


def _film_verdict(span: Span, text: str) -> re.Match | None:
    """The verdict said of the name opening its sentence ("Heat is a masterpiece", "Scream, the first one, was more
    fun"); one weighed against another film is said of a name written as one ("Scream was more fun"), not of everyday
    words ("the heat was more fun than the rain")."""
    after = text[span.stop:]
    if described := _DESCRIBED_BETWEEN.match(after):
        after = after[described.end():]
    opens = _SENTENCE_OPENS.search(text[:span.start])
    verdict = _FILM_VERDICT_AFTER.match(after) if opens else None
    if verdict is None and opens and (span.text[:1].isupper() or not text[:span.start].strip()) \
            and not span.text.lower().startswith("the ") and re.search(
            rf"(?<!\w){re.escape(span.text.strip())}\s+(?:part\s+)?(?:\d{{1,2}}|[ivx]{{1,4}})\b", text, re.I):
        # "Rocky was great!! Rocky 4 was SO cheesy": a plain verdict said of a name written as one (or opening the
        # message: "scream was 💯 scream 2 was ok"), where a film of its series named beside it shows films are
        # talked of (not "Vacation was amazing", "Friday was great")
        return _PLAIN_VERDICT_AFTER.match(after) or _EMOJI_VERDICT_AFTER.match(after)
    if verdict is not None and (verdict["weighed"] or verdict["weighed_so"]) and span.everyday and not (
            span.text[:1].isupper() and not span.text.lower().startswith("the ")):
        return None
    return verdict


def _verdict_opening(text: str, index) -> tuple[Span, str, re.Match] | None:
    """The one film's name a message opens with, the words after it and the verdict they open with; None otherwise."""
    spans = [s for s in index.spans(text) if len(set(s.movies)) == 1]
    if len(spans) != 1 or not _SENTENCE_OPENS.search(text[:spans[0].start]):
        return None
    after = text[spans[0].stop:]
    verdict = _FILM_VERDICT_AFTER.match(after) or _PLAIN_VERDICT_AFTER.match(after)
    return (spans[0], after, verdict) if verdict is not None else None


def verdict_on_a_name(text: str, index) -> Span | None:
    """The one film's name a short message opens with a verdict on and nothing else, where no verb says a film was
    watched and the name is also everyday words ("Heat was great", "Big was so good", "Friday was great"): the film,
    or the day, the heat? The caller asks instead of guessing either way."""
    if (opening := _verdict_opening(text, index)) is None:
        return None
    span, after, verdict = opening
    return span if _NOTHING_MORE.match(after, verdict.end()) else None


def described_as_a_film(text: str, index) -> Span | None:
    """The one film's name a short message opens with a verdict on, then a word on what only a film has ("Heat was
    good but the ending dragged", "speed was fun but way too long"): the film, surely; None otherwise."""
    if (opening := _verdict_opening(text, index)) is None:
        return None
    span, after, verdict = opening
    if _A_TASTE_SAID_AFTER.search(after):
        return None  # (not "heat was good but too long, and honestly i'm done with action films": a taste of its own)
    # an everyday phrase with its article ("the conversation", "the game") only by what nothing else has
    aspect = _FILM_ONLY_ASPECT_AFTER if span.everyday and span.text.lower().startswith("the ") \
        and not span.text[:1].isupper() else _FILM_ASPECT_AFTER
    return span if aspect.match(after, verdict.end()) else None


# what only a film has, said after a verdict: "... but the ending dragged", "... but the plot was thin"; or a length said
# of the name itself, no other subject between ("speed was fun but way too long", not "vacation was good but the
# flight was way too long", "the game was great but the second half dragged")
_FILM_ASPECT_AFTER = re.compile(r"\s*[,;]?\s*(?:but|though|tho|although|just|even\s+if|if)?\s*(?:[^.!?]{0,50}?\b"
                                r"(?:ending|endings|plot|story(?:line)?|acting|actors?|actress|cast|script|dialogue|soundtrack|"
                                r"effects|cgi|twist|villain|sequels?|remake|director|performances?|runtime|running\s+time)\b|"
                                r"(?:(?:way|far|much|a\s+bit|bit|kinda|so|too|rather|pretty)\s+)*(?:too\s+long|long|slow|"
                                r"dragged|drags|overlong)\b)[^.!?]*[.!]*\s*$", re.I)


_FILM_ONLY_ASPECT_AFTER = re.compile(r"\s*[,;]?\s*(?:but|though|tho|although|just|even\s+if|if)?\s*[^.!?]{0,50}?\b"
                                     r"(?:ending|endings|plot|storyline|acting|actors?|actress|cast|script|soundtrack|cgi|twist|"
                                     r"villain|sequels?|remake|director)\b[^.!?]*[.!]*\s*$", re.I)
_A_TASTE_SAID_AFTER = re.compile(r"\b(?:done with|no more|not into|hate|can'?t stand|sick of|tired of|fed up|from now on|"
                                 r"never again|any ?more)\b", re.I)


# talk that may close a verdict said alone: "Big was so good lol", "Heat was great too"
_NOTHING_MORE = re.compile(r"\W*(?:(?:too|lol|lmao|haha+|tbh|ngl|honestly|imo|though|tho|really|actually)\W*)*$", re.I)


def weighed_verdict(span: Span, text: str) -> bool:
    """Whether the sentence the name opens weighs a verdict against a film said before: "Grease, less so."."""
    return (verdict := _film_verdict(span, text)) is not None and bool(verdict["weighed"] or verdict["weighed_so"])


def _judged_as_a_film(span: Span, text: str) -> bool:
    return _film_verdict(span, text) is not None


def _asked_about_as_a_film(span: Span, text: str) -> bool:
    return bool(_IS_IT_BEFORE.search(text[:span.start]) and _ANY_GOOD_AFTER.match(text[span.stop:]))


def _ALWAYS_CAPITALISED(span_text: str) -> bool:
    return span_text.strip().lower() in word_list(CAPITALISED_FILE)


def _main_words(name: str) -> tuple[list[str], list[str]]:
    """(every word of a name, its words that are no minor word such as "the" or "of")."""
    words = re.findall(r"[^\W_]+", name)
    return words, [w for w in words if w.lower() not in MINOR_WORDS]


def _written_as_title(span: Span, text: str) -> bool:
    """Its main words capitalised, not only by where the sentence starts ("Heat today is unbearable") nor as words
    English always capitalises ("by Friday")."""
    words, main = _main_words(span.text)
    if not main or not all(w[:1].isupper() for w in main) or _ALWAYS_CAPITALISED(" ".join(main)):
        return False
    before = text[:span.start].rstrip(" \t\"'“‘(")
    starts_sentence = not before or before[-1] in ".!?\n:;"
    return not (starts_sentence and len(main) == 1 and words[0] == main[0])


# Words an everyday title may stand beside and still be a title ("watched heat with the kids", "loved big, it was
# great"); any other word beside it makes it a word of a phrase: "the big game", "some new marvel thing"
_BEFORE_A_TITLE = frozenset("""watched watch watching rewatched saw see seen caught finished loved love liked like
enjoyed hated adored streamed rented binged is was are were of about than and or but then also called named titled
through to on did""".split())
_AFTER_A_TITLE = frozenset("""with on at in last yesterday again twice and or but was is were so tonight today this for
from because when which that it lol haha too as still before after back though tho instead anyway finally recently
earlier yet ever once all both then there here together alone by over during last night tv cable netflix also
already if btw tbh ngl fr rn honestly w bc cuz cos coz""".split())
# a time said right after a title: "watched alien the next night instead", "saw heat the other day"
_TIME_AFTER_A_TITLE = re.compile(r"\s+the\s+(?:next|other|following|previous|whole|same)\s+(?:night|day|morning|evening|"
                                 r"afternoon|week|weekend|time)\b", re.I)


_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)
# holidays, said as a time only with a time word after them or a word of when before ("the film society's
# Halloween night", "on Halloween"), not "the theme from Halloween", "Halloween day after day"
_HOLIDAY = re.compile(r"^(?:halloween|christmas|easter|thanksgiving)$", re.I)
_HOLIDAY_BEFORE = re.compile(r"\b(?:on|at|for|this|last|next|every|over|during)\s*$", re.I)
_HOLIDAY_AFTER = re.compile(r"^(?:'s)?\s+(?:night|nite|eve|morning|evening|party|parties|weekend|holidays?|break)\b", re.I)
# a day named as a time: "Friday night I watched Big", "see you friday", "on Saturday we did Hook"
_TIME_BEFORE = re.compile(r"\b(?:on|last|this|next|every|by|till|until|since|before|after|from|see you|each|one)\s*$",
                          re.I)
_TIME_AFTER = re.compile(r"^(?:'s)?\s+(?:night|nite|morning|afternoon|evening|mornings|nights|lunch|lunchtime)\b", re.I)


def names_a_day(span: Span, text: str) -> bool:
    """A title that is a day of the week or a holiday ("Friday", "Halloween") said as a time, not as the film; a
    closed list."""
    if _HOLIDAY.match(span.text.strip()):
        return bool(_HOLIDAY_BEFORE.search(text[:span.start]) or _HOLIDAY_AFTER.match(text[span.stop:]))
    return bool(_WEEKDAY.match(span.text.strip())) and bool(
        _TIME_BEFORE.search(text[:span.start]) or _TIME_AFTER.match(text[span.stop:]))


# a capitalised word right before, in the middle of a sentence, that no title word or verb is: "the Holy Ghost"
# (a closed list: "the Hawks Thing", "the Carpenter Thing" name the film by its maker)
_NAME_BEFORE = re.compile(r"(?<=[a-z,] )(?-i:Holy|Miami|Good|Black|Saint|St|San|Los|Las|New|Old|Father|Mother|Lady|Big) $")
# ... or a longer title the catalogue lacks, capitalised from its "The": "The Social Network", "The Canterville Ghost"
_TITLED_BEFORE = re.compile(r"(?-i:\bThe (?:[A-Z][a-z]+ ){1,3})$")


def _sentence_starts_at(text: str, at: int) -> bool:
    """Whether the word before `at` opens its sentence ("Watched Heat", "Then Heat")."""
    before = text[:at].rstrip()
    words = re.split(r"\s+", before)
    head = before[:len(before) - len(words[-1])].rstrip() if words else ""
    return not head or head[-1] in ".!?\n:;"


def _a_run_of_names(at: int, text: str, starts: dict[int, int]) -> bool:
    """Whether a name starts at `at` and another right after it, a list said without commas ("heat casino
    goodfellas"), not one word beside another ("the birds fly around", "game seven last night")."""
    if at not in starts:
        return False
    gap = re.match(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+", text[starts[at]:])
    return gap is not None and starts[at] + gap.end() in starts


def _ends_a_run_of_names(at: int, text: str, starts: dict[int, int]) -> bool:
    """Whether two names run right up to `at`, only spaces between them: "heat casino| seven"."""
    def name_before(place: int) -> int | None:
        gap = re.search(r"\s+$", text[:place])
        return next((start for start, stop in starts.items() if gap and stop == gap.start()), None)

    first = name_before(at)
    return first is not None and name_before(first) is not None


def in_a_phrase(span: Span, text: str, starts: dict[int, int] | None = None) -> bool:
    """An everyday title not written as one, with a word beside it that makes it part of a phrase: "we watched the
    big game", "some new marvel thing", "scariest thing ever"; a day said as a time ("Friday night"). `starts`: where
    the message's other names start (the next name of a list said without commas is no word of a phrase: "seen heat
    casino goodfellas")."""
    starts = starts or {}
    if _asked_about_as_a_film(span, text):
        return False  # "Is Friday any good?": asked as only a film is
    if names_a_day(span, text):
        return True
    if span.everyday and (_NAME_BEFORE.search(text[:span.start]) or _TITLED_BEFORE.search(text[:span.start])) \
            and not _sentence_starts_at(text, span.start):
        return True  # "The Holy Ghost was moving": the end of another name ("Michael Mann's Heat" names the film)
    if not _written_as_title(span, text) and _A_PART_OF_IT_AFTER.match(text[span.stop:]) and (
            re.match(r"(?i)the\s", span.text) or re.search(r"(?i)\bthe\s+$", text[:span.start])):
        return True  # "the diner scene", "the airport bit": a place in a film, not the film named
    if _SUPERLATIVE_NAME.match(span.text) and _EVER_AFTER.match(text, span.stop) and not _written_as_title(span, text) \
            and not taken_by_a_viewing_verb(span, text):
        return True  # "I had the longest day ever": a superlative's phrase, not The Longest Day
    if span.everyday and _A_COUNT_OF_TIME.match(span.text) and not _written_as_title(span, text) and (
            _FOR_A_TIME_BEFORE.search(text, 0, span.start) or _A_TIME_AFTER.match(text, span.stop)):
        return True  # "I cried for like three days after": a length of time, not Three Days of the Condor
    if _where_it_was_seen(span, text):
        return True
    if _ITS_SEQUELS_AFTER.match(text, span.stop):
        return True  # "I watched the Godfather sequels: Part II and Part III": the others, not the film named
    if not span.everyday or _written_as_title(span, text) or re.search(r"[/:!&]", span.text):
        return False  # "face/off": punctuation no phrase of everyday words holds
    before = re.findall(r"[A-Za-z']+", text[max(0, span.start - 80):span.start])  # the last words are enough
    while before and before[-1].lower() in ("the", "a", "an"):
        before.pop()  # "watched the rock": the word before the article
    # "Heat I have seen": said seen right after it, the "I" is no word of a phrase (a day is a time: "Friday I
    # watched Heat")
    seen_after = _SEEN_RIGHT_AFTER.match(text[span.stop:]) and not (_WEEKDAY.match(span.text.strip())
                                                                   or _HOLIDAY.match(span.text.strip()))
    after = None if seen_after else re.match(r"\s+([A-Za-z']+)", text[span.stop:])
    if after and _a_run_of_names(span.stop + after.start(1), text, starts):
        after = None
    # a run-on's next clause after a viewing verb's title: "actually i never saw ghost i was asleep"
    run_on = bool(after and after.group(1).lower() in ("i", "we") and before
                  and before[-1].lower() in ("saw", "seen", "watched", "caught", "finished", "rewatched"))
    if before and _ends_a_run_of_names(span.start, text, starts):
        before = []  # "seen heat casino seven": the last of a list said without commas
    return bool(before and before[-1].lower() not in _BEFORE_A_TITLE
                and not re.search(r"[,.;:!?(]\s*$", text[:span.start])) \
        or bool(after and after.group(1).lower() not in _AFTER_A_TITLE and not run_on
                and not _TIME_AFTER_A_TITLE.match(text, span.stop))


def _where_it_was_seen(span: Span, text: str) -> bool:
    """A one-word name in lower case after "on the", "in a" ... that follows what was seen, a pronoun, a time or a
    name: "I watched it on the airplane", "saw Heat on the net"; not "put on the rock" (the verb's own "on"), "the
    chase in the rock" (a part of the film) nor "on Airplane!"."""
    main = _main_words(span.text)[1]
    if len(main) != 1 or not main[0].islower():
        return False
    article = re.match(r"(?i)(?:the|a|an)\s+", span.text)
    where = (_WHERE_AFTER_AN_OBJECT if article else _WHERE_AFTER_AN_OBJECT_THE).search(text, 0, span.start)
    return bool(where) and (where["word"].lower() in _SEEN_OBJECT or where["word"][:1].isupper() and where["word"] != "I")


# a place after what was seen: "watched it on the airplane", "Heat on the net"
_WHERE_AFTER_AN_OBJECT = re.compile(r"\b(?P<word>[A-Za-z']+)\s+(?:on|in|at|aboard|during)\s+$", re.I)
_WHERE_AFTER_AN_OBJECT_THE = re.compile(r"\b(?P<word>[A-Za-z']+)\s+(?:on|in|at|aboard|during)\s+(?:the|a|an|my|our|his|"
                                        r"her|their)\s+$", re.I)
_SEEN_OBJECT = frozenset("""it that this them those both one em night yesterday today week weekend again twice""".split())
_ITS_SEQUELS_AFTER = re.compile(r"\s+(?:sequels|prequels|remakes|follow-ups)\b", re.I)
_A_COUNT_OF_TIME = re.compile(r"(?i)(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+"
                              r"(?:days?|nights?|weeks?|months?|years?|hours?|minutes?)$")
_FOR_A_TIME_BEFORE = re.compile(r"\b(?:for|in|after|within|took|takes)\s+(?:like\s+|about\s+|maybe\s+|almost\s+|nearly\s+)?$", re.I)
_A_TIME_AFTER = re.compile(r"\s+(?:after|ago|later|before|straight|in\s+a\s+row|running|of\s+my\s+life)\b", re.I)
_SUPERLATIVE_NAME = re.compile(r"(?i)the\s+\w+est\s+\w+$")
_EVER_AFTER = re.compile(r"\s+(?:ever|of\s+(?:my|our|his|her|their|the)\s+(?:life|lives|year|week|month))\b", re.I)
_A_PART_OF_IT_AFTER = re.compile(r"\s+(?:scenes?|sequences?|bits?|shots?|chase|montage)\b", re.I)


# a capitalised word right after a title written as one: the start of a longer name the catalogue lacks ("I watched
# Big Fish", "Speed Racer"), unless it is a day, a month, "I" or another title of a list ("Heat Ronin and Casino")
_CAPITALISED_AFTER = re.compile(r"\s+(?-i:(?P<word>[A-Z][a-z']+))\b")
# what may follow a longer name: the end, or a word that goes on with the sentence ("Big Fish, with my dad")
_ENDS_A_NAME = re.compile(r"\s*(?:$|[,.;:!?)]|[^\w\s]|(?:with|on|in|last|yesterday|tonight|today|again|twice|for|over|"
                          r"this|before|after|while|when|then|but|lol)\b)", re.I)
_NOT_A_NAME_PART = frozenset("""i monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december mr mrs ms dr christmas easter halloween thanksgiving mum mom
dad mummy mommy daddy grandma grandpa gran nan nana granny""".split())


def _starts_a_longer_name(span: Span, text: str, starts: dict[int, int]) -> bool:
    after = _CAPITALISED_AFTER.match(text, span.stop)
    if not (after and after["word"].lower() not in _NOT_A_NAME_PART and after.start("word") not in starts
            and _written_as_title(span, text)):
        return False
    if not _ENDS_A_NAME.match(text, after.end("word")):
        return False  # "watched Casablanca Tom said it was great": a name that starts a sentence of its own
    inside = set(re.findall(r"[A-Za-z']+", span.text)) | {after["word"]}
    others = [w for w in re.findall(r"[A-Za-z']{4,}", text) if w not in inside]
    return not others or sum(w[0].isupper() for w in others) * 2 < len(others)  # "I Watched Heat Last Night"


def _indefinite(span: Span, text: str, index: TitleIndex) -> bool:
    """"a scary movie from before 1970", "did a godfather marathon": "a" or "an" typed before a name whose film
    has none in its title makes the words a noun phrase, unless they are written as a title ("a Scary Movie")."""
    said = re.match(r"(?i)an?\s", span.text)
    # ... nor where a part of the film's title starts so ("a new hope": "Star Wars: Episode IV - A New Hope")
    return bool(said) and not _written_as_title(span, text) and not any(
        re.match(r"(?i)an?\s", index.catalog.by_id(m).display_title) or re.search(
            r"(?i)[:\-–]\s*" + re.escape(span.text.strip()) + r"\b", index.catalog.by_id(m).display_title)
        for m in span.movies)


# a kind of film asked for, not a title: "scary movie for tonite pls" (Scary Movie), "funny film please?"
_ASKED_AFTER = re.compile(r"^\s*(?:for\s+(?:tonight|tonite|today|tomorrow|tmrw|the\s+\w+|us|me|my\s+\w+|him|her|them)\b|"
                          r"(?:pls|plz|please|recs?|ideas|suggestions)\b|\?)", re.I)


def _a_kind_asked(span: Span, text: str) -> bool:
    """Whether a name that is a mood or kind and "movie" or "film", typed in lower case and taken by no viewing verb
    nor "add" or "like", asks for that kind of film ("scary movie for tonite pls"; not "add scary movie pls")."""
    return bool(re.fullmatch(r"(?i)(?:an?\s+)?(?:scary|funny|horror|comedy|romantic|action|sad|family|kids?|disaster|"
                             r"feel[- ]good|war|western)\s+(?:movies?|films?)", span.text)) \
        and not _written_as_title(span, text) and bool(_ASKED_AFTER.match(text[span.stop:])) \
        and not taken_by_a_viewing_verb(span, text) and not re.search(r"(?i)\b(?:add|like|of|than)\s+(?:the\s+)?$",
                                                                      text[:span.start])


def sentence_spans(text: str, index: TitleIndex, said_watched: bool = False, all_tiers: bool = False) -> list[Span]:
    """The titles a sentence names. `said_watched`: the clause says the user saw something ("I watched ..."),
    so one everyday word may be a title too, unless it is a word of a phrase ("the big game"); `all_tiers`: every
    movie a name may mean (a franchise)."""
    found = index.spans(text, all_tiers=all_tiers)
    starts = {s.start: s.stop for s in found}
    spans = [s for s in found if not _starts_a_longer_name(s, text, starts) and not in_a_phrase(s, text, starts)
             and not _indefinite(s, text, index) and not _a_kind_asked(s, text) and not _PLACE_BEFORE.search(text, 0, s.start)
             and not _END_OF_A_LONGER_TITLE.search(text, 0, s.start)
             and not (_STARTS_WITH_A_JOINER.match(s.text) and _A_TITLE_WORD_BEFORE.search(text, 0, s.start))
             and not _a_score(s, text) and not a_person_named(s, text)
             # "I'm not a complete dinosaur": one word after an article and a word, or after "her", a noun in lower case
             and not (" " not in s.text.strip() and s.text[:1].islower()
                      and (_AN_ARTICLE_AND_A_WORD_BEFORE.search(text, 0, s.start)
                           # "with her mummy": someone's, a person or a thing (not "their akira night")
                           or (s.everyday or s.text.lower() in _KIN) and _SOMEONES_BEFORE.search(text, 0, s.start)))
             # "we watched Empire of the Sun": a longer title the one-word name starts
             and not (" " not in s.text.strip() and (_OF_A_LONGER_TITLE.match(text, s.stop)
                                                     # "I saw it in 1965 at the Empire, Leicester Square": a cinema
                                                     or _AT_A_PLACE_BEFORE.search(text, 0, s.start)))
             # "me granda's stories about the Congo": what they were about
             and not _STORIES_ABOUT_BEFORE.search(text, 0, s.start)]
    large = len(index.catalog) >= LARGE_CATALOGUE
    if not said_watched:
        # whether the message's headings are all titles: read once, and only where a one-word heading asks
        among_headings = functools.cache(lambda: _titles_head_verdicts(text, index))
        return [s for s in spans if _stands_out(s, text, large, among_headings)]
    if not large:
        return list(spans)
    # a large catalogue names everyday phrases too ("Last Night", "Kids"): said watched, such a name is a title
    # where the verb takes it ("I watched heat last night": heat), or written as one
    return [s for s in spans if names_a_title(s, text)]


# (not "talking about Heat, loved it": a film talked of)
_STORIES_ABOUT_BEFORE = re.compile(r"\b(?:stories|story|tales?|books?|news|documentar(?:y|ies)|lectures?|history)\s+"
                                   r"(?:about|of|on)\s+(?:the\s+)?$", re.I)
_KIN = frozenset({"mummy", "mommy", "daddy", "nanny", "babe", "baby", "boss", "grandpa", "grandma", "nan", "ma", "pa"})
_SOMEONES_BEFORE = re.compile(r"\b(?:my|her|his|your|our|their)\s+$", re.I)
_AN_ARTICLE_AND_A_WORD_BEFORE = re.compile(r"\b(?:a|an)\s+[a-z]+\s+$", re.I)
_AT_A_PLACE_BEFORE = re.compile(r"\b(?:at|outside|near)\s+the\s+$", re.I)
_OF_A_LONGER_TITLE = re.compile(r"\s+of\s+the\s+(?-i:[A-Z])")  # (not "Psycho of Hitchcock", a learner's "by")
# a number given as a score: "which I would give a Seven", "rated it a seven", "seven out of ten" (not Se7en)
_A_NUMBER_NAME = re.compile(r"(?:(?:a|an)\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})", re.I)
_SCORE_VERB = r"\b(?:give|gave|giving|gives|rate|rated|rating|score|scored|scoring)\s+"
_SCORE_BEFORE = re.compile(_SCORE_VERB + r"(?:(?:it|that|this|them|that one|this one)\s+(?:(?:a|an)\s+)?|(?:[\w'’:-]+\s+){0,4}?"
                           r"(?:a|an)\s+)(?:(?:solid|strong|good|weak|generous)\s+)?$", re.I)
_SCORE_BEFORE_ITS_ARTICLE = re.compile(_SCORE_VERB + r"(?:[\w'’:-]+\s+){0,4}?$", re.I)  # "rated Heat [a Seven]"
_SCORE_AFTER = re.compile(r"\s*(?:out of|outta|/)\s*(?:10|ten|5|five|100)\b", re.I)


# ... or a film said to get one: "Titanic gets a Seven from me", "Heat is a Seven for me"
_GETS_A_SCORE = re.compile(r"\b(?:gets?|got|getting|is|was|'s)\s+(?:(?:a|an)\s+)?$", re.I)
_SCORE_GIVER_AFTER = re.compile(r"\s+(?:from|for)\s+(?:me|us|my|him|her|them)\b", re.I)


def _a_score(span: Span, text: str) -> bool:
    article = re.match(r"an?\s+", span.text, re.I)  # "rated Heat [a Seven]": the span may hold the article
    before = _SCORE_BEFORE_ITS_ARTICLE if article else _SCORE_BEFORE
    return bool(_A_NUMBER_NAME.fullmatch(span.text)) and bool(
        before.search(text, 0, span.start) or _SCORE_AFTER.match(text, span.stop)
        or _GETS_A_SCORE.search(text[:span.start] + (article.group() if article else ""))
        and _SCORE_GIVER_AFTER.match(text, span.stop))


# a one-word name right after a person's relation to the speaker is that person: "My colleague Dave recommended ...",
# "my friend Carrie and I" (not "My Cousin Vinny", which the name itself starts)
_A_RELATION_BEFORE = re.compile(r"\b(?:my|our|his|her|their|your)\s+(?:(?:old|best|good|little|big|older|younger|eldest|youngest)\s+)?"
                                r"(?:colleague|co-?worker|workmate|friend|mate|buddy|pal|bestie|brother|sister|cousin|uncle|aunt|"
                                r"auntie|son|daughter|nephew|niece|neighbou?r|boss|husband|wife|partner|boyfriend|girlfriend|"
                                r"fianc[ée]e?|room-?mate|flatmate|housemate|classmate|grandson|granddaughter|grandma|grandpa|"
                                r"dad|mom|mum|kid|boy|girl|teacher|student)\s+$", re.I)


# ... unless a verb that gives the person a film stands before them: "I showed my son Jaws", "bought my husband
# Casablanca on blu-ray"
_GIVEN_TO = re.compile(r"\b(?:show(?:ed|n|s|ing)?|bought|buy|buying|got|get|getting|gave|give|giving|introduced|introduce|"
                       r"rented|rent|lent|lend|sent|send|played|play|put on|made|make|took|take|with)\s+(?:\w+\s+)?$", re.I)


# ... or one that does what only a person does, or is one of "me and ...": "Dave and I had a date night", "Dave wants an
# action movie", "Dave made me watch The Fly", "Dave says it was cute", "me and Dave" (the husband, not Dave (1993))
_A_PERSON_AFTER = re.compile(r"\s+(?:and\s+(?:i|me)\b|(?:says|said|wants|wanted|thinks|thought|reckons|loves|loved|likes|"
                             r"liked|hates|hated|prefers|insists|insisted|picked|chose|asked|told|agrees|agreed|"
                             # (not "Titanic made me cry": a film does that too)
                             r"made\s+(?:me|us)\s+(?:watch|see|sit)|fell\s+asleep|(?:is|was)\s+(?:obsessed|into|a\s+(?:huge\s+|big\s+)?fan))\b)", re.I)
# a surname after a first name, with its particle: "Dick van Dyke", "Danny de Vito"
# (not "Alien de Ridley Scott", "Heat de Michael Mann": a learner's "by" before the director's full name)
_A_SURNAME_AFTER = re.compile(r"\s+(?:van|von|de|di|du|da|del|della|le|la|mac)\s+(?-i:[A-Z])[a-z]+\b(?!\s+(?-i:[A-Z]))", re.I)
# a name spoken to, after a word said to someone and before the sentence ends: "sorry Dave", "thanks Babe", "love you Rocky"
# (not "watched one last night, Heat.", "ok, Heat then")
_SAID_TO_BEFORE = re.compile(r"(?:^|[,.;!?]\s*|\s)(?:sorry|thanks|thank\s+you|cheers|hi|hey|bye|love\s+you)\s*,?\s+$", re.I)
_SAID_TO_ENDS = re.compile(r"\s*(?:[,.;!?)]|$|lol\b|haha\b|x+\b)", re.I)
# what only a person does after a name: "dave watched", "dave and the kids", "dave talked me into it"
# (not "fargo, heat and i think casino too", "so babe and the kids were crying", "titanic seen at the cinema")
_ONLY_A_PERSON_AFTER = re.compile(r"\s+(?:(?:watched|saw)\s+(?!it\b)\w|talked\s+(?:me|us)\s+into\b|"
                                  r"(?:\w+\s+){0,4}?by\s+(?:himself|herself)\b)", re.I)
# ... and, said of who it was: "it was dave and the kids not me" (not "it was babe and the kids loved it")
_AND_THE_KIDS_AFTER = re.compile(r"\s+and\s+the\s+(?:kids|boys|girls|children)\s*,?\s+(?:not\s+me|without\s+me|watched|saw)\b",
                                 re.I)
_IT_WAS_BEFORE = re.compile(r"\b(?:it|that)\s+(?:was|were)\s+(?:just\s+|only\s+)?$", re.I)
# ... the name the subject, opening its clause (not "I did watch Shine and I thought it was marvellous")
_OPENS_A_CLAUSE = re.compile(r"(?:^|[.!?;,:(]\s*|\b(?:and|but|so|then|because|cause|cos|coz|when|while|plus|also|ok|okay|lol|"
                             r"well|now|oh|though|tho|since|if)\s+)\W*$", re.I)
_ME_AND_BEFORE = re.compile(r"(?:^|[.!?;,:(]\s*|\b(?:with|and|but|so|then|ok|okay|lol|yesterday|tonight|today)\s+)\W*(?:me|i)\s+(?:and|n|&)\s+$",
                            re.I)  # (not "Stand by Me and Misery": a title's word)


def a_person_named(span: Span, text: str) -> bool:
    """Whether a one-word name is a person's here, not the film of that name ("my friend Carrie", "Dave and I")."""
    if " " in span.text.strip():
        return False
    if not span.text[:1].isupper():
        # a name typed in lower case, where only a person can do what follows: "then dave watched the rock by
        # himself", "it was dave and the kids not me"
        return bool(_ONLY_A_PERSON_AFTER.match(text, span.stop)) and bool(_OPENS_A_CLAUSE.search(text, 0, span.start)) \
            or bool(_AND_THE_KIDS_AFTER.match(text, span.stop)) and bool(_IT_WAS_BEFORE.search(text, 0, span.start))
    if _SAID_TO_BEFORE.search(text, 0, span.start) and _SAID_TO_ENDS.match(text, span.stop):
        return True  # "I'm not into westerns, sorry Dave": the one spoken to
    if _A_SURNAME_AFTER.match(text, span.stop):
        return True  # "that Dick van Dyke's cockney": a person's full name
    relation = _A_RELATION_BEFORE.search(text, 0, span.start)
    return relation is not None and not _GIVEN_TO.search(text, 0, relation.start()) \
        or bool(_A_PERSON_AFTER.match(text, span.stop)) and bool(_OPENS_A_CLAUSE.search(text, 0, span.start)) \
        or bool(_ME_AND_BEFORE.search(text, 0, span.start))


def names_a_title(span: Span, text: str) -> bool:
    """Whether a span names a title even where nothing else says so: not everyday words, or written as a title, or
    taken by a viewing verb ("caught heat on cable"), or given its year ("the thing (82)"), unlike "the heat today is
    unbearable"."""
    return not span.everyday or _written_as_title(span, text) or taken_by_a_viewing_verb(span, text) \
        or _year_right_after(span, text)


# a film's year in brackets right after its name, in full or as two digits: "the thing (1982)", "the thing (82)"
# (two digits from 20 on, or with an apostrophe: "(12)" beside a name is more often an age)
_YEAR_IN_BRACKETS = re.compile(r"^\s*\(\s*(?:(?:18|19|20)\d{2}|'\d{2}|[2-9]\d)\s*\)")


def _year_right_after(span: Span, text: str) -> bool:
    return bool(_YEAR_IN_BRACKETS.match(text[span.stop:]))


# "alien also. ripley my queen", "stand by me too, forgot that one": a name that opens the message and is added on
# to what was said before it; names of three letters or fewer ("us too", "her too") stay words
_OPENING = re.compile(r"^[\s\"'“‘(]*(?:(?:oh|and|oh and|plus|also)[\s,]+)?$", re.I)
# not "heat too much today": "too" of a degree
_ADDED_ON = re.compile(r"^\s*(?:too|also|as well)\b(?!\s+(?:much|many|bad|late|early|long|soon|far|hot|cold|big|little|"
                       r"old|young|quick|slow|loud|dark|scary|sad)\b)", re.I)


def _added_on(span: Span, text: str) -> bool:
    """Nor a clause of its own ("i think so too", "you too")."""
    return len(span.text) > 3 and not _PRONOUN_FIRST.match(span.text) and bool(
        _OPENING.match(text[:span.start]) and (_ADDED_ON.match(text[span.stop:])
                                               # "and blade": a message that only adds the name to the last one
                                               or re.match(r"\W*(?:and|plus)\W*$", text[:span.start], re.I)
                                               and re.match(r"[\s.!]*$", text[span.stop:])))


_PRONOUN_FIRST = re.compile(r"^(?:i|you|we|me|he|she|they|it|us|so|same)\b", re.I)


_AFTER_VERB = re.compile(r"\b(?:watch(?:ed|ing)?|re-?watched|saw|seen|see|caught|finished|loved|liked|enjoyed|hated|"
                         r"adored|rented|streamed|binged|got (?:a)?round to|great in|good in|\b(?:i|we)(?:\s+(?:also|just|finally|then))?\s+did|"
                         # "aliens is better than alien": the film compared with
                         r"(?:better|worse|scarier|funnier|sadder|darker|dumber|smarter) than)\s*$", re.IGNORECASE)


# Words that put a title in a sentence ("I think I've seen ...", "my kids loved ..."); a piece whose words around
# a title hold none of them is probably another, unknown title that contains it ("The Social Network").
_CHATTER = frozenset("""i i've ive i'm im we we've you your my me our us he she they have has had did do seen saw watched
watch think guess know remember love loved like liked enjoyed adore adored kids kid wife husband son daughter friends
friend family girlfriend boyfriend partner mom dad was is were great good amazing awesome yesterday tonight night last
just finished also too really movie film about what how ever once again both and with maybe probably already
if btw tbh ngl honestly anyway lol""".split())


def sentence_around(text: str, spans: list[Span]) -> bool:
    """Whether the words of `text` outside `spans` read as a sentence around them, not as the rest of a title:
    "I think I've seen Braveheart" yes; "The Social Network", "Toy Story 3", "Casino Royale" no."""
    rest, last = [], 0
    for span in spans:
        rest.append(text[last:span.start])
        following = text[span.stop:].split()
        if following and following[0].strip(".,!?").isdigit():
            return False  # a sequel number the title does not have
        last = span.stop
    rest.append(text[last:])
    words = [w.strip(".,!?;:'\"").lower() for w in " ".join(rest).split()]
    words = [w for w in words if w]
    return not words or any(w in _CHATTER for w in words)


def whole_title(text: str, index: TitleIndex) -> Span | None:
    """The span when the whole message is one title ("star wars", "The Matrix 1999"), so genre words inside it
    ("Star Wars") do not make it a request."""
    stripped = text.strip(_EDGES)
    if word_count(stripped) > MAX_SPAN_WORDS + 1:
        return None  # longer than any name and its year: not one title, and not worth a search of every run
    for span in index.spans(stripped):
        after = _YEAR_AFTER.sub("", stripped[span.stop:])
        if not stripped[:span.start].strip(_EDGES) and not after.strip(_EDGES):
            return span
    return None


def taken_by_a_viewing_verb(span: Span, text: str) -> bool:
    """A viewing verb right before the span: "caught the craft on cable", "we did alien with the roommates"; or its
    participle set off right after it: "Heat, seen twice, is a classic", "heat - watched it sunday"."""
    return bool(_AFTER_VERB.search(text[:span.start]) or _PARTICIPLE_AFTER.match(text, span.stop)
                or not text[:span.start].strip(" \"'“‘(") and _SEEN_IT_LAST.search(text, span.stop))


# the sentence that a title opens ends by saying it was seen: "Léon, the Besson one with Jean Reno ...: seen it."
_SEEN_IT_LAST = re.compile(r"[:;,–—-]\s*(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:seen|watched|saw)\s+(?:it|that one|that)\W*$", re.I)


_PARTICIPLE_AFTER = re.compile(r"\s*[,:;–—-]\s*(?:(?:also|just|finally|first)\s+)?(?:seen|watched|re-?watched|viewed)\b"
                               r"(?!\s+(?:by|from|on tv|the)\b)", re.I)


__all__ = ["in_a_phrase", "names_a_title", "sentence_around", "sentence_spans", "stands_out", "taken_by_a_viewing_verb", "whole_title"]
