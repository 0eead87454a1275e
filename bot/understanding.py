"""A whole message -> the acts it asks for (pure, no model); bot.policy decides the order they run in.

People put several things in one message: "I liked Heat, what should I watch next?", "Can you recommend
something? I've watched Schindler's List and Saving Private Ryan", "Hi! I watched Fargo". The message is cut
into clauses at sentence ends and before a request ("..., what should I watch"), each clause is read by
bot.messages, and the acts are merged: the history changes in the order said, then a taste, then at most one
request, which carries every constraint and taste said anywhere in the message. A message that is one clause, or
a pasted list, is one act.
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot import render
from bot.mentions import ONE_I_VIEWED, a_person_named, described_as_a_film, names_a_title, sentence_spans, stands_out, taken_by_a_viewing_verb, weighed_verdict, whole_title
from bot.messages import BRACKETED_ASIDE_AT_THE_END, CORRECTION_ALONE, CORRECTION_GOES_ON, IT_WAS_NOT, TAKEN_BACK, never_saw_it, number_said, own_taste_after_theirs, split_titles, version_said
from bot.messages import ASKS_WHAT_FOLLOWS, EXCLUSIVE, WEARY_OF, NOT_ON_THE_LIST, ONE_OFF, PUT_IN, STANDING_YEARS, said_of_a_film
from bot.lists import as_one_sentence
from bot.requests import DECADE_WORDS, NEGATIVE, REQUEST_GENRE_WORDS, genre_spans, genres_in, kind_only_an_age, two_digit_year, years_as_digits
from bot.series import series_members, written_out
from bot.spanish import as_english
from bot.titles import same_series, series_of
from recommender.titles import encoder_words, normalize_title, strip_article
from bot.policy import only_rules_out_genres
from bot.intents import Answer, Correct, NotWatched, RemoveWatched, TitleLine, Undo, unmarked, unshouted
from bot.intents import CannotAnswer, Explain, ForgetMe, ShowHistory, StartOver
from bot.messages import (AddWatched, Constraints, Intent, Recommend, Rejected, SeenThose, SetTaste, SmallTalk, TitleList,
                          LIKED, asks_for_films, clean_text, looks_conversational, mend_verb_slip, read_command,
                          only_a_past_taste, read_message, read_open, read_question, read_request, removal_named,
                          standing_years_in, taste_in, THIRD_PERSON_HAS)

if TYPE_CHECKING:
    from bot.act_reader import ActReader
    from bot.mention_reader import MentionReader
    from recommender.titles import TitleIndex

# the speaker's viewing said in a relative clause after a title: "Toy Story 2, which I sat through with them", "Heat
# (which we finally watched)"; not "which I haven't seen", "which I had not seen since I was a boy"
_I_VIEWED_WORDS = (r"(?:(?:which|that)\s+(?:is\s+the\s+one\s+)?(?:i|we|(?:my|our)\s+\w+\s+and\s+i)\s+(?:(?:actually|finally|also|even|all|both|"
                   r"dutifully|happily|eventually|have|had|did|'ve|just)\s+)*(?:watched|saw|seen|sat through|enjoyed|loved|"
                   r"liked|adored|rewatched|re-watched|caught|got through|endured)\b"
                   # "You've Got Mail, which I have": the verb of the sentence said before left out
                   r"|which\s+(?:i|we)\s+(?:have|had|did)(?:\s+(?:too|also|as well))?(?=\s*(?:[,.;!)]|$|and\b|but\b)))")
_REQUEST_START = (r"(?:so\s+|and\s+|but\s+|now\s+|then\s+)?(?:what(?:s|z)?|(?!" + _I_VIEWED_WORDS
                  # ("Casino, which I haven't seen.": said of the film before it)
                  + r"|which\s+(?:i|we)\s+(?:haven'?t|have\s+not|hadn'?t|didn'?t|did\s+not|never)\b)which|can (?:you|u)|could (?:you|u)|would (?:you|u)|will (?:you|u)|any|"
                  r"recommend|suggest|give (?:me|us)|gimme|find (?:me|us)\s+(?:some|more|a|an|another|something|anything)\b|let me (?:have|get)\s+(?:some|more|a|an|another|something|anything)\b|show me|i want|i'd like|i would like|please(?!\s*[?!.]*\s*$)|tell me|something|anything|"
                  # "seen the matrix and men in black already lol, more?": "more" asked, ending the message
                  r"(?:any\s+|some\s+)?more(?=\s*(?:pls|please|plz)?\s*[?!.]*\s*$)|"
                  # "watched Meet the Parents + Best in Show already; others?"
                  r"(?:any\s+)?others?(?=\s*(?:pls|please|plz)?\s*\?+\s*$))\b")
# a sentence ends at . ! ?, but not at a ! or ? that the next word, in lower case, carries on (a title's: "we watched
# airplane! and the naked gun")
_CLAUSE_BREAK = re.compile(rf"\s+(?:->|=>|→)\s+(?=[a-z])|(?<=\.)\s+(?=[^\s(])|(?<=[!?])\s+(?=[^\s(])(?!(?-i:and|or|but|with)\b)|\s*[,;:]\s*(?={_REQUEST_START})|\s+(?:and|so)\s+(?=(?:what|which|"
                           r"can you|could you|recommend|suggest|give me)\b)|"
                           # "I just watched Heat and want more like it", "I watched Heat and I want something similar"
                           r"(?:\s+(?:and|so)\s+|\s*,\s*)(?=(?:(?:i|we)\s+|i'd\s+|we'd\s+)?(?:now\s+)?(?:want|need|would like|'d like|"
                           r"fancy)\s+(?:more|something|anything|another|some|similar)\b)|\s*(?:,|\band\b|\bthen\b)\s*(?:then\s+)?"
                           r"(?=(?:please\s+)?(?:add|remove|delete|drop)\s)"
                           # "..., my husband watched it not me, so take it off" (not "... find a body and get rid of it")
                           r"|\s*,\s*(?:so\s+)?(?=(?:please\s+)?(?:take (?:it|that|them|those|this) (?:off|out)|get rid of)\b)"
                           # numbered points: "1) First one not interested 2) Others are okay 3) Give two more"
                           r"|\s+[2-9]\)\s+(?=[a-z])"
                           # a kind asked with a please, then the speaker's own words: "ok then musicals please, i love
                           # the sound of music"
                           r"|(?:(?<=\bplease)|(?<=\bpls)|(?<=\bplz))\s*,\s*(?=(?:i|we)\s+(?:really\s+)?(?:love|loved|like|liked|"
                           r"adore|adored|enjoy|enjoyed)\s+(?!(?:it|that|this|them|those|these)\b))"
                           # a plan said after the films seen: "seen rush hour and shanghai noon, planning to watch
                           # mission impossible 2 next week"
                           # ... or after a time word: "..., and tomorrow I want to see Emma"
                           r"|\s*,\s*(?=(?:and\s+|but\s+)?(?:(?:tomorrow|tonight|later|soon|next\s+(?:week|weekend|time)|"
                           r"this\s+(?:weekend|evening))[\s,]+)?(?:(?:i'?m|im|we'?re|i am|we are|i|we)\s+)?(?:planning|plan|going|"
                           r"gonna|hoping|want|wanna|meaning|would\s+like|'d\s+like)\s+(?:to\s+)?(?:watch|see)\s+"
                           r"(?!(?:them|it|those|these|both|that|this)\b))"
                           # dictation's apology to the listener after words to a child, no stop: "jake stop hitting
                           # your sister sorry more please"
                           r"|(?<=[a-z])(?<!\bi'm)(?<!\bim)(?<!\bso)(?<!\bvery)(?<!\bam)(?<!\bfeel)(?<!\bfelt)(?<!\bbe)"
                           r"(?<!\bwas)(?<!\breally)\s+(?=(?:ugh\s+)?sorry\s+(?!about|for|to|that|i|if)\w)"
                           # a semicolon before a subject is a sentence's end: "Please undo that; I fell asleep"
                           r"|\s*;\s+(?=(?:i|i'm|i've|i'd|i'll|we|we're|we've|they|they're|he|she|it's|it\s+(?:was|is)|my|our|"
                           r"there|that|this|none|all|both|everyone|nobody|mine|you)\b)", re.I)
_GREETING_WORDS = r"hi|hello|helo|hallo|hey|hiya|heya|howdy|good (?:morning|afternoon|evening)"
_GREETING = re.compile(rf"^(?:(?:{_GREETING_WORDS})(?:\s+there)?"
                       r"[\s,!.]+|(?:right|ok(?:ay)?|so|well|alright|anyway|um+|hmm+)\s*[,!.]\s*"
                       r"|(?:so|anyway|anyways|btw|oh)\s+(?=(?:i|i've|ive|i'm|im|we|we've)\s)"
                       # "not gonna lie armageddon makes me cry": an idiom that says nothing, and no negation
                       r"|(?:not gonna lie|not going to lie|ngl|tbh|to be honest|honestly)[\s,!.]+)+(?=\S)", re.I)
# Someone else has seen the film named next, said while choosing for them ("she's already seen", "they've had",
# "my niece has watched"): a third person and the perfect of a viewing verb ("my kids watched X, I was in the
# kitchen" tells what happened, not what to leave out), and the titles listed after it
_SEEN_BY_OTHERS = re.compile(THIRD_PERSON_HAS + r"\s+(?:already\s+|just\s+|both\s+|all\s+|also\s+|even\s+)*(?:seen|had|watched)\s+"
                             r"(?:\uFFFC\s*(?:,|and|&|or|\+)?\s*)*$", re.I)
# Words that take back the title before them for the one after ("X, sorry, I tell a lie, it was Y", "X - no, it was
# Y"): a closed list of repair words, then "it was" / "I mean"
_REPAIRED_BY = re.compile(r"^\s*(?:(?:last night|yesterday|earlier|today|tonight|again|on (?:the )?(?:tv|telly|netflix)"
                          # "Watched Rocky III with the boys Saturday, no wait, Rocky IV": a few words of when or with whom
                          r"|(?:with|on|at|last|this)\s+[^,;.!?\uFFFC]{1,30}?)"
                          # "watched scream last night, wait no it was scream 2": when, then the repair
                          r"\s*)?(?:[,;.—–-]+\s*)?(?:(?:(?:no|nope|sorry|oh no|wait|hang on|hold on|i tell a lie|my mistake|"
                          r"i(?:'m| am) sorry|"
                          r"my bad|correction|i (?:mix(?:ed)?|got|get) (?:it|them|those|the two) (?:up|mixed up)|"
                          # "I watched The Great Escape, no, I'm wrong, it was The Guns of Navarone"
                          r"i(?:'m| am) wrong|i misspoke|i was wrong|scratch that|"
                          # "Naw wait, I'm getting my films mixed up, it was Die Hard 2"
                          r"i(?:'m| am) (?:getting|mixing) (?:it|them|those|the two|my (?:films|movies|titles)) (?:up|mixed up)|"
                          r"i(?:'m| am)? confus(?:ed|ing) (?:it|them|those|the two))[\s,!.;:—–-]+)+(?:it was|that was|i mean|i meant|"
                          r"make that)\s+"
                          # "saw raging bull, wait no, taxi driver", "loved fargo, no wait i'm thinking of blood simple"
                          r"|(?:(?:no|sorry|oh|oops)\s*,?\s*wait|wait\s*,?\s*no|sorry\s*,?\s*no|no\s*,?\s*sorry|nope|oops|"
                          # "Watched Rocky II last night, no hang on, Rocky III it was"
                          r"(?:no|oh)\s*,?\s*(?:hang|hold)\s+on|(?:hang|hold)\s+on\s*,?\s*no|"
                          r"i tell a lie|my mistake|my bad|correction|no\s*,\s*i(?:'m| am) sorry)"
                          r"[\s,!.;:—–-]+(?:(?:it was|i mean|i meant|i'?m thinking of|i was thinking of)\s+)?)"
                          # "No, I tell a lie, it was the first Jaws": the one of its name said before it
                          r"(?:the\s+(?:first|original|second|third|real|other|old|new)\s+)?$", re.I)
# "didn't watch", "haven't actually seen", "never saw": said before a title the model reads as not watched, it
# takes that title out of the history too (the model alone may misread "I watched A, not B")
# (the contractions by name: the "nt" of "went to see" or "meant to watch" is no negation)
_NOT_SEEN = re.compile(r"(?:\b(?:ca|do|did|does|have|has|had|is|was|were|are|wo|would|could|should|ai|hav|must|need)n['’]?t\b|"
                       r"\bcannot|"
                       r"\bnot|\bnever)\s+(?:[a-z]+\s+){0,2}(?:watch(?:ed)?|see|seen|saw)\b|"
                       # "we didn't do sleepless in seattle": "do" as the viewing, in the past
                       r"\bdid(?:n['’]?t| not)\s+(?:actually\s+|even\s+)?do\b(?=\s+(?!it\b|that\b|much\b|anything\b)\w)", re.I)
# not seen through, right before the title: "actually i never finished silence of the lambs" (not "I hadn't finished my
# dinner when we watched Heat")
_NOT_FINISHED_RIGHT_BEFORE = re.compile(r"\b(?:never|not|didn'?t|didnt|haven'?t|havent|hadn'?t)\s+(?:even\s+|actually\s+|really\s+)?"
                                        r"finish(?:ed)?\s+(?:watching\s+)?$"
                                        # "I don't believe I ever made it all the way through Lawrence of Arabia"
                                        # (not "Never thought I'd say it but I got through Schindler's List")
                                        r"|\b(?:(?:don'?t|do\s+not)\s+(?:think|believe)\s+(?:i|we)|(?:i|we)\s+never|never|didn'?t|"
                                        r"did\s+not|couldn'?t|could\s+not|can'?t|haven'?t|have\s+not)\s+(?:(?:ever|really|quite|"
                                        r"actually)\s+)?(?:made\s+it|got|get|sat|sit)\s+(?:all\s+the\s+way\s+)?through\s+$", re.I)
# a viewing that was planned, and so not had: "we were going to put on Jurassic Park last night but the football ..."
_PLANNED_RIGHT_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:(?:all|just|really)\s+)?(?:going\s+to|gonna|meant\s+to|"
                                   r"supposed\s+to|planning\s+(?:to|on)|about\s+to|due\s+to)\s+(?:put\s+on|stick\s+on|"
                                   r"watch(?:ing)?|see(?:ing)?|rewatch(?:ing)?)\s+$", re.I)
# a viewing had before, said after a wish: "..., i loved it as a kid", "we saw it years ago"
_ONCE_SEEN_AFTER = re.compile(r"\b(?:i|we)\s+(?:(?:really|first|already|once|last)\s+)?(?:loved|liked|saw|seen|watched|enjoyed|"
                              r"adored)\s+it\b", re.I)
# a viewing intended, not had, "finally" or not: "This weekend I pretend to watch Schindler's List, finally" (a
# learner's "intend")
_INTENDED_RIGHT_BEFORE = re.compile(r"\b(?:i|we)\s+(?:pretend|intend|plan|mean)\s+to\s+(?:watch|see)\s+$"
                                    # a wish: "I would like to see Casablanca one day, it is a classic" (not "... again")
                                    r"|\b(?:i|we)(?:\s+would|'d)(?:\s+really|\s+so)?\s+(?:like|love)\s+to\s+(?:watch|see)\s+$"
                                    # (not "I love to watch Home Alone every Christmas": a habit)
                                    r"|\b(?:i|we)(?:\s+really|\s+still|\s+so|\s+do)*\s+(?:want|wanna|hope)\s+to\s+(?:watch|see)\s+$",
                                    re.I)
# ... unless done after all: "we had been planning on watching Heat for months and finally sat down with it"
_DONE_AFTER_ALL = re.compile(r"\b(?:finally|eventually|at last|in the end)\b", re.I)
# only a list's joining words between two titles: "A or B", "A, B", "A nor B", "A, or even B"
_COORDINATED = re.compile(r"^\s*(?:\((?:18|19|20)\d{2}\)\s*)?(?:,\s*)?(?:(?:or|nor|and|&)\s+(?:then\s+)?(?:even\s+|either\s+)?|then\s+)?$",
                          re.I)  # ("jaws and then jaws 2", "the lion king then aladdin")
# a list item ends there: another joiner, the clause's end ("didn't see Heat, Ronin was great though" is no list)
_ITEM_ENDS = re.compile(r"^\s*(?:\((?:18|19|20)\d{2}\)\s*)?(?:[,.;!?]|(?:or|nor|and|&)\b|$)", re.I)
# ... or said right after the title: "Schindlers List I did not watch, it was The Pianist"
# ("Ghostbusters I have in fact not seen")
_NOT_SEEN_AFTER = re.compile(r"(?:^[\s,]*(?:which\s+)?(?:i|we)\s+(?:did not|didn'?t|didnt|never|have not|haven'?t|havent|"
                             r"(?:have|had)\s+(?:in fact|actually|really|honestly)\s+not)\s+"
                             r"(?:actually\s+|really\s+|even\s+)?(?:watch(?:ed)?|see|seen|saw)\b"
                             # "Titanic, which I haven't.": the verb of the sentence before left out
                             r"|^\s*,\s*which\s+(?:i|we)\s+(?:haven'?t|have\s+not|hadn'?t|didn'?t|did\s+not)(?=\s*(?:[,.;!?]|$|and\b|but\b)))",
                             re.I)
# ... of the title itself: "and Back to the Future, I haven't seen that either" (not "Heat, I haven't seen Casino")
# (the clause ends there: not "I never saw it coming", "I haven't seen it in like 15 years")
_THIS_NOT_SEEN_AFTER = re.compile(_NOT_SEEN_AFTER.pattern + r"(?:\s+(?:it|that|this|that one|this one))?"
                                  r"(?:\s+(?:either|yet|myself|though|tho))?(?=\s*(?:[,.;!?]|$))", re.I)
# a title the clause says was watched right after it: "it was casino i watched", "heat we saw twice"
_SEEN_AFTER = re.compile(r"^[\s,]*(?:is what |was what |is the one |was the one |that )?(?:i|we)\s+(?:actually\s+|really\s+)?"
                         r"(?:watched|saw|meant)\b", re.I)


# a removal that names nothing: it takes the films the message says were not watched
_REMOVE_IT = re.compile(r"^\s*(?:so\s+)?(?:please\s+)?(?:(?:remove|delete|take off|take out|drop|scratch|scrap|strike|bin)"
                        r"(?:\s+(?:it|that|this|them|that one|this one))?"
                        r"|take\s+(?:it|that|this|them|that one)\s+(?:off|out))"
                        r"(?:\s+(?:please|from (?:my )?(?:list|history)))?[\s.!]*$", re.I)
# a line that says what the list after it is: "Films I have NOT seen: ...", "seen this week - ..."
# a line that is a sentence, not a list's title: four words or more ending a sentence, or nine words or more
_SENTENCE_LINE = re.compile(r"^\W*(?:\S+\s+){3,}\S*[.!?]\W*$|^\W*(?:\S+\s+){8,}\S")
_HEADING = re.compile(r"^\s*[^:,\n]{3,40}?\b(?:seen|watched|saw|watch|watchlist|list)\b[^:,\n]{0,15}[:-]\s*\S", re.I)
# (not at an abbreviation's period: "I meant It's a Wonderful Life, not Mr. Smith. Jimmy Stewart is in both")
_FIRST_SENTENCE = re.compile(r"^(?P<first>(?:[^.!?]|(?<=\b[Mm]r)\.|(?<=\b[Mm]rs)\.|(?<=\b[Dd]r)\.|(?<=\b[Ss]t)\.)+[.!?])"
                             r"\s+(?P<rest>\S.*)$", re.S)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+")
# pictures between words: two or more make a list's marks ("jaws ✅ e.t. ✅ close encounters ✅")
_EMOJI_BETWEEN = re.compile(rf"(?<=\S)\s*{_EMOJI.pattern}\s*(?=\S)")

_EMOJI_ENDS_SENTENCE = re.compile(rf"(?<=\w)\s*{_EMOJI.pattern}\s*(?=[a-z])"
                                  r"(?!(?:and|or|but|with|plus|too|as well|lol|haha|x|vs)\b)", re.I)


def _pictures_as_periods(text: str) -> str:
    """One picture between three words or more of a sentence and three or more of the next ends the first, as a
    period would: "sci fi is SO boring to me 🙅‍♀️ my bf loves it" (not "watched heat 🔥 and ronin", nor "... in my
    queue for 3 years 😭 someday")."""
    def period(found: re.Match) -> str:
        said = re.split(r"[.!?;]", text[:found.start()])[-1]
        after = re.split(r"[.!?;]", text[found.end():])[0]  # "... for like 3 years 😭 someday": one word goes on
        return ". " if len(said.split()) >= 3 and len(after.split()) >= 3 else found.group()
    return _EMOJI_ENDS_SENTENCE.sub(period, text)


def _without_pictures(text: str) -> str:
    """The message with its pictures gone ("surprise me 🎲": they carry no act the words do not), those that mark
    off two or more items of a list read as commas."""
    if len(_EMOJI_BETWEEN.findall(text)) >= 2:
        text = _EMOJI_BETWEEN.sub(", ", text)
    # one picture after a sentence's words ends it, as a period would: "sci fi is SO boring to me 🙅‍♀️ my bf loves it"
    text = _pictures_as_periods(text)
    return _EMOJI.sub(" ", text).strip()


# a period that ends an abbreviation, not a sentence: "a.k.a.", "U.S.", "Dr.", "vs."
_ABBREVIATION = re.compile(r"(?:\b(?:[a-z]\.){2,}|\b(?:mr|mrs|ms|dr|st|vs|jr|sr|vol|pt)\.)$", re.I)


# the verbs a clause break before "and" looks for (`_CLAUSE_BREAK`), here to tell one that opens a title
_REMOVAL_VERB_FIRST = re.compile(r"(?:add|remove|delete|drop)\s", re.I)


_NO_WAIT_ALONE = re.compile(r"^\s*(?:(?:wait|hang on|hold on)[\s,!]+(?:no|nope)|(?:no|nope)[\s,!]+(?:wait|hang on|hold on))[\s.]*$",
                            re.I)


def clauses(text: str, titles: TitleIndex | None = None) -> list[str]:
    """The message cut at sentence ends and before requests, but never inside parentheses, before one, after an
    abbreviation or inside a catalogue title: "Mad Max 2 (a.k.a. The Road Warrior)", "Shall We Dance? (Shall We
    Dansu?)" and "Hot Shots! Part Deux" are one title each."""
    named: list[tuple[int, int]] | None = None  # the titles' character ranges, found at the first break
    pieces, start = [], 0
    numbered = bool(_OPENS_WITH_POINTS.match(text))  # "I watched 1) heat 2) ronin" is one list, not points
    for match in _CLAUSE_BREAK.finditer(text):
        if match.group().strip().endswith(")") and not numbered:
            continue
        before = text[start:match.start()]
        if before.count("(") > before.count(")") or _ABBREVIATION.search(text[:match.start()]):
            continue
        if named is None:
            named = [(s.start, s.stop) for s in sentence_spans(text, titles)] if titles is not None else []
        if any(first < match.start() < stop or match.start() == stop and text[stop - 1] in "!?."
               for first, stop in named):
            continue  # inside a title, or right after one that ends so ("Airplane! yet")
        if _REMOVAL_VERB_FIRST.match(text, match.end()) and any(first == match.end() for first, _ in named):
            continue  # "remove shes all that and drop dead gorgeous": the next title holds the verb
        if match.group().strip() == "," and (after := _OPENS_AFTER_A_FILM.match(before)) is not None and any(
                first == start + after.end() - 1 for first, _ in named):
            continue  # "After Emma, what could I see?": the film the ask starts from, not a viewing of its own
        if match.group().strip() == ";" and not re.match(_REQUEST_START, text[match.end():], re.I) and any(
                start <= first < match.start() for first, _ in named):
            continue  # "We're teaching Hamlet this term; I haven't seen any of the film versions": one sentence
        if _RATED.match(text[match.end():]):
            continue  # "fargo on the other hand?? 10/10 no notes": the score rates what came before it
        if _I_HAVE_ALONE.match(text[match.end():]) and match.group().strip() in ".!;":
            continue  # "my cohost has never seen Jaws. I have.": the answer is of the sentence before it
        if CORRECTION_ALONE.match(text[start:match.end()]) and CORRECTION_GOES_ON.match(text[match.end():]):
            continue  # "Wait, wrong numeral. It was Rocky III.": one correction
        if _NO_WAIT_ALONE.match(text[start:match.end()]) and text[:match.start()].endswith("."):
            continue  # "no wait. just first blood": the film meant, said after the taking back
        if own_taste_after_theirs(before, text[match.end():]):
            continue  # "The wife adores musicals; I never could abide them.": the speaker's taste of that kind

        pieces.append(before)
        start = match.end()
    pieces.append(text[start:])
    if len(pieces) > 1:
        pieces[0] = _FIRST_POINT.sub("", pieces[0])
    return [c.strip() for piece in pieces for viewing in _new_viewings(piece, titles) for part in _ask_after_a_viewing(viewing)
            for c in _after_request(part) if c and c.strip(" ,.;:!?")]


# a viewing of the speaker's own that starts a clause after "and": "no horror for me ever and i seen alien and predator",
# "niamh watched the craft in her room while i watched never been kissed"
_NEW_VIEWING = re.compile(r"\s+(?:and|but|while|whilst|whereas)\s+(?P<clause>(?:i|we)\s+(?:(?:have|'ve|also|already|just|did|even)\s+)*"
                          r"(?:seen|watched|saw|rewatched|caught)\s+)", re.I)


def _new_viewings(piece: str, titles: TitleIndex | None) -> list[str]:
    """The piece cut before "and I watched <a title>"; whole where no catalogue title follows the verb ("but i
    watched the rest of it", "and I watched with them")."""
    if titles is None or not (found := _NEW_VIEWING.search(piece)):
        return [piece]
    # the title right after the verb, its quotes aside ("while I watched 'Heat'")
    if not any(not piece[found.end():s.start].strip("\"'‘“ ") for s in sentence_spans(piece, titles, said_watched=True)
               if s.start >= found.end()):
        return [piece]
    return [piece[:found.start()], piece[found.start("clause"):]]


_FIRST_POINT = re.compile(r"^\s*1\)\s+")
_OPENS_WITH_POINTS = re.compile(r"^\s*(?:[^.!?:]{0,30}:\s*)?1\)\s")


# a time phrase that opens a request: "After Emma, ...", "once we've seen Fargo, ..."
_OPENS_AFTER_A_FILM = re.compile(r"^\s*(?:and\s+|so\s+|ok\s+)?(?:after|once\s+(?:i|we)(?:'ve|\s+have)?\s+(?:seen|watched|"
                                 r"finished))\s+\S", re.I)
# "I have." / "we did, twice" as a sentence of its own: said of the sentence before it
_I_HAVE_ALONE = re.compile(r"\s*(?:but\s+)?(?:i|we)\s+(?:have|did)(?:\s+(?:tho|though|lol))?\s*(?:[.!,;]|$)", re.I)


# "what should I watch, I loved Fargo": a request, then a statement in its own clause
_SUBJECT_AFTER_COMMA = re.compile(r"\s*[,;]\s*(?=(?:i|i've|ive|i'm|im|we|we've|my|our|now|sure)\b)", re.I)
# a follow-up that keeps only a kind of the last list: "Only the romantic ones, my mother is here next to me"
_ONLY_THE_ONES = re.compile(r"^\W*only (?:the )?[\w'-]+(?: [\w'-]+)? ones\W*$", re.I)


# "E.T. is the best haha, thank you for the recommendations!": thanks after a statement is its own clause
_THANKS_AFTER_COMMA = re.compile(r"\s*[,;]\s*(?=(?:thanks?|thank you|thx|cheers)\b)", re.I)


# a request said without a stop after a viewing, as dictation writes it: "i watched tombstone last night recommend me
# something", "seen heat what should i watch next" (not "can you recommend me something", "why did they recommend me X")
_ASK_WITHOUT_A_STOP = re.compile(r"(?<=\w)\s+(?=(?:now\s+|so\s+)?(?:(?:recommend|suggest)\s+(?:me|us|something)|"
                                 # "I've seen Toy Story so pick something else"
                                 r"(?:pick|choose|find)\s+(?:me\s+|us\s+)?(?:something|another|anything)|"
                                 r"what\s+(?:should|shall|can|could)\s+(?:i|we)\s+(?:watch|see|put on)|"
                                 # "seen tombstone unforgiven and true grit whats next"
                                 r"what'?s\s+next|what\s+now|any\s+(?:ideas|recs|recommendations|suggestions)"
                                 r"(?=\s*(?:[?!.]|$|pls|please|for\s+(?:me|us|tonight|next)))|"
                                 # "i liked jaws give me more like that", "seen heat whats something else for a guy like me"
                                 r"(?:give|show|find|get)\s+(?:me|us)\s+(?:more|something|some|another|anything|an?|recs?|different|"
                                 r"suggestions|ideas|similar|others?)|gimme|"
                                 r"what'?s\s+(?:something|another|else|good)|what\s+else\s+(?:should|shall|can|could|do|would|is)"
                                 r")\b)"
                                 # after a comma: "watched die hard and the fugitive this week, got anything similar?"
                                 r"|(?<=\w),\s*(?=(?:(?:so|and|now)\s+)?(?:got\s+(?:anything|any|something)|anything\s+(?:similar|else|like\s+(?:that|those|it))|"
                                 r"any\s+(?:more\s+)?(?:like\s+(?:that|those|them|it)|similar)|something\s+similar|what\s+else)\b)"
                                 # after a comma, a learner's ask: "we saw all of those in brazil already, give other"
                                 r"|(?<=\w),\s*(?=give\s+(?:me\s+|us\s+)?(?:other|others|another|more|some\s+(?:other|more|new))\b)"
                                 # "seen toy story, pick something else"
                                 r"|(?<=\w),\s*(?=(?:so\s+|now\s+)?(?:pick|choose|find|suggest|recommend)\s+(?:me\s+|us\s+)?"
                                 r"(?:something|another|anything)\b)",
                                 re.I)
_A_VIEWING = re.compile(r"\b(?:watched|saw|seen|caught|finished|rewatched|re-watched|liked|loved|enjoyed|hated)\b", re.I)
_ASKING_BEFORE = re.compile(r"(?:\b(?:you|u|to|please|pls|plz|just|also|then|maybe|kindly|can|could|would|will|i|we|they|he|"
                            r"she|did|does|do|not|never|don'?t|dont|didn'?t|why|highly|definitely|totally|strongly|"
                            r"really|def)|'d)\s*$", re.I)


# a standing taste said before an ask without a stop: "im done with sci fi from here on out give me something else"
_A_TASTE_SAID = re.compile(r"\b(?:done with|sick of|tired of|fed up with|over|hate|can'?t stand|not into|no more|"
                           r"from (?:here|now) on(?: out)?)\b", re.I)


def _ask_after_a_viewing(piece: str) -> list[str]:
    """The piece cut before an ask that follows a viewing said without a stop; the piece whole otherwise."""
    for match in _ASK_WITHOUT_A_STOP.finditer(piece):
        before = piece[:match.start()]
        if (_A_VIEWING.search(before) or _A_TASTE_SAID.search(before)) and not _ASKING_BEFORE.search(before) \
                and "?" not in before:
            return [before, piece[match.end():]]
    return [piece]


def _after_request(piece: str) -> list[str]:
    """The piece cut where a statement starts after a request that comes first ("what should I watch, I loved
    Fargo", "any ideas? we loved Heat"), or where thanks follow a statement of four words or more (not
    "whatever, thanks"); any other piece whole."""
    for match in _SUBJECT_AFTER_COMMA.finditer(piece):
        before = piece[:match.start()]
        if (asks_for_films(before) or _ONLY_THE_ONES.match(before)) and not asks_for_films(piece[match.end():]):
            return [piece[:match.start()], piece[match.end():]]
    thanks = _THANKS_AFTER_COMMA.search(piece)
    if thanks and len(piece[:thanks.start()].split()) >= 4:
        return [piece[:thanks.start()], piece[thanks.end():]]
    return [piece]


# a wish for a kind said in a sentence of talk, the request after it: "..., so for her birthday we want to watch a
# musical. Ideas?" (not "my life is already a drama")
_WANTS_A_KIND = re.compile(r"\b(?:i|we)\s+(?:(?:really\s+)?(?:want|wanna|would like|'d like|feel like)\s+(?:to\s+)?(?:watch|see)|"
                           r"(?:are|am|'re|'m)\s+in the mood for|fancy)\s+(?:a|an|some)\b", re.I)


# a message that takes something back: "Naw, sorry, I meant Ronin. ... No Heat."
_TAKING_BACK = re.compile(r"^\W*(?:(?:oops|ops|whoops|sorry|naw|nah|no|nope|och|wait|hold on|hang on|my bad|my mistake|"
                          r"actually|undo (?:that|it)|scratch that|correction|hmm+)\b[\s,!.:;]*)+", re.I)


def _films_ruled_out_are_the_old(text: str, stated: list, requests: list, titles: TitleIndex | None) -> tuple[list, list]:
    """In a message that takes something back, "No Heat" / "not Emma" names the film to replace, not one to leave
    out of a list: "Naw, sorry, I meant Ronin. De Niro in both. No Heat.", "Sorry, not Emma, I confused the names.
    Was Sense and Sensibility." become a correction of that film."""
    ruled = [r for r in requests if r.excluded_movies and r.constraints == Constraints() and not r.more]
    news = [a for a in stated if isinstance(a, Correct) and a.old is None and a.new.lines
            or isinstance(a, AddWatched) and not a.guessed]
    if titles is None or not ruled or len(news) != 1 or not _TAKING_BACK.match(text) or asks_for_films(text):
        return stated, requests
    new_ids = {m for t in (news[0].new if isinstance(news[0], Correct) else news[0].titles).titles
               for s in sentence_spans(t, titles) for m in s.movies}
    if new_ids & {m for r in ruled for m in r.excluded_movies}:
        return stated, requests  # "no Airplane, this I have seen a hundred times": the film left out is the one seen
    old = TitleList.listed(titles.catalog.by_id(m).display_title for r in ruled for m in r.excluded_movies
                           if m in titles.catalog)
    new = news[0].new if isinstance(news[0], Correct) else news[0].titles
    return [Correct(new, old) if a is news[0] else a for a in stated], [r for r in requests if r not in ruled]


def _correction_of_one_clause(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A message read as one add and a film ruled out, that takes something back ("sorry i mean edward scissorhands
    not sleepy hollow, i always confuse the tim burton movies"): a correction of that film, as
    _films_ruled_out_are_the_old reads one of several clauses."""
    requests = [a for a in found if isinstance(a, Recommend)]
    # "undo that, was mallrats not clerks": the undo is the correction's
    stated = [a for a in found if not isinstance(a, (Recommend, SetTaste, SmallTalk, Undo))]
    if not requests or len(stated) != 1:
        return found
    new_stated, kept = _films_ruled_out_are_the_old(text, stated, requests, titles)
    if new_stated == stated:
        return found
    return tuple(new_stated[0] if a is stated[0] else a for a in found
                 if not isinstance(a, (Recommend, Undo)) or a in kept)


_BUT_NOT = re.compile(r"\bbut\s+not\b", re.I)


def _not_seen_beside_an_add(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A film ruled out beside films said watched, in a message that asks for nothing ("I have seen Casablanca and
    The Third Man, but not The Maltese Falcon"): not seen, not a list's exclusion (so "Nor The Big Sleep" after it
    goes on with it)."""
    if titles is None or asks_for_films(text) or _TAKING_BACK.match(text) or not any(
            isinstance(a, AddWatched) and not a.guessed for a in found) or not _BUT_NOT.search(text):
        return found  # ... not "not jurassic park, i've seen it" (not that one of the list: seen)
    ruled = [a for a in found if isinstance(a, Recommend) and a.excluded_movies and a.constraints == Constraints()
             and not a.more and not a.disliked_movies]
    if len(ruled) != 1:
        return found
    named = tuple(titles.catalog.by_id(m).display_title for m in ruled[0].excluded_movies if m in titles.catalog)
    return tuple(NotWatched(named) if a is ruled[0] else a for a in found) if named else found


# the speaker's own "never seen it", its clause ending there, said after the film just named: "something with the
# spirit of Mister Roberts, a Navy comedy, though I confess I have never actually seen it" (not "never seen it before")
_NEVER_SEEN_IT_LATER = re.compile(r"(?<!believe )(?<!crazy that )(?<!admit )(?<!admit that )(?<!shocked )(?<!surprised )"
                                  r"\b(?:i|we)\s+(?!had\b|'d\b)(?:\w+\s+){0,3}?(?<!had )(?:have\s+|'ve\s+)?(?:never|not|haven'?t|havent|didn'?t|didnt)\s+"
                                  r"(?:(?:actually|really|even|ever)\s+)?(?:seen|watched|saw|see|watch)\s+(?:it|that one|this one)"
                                  r"(?:\s+(?:either|yet|myself|though|tho))?(?=\s*(?:[.;!?]|$|,\s*(?:but|though|i|we)\b))"
                                  # its subject left out after a comma, "though" at the end: "..., haven't seen it though"
                                  r"|(?<=, )(?:haven'?t|havent|never|not)\s+(?:(?:actually|really|even|yet|ever)\s+)?(?:seen|watched|saw)\s+"
                                  r"(?:it|that one|this one)\s+(?:though|tho|yet|either)(?=\s*(?:[.;!?]|$))", re.I)


_WATCHED_IT = re.compile(r"\b(?:watched|seen|saw)\s+it\b", re.I)


def _it_is_the_film_named_before(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """ "My colleague recommended me Office Space. I have watched it yesterday": the "it" is the film named before it
    in the message, stored by its add once (not "we watched it. ... also did mulan the day after", the film of the
    turn before)."""
    titles = [t for a in found if isinstance(a, AddWatched) and not a.guessed for t in a.titles.titles]
    said = _WATCHED_IT.search(text)
    if not titles or said is None or not any(t.lower() in text[:said.start()].lower() for t in titles):
        return found
    return tuple(a for a in found if not (isinstance(a, SeenThose) and a.it))


_SEEN_THAT_ONE = re.compile(r"\b(?:seen|watched|saw)\s+(?:that(?:\s+one)?|it)\b", re.I)


def _seen_the_film_asked_from(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """"something in the style of lock stock but not lock stock itself, I've already seen that one twice": "that one"
    is the film the request starts from, named before it in the message, not the last list."""
    asked = [a for a in found if isinstance(a, Recommend) and a.constraints.like and ";" not in a.constraints.like]
    said = _SEEN_THAT_ONE.search(text)
    if len(asked) != 1 or said is None or asked[0].constraints.like.lower() not in text[:said.start()].lower() \
            or not any(isinstance(a, SeenThose) for a in found) \
            or _NEGATED_IN_SENTENCE.search(re.split(r"[.!?;,]", text[:said.start()])[-1]):
        return found  # (not "I have not actually seen that one yet")
    return tuple(AddWatched(TitleList.listed([asked[0].constraints.like])) if isinstance(a, SeenThose) else a
                 for a in found)


def _allowed_beside_a_request(found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A kind the message allows is not ruled out by the request beside it: "My wife hates westerns but I love them,
    any recommendations?" (the rules read "hates westerns" into the request)."""
    allowed = {g for a in found if isinstance(a, SetTaste) for g in a.allowed_genres}
    if not allowed:
        return found

    def kept(genres):
        return tuple(g for g in genres if g not in allowed)

    return tuple(replace(a, disliked_genres=kept(a.disliked_genres), constraints=replace(
        a.constraints, excluded_genres=kept(a.constraints.excluded_genres))) if isinstance(a, Recommend) else a
        for a in found)


# something else the "it" may be: "I hear the sequel is even better but I haven't watched it yet"
_ANOTHER_THING_BETWEEN = re.compile(r"\b(?:sequels?|prequels?|remakes?|original|version|cut|series|show|doc|documentary|book|"
                                    r"novel|trailer|part|first|second|third|other one|one|musical|cartoon|game|film|movie)\b",
                                    re.I)


def _not_seen_said_later(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A film stored from a clause, taken out again where a later clause of the speaker's says "never seen it" with
    no other film named between."""
    adds = [a for a in found if isinstance(a, AddWatched) and not a.guessed]
    said = _NEVER_SEEN_IT_LATER.search(text)
    if titles is None or not adds or said is None:
        return found
    placed = [(max((m.start() for m in re.finditer(rf"(?<!\w){re.escape(t)}(?!\w)(?!\s+(?:[ivx]+|\d|part)\b)",
                                                    text[:said.start()], re.I)),
                   default=-1), t, a) for a in adds for t in a.titles.titles]
    placed = [p for p in placed if p[0] >= 0]
    if not placed:
        return found
    where, title, add = max(placed, key=lambda p: p[0])
    if _VIEWED_RIGHT_BEFORE.search(text[:where]) or re.search(r"\b(?:had|'d)\b", text[said.start():said.end()], re.I):
        return found  # "Finally watched Jaws. Can't believe I had never seen it.": seen now, not before
    between = text[where + len(title):said.start()]
    subjectless = not re.match(r"(?:i|we)\b", said.group(), re.I)
    if subjectless and re.search(r"[.!?;]", between):
        return found  # "..., haven't seen that one yet" said of the film of its own sentence only
    if not (re.search(r"[.!?;]\s*\S", between) or re.search(r"\b(?:though|tho|but)\b", between)
            or re.search(r"\b(?:though|tho|yet|either)$", said.group(), re.I)) \
            or sentence_spans(between, titles) or _ANOTHER_THING_BETWEEN.search(between):
        return found  # "never seen it" in the film's own clause was read with it; another film named between is "it"
    kept = [t for t in add.titles.titles if t != title and t.lower() not in said.group().lower()]
    changed = replace(add, titles=TitleList.listed(kept)) if kept else NotWatched((title,))
    # the words of "never seen it" read as a title of their own are none ("I don't know 'haven't seen it though'")
    return tuple(changed if a is add else a for a in found
                 if not (isinstance(a, AddWatched) and a.guessed and any(t.lower() in said.group().lower() or
                                                                         said.group().lower() in t.lower()
                                                                         for t in a.titles.titles)))


_ONLY_A_DEGREE = re.compile(r"\b(?:not|nothing|none)\s+(?:too|overly|super|very|that|so)\b", re.I)


def _softened(request: Recommend, asked: set[str]) -> Recommend:
    """The request without ruling out the kinds another clause asks for."""
    excluded = tuple(g for g in request.constraints.excluded_genres if g not in asked)
    return replace(request, constraints=replace(request.constraints, excluded_genres=excluded),
                   disliked_genres=tuple(g for g in request.disliked_genres if g not in asked))


def _only_lifts(taste: SetTaste) -> bool:
    """Whether a taste only lets kinds back in ("drama is fine again"), ruling nothing out and narrowing nothing."""
    return bool(taste.allowed_genres) and not (taste.disliked_genres or taste.only_genres or taste.disliked_movies
                                               or taste.min_year is not None or taste.max_year is not None)


def _merge_requests(requests: list[Recommend], tastes: list[SetTaste], narrowed: bool = False,
                    asked_anew: bool = False) -> Recommend:
    """One request of a message's requests and tastes; `narrowed`: a later clause qualifies the kind asked first
    ("Got any crime films? Ideally ones where I get to laugh a bit"), so both kinds hold; `asked_anew`: a bare request
    asks in so many words ("I hate horror. Recommend me something."), a new request beside the taste."""
    def union(*groups):
        return tuple(dict.fromkeys(g for group in groups for g in group))

    disliked = union(*(r.disliked_genres for r in requests), *(t.disliked_genres for t in tastes))
    allowed = union(*(t.allowed_genres for t in tastes))
    wanted = union(*(r.constraints.genres for r in requests))
    excluded = tuple(g for g in union(*(r.constraints.excluded_genres for r in requests), disliked) if g not in allowed)
    mins = [r.constraints.min_year for r in requests if r.constraints.min_year is not None]
    maxes = [r.constraints.max_year for r in requests if r.constraints.max_year is not None]
    if mins and maxes and max(mins) > min(maxes):  # "from the sixties - sorry, I mean the seventies": the last said
        last = next(r.constraints for r in reversed(requests)
                    if r.constraints.min_year is not None or r.constraints.max_year is not None)
        mins, maxes = [last.min_year] if last.min_year is not None else [], \
            [last.max_year] if last.max_year is not None else []
    like = next((r.constraints.like for r in requests if r.constraints.like), "")
    wanted = tuple(g for g in wanted if g not in excluded)
    constraints = Constraints(wanted, excluded, max(mins) if mins else None, min(maxes) if maxes else None, like,
                              # "kids movie? animated": said apart, animation is still how the other kind is made
                              all_genres=len(wanted) == 2 and (any(r.constraints.all_genres for r in requests) or narrowed or (
                                  len(requests) > 1 and ("Animation",) in [r.constraints.genres for r in requests])))
    return Recommend(constraints, more=any(r.more for r in requests),
                     unsupported=union(*(r.unsupported for r in requests)), disliked_genres=disliked,
                     excluded_movies=union(*(r.excluded_movies for r in requests), *(t.disliked_movies for t in tastes)),
                     disliked_movies=union(*(r.disliked_movies for r in requests), *(t.disliked_movies for t in tastes)),
                     # "nothing with horror inside. ... Give me others.": a bare "others" changes nothing of the rest;
                     # a taste with only bare words beside it changes the last list ("Only the comedies, though. I'm
                     # not in the mood for anything heavy.")
                     # "I cannot bear horror. Could you give me the list again without it?": a clause that only rules
                     # kinds out goes with a follow-up beside it
                     # ... and one that only says again the kind a follow-up narrows to ("Only dramas, please. No
                     # musicals, no comedies, just drama.")
                     follow_up=all(r.follow_up or _only_rules_out(r) or _says_again(r, requests) for r in
                                   [r for r in requests if r != Recommend(more=True)] or requests)
                     and any(r.follow_up for r in requests)
                     or bool(tastes) and not asked_anew and all(_bare(r) for r in requests),
                     also=any(r.also for r in requests),
                     relative=next((r.relative for r in requests if r.relative), ""),
                     only_genres=union(*(r.only_genres for r in requests), *(t.only_genres for t in tastes)),
                     any_year=any(r.any_year for r in requests))


def _says_again(request: Recommend, requests: list[Recommend]) -> bool:
    c = request.constraints
    narrowed_to = {g for r in requests if r.follow_up for g in r.constraints.genres}
    return bool(c.genres) and set(c.genres) <= narrowed_to and c.min_year is None and c.max_year is None and not c.like


def _only_rules_out(request: Recommend) -> bool:
    c = request.constraints
    return bool(c.excluded_genres or request.disliked_genres) and not c.genres and c.min_year is None \
        and c.max_year is None and not c.like


# a clause that qualifies the films asked before it: "Ideally ones where I get to laugh a bit", "preferably funny"
_QUALIFIES = re.compile(r"^\W*(?:ideally|preferably|ones?\s+(?:where|that|with|which)|but\s+(?:funny|scary|ones?)\b)", re.I)
# two kinds wanted in one film, said after them: "Manny wants action, I want drama. Anything that's both?"
_BOTH_AT_ONCE = re.compile(r"\b(?:that'?s|that\s+is|which\s+is|ones?|films?|movies?|something|anything)\s+(?:a\s+(?:bit|little)\s+of\s+)?"
                           r"both\b(?=\s*(?:[?!.,]|$|kinds|genres|things|at\s+once|in\s+one))|\bboth\s+at\s+once\b|\bmix(?:ture)?\s+of\s+(?:the\s+two|both)\b|"
                           r"\b(?:combines?|has|does|ticks|checks)\s+(?:the\s+two|both)(?:\s+boxes)?\b", re.I)
MAX_BARE_WORDS = 2  # "anything", "whatever really": a bare request this short asks anew


def _bare(request: Recommend) -> bool:
    """A request that says nothing but that films are wanted ("others", "I want something")."""
    return request in (Recommend(), Recommend(more=True))


def _confirmed(part: str, act: Intent, titles: TitleIndex | None) -> Intent:
    """A clause read as titles for want of a verb ("my kids love The Lion King and Aladdin") that names a catalogue
    title inside it states those movies; one that names none is not kept beside a request."""
    if isinstance(act, AddWatched) and act.guessed and titles is not None and (
            _act_spans(part, titles) or (more := _ONE_MORE.match(part)) and whole_title(more["rest"], titles)):
        # ... and so does one that only adds a title to those said ("+ the birds. kids insisted.")
        return replace(act, guessed=False, liked=act.liked or bool(LIKED.search(part)))
    return act


_ONE_MORE = re.compile(r"^\W*(?:and|also|plus|then)\s+(?P<rest>.+?)(?:\s+(?:too|as well))?[\s.!]*$", re.I)


_PIECE_YEAR = re.compile(r"\((?:18|19|20)\d{2}\)")


def _holds(piece: str, title: str) -> bool:
    """Whether the piece holds the title as words ("watching Airplane" holds "Airplane!", "Heathers" not "Heat")."""
    name = title.lower().rstrip("!?.")
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", piece.lower()) is not None


def _named_as_title(text: str) -> bool:
    """A span a person would type as a title even outside the words the rules cut: several words besides an
    article ("The Sixth Sense"), a capital ("Fargo") or a long word; not "a big" of "a big fan of X"."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return len(bare.split()) >= 2 or bare[:1].isupper() or len(bare) >= 7  # not "the heat" of "the heat today"


_SCORE = r"(?:\d+(?:\.\d+)?\s*(?:/|out of|of)\s*(?:10|5)|\d(?:\.\d)?\s*stars?|[a-f][+-]?)"
# a number score anywhere in a clause ("like 2/5", "8 out of 10", "4 stars"); not a letter grade, which is a word
_A_SCORE = re.compile(r"(?<![\w/])(?:\d+(?:\.\d+)?\s*(?:/|out of|of)\s*(?:10|5)|\d(?:\.\d)?\s*stars?)(?![\w/])", re.I)
_ITEM_BEFORE = re.compile(r"(?:^|[,:;\n]|\band\b)\s*$", re.I)
_ITEM_AFTER = re.compile(rf"^\s*(?:\(?{_SCORE}\)?|\([^()]{{1,40}}\))?\s*(?:[,;\n]|\band\b|\.{{3}}|$"
                         # the list's time or place, said after its last item: "dirty dancing and ghost all this month"
                         r"|(?:all|both)\s+(?:this|last|that)\s+(?:week|weekend|month|year|summer|winter)\b"
                         r"|(?:last|this|that)\s+(?:night|week|weekend|month|summer|winter)\b|yesterday\b"
                         r"|on\s+(?:cable|tv|netflix|dvd|the\s+plane)\b)", re.I)


_FAN = re.compile(r"\s+fans?\b", re.I)
# the fans of a film as other people: "sorry to all the Sound of Music fans" (not "I'm one of the few Titanic fans left")
_OTHERS_AS_FANS = re.compile(r"\b(?:all|the|those|these|any|some)\s+$", re.I)


def _list_item(clause: str, span) -> bool:
    """A span that is a whole item of a list, maybe with its score: "quick ratings: heat 9/10, the insider 7/10"
    names Heat, where "the heat today" does not."""
    return bool(_ITEM_BEFORE.search(clause[:span.start]) and _ITEM_AFTER.match(clause[span.stop:]))


# "heat 9/10", "the insider - 7 out of 10": a word rated is named as a title
# a score right after a title: "heat 9/10", "heat, 8/10", "big (8/10)", "heat: 9." as a list of scores says it
_RATED = re.compile(r"^\s*[:=,(-]?\s*\d{1,3}(?:\.\d)?\s*(?:/|out of|outta|of)\s*(?:10|5|100)\b"
                    # "brazil ***", "heat ★★★★": stars
                    r"|^\s*[:=,(-]?\s*(?:\*{1,5}|[★⭐]{1,5}☆{0,4})(?=\s*(?:[,;.!)]|$))"
                    r"|^\s*:\s*(?:10|\d)(?:\.\d)?\s*(?:[,;.!)]|$)", re.I)
# A clause whose verb is in the clause before: "Seen Alien. Not Aliens though.", "Loved Heat. But not Casino."
_ELLIPTIC = re.compile(r"^\s*(?:(?:but|and)\s+)?(?:(?:not|never)\s+(?!(?:a|an|any|more|too|sure|really|so|that|much|"
                      r"bad|great|good|fan|in|into|for|the\s+kind)\b)|(?:nor|neither)\b)", re.I)  # "Nor, for that matter, X"


def _read_spans(clause: str, spans: list, titles: TitleIndex, reader: MentionReader, before: str = "") -> list:
    """The readings of `spans` in `clause`; an elliptic clause ("Not Aliens though.") is read after the clause
    `before` it, whose verb it borrows (the earlier clause's titles as others)."""
    budget = getattr(titles, "budget", None)
    if not before or not _ELLIPTIC.match(clause):
        return reader.read(clause, [(s.start, s.stop) for s in spans], budget)
    earlier = [(s.start, s.stop) for s in sentence_spans(before, titles)]
    shift = len(before) + 1
    readings = reader.read(f"{before} {clause}", earlier + [(s.start + shift, s.stop + shift) for s in spans], budget)
    return readings[len(earlier):]


def _around_titles(clause: str, spans: list) -> str:
    """The clause's words outside its title spans."""
    pieces, last = [], 0
    for span in spans:
        pieces.append(clause[last:span.start])
        last = span.stop
    return "".join(pieces + [clause[last:]])


_TITLE_WORDS = 5  # a list item longer than this that names no title is talk, not a misspelt title
# a list item of nothing but pronouns and interjections is talk ("oh and me and tom both watched heat")
_TALK_WORDS = re.compile(r"^\W*(?:(?:oh|ah|um+|uh|so|well|ok(?:ay)?|yeah|yes|no|lol|haha|me|us|him|her|them|you|it|i|we|"
                         r"he|she|they|too|also|both|then|now|just|naturally|obviously|of course|honestly|definitely|"
                         r"absolutely|clearly|probably|basically|seriously|literally|actually|surely|anyway|though|tho|however|still)\W*)+$", re.I)


# a list's piece that says something of its titles, not another title: "I've seen A and B and hated both of
# them", "..., never have been"
_SAID_OF_THEM = re.compile(r"^\W*(?:(?:hated|loved|liked|enjoyed|adored|disliked|never|always|rewatched|watched|saw)\b|"
                           # "..., though, and found it very moving"
                           r"(?:and\s+|but\s+)?(?:i\s+)?(?:found|thought|felt|considered|rated|called)\s+(?:it|them|both|that|those)\b|"
                           r".*\b(?:both|all|each|either|neither) of (?:them|those|these)\b)", re.I)


def _names_titles(piece: str, index: TitleIndex) -> bool:
    """Whether a piece names a title as a person would: a name that is no everyday word, one written or taken as a
    title, or the whole piece ("heat"); not the "go" of "was gonna go out but stayed in"."""
    return any(not s.everyday or names_a_title(s, piece) or not piece[:s.start].strip() and not piece[s.stop:].strip()
               for s in sentence_spans(piece, index, True))


# what others say, not the speaker's comparison: "Aliens is better than Alien, I hear"
_HEARSAY = re.compile(r"\b(?:i hear|i heard|apparently|supposedly|(?:people|they|everyone) (?:say|says|said)|so i'?m told)\b",
                      re.I)
# only a comparison between two titles: "X is better than Y", "X was way worse than the Y"
_COMPARED = re.compile(r"^\s*(?:is|was|'s|are|were)?\s*(?:(?:way|much|so much|far|a lot|miles|loads)\s+)?(?:better|worse|"
                       r"scarier|funnier|sadder|darker|dumber|smarter)\s+than\s*$"
                       # "aliens >>> alien", "godfather 2 > godfather", "heat beats casino", "X is superior to Y"
                       r"|^\s*(?:>{1,3}|<{1,3}|(?:is|was)?\s*(?:way\s+|far\s+)?(?:superior|inferior)\s+to|beats|(?:still\s+)?slaps harder than)\s*$",
                       re.I)


def _with_its_year(clause: str, span) -> str:
    """A title as said, with the year typed in brackets right after it: "Cape Fear (1962) and Cape Fear (1991)" are
    two films, not one name said twice."""
    year = re.match(r"\s*(\((?:18|19|20)\d{2}\))", clause[span.stop:])
    return f"{span.text} {year.group(1)}" if year else span.text


def _cut_at_its_and(piece: str, title: str) -> bool:
    """Whether a piece is a title's part before its "and" or "&" (with talk before it), or its part after (with
    talk after it): "so butch cassidy", "the sundance kid though" of "Butch Cassidy and the Sundance Kid"."""
    said, title = piece.strip().lower(), title.lower()
    return any(re.search(r"(?<!\w)" + re.escape(title[:joint.start()]) + "$", said)
               or re.match(re.escape(title[joint.end():]) + r"(?!\w)", said)
               for joint in re.finditer(r"\s*(?:&|\+|\band\b)\s*", title) if joint.start() and joint.end() < len(title))


def _regrounded(titles: TitleList, unseen: list[str], watched: list[str], index: TitleIndex, clause: str = "") -> TitleList:
    """The add's pieces grounded in the titles the clause names: a piece that holds titles read as watched becomes
    those titles ("caught Tombstone on cable" -> Tombstone, "Rain Man 9/10" -> Rain Man; a year typed with one is
    kept), one that holds a title not watched keeps only the watched ones inside it ("loved Heathers but never
    saw Pretty Woman" -> Heathers), a lone piece naming no catalogue title is the sentence around them and goes
    ("but I should check it out"), and a title read as watched that the rules cut off is added ("He was great in
    The Sixth Sense"). A list's other items stay as typed: a misspelt title is matched later, and so is a lone
    piece right after the speaker's viewing verb in `clause` ("watched 101 dalmations with my daughter and Lion King
    also"). The titles given are named as titles (`_named_as_title`): not the "big" of "a big fan of X"."""
    lines, placed = [], set()
    for line in titles.lines:
        pieces: list[str] = []
        for piece in line.pieces:
            inside = [w for w in watched if _holds(piece, w)]
            if not inside and (cut := [w for w in watched + unseen if _cut_at_its_and(piece, w)]):
                # "batman"/"robin" of "batman & robin", "the king" of "the king and i", "the sundance kid though" of
                # "butch cassidy and the sundance kid": a title the rules cut at its "&" or "and", added whole where
                # it was said (or kept out whole: "my ex let them watch batman & robin" stores no Batman)
                whole = [w for w in cut if w in watched and w not in placed]
                pieces += whole
                placed.update(whole)
                continue
            if inside or any(_holds(piece, u) for u in unseen):
                year = _PIECE_YEAR.search(piece)
                pieces += [w + (f" {year.group()}" if year and len(inside) == 1 and not _PIECE_YEAR.search(w) else "")
                           for w in inside]
                placed.update(inside)
            elif _names_titles(piece, index) or ((len(line.pieces) > 1 or _viewed_right_before(piece, clause))
                                                 and not unseen and len(piece.split()) <= _TITLE_WORDS
                                                 and not looks_conversational(piece) and not _TALK_WORDS.match(piece)
                                                 and not _SAID_OF_THEM.match(piece)
                                                 and not asks_for_films(piece) and not _MORE_LIKE_THOSE.search(piece)
                                                 and not sentence_spans(piece, index, True)):  # "scariest thing ever"
                pieces.append(piece)
        if pieces:
            lines.append(TitleLine.listed(dict.fromkeys(pieces)))
    missing = [w for w in watched if w not in placed]
    if missing:
        lines.append(TitleLine.listed(missing))
    return TitleList(tuple(lines), titles.skipped)


def _viewed_right_before(piece: str, clause: str) -> bool:
    """Whether the clause says the speaker's viewing verb right before the piece, and the piece holds a word that is
    no word, as a misspelt title does ("watched 101 dalmations ...", not "watched football with my son ...")."""
    place = clause.lower().find(piece.lower()) if piece else -1
    # a misspelt title holds a word that is no word (not "i watched football with my son and toy story after")
    words = encoder_words()
    return place > 0 and bool(_VIEWED_RIGHT_BEFORE.search(clause[:place])) and (
        not words or any(w not in words for w in re.findall(r"[a-z]+", piece.lower())))


def _referenced(clause: str, act: Recommend, titles: TitleIndex, reader: MentionReader) -> tuple[Intent, ...]:
    """A request that starts from movies ("something like Die Hard", "I love movies like Big, any ideas?") names
    movies the user has seen (ReDial's seekers had seen 97.9% of them): those the model reads as watched are
    stored, liked, before the request runs; the reply says so, and "undo" takes them back. One it reads as a
    reference only ("something like Driving Miss Daisy for my mother"), or as not seen, is not stored: the blind
    authors expected it kept out.
    Several movies to start from ("like A or B") become the latest of the history the request reads."""
    like = act.constraints.like
    where = clause.lower().find(like.lower()) if like else -1
    if where < 0 and _NOT_SEEN.search(clause):
        return _with_unseen(clause, act, titles, reader)
    # no anchor the rules cut: the films the request names anyway ("I like comedies, like Animal House and Porky's,
    # have any recommendations?") are read the same way; none named, the request alone
    spans = [s for s in sentence_spans(clause, titles) if (where < 0 or where <= s.start and s.stop <= where + len(like))
             and not set(s.movies) & set(act.excluded_movies)]
    if where < 0 and not spans:
        return (act,)
    # a request that says a film was not seen ("something like X, but I haven't seen that one") stores none, and
    # its movies need no reading
    # ... nor one that asks which of them to watch ("if i had to pick between the godfather and goodfellas ... which
    # one"): they are the choices, not watched
    readings = [] if _NOT_SEEN.search(clause) or _CHOOSING.search(clause) else reader.read(
        clause, [(s.start, s.stop) for s in spans], getattr(titles, "budget", None))
    # a viewing verb right before a film states it, whatever the model reads ("I watched Heat and I want something
    # from the 90s")
    # ... and none that someone else is said to have seen ("She's also seen Toy Story so pick something else")
    seen = [span.text for span, r in zip(spans, readings)
            if (reader.sure(r.watched_probability) and r.watched
                or _VIEWED_RIGHT_BEFORE.search(clause[:span.start]) and not _LEFT_AFTER.search(clause, span.stop))
            and not _seen_by_others(clause, span, spans)]
    if like and spans and (len(spans) > 1 or spans[0].text.strip().lower() != like.strip().lower()):
        # "like A or B": both stored, the history leads; not both stored, the service starts from both, A first;
        # "like A or <a film it does not know>": A leads
        starts = "" if len(seen) == len(spans) > 1 else "; ".join(s.text for s in spans)
        act = replace(act, constraints=replace(act.constraints, like=starts))
    if not seen:
        return (act,)
    return (AddWatched(TitleList.listed(seen), liked=True), act)


_CHOOSING = re.compile(r"\b(?:pick|choose|decide)\s+between\b|\bwhich\s+(?:one|of\s+(?:them|these|those|the\s+two))\b"
                       r"|\bshould\s+(?:i|we)\s+(?:watch|see|start\s+with)\b", re.I)


def _without(titles: TitleList, words: list[str], clause: str) -> TitleList:
    """The pieces that hold none of `words`; none left, the clause itself (read as talk, not as a title)."""
    lines = [TitleLine.listed(kept) for line in titles.lines
             if (kept := tuple(p for p in line.pieces if not any(_holds(p, w) for w in words)))]
    return TitleList(tuple(lines) or (TitleLine((clause,), ()),), titles.skipped)


def _with_unseen(clause: str, act: Recommend, titles: TitleIndex, reader: MentionReader) -> tuple[Intent, ...]:
    """A request beside a movie said not seen ("actually I never saw Risky Business, mixed it up with something
    else"): that movie leaves the history too (the service's NotWatched), whatever the request asks."""
    if not _NOT_SEEN.search(clause):
        return (act,)
    spans = [s for s in sentence_spans(clause, titles) if _NOT_SEEN.search(clause[:s.start])
             and not set(s.movies) & set(act.excluded_movies)]
    readings = reader.read(clause, [(s.start, s.stop) for s in spans], getattr(titles, "budget", None))
    unseen = tuple(span.text for span, r in zip(spans, readings)
                   if r.status == "not_watched" and not r.watched and not reader.unsure(r))
    return (NotWatched(unseen, unseen=unseen), act) if unseen else (act,)


# "the new", "the latest" right before a title: a recent film of that name ("saw the new dune in imax")
_NEW_BEFORE = re.compile(r"\bthe\s+(?:new|newest|latest)\s+$", re.I)  # not "my new Jaws blu-ray"
LONG_PAST_YEARS = 10  # a film this many years older than today is not what "the new <its name>" means


def _long_past(span, titles: TitleIndex) -> bool:
    """Whether every film the span names came out long before today ("the new Dune" is not Dune (1984))."""
    years = [titles.catalog.by_id(m).year for m in span.movies if m in titles.catalog]
    return bool(years) and all(y and y < date.today().year - LONG_PAST_YEARS for y in years)


# the add command itself, to the history, politely or not ("please add X, Y and Z", "kindly record X"); not to a list
# of films to see ("add X to my watchlist")
_ADD_COMMAND = re.compile(r"^\W*(?:(?:please|pls|plz|kindly|can you|could you|would you|abeg|ok(?:ay)?|so|just)\s+)*"
                          r"(?:add|record|log|put down|note down|jot down|mark down|(?<=please )note|(?<=kindly )note|"
                          r"(?<=please )mark|(?<=kindly )mark|(?:mark|note)(?=.*\bas\s+(?:seen|watched)\b)|"
                          r"(?:(?:for|on|onto|to|in)\s+)?my list(?=\s*:|\s+(?:should|must|ought to)\s))\s*:?\s+"
                          r"(?!.*\b(?:watch\s?list|to[- ]watch|to see|wish\s?list|queue|list of (?:films|movies) to)\b)"
                          # ... nor with a film said unseen: "please add A and B, haven't seen them yet"
                          r"(?!.*(?:\b(?:haven'?t|havent|have not|not yet|never|didn'?t|did not|if i)\b|n't\b))",
                          re.I | re.S)


def _gated(clause: str, act: Intent, titles: TitleIndex | None, reader: MentionReader | None,
           before: str = "") -> tuple[Intent, ...]:
    """An add, read again by the mention-status model: a movie the clause says was NOT watched (negated, wished
    for, asked about, someone else's, a reference) is taken out of it and said apart (one said not watched, and
    in the history, leaves it: the service's NotWatched); a liked one marks it liked. `before`: the clause before
    it in the message, for an elliptic clause that takes its verb from there ("Seen Alien. Not Aliens though.").
    A reading that is unsure leaves the add as the rules read it."""
    if reader is None or titles is None:
        return (act,)
    if isinstance(act, Recommend):
        return _referenced(clause, act, titles, reader)
    if not isinstance(act, AddWatched):
        return (act,)
    # "I'm a big fan of ...": a title before "fan" is the adjective of the phrase, not a movie
    spans = [s for s in sentence_spans(clause, titles, said_watched=True) if not _FAN.match(clause[s.stop:])]
    # "Dave and I saw Meet the Parents", "sorry to all the Sound of Music fans": a piece that holds only a person's
    # name or a fan's film, and no title of its own, is no title
    not_films = [s.text.strip() for s in titles.spans(clause)
                 if a_person_named(s, clause) or _OTHERS_AS_FANS.search(clause[:s.start]) and _FAN.match(clause[s.stop:])]
    if not_films:
        kept_names = [s.text.strip() for s in spans]
        lines = [TitleLine.listed(kept) for line in act.titles.lines
                 if (kept := tuple(p for p in line.pieces if not (any(_holds(p, n) for n in not_films)
                                                                   and not any(_holds(p, n) for n in kept_names))))]
        act = replace(act, titles=TitleList(tuple(lines) or (TitleLine((clause,), ()),), act.titles.skipped))
    # an everyday title listed beside a title that is no everyday word is an item of the list ("the lineup was
    # clueless, 10 things i hate about you and scream")
    listed = any(not s.everyday for s in spans)
    if act.guessed and (plain := [s for s in spans if not names_a_title(s, clause) and not _RATED.match(clause[s.stop:])
                                  and not (listed and _list_item(clause, s))]):
        # no verb said these are titles: everyday words are one only written as a title or taken by a viewing verb
        # ("caught heat on cable"), not in "the heat today is unbearable"
        spans = [s for s in spans if s not in plain]
        act = replace(act, titles=_without(act.titles, [s.text for s in plain], clause))
    readings = _read_spans(clause, spans, titles, reader, before)
    # "my husband watched X-Men on the plane", "she's seen toy story a million times": the viewing verb's subject is
    # someone else (found once: the reading and the reply's "seen already" both need it)
    # "My grandson watched The Matrix with me": the speaker there too, said right after the film (found once)
    with_speaker = {span for span in spans if _WITH_ME_LATER.match(_marked_after(clause, span, spans))}
    by_others = {span for span in spans if (_viewed_by_others(clause, span, spans) and span not in with_speaker
                                            or _seen_by_others(clause, span, spans))
                 and not _WITH_ME_AFTER.match(clause[span.stop:])}  # "Wife watched Heat with me": ours too
    # the speaker's own plain viewing verb before the title, or in a relative clause after it (found once)
    said = {span for span in spans if _I_VIEWED_RIGHT_BEFORE.search(_words_before(clause, span))
            or _I_VIEWED_AFTER.match(clause[span.stop:])}
    readings = [_whose_viewing(clause, span, span in by_others, span in with_speaker,
                               _said_watched(clause, span, r) if not reader.unsure(r) or span in said else r)
                for span, r in zip(spans, readings)]
    if not act.guessed and (_ADD_COMMAND.match(clause) or PUT_IN.match(clause)):
        # "Please add The Lion King, Aladdin and Beauty and the Beast.": the command adds what it names, however
        # a wish it sounds to the model
        said |= set(spans)
        readings = [r if r.watched else _as_watched(r) for r in readings]
    # the viewing verb reaches every title of its list ("we've done ghostbusters and airplane already")
    for i, (span, later) in enumerate(zip(spans, spans[1:len(readings)])):
        if (readings[i].status == "watched" and _VIEWED_RIGHT_BEFORE.search(clause[:span.start])
                and _COORDINATED.match(clause[span.stop:later.start]) and later not in by_others
                and readings[i + 1].status in ("not_watched", "reference")
                and not _LEFT_AFTER.search(clause, later.stop)):
            readings[i + 1] = _as_watched(readings[i + 1])
            said.add(later)  # held, however near even ("i put on jaws and then jaws 2 after it")
    # a film compared with one the speaker watched was watched too: "aliens is better than alien", "Heat was way
    # better than Ronin"
    compared = set()
    for i, (span, later) in enumerate(zip(spans, spans[1:len(readings)])):
        if (readings[i].watched and _COMPARED.match(clause[span.stop:later.start]) and later not in by_others
                and not readings[i + 1].watched and not _QUESTION.search(clause) and not _NOT_SEEN.search(clause)
                and not _HEARSAY.search(clause)):
            readings[i + 1] = _as_watched(readings[i + 1])
            compared.add(later)  # held however near even the reading was
    # a verdict weighed against a film said before ("Grease, less so.", "Scream was more fun") is a viewing's
    for i, span in enumerate(spans[:len(readings)]):
        if not readings[i].watched and span not in by_others and weighed_verdict(span, clause):
            readings[i] = _as_watched(readings[i])
            compared.add(span)
    before = before if _ELLIPTIC.match(clause) else ""
    spans = spans[:len(readings)]  # past the message's budget, the rest are left as the rules read them
    # a reading near even is left as the rules read it; a title said not seen right before it ("actually i didnt
    # watch goodfellas", "have not seen Airplane! yet") is not watched, whatever the reading ("haven't seen Heat in
    # years" is)
    negated = {span for span in spans if (_negated_before(clause, span, spans)
                                          or _NOT_FINISHED_RIGHT_BEFORE.search(clause[:span.start])
                                          or _THIS_NOT_SEEN_AFTER.match(clause[span.stop:])
                                          or _INTENDED_RIGHT_BEFORE.search(clause[:span.start])
                                          and not re.match(r"\s+again\b", clause[span.stop:], re.I)
                                          # "i really want to watch jaws with my son, i loved it as a kid"
                                          and not _ONCE_SEEN_AFTER.search(clause, span.stop)
                                          or (_PLANNED_RIGHT_BEFORE.search(clause[:span.start])
                                              or _ON_A_LIST_TO_SEE_AFTER.match(clause, span.stop))
                                          and not _DONE_AFTER_ALL.search(clause[span.stop:]))
               and not _SINCE.match(clause[span.stop:])
               and not _BUT_I_DID.match(clause[span.stop:])}
    # known by hearsay, no viewing verb said: "An Schindler's List, though I hear it's affa sad" (after a wish); or
    # named as what something else is like: "the pod race excepted, which is pure Ben-Hur"
    negated |= {span for span in spans if (_HEARD_OF_AFTER.match(clause[span.stop:])
                                           or _LIKENED_TO_BEFORE.search(clause[:span.start]))
                and not _VIEWED_RIGHT_BEFORE.search(clause[:span.start]) and span not in said}
    # a title taken back in the same sentence ("Rocky II, sorry, I tell a lie, it was Rocky III") is not watched
    repaired = [i for i in range(len(spans) - 1) if _REPAIRED_BY.match(clause[spans[i].stop:spans[i + 1].start])]
    negated |= {spans[i] for i in repaired}
    # the title said in its place is what was watched, as the first was said ("saw raging bull, wait no, taxi driver")
    for i in repaired:
        first, later = readings[i], readings[i + 1]
        if spans[i + 1] not in negated and not later.watched and (
                first.watched or _VIEWED_RIGHT_BEFORE.search(clause[:spans[i].start])):
            readings[i + 1] = replace(later, status=first.status if first.watched else "watched",
                                      watched_probability=max(later.watched_probability, 0.5))
            said.add(spans[i + 1])  # held, however near even
    # the negation reaches every title of its list ("never seen The Godfather or Star Wars", "haven't seen A, B or C")
    for span, later in zip(spans, spans[1:]):
        joined = clause[span.stop:later.start]
        if span in negated and _COORDINATED.match(joined) and not _SEEN_AFTER.match(clause[later.stop:]) \
                and (re.search(r"\b(?:or|nor|and)\b|&", joined) or _ITEM_ENDS.match(clause[later.stop:])):
            negated.add(later)
    # "the new Mission Impossible" on a catalogue whose film of that name is long past: a newer film it lacks
    newer = {span for span in spans if _NEW_BEFORE.search(clause[:span.start]) and _long_past(span, titles)}
    negated |= newer
    said |= compared  # held, however near even
    sure = [(span, r) for span, r in zip(spans, readings) if before or not reader.unsure(r) or span in negated
            or span in said]
    # a reading near even that leans against the rules' "watched" is not guessed: the movie is not stored, and the
    # reply asks ("did you watch it yourself?"); one that leans their way agrees with them, and the rules stand
    asked = [(span, r) for span, r in zip(spans, readings) if (span, r) not in sure and not r.watched
             and not before and _taken_as_title(clause, span, len(spans))]
    unseen = [(span, r) for span, r in sure if not r.watched or span in negated
              or reader.unsure(r) and not before and span not in said]
    unseen += asked
    # a title read as watched takes a piece's place only where it names a film here (`_taken_as_title`)
    as_said = {span: _with_its_year(clause, span) for span in spans}
    watched = [as_said[span] for span, r in sure if r.watched and span not in negated
               and (before or not reader.unsure(r) or span in said) and _taken_as_title(clause, span, len(spans))]
    watched += [more for span, r in sure if as_said[span] in watched for more in _numbers_after(clause, span, titles)]
    around = re.sub(r"[\W_]+", "", _around_titles(clause, spans))
    liked = act.liked or (bool(around) and any(r.status == "liked" and r.confidence >= 0.5 and r.watched
                                               for r in readings))  # a bare title says no opinion
    if not unseen:
        return (replace(act, titles=_regrounded(act.titles, [], watched, titles, clause), liked=liked),) \
            if watched else (replace(act, liked=liked),)
    named = [span.text for span, _ in unseen]
    noted = NotWatched(tuple(named), wanted=any(r.status in ("wants", "reference") for _, r in unseen if (_, r) not in asked),
                       ask=tuple(span.text for span, _ in asked),
                       unseen=tuple(span.text for span, r in unseen if (span, r) not in asked
                                    and (r.status == "not_watched" or reader.unsure(r) or span in negated)
                                    and (_NOT_SEEN.search(clause[:span.start])
                                         or _NOT_FINISHED_RIGHT_BEFORE.search(clause[:span.start])
                                         or _NOT_SEEN_AFTER.match(clause[span.stop:])
                                         # "Harold and Maude is on my list to watch, I haven't actually seen it"
                                         or len(spans) == 1 and _said_unseen_later(clause[span.stop:]))))
    others = tuple(span.text for span, r in unseen if r.status == "not_watched" and span in by_others)
    noted = replace(noted, seen_by_others=others, newer=tuple(span.text for span in spans if span in newer))
    kept = _regrounded(act.titles, named, watched, titles, clause)
    return (replace(act, titles=kept, liked=liked), noted) if kept.lines else (noted,)


# a film said to wait on a list of films to see: "Apocalypse Now is still sitting on my list of things to get to",
# "Ran's been in my queue for ages" (not "on my list" alone, which may be the history here)
_ON_A_LIST_TO_SEE_AFTER = re.compile(r"\s*(?:is|'s|are|has\s+been|'s\s+been|have\s+been|was)\s+(?:(?:still|just|also|now|"
                                     r"been|sitting|languishing|waiting|stuck|gathering\s+dust)\s+)*(?:on|in|at\s+the\s+top\s+of)\s+"
                                     r"(?:my|our)\s+(?:(?:watch\s*-?list|queue|to-?watch\s+list|to\s+watch\s+list|plan[- ]to[- ]watch"
                                     r"(?:\s+list)?|backlog|must-?see\s+list|bucket\s+list)\b|list\s+(?:of\s+(?:things|films|movies|stuff)\s+)?"
                                     r"(?:to|i\s+(?:want|mean|need)\s+to)\s+(?:watch|see|get\s+(?:to|round\s+to|around\s+to)|check\s+out)\b)",
                                     re.I)
# the film said not seen later in its sentence, by "it": "X is on my list to watch, I haven't actually seen it"
_NOT_SEEN_IT_LATER = re.compile(r"\b(?:i|we)\s+(?:(?:actually|really|honestly)\s+)?(?:have\s*n'?t|haven'?t|havent|have not|"
                                r"never|didn'?t|didnt|did not|ain'?t|aint|"
                                # "So I wouldn't say I've seen it really"
                                r"(?:wouldn'?t|would not|couldn'?t|can'?t|cannot)\s+(?:really\s+)?say\s+(?:that\s+)?(?:i|we)"
                                r"(?:'ve|\s+have)?)\s+(?:(?:actually|really|even|ever|yet|properly)\s+)?(?:seen|watched|"
                                r"saw|see|watch)\s+(?:it|that one)\b", re.I)


_FIRST_TIME = re.compile(r"\s*(?:before|till|until|til)\b", re.I)
# not seen one way, or not coming: "I didn't see it coming", "I never saw it at the cinema", "not on the big screen"
_A_WAY_OF_SEEING = re.compile(r"\s*(?:coming\b|at\s+(?!all\b)|in\s+(?:the\s+|a\s+)?(?:cinemas?|theat|3d|imax|colou?r|full|hd)|"
                              r"on\s+(?:the\s+)?(?:big screen|tv|telly|dvd|vhs|video|blu)|back\s+(?:then|in)\b|properly\b)", re.I)


def _said_unseen_later(after: str) -> bool:
    """Whether the words after a film say it was not seen ("..., I haven't actually seen it"), not long ago ("I
    haven't seen it in years": `_SINCE`)."""
    said = _NOT_SEEN_IT_LATER.search(after)
    # "I watched X. I never saw it before, loved it": the first viewing
    if said is None:
        return False
    rest = after[said.end():]
    return not _SINCE.match(rest) and not _FIRST_TIME.match(rest) and not _A_WAY_OF_SEEING.match(rest)


# a plan, said after the film: "convinced me to watch Heat tonight", "got me to see Titanic next week"
_LATER_AFTER = re.compile(r"^[^.;!?]{0,40}?\b(?:tonight|tomorrow|later|soon|next\s+(?:week|weekend|month|time|friday|"
                          r"saturday|sunday)|this\s+(?:weekend|evening|friday|saturday|sunday))\b", re.I)
_WITH_ME_AFTER = re.compile(r"^[^.;!?]{0,40}?\bwith\s+(?:me|us|me and)\b", re.I)
# a wish or a plan, no viewing: "my grandson wants to watch Psycho with me"
# ("he would watch Jaws over and over", "my brother wanted to see Heat again" are viewings)
_A_WISH = r"wants?|wanna|hopes?|hoping|plans?|planning|going|gonna|might|should|needs?|wish(?:es)?|begs?|begging|dying|keen|itching"
# someone else, then a viewing verb whose subject it is: "my husband watched", "my daughter took them to see", "he
# rewatched"; not "my husband and I watched", "my son took me to see", nor a group the speaker is in ("our family")
_OTHERS_VIEWED = re.compile(r"(?<!me and )(?<!me n )(?<!me & )(?<!me an )(?<!me, )"
                            # the person taken along is no subject: "I took my daughter to see X", "went with her to see"
                            r"(?<!took )(?<!take )(?<!taking )(?<!brought )(?<!bring )(?<!dragged )(?<!with )(?<!let )"
                            # a relation said bare, opening the sentence: "Wife watched X + Y", "FYI team watched Heat"
                            # ... or after "and", "then": "I missed it, and the kids watched Mary Poppins with her"
                            # (not "me, my wife and kids watched X": the speaker among them)
                            r"(?:(?:(?<![\w,] )\b(?:fyi\s+)?(?:the\s+)?|(?:(?<=, and )|(?<=\bthen )|(?<=\bbut )|(?<=\bwhile ))the\s+)"
                            r"(?:wife|husband|hubby|missus|kids|grandkids|son|daughter|team|boss|"
                            r"partner|mum|mom|dad|bf|gf|boyfriend|girlfriend|children|grandchildren|grandson|granddaughter|"
                            r"nephews?|nieces?|twins|parents|in-laws)(?=\s+(?:(?:also|just|finally|already)\s+)?"
                            r"(?:watched|saw|rewatched|re-watched|caught)\b)|"
                            # "our tom watched Scream": a Yorkshireman's brother, one word (not "our whole family", "our
                            # reading group", "our house")
                            r"\bour\s+(?:(?:two|three|four|oldest|eldest|youngest|middle|older|younger|little)\s+)?"
                            r"(?!(?:whole|entire|extended|family|household|house|home|club|group|class|church|team|"
                            r"lot|gang|crew|book|reading|youth|film|movie|office|street|school|own|little)\b)\w+(?=\s+(?:(?:also|"
                            r"just|finally|already)\s+)?(?:watched|saw|rewatched|re-watched|caught)\b)|"
                            r"\b(?:she|he|they|(?:my|his|her|their)\s+(?:(?!(?:whole|entire|family|household|club|"
                            r"group|class|film|movie|book|reading)\b)\w+\s+)?(?!(?:family|household|club|group|class|own|i|we|me|us|you|to|with|and|"
                            r"team|lot|gang|crew|book|film|movie|"
                            r"or|for|along|" + _A_WISH + r")\b)\w+))"
                            # "he had watched The Apostle", "she'd seen it twice": a story of another's viewing
                            r"(?:\s+had|'d)?"
                            # "she has seen X" is said of someone the speaker chooses for (`_seen_by_others`)
                            r"\s+(?:(?!(?:i|we|me|us|and|with|or|not|never|didn'?t|hasn'?t|haven'?t|has|have|had|"
                            + _A_WISH + r")\b)"
                            r"[\w']+\s+){0,3}?"
                            # only verbs of viewing: "my son put on Die Hard" may be watched with him
                            r"(?:watched|saw|seen|rewatched|re-watched|caught|see|watch)\s+(?:\uFFFC(?:\s*(?:,|and|&|or|\+))?\s*)*$",
                            re.I)


def _whose_viewing(clause: str, span, by_others: bool, with_speaker: bool, reading):
    """The reading where closed words around the title settle it, whatever the model read: something about the film
    ("saw the x-men trailer": neither stored nor taken out), someone else's viewing, or "... but I have" and "...
    watched X with me" (the speaker's, which outranks the others'). `with_speaker`: "with me" said right after it."""
    if _BUT_I_DID.match(clause[span.stop:]) or with_speaker and _ANYONE_VIEWED.search(_words_before(clause, span)):
        # "... but I have"; "My grandson watched The Matrix with me": the speaker there
        return replace(reading, status="watched", confidence=1.0, watched_probability=1.0)
    if _ONLY_A_VIEWER_AFTER.match(clause[span.stop:]) and not by_others:
        return replace(reading, status="disliked", confidence=1.0, watched_probability=1.0)
    if by_others:
        return replace(reading, status="not_watched", confidence=1.0, watched_probability=0.0)
    if _NOT_THE_FILM.match(clause[span.stop:]) or _WISHED_HEADING.search(clause[:span.start]):
        return replace(reading, status="wants", confidence=1.0, watched_probability=0.0)
    return reading


# a list headed by a wish: "These are the ones I would like to see someday: Lawrence of Arabia and Ben-Hur", "the ones
# we want to watch are ..."
_WISHED_HEADING = re.compile(r"\b(?:ones|films|movies|titles|these|those)\b[^:.!?]{0,20}?"
                             r"\b(?:i|we)(?:'d|\s+would|\s+want|\s+wanna|\s+hope|\s+plan|\s+mean|\s+intend)\s*(?:like|love)?\s*"
                             r"(?:to\s+)?(?:see|watch)\b[^:.!?]{0,30}(?::|\s+(?:are|include))\s+[^.!?:]*$", re.I)


# Capitalised words that open a sentence and name no one who watched: "Finally watched X", "Lol watched X",
# "Saturday watched X" are the speaker's own viewings ("Wife watched X", "Everyone saw X" are left to _OTHERS_VIEWED)
_OPENINGS_NOT_NAMES = (
    "Finally Just Also Then Yesterday Today Tonight Recently Actually Already Never Once Again Lately Earlier Later "
    "Eventually Last Only Still Even Honestly Literally Really Totally Definitely Basically Rewatched Everyone "
    "Everybody Nobody Somebody Someone Both Wife Husband Mom Mum Dad "
    "Lol Lmao Omg Haha Hah Yeah Yea Yes Yep Yup Nah Nope Okay Oops Whoops Wow Ugh Hmm Welp Well Anyway Anyways Tbh "
    "Btw Idk Imo Fwiw Ngl Bruh Dude Lowkey Highkey Srsly Legit Fr Aw Oh Ah Eh Meh Ooh Ok Sooo Soo "
    "And But Plus Because Cause Since When While After Before "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Weekend Tonite Yday Morning Afternoon Evening "
    "Sadly Luckily Unfortunately Fortunately Apparently Obviously Seriously Surprisingly Clearly Personally Hopefully "
    "Originally Initially Accidentally Randomly Secretly Happily Naturally Typically Usually Probably Possibly "
    "Supposedly Admittedly Ironically Weirdly Strangely Oddly Funnily Thankfully Mostly Barely Nearly Rarely "
    "Somehow Meanwhile Instead Otherwise Anyhow Twice Thrice Having Upon").split()
# someone named, starting the sentence, then a viewing verb: "Linda watched Steel Magnolias with her sister" (not
# "Linda and I watched X")
_NAMED_VIEWED = re.compile(rf"(?:^|[.!?;]\s+)(?:(?:and|but|so|then|also|now)\s+)?"  # "And Cian watched Aladdin with his mother"
                           # "Wee Isla watched The Lion King four times ... while I was at the bowls"
                           r"(?:(?:wee|little|lil|young|baby|big|auntie|aunty|uncle|cousin|granny|grandma|grandpa|nana)\s+)?"
                           # "Sharon from ward 6 watched Ghost", "one of the HCAs watched ..."
                           rf"(?:(?!(?:{'|'.join(_OPENINGS_NOT_NAMES)})\b)(?-i:[A-Z][a-z]{{2,}})"
                           r"(?:\s+from\s+(?:ward\s+\d+|the\s+\w+\s+ward|next\s+door|upstairs|downstairs|accounts|"
                           r"(?:my|our|the)\s+(?:office|ward|team|book\s+club|church|class|unit)))?|one\s+of\s+(?:the|my|our)\s+[\w-]+)\s+"
                           r"(?:(?:also|finally|already|just|then|only)\s+)?(?:watched|saw|rewatched|re-watched|caught)\s+"
                           r"(?:\uFFFC(?:\s*(?:,|and|&|or|\+))?\s*)*$", re.I)


# someone else watching it now: "hubbys watchin top gun again in the other room", "my son is watching Heat"
# the people of a household who watch without the speaker (each pattern below adds its own)
_HOUSEHOLD = ("wife|husband|hubby|missus|son|daughter|dad|mum|mom|brother|sister|roommate|flatmate|boyfriend|girlfriend|"
              "partner")
_OTHERS_WATCHING = re.compile(r"(?<!\bwith )(?<!\band )(?<!\bmy )(?<!\bthe )(?<!\bour )(?<!\bhis )(?<!\bher )"
                              rf"\b(?:(?:(?:my|the|our|his|her)\s+)?(?:(?:{_HOUSEHOLD}|bro|sis|bf|gf)(?:'s|’s|s|\s+is)|"
                              r"kids\s+are|kids'?re)|(?:he|she)(?:'s|’s|s|\s+is)|they(?:'re|’re|\s+are))"
                              r"\s+(?:(?:still|now|currently|just|busy|always)\s+)?"
                              r"(?:watching|watchin'?|rewatching)\s+(?:\uFFFC(?:\s*(?:,|and|&|or|\+))?\s*)*$", re.I)


# someone else had it on: "missus had sleepless in seattle on, i watched bad boys", "kids had the lion king and aladdin
# on while i was out" (the "on" after the list)
_OTHERS_HAD = re.compile(rf"(?<!\bme and )(?<!\bme n )(?<!\bme & )\b(?:(?:my|the|our|his|her)\s+)?(?:{_HOUSEHOLD}|kids|grandkids|"
                         r"family)\s+had\s+(?:\uFFFC(?:\s*(?:,|and|&|\+))?\s*)*$", re.I)
_ON_AFTER = re.compile(r"^(?:\s*(?:,|and|&|\+)?\s*\uFFFC)*\s+on\b(?=\s*(?:[,.;!?]|$|while|whilst|when|as|in\s+the|"
                       r"downstairs|upstairs|again|last|this|all))(?!\s+all\s+(?:day|night|weekend|saturday|sunday)\s+so)", re.I)


# a viewing verb right before the title, whoever watched ("my grandson watched", "the kids saw")
_ANYONE_VIEWED = re.compile(r"\b(?:watched|saw|seen|rewatched|re-watched|caught|put\s+on)\s+$", re.I)
# the speaker there too, said right after the film (other titles of its list between, as marks, and words of when or
# where): "My grandson watched The Matrix with me", "the kids saw Heat and Ronin with us"; not "... keeps begging to
# rewatch it with me" (another verb's)
_WITH_ME_LATER = re.compile(r"^(?:\s*(?:,|and|&|\+)?\s*\uFFFC)*(?:\s+(?:again|too|also|together|twice|last\s+\w+|yesterday|"
                            r"tonight|today|on\s+(?:\w+day|tv|dvd|video|the\s+telly)|at\s+(?:the\s+)?\w+(?:'s)?))*"
                            r"\s+(?:with|w/|wi)\s+(?:me|us)\b", re.I)


def _viewed_by_others(clause: str, span, spans: list) -> bool:
    """Whether the viewing verb right before the span (other titles of its list between) is someone else's."""
    if _BY_THEMSELVES_AFTER.match(clause, span.stop) and _ANOTHER_VIEWED_RIGHT_BEFORE.search(clause, 0, span.start):
        return True  # "and then dave watched the rock by himself after i went to bed"
    return _verb_before(clause, span, spans, _OTHERS_VIEWED) or _verb_before(clause, span, spans, _NAMED_VIEWED) \
        or _verb_before(clause, span, spans, _OTHERS_WATCHING) or (
            _verb_before(clause, span, spans, _OTHERS_HAD) and bool(_ON_AFTER.match(_marked_after(clause, span, spans)))
            or _verb_before(clause, span, spans, _OTHERS_PUT_ON)) and bool(_AWAY_AFTER.search(clause, span.stop)) \
        and not _JOINED_AFTER.search(clause, span.stop)


# something else likened to the film: "which is pure Ben-Hur", "it was straight out of Jaws", "a nod to Vertigo"
_LIKENED_TO_BEFORE = re.compile(r"\b(?:is|was|'s|are|were|feels?|felt)\s+(?:(?:just|basically|so|very|total|totally)\s+)?"
                                r"(?:pure|straight\s+(?:out\s+of|from)|reminiscent\s+of|an?\s+(?:homage|nod)\s+to|"
                                r"a\s+(?:rip-?off|copy)\s+of|lifted\s+(?:from|straight\s+from))\s+$", re.I)
# what the speaker has only heard of the film, said right after it: "..., though I hear it's affa sad"
_HEARD_OF_AFTER = re.compile(r"^\s*[,;]?\s*(?:(?:though|tho|but|and|as)\s+)?(?:i|we)(?:\s+hear|\s+heard|'ve\s+heard|\s+have\s+heard|"
                             r"\s+am\s+told|\s+was\s+told|'m\s+told)\s+(?:it'?s|it\s+is|it\s+was|that|they\s+say)\b", re.I)
# alone, said after the film: "... by himself", "... on her own", "... without me"
_BY_THEMSELVES_AFTER = re.compile(r"\s+(?:all\s+)?(?:by\s+(?:himself|herself|themselves)|on\s+(?:his|her|their)\s+own|"
                                  r"without\s+(?:me|us))\b", re.I)
# ... after a viewing verb whose subject is no speaker: "dave watched", "the boy saw"
_ANOTHER_VIEWED_RIGHT_BEFORE = re.compile(r"\b(?!(?:i|we|me|us|and|then|also|just)\b)[a-z]+\s+(?:(?:then|also|just)\s+)?"
                                          r"(?:watched|saw|rewatched)\s+$", re.I)
# ... unless the speaker came to it after: "..., then I sat down and watched the rest with them", "but I caught most of it"
_JOINED_AFTER = re.compile(r"\b(?:i|we)\s+(?:[\w']+\s+){0,4}?(?:watched|caught|saw|seen)\s+(?:the\s+rest|most|it|the\s+end|"
                           r"the\s+whole|all|the\s+last)\b", re.I)
# someone else put it on, the speaker busy elsewhere (said after it): "they put on Toy Story while I did the dishes"
_OTHERS_PUT_ON = re.compile(rf"(?<!\bme and )(?<!\bme n )\b(?:they|he|she|(?:(?:my|the|our|his|her)\s+)?(?:{_HOUSEHOLD}|kids|"
                            r"grandkids|family))\s+(?:put|stuck|threw)\s+on\s+(?:\uFFFC(?:\s*(?:,|and|&|\+))?\s*)*$", re.I)


# the speaker said to be elsewhere or at something else while someone else had it on: "... on while i was out docking",
# "..., i watched bad boys in the other room" (without it, "Hubby had Titanic on again, ended up watching the whole
# thing" and "Wife had Ghost on. Cried like a baby" are the speaker's viewings too)
_AWAY_AFTER = re.compile(r"\b(?:while|whilst|when|as)\s+(?:i|we)\s+(?:was|were|went|did|got|slept|cooked)\b|"
                         r"\b(?:i|we)\s+(?:was|were)\s+(?:out|away|asleep|upstairs|downstairs|at\b|in\s+(?:the\s+)?(?:garden|kitchen|bed|"
                         r"shower|other))|\bother\s+room\b|\b(?:i|we)\s+went\s+(?:to\s+bed|out|upstairs)\b", re.I)


def _marked(clause: str, spans: list, start: int, stop: int) -> str:
    """clause[start:stop], the titles wholly inside it standing as one mark each."""
    part = clause[start:stop]
    for other in sorted((s for s in spans if start <= s.start and s.stop <= stop), key=lambda s: -s.start):
        part = part[:other.start - start] + "\uFFFC" + part[other.stop - start:]
    return part


def _marked_after(clause: str, span, spans: list) -> str:
    """The clause after the span, the other titles after it standing as one mark each."""
    return _marked(clause, spans, span.stop, len(clause))


def _seen_by_others(clause: str, span, spans: list) -> bool:
    """Whether a third person's viewing verb stands before the span, with only other titles of a list between
    ("she's already seen titanic and notting hill")."""
    return _verb_before(clause, span, spans, _SEEN_BY_OTHERS)


def _verb_before(clause: str, span, spans: list, pattern: re.Pattern) -> bool:
    """Whether `pattern` ends right before the span, the other titles before it standing as one mark each."""
    before = _marked(clause, spans, 0, span.start)
    # "My granddaughter Ceri watched 'Titanic'": the quotes around a title are no words between verb and title
    return bool(pattern.search(_TITLE_QUOTES.sub("", before)))


_TITLE_QUOTES = re.compile("[\"'‘’“”«»]+(?=\uFFFC)|(?<=\uFFFC)[\"'‘’“”«»]+|(?<=\\s)[\"'‘“«]+$")


def _words_before(clause: str, span) -> str:
    """The clause up to the span, without the quote that opens the title ("persuaded me to watch 'Pulp Fiction'")."""
    return _TITLE_QUOTES.sub("", clause[:span.start])


# "star wars 4 and 5", "rocky 2, 3 & 4": more numbers of the series said right after a numbered title
_MORE_NUMBERS = re.compile(r"^(?:\s*(?:,|and|&|\+|,\s*and)\s*(?:\d{1,2}|[ivx]{1,4})\b"
                           # "rocky 2, 4 out of 5", "3 times now": a score or a count, no film
                           r"(?!\s*(?:/|out\s+of|outta|stars?|times|x\b|%|\.\d)))+", re.I)
_FIRST_NUMBER = re.compile(r"^\s+(?:part\s+)?(?:1|i|one)\b(?=\s*(?:,|and\b|&|\+))", re.I)
_SERIES_AND_NUMBER = re.compile(r"^(?P<series>.+?)\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", re.I)


def _numbers_after(clause: str, span, titles: TitleIndex) -> list[str]:
    """The series' other films said by their numbers alone after a numbered title ("seen star wars 4 and 5 but
    never jedi": Star Wars 5 too), each where the series and number name a catalogue film."""
    series = _SERIES_AND_NUMBER.match(span.text)
    after = clause[span.stop:]
    if series is None and (first := _FIRST_NUMBER.match(after)):
        # "Watched Back to the Future I, II and III": the first film by its name, then its number
        series, after = {"series": span.text}, after[first.end():]
    more = _MORE_NUMBERS.match(after)
    if series is None or more is None:
        return []
    named = [f"{series['series']} {n}" for n in re.findall(r"\d{1,2}|[ivx]{1,4}", more.group(), re.I)]
    return [name for name in named if len(titles.lookup(name)[0]) == 1]


# "haven't seen Heat in years": seen, long ago
_SINCE = re.compile(r"^\W*(?:\((?:18|19|20)\d{2}\)\s*)?(?:in|for)\s+(?:years|ages|forever|decades|a\s+(?:long\s+)?while|a\s+long\s+time|"
                    r"so\s+long)\b|^\W*since\b", re.I)


def _taken_as_title(clause: str, span, count: int) -> bool:
    """Whether a span read as watched names a film here: a name no everyday sentence holds ("se7en"), one written
    or taken as a title ("caught heat"), the clause's only title, a list item, or rated ("heat 9/10"), or said
    watched right after it ("casino i watched"); not the "big" of "a big fan of X"."""
    return bool(names_a_title(span, clause) or _named_as_title(span.text) or _SEEN_AFTER.match(clause[span.stop:])
                or _I_VIEWED_AFTER.match(clause[span.stop:])  # "Heat, which I have."
                or count == 1 and not span.everyday or _list_item(clause, span) or _RATED.match(clause[span.stop:]))


# said after a film watched by the speaker, it was left before the end ("I watched X for ten minutes and turned it off")
_LEFT_AFTER = re.compile(r"\b(?:turned it off|switched it off|walked out|fell asleep|dozed off|gave up|stopped watching|"
                         r"couldn'?t finish|didn'?t finish|never finished|only (?:the )?first|for (?:\d+|ten|five|twenty|"
                         r"fifteen|a few) (?:min|mins|minutes)|after (?:\d+|ten|five|twenty|fifteen|a few) (?:min|mins|minutes)|"
                         # "tried hook but the disc was scratched so only got like 10 min in"
                         r"(?:\d+|ten|five|twenty|fifteen|a few) (?:min|mins|minutes) in\b|scratched|wouldn'?t (?:play|load)|"
                         r"didn'?t (?:play|load)|"
                         # "put on sleeping beauty and all 3 of us were asleep in like the first 2 min"
                         r"(?:were|was) (?:all |both )?(?:fast )?asleep|first (?:\d+|two|three|five|ten|few) (?:min|mins|minutes)\b|"
                         # "Went to a screening of Alien but it was sold out"
                         r"sold out|(?:was|got) cancell?ed|couldn'?t get (?:in|tickets)|didn'?t get in|no tickets left)",
                         re.I)


# what only someone who watched the film says right after it: "Eyes Wide Shut I did not understand", "X we couldn't
# follow at all" (a closed list of verbs)
_ONLY_A_VIEWER_AFTER = re.compile(r"^[\s,]*(?:i|we)\s+(?:did\s+not|didn'?t|didnt|could\s+not|couldn'?t|couldnt)\s+"
                                  r"(?:really\s+|quite\s+|fully\s+)?(?:understand|get|follow|enjoy|stand|bear)\b", re.I)


# "... but I have", "... but we did, twice", "... . I have.": the speaker saw the film someone else has not
_BUT_I_DID = re.compile(r"^(?:[^.;!?]{0,40}?\bbut\s+|\s*[.;!]\s*(?:but\s+)?)(?:i|we)(?:\s+(?:have|had|did)|'?ve|'d)(?:\s+(?:already\s+)?(?:seen|watched)\s+"
                        r"(?:it|that one)(?:\s+(?:already|before))?)?\s*"
                        # "but I have, back in the eighties"; not "but I have, honestly, heard it's great"
                        r"(?:[.;!?]|$|,\s*(?:back|years|ages|twice|once|long|in|at|when|as|on|with)\b)"
                        # "he's already seen the godfather and one flew over the cuckoo's nest, i have too"
                        # "my ex let them watch X on his weekend and then i had to sit thru it AGAIN"
                        r"|^[^.;!?]{0,60}?\b(?:and|then|so)\s+(?:then\s+)?(?:i|we)\s+(?:had to\s+|got to\s+|ended up\s+)?"
                        r"(?:sit(?:ting)?\s+(?:thru|through)|watch(?:ed)?|rewatch(?:ed)?|see|saw)\s+it\b(?!\s+(?:yet|later|soon|"
                        r"tomorrow|next))"
                        r"|^[^.;!?]{0,80}?(?:,|\band\b|\bso\b)\s*(?:(?:i|we)\s+(?:have|had|did)(?:\s+(?:seen|watched)\s+"
                        r"(?:it|them|both|those))?\s+(?:too|as well|also)|so\s+(?:have|did)\s+(?:i|we)|me\s+too)\s*(?:[.,;!?]|$)",
                        re.I)


# what is seen is something about the film, not the film: "saw the x-men trailer", "watched the star wars cartoon"
_NOT_THE_FILM = re.compile(r"^(?:\s*'s)?\s+(?:official\s+|new\s+|first\s+)?(?:trailers?|teasers?|previews?|clips?|posters?|"
                           r"ads?(?!\s+nauseam)|adverts?|commercials?|soundtracks?|musical|book|novel|comic|video\s*game|game|"
                           r"cartoons?|tv\s+(?:show|series)|remake|reboot|sequel|prequel|spin-?off|"
                           r"parody|reaction\s+videos?|behind\s+the\s+scenes|making[- ]of)\b", re.I)


# the film that was watched in the end, said right before it: "what I did see is Shine", "so we ended up watching Office
# Space instead"
_WHAT_I_SAW_BEFORE = re.compile(r"(?:\bwhat\s+(?:i|we)\s+(?:did\s+(?:see|watch)|saw|watched|(?:have|'ve)\s+seen)\s+(?:is|was)|"
                                r"\b(?:i|we)\s+end(?:ed)?\s+up\s+(?:watching|seeing)|"
                                # "Our film group screened Sabrina on Friday": a showing the speaker was at
                                r"\bour\s+(?:[\w-]+\s+){0,2}(?:screened|showed)|\b(?:we|i)\s+(?:screened|showed))\s+$", re.I)


# the speaker not there, or the viewing only supposed: "our club screened Vertigo but I couldn't go", "if we end up
# watching Jaws"
_AWAY_OR_IF = re.compile(r"\b(?:if|when|whether|might|may|couldn'?t|could\s+not|wasn'?t|weren'?t|away|missed|didn'?t|"
                         r"did\s+not|skipped|not\s+there|asleep|dozed|doesn'?t\s+count)\b", re.I)


def _said_watched(clause: str, span, reading):
    """The reading of a film the speaker says they watched, the verb right before it ("I watched jaws, then turned
    off the tv", "i watched heat then went to bed"): the model, which learnt "went to bed" and "turned off" from
    films others watched or left early, is not let to read it as not watched, unless the clause says it was left
    early; nor as a reference only ("need an 80s comedy, we've done ghostbusters and airplane already"). Other
    readings (wanted), readings near even (asked about) and other sentences stand."""
    if (_I_VIEWED_AFTER.match(clause[span.stop:]) or _DONE_AFTER.match(clause[span.stop:])
            or _I_HAD_IT.search(clause[:span.start]) and _SEEN_PARTICIPLE.match(clause, span.stop)
            or _FORGOT_TO_SAY_AFTER.match(clause, span.stop) and not _NOT_SEEN.search(clause[:span.start])
            or _SCORED_RIGHT_AFTER.match(clause, span.stop) and _OPENS_ITS_CLAUSE.fullmatch(clause[:span.start])
            and "?" not in clause and not _SCORE_HEARSAY.search(clause)
            or _INSISTED_ON.search(_words_before(clause, span)) and not _SPEAKER_OUT_AFTER.search(clause, span.stop)
            and not _LEFT_AFTER.search(clause, span.stop)
            or re.search(_HAD_ME_WATCH, _words_before(clause, span), re.I)
            and not _LATER_AFTER.match(clause[span.stop:])
            or _WHAT_I_SAW_BEFORE.search(_words_before(clause, span)) and not _AWAY_OR_IF.search(clause)
            and not _LEFT_AFTER.search(clause, span.stop)) \
            and not reading.watched:
        # "the grandchildren insisted on Toy Story 2, which I sat through with them", "she got me to watch X"
        return _as_watched(reading)
    if (reading.status not in ("not_watched", "reference") or not _VIEWED_RIGHT_BEFORE.search(clause[:span.start])
            or _NOT_SEEN.search(clause[:span.start]) or _LEFT_AFTER.search(clause, span.stop)):
        return reading
    return _as_watched(reading)


# the title, then that it was left out of what was said before: "wait also rush hour forgot that one"
_FORGOT_TO_SAY_AFTER = re.compile(r"\s*[,:;–—-]?\s*(?:i\s+|oh\s+|i\s+totally\s+)?(?:forgot|forget|missed|left out)\s+(?:that one|that|this one|"
                                  r"it|to (?:say|mention|add|list)(?: (?:it|that|that one))?)\b", re.I)
# a score given right after the title, the speaker's own: "armageddon 4/10 abeg, too much noise" (not "... 8/10 on imdb")
_SCORED_RIGHT_AFTER = re.compile(r"\s*[,:–—-]?\s*(?:\d{1,2}(?:\.\d)?\s*/\s*10|\d(?:\.\d)?\s*/\s*5|\d{1,2}\s+out\s+of\s+(?:10|ten))\b"
                                 r"(?![^.;!?]*\b(?:imdb|rotten|letterboxd|metacritic|critics?|reviews?|rated\s+on|on\s+the)\b)",
                                 re.I)
_OPENS_ITS_CLAUSE = re.compile(r"\W*(?:(?:and|also|then|plus|oh|ok|so|but)\W+)*", re.I)
_SCORE_HEARSAY = re.compile(r"\b(?:apparently|says?|said|according|rates?|rated|reckons?|thinks?|supposedly|reportedly)\b", re.I)
# the perfect said with the film between, as in Ireland and Scotland: "I had Heat watched before you asked"
_I_HAD_IT = re.compile(r"\b(?:i|we)\s*(?:had|have|'d|'ve)\s+(?:(?:already|just|long|since)\s+)?$", re.I)
_SEEN_PARTICIPLE = re.compile(r"\s+(?:(?:already|just|long|since)\s+)?(?:watched|seen)\b", re.I)
_I_VIEWED_AFTER = re.compile(r"^\s*,?\s*\(?\s*(?:" + _I_VIEWED_WORDS + "|" + ONE_I_VIEWED + ")", re.I)
# the title, then that it was seen through: "now heathers is done", "godfather finished last night" (not "... done
# yet", "is next")
_DONE_AFTER = re.compile(r"^\s*(?:is|was|'s|also|too|now|finally|,)?\s*(?:(?:also|too|now|finally)\s+)?(?:done|finished|"
                         r"completed)\b(?!\s+(?:yet|soon|next|tomorrow|later|tonight|with))", re.I)


def _as_watched(reading, status: str = "watched"):
    """The rules' reading of a film as watched, held as surely as the model held the other (and watched, however
    near even that was)."""
    return replace(reading, status=status, watched_probability=max(reading.watched_probability, reading.confidence, 0.5))


# left before the end: "walked out of X", "gave up on X", "turned X off" is no viewing (the brief's and the
# written authors' reading of a film left early)
_LEFT_EARLY = re.compile(r"\b(?:walked out (?:of|on)|walk out (?:of|on)|gave up on|give up on|bailed on|switched off|"
                         r"turned off)\s+$"
                         # "I watched the first two, slept right through Jumanji": the speaker's sleep, right before it
                         r"|(?:\bi\s+|^\s*|[,;]\s*)slept\s+(?:right\s+|all\s+the\s+way\s+|straight\s+|clean\s+)?through\s+$",
                         re.I)
# the speaker asleep minutes into a film: "fell asleep like 5 mins into the english patient", "i dozed off in the first
# ten minutes of X" (not "the baby fell asleep 10 minutes into Titanic", nor "... but caught the rest")
_ASLEEP_INTO = re.compile(r"(?:^\W*|\b(?:i|we)\s+(?:\w+\s+)?)(?:fell asleep|was asleep|were asleep|passed out|dozed off|nodded off|"
                          r"conked out|zonked out|crashed)\s+(?:like\s+|about\s+|maybe\s+|only\s+|just\s+)?"
                          r"(?:(?:\d+|a few|two|three|five|ten|fifteen|twenty)\s+(?:min|mins|minutes)\s+into|"
                          r"(?:in|during|within)\s+(?:the\s+)?first\s+(?:\d+|few|two|three|five|ten|fifteen|twenty)\s+(?:min|mins|minutes)"
                          # "Fell asleep in first five minutes of ...", "dozed off at the very start of ..."
                          r"\s+of|(?:at|near)\s+the\s+(?:very\s+)?(?:start|beginning)\s+of)\s+$", re.I)
_WATCHED_ON = re.compile(r"\b(?:but|caught|finished|rewatched|re-watched|watched (?:it|the rest)|loved|liked|enjoyed)\b", re.I)


def _negated_before(clause: str, span, spans: list) -> bool:
    """Whether "not seen" is said right before the span, with no other title between ("i didnt watch X"), or the
    film was left early ("walked out of X")."""
    if _LEFT_EARLY.search(clause, 0, span.start) or _ASLEEP_INTO.search(clause, 0, span.start) and not _WATCHED_ON.search(
            clause, span.stop):
        return True
    start = max([s.stop for s in spans if s.stop <= span.start], default=0)
    found = list(_NOT_SEEN.finditer(clause, start, span.start))
    between = clause[found[-1].end():span.start] if found else ""
    # "not seen, it was The Lost World I saw": a negation in an earlier part of the clause is not this title's
    return bool(found) and not re.search(r"[,.;!?]", between) and between.strip().count(" ") <= 2 \
        and not _SEEN_AFTER.match(clause[span.stop:])


def _elliptic(clause: str, before: str, before_acts: list[Intent], titles: TitleIndex | None,
              reader: MentionReader | None) -> AddWatched | None:
    """A clause with no verb of its own after a statement ("Seen Alien. Not Aliens though.", "Loved Heat, but not
    Casino") states its movies as the clause before does, not a request to leave them out: the movies read surely
    in that light, as an add for `_gated` to keep or say apart, whose reading decides even when near even (the
    rules' reading, a request to leave the movie out, is wrong after a statement); None for any other clause."""
    if (reader is None or titles is None or not _ELLIPTIC.match(clause)
            or not any(isinstance(a, (AddWatched, NotWatched)) and not getattr(a, "guessed", False)
                       for a in before_acts)):
        return None
    named = [span.text for span in sentence_spans(clause, titles)]
    return AddWatched(TitleList.listed(named)) if named else None


_ASKING = frozenset({"request", "more", "history", "cannot_answer", "explain"})  # acts that ask something of the app


def _beside(clause: str, act: Intent, titles: TitleIndex | None, acts: ActReader | None) -> tuple[Intent, ...]:
    """What a clause says beside what it states: a dislike ("watched Heat, hated it") or a request ("need an 80s
    comedy, we've done ghostbusters")."""
    return _taste_beside(clause, act, titles, acts) + _request_beside(clause, act, titles) + _seen_beside(
        clause, act, titles)


# said right after a film ruled out of a request: the speaker saw it ("i dont want titanic, ive seen it a million
# times", "Not Midnight Cowboy, I've seen it")
_SEEN_IT_AFTER = re.compile(r"^\W*(?:i'?ve|ive|i have|i|we'?ve|weve|we have|we)\s+(?:already\s+|both\s+)?(?:seen|watched|saw)\s+"
                            r"(?:it|that one|that|them|both)\b(?=\s*(?:[,.;!?]|$|already\b|before\b|"
                            r"(?:(?:like|about|literally|maybe|at least|easily)\s+)?(?:twice\b|loads\b|"
                            r"(?:a million|a hundred|\d+|many|so many|several|three|four|five|six|ten|twenty|fifty|a hundred)"
                            r" times\b)|years ago\b))"
                            # the object first: "no Saving Private Ryan, this I have seen 2 times already"; known by
                            # heart: "Not The Maltese Falcon, this one I know already by heart"
                            r"|^\W*(?:this|that|it)(?:\s+one)?\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:seen|watched|saw)\b"
                            r"|^\W*(?:(?:this|that)(?:\s+one)?\s+)?(?:i|we)\s+(?:already\s+)?know\s+(?:(?:it|this|that)(?:\s+one)?\s+)?"
                            r"(?:already\s+)?by\s+heart\b", re.I)


def _seen_beside(clause: str, act: Intent, titles: TitleIndex | None) -> tuple[Intent, ...]:
    """The films a request rules out that the clause says the speaker saw: stored beside the request."""
    if not isinstance(act, Recommend) or not act.excluded_movies or titles is None:
        return ()
    seen = [span.text for span in sentence_spans(clause, titles) if set(span.movies) & set(act.excluded_movies)
            and _SEEN_IT_AFTER.match(clause[span.stop:])]
    return (AddWatched(TitleList.listed(seen)),) if seen else ()


def _request_beside(clause: str, act: Intent, titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A request said beside what was watched: "need an 80s comedy, we've done ghostbusters and airplane already"
    states the two and asks for the comedy (asking words, and a kind of film or years)."""
    more_like_those = _MORE_LIKE_THOSE.search(clause) is not None
    if not isinstance(act, AddWatched) or act.guessed or not (asks_for_films(clause) or more_like_those):
        return ()
    request = read_request(clause, titles)
    return (request,) if _kinds_or_years(request) or more_like_those else ()
# asking for more like the films just stated: "watched braveheart and rob roy last wk, more like that pls"
_MORE_LIKE_THOSE = re.compile(r"(?:^|[,.;!]\s*)(?:(?:ok|okay|and|so|now|then)\s+)?(?:(?:give me|recommend|suggest)\s+)?"
                              r"(?:(?:some|any)\s+)?more\s+like\s+(?:that|this|those|these|them|it)\b", re.I)


def _act_of(intent: Intent) -> str:
    """The act (bot.act_reader.ACTS) a rules' reading stands for."""
    if isinstance(intent, Recommend):
        return "more" if intent.more else "request"
    return {"AddWatched": "state", "SetTaste": "taste", "RemoveWatched": "remove", "ShowHistory": "history",
            "SmallTalk": "small_talk", "Rejected": "other", "Explain": "explain",
            "CannotAnswer": "cannot_answer"}.get(type(intent).__name__, "")


def _polarities(acts: ActReader | None, titles: TitleIndex | None):
    """The taste-polarity model as taste_in takes it, spending the message's budget; None without one."""
    if acts is None:
        return None
    return lambda slotted: acts.polarities(slotted, getattr(titles, "budget", None))


def _taste_beside(clause: str, act: Intent, titles: TitleIndex | None, acts: ActReader | None) -> tuple[Intent, ...]:
    """A taste said in passing inside a clause that states movies ("watched Scream with friends, I really don't
    like horror tho", "I didn't like Heat"): the statement, and the taste that holds from now on (a movie disliked
    stays in the history, and no longer steers the picks)."""
    if not isinstance(act, AddWatched) or act.guessed or titles is not None and described_as_a_film(clause, titles):
        return ()  # (not "big was fun but the ending was silly": a word on that film, no kind turned down)
    taste = taste_in(clause, titles, _polarities(acts, titles))
    if taste is None or not (taste.disliked_genres or taste.only_genres or taste.disliked_movies):
        return ()
    return (SetTaste(disliked_genres=taste.disliked_genres, only_genres=taste.only_genres,  # no request beside
                     disliked_movies=taste.disliked_movies),)


def _as_act(act: str, clause: str, spans: list, ruled: Intent, titles: TitleIndex,
            acts: ActReader | None = None) -> Intent:
    """The intent of an act the model read, its slots read by the rules; the rules' reading where the act needs
    what the clause lacks (a removal that names no title, a taste that names no genre)."""
    named = TitleList.listed(s.text for s in spans) if spans else None
    if act == "request":
        return read_request(clause, titles)
    if act == "more":
        # "more pls but no romance ones, my cousin is bitter": more of the list, with what the words change
        asked = read_request(clause, titles)
        if asked.unsupported and not _kinds_or_years(asked) and not asked.constraints.excluded_genres:
            return replace(asked, follow_up=True)  # "Only British ones, please.": a filter it lacks, no more of the same
        return replace(asked, more=True, follow_up=True) if _kinds_or_years(asked) or asked.constraints.excluded_genres \
            else Recommend(more=True)
    if act == "history":
        return ShowHistory()
    if act == "taste":
        taste = taste_in(clause, titles, _polarities(acts, titles))
        if isinstance(taste, SetTaste) and taste.min_year is None and taste.max_year is None and isinstance(
                years := standing_years_in(clause, read_request(clause, titles)), SetTaste):
            # "nothing made after 1980 and no horror films": the years held beside the kinds of film
            taste = replace(taste, min_year=years.min_year, max_year=years.max_year)
        return taste or _taste_of_request(clause, titles) or ruled
    if act == "remove" and named is not None and all(_MIXED_UP_RIGHT_BEFORE.search(clause[:s.start]) for s in spans) \
            and _removes_the_latest(clause):
        # "Sorry, I confused it with Heat. Remove it.": the film it was confused with stays; the latest add goes
        return Undo(takes_out=True)
    if act == "remove" and named is not None and any(_VIEWING_AFFIRMED.match(clause, s.stop) for s in spans) \
            and not _A_REMOVAL_WORD.search(clause):
        # "sorry my mistake, tombstone i did watch.": the apology takes back a removal; the film was seen
        return AddWatched(named)
    if act == "remove" and named is not None:
        # "take deep impact off, I only saw armageddon": the titles of the talk after the removal stay
        cut = len(removal_named(clause, titles))
        kept = [s.text for s in spans if s.stop <= cut] or [s.text for s in spans]
        kept += [n for s in spans if s.text in kept for n in _numbers_after(clause, s, titles)]  # "rocky 3 and 4"
        return RemoveWatched(TitleList.listed(kept))
    if act == "remove" and _removes_the_latest(clause):
        # "Please undo that last addition; I was remembering last Christmas", "Take that off again, please": no
        # title, a word that points back: the latest add
        return Undo(takes_out=True, last_only=bool(_THE_LAST.search(clause)))
    if act == "state" and named is not None:
        return AddWatched(named, liked=bool(LIKED.search(clause)))
    if act == "cannot_answer":
        asked = read_question(clause, titles)
        return asked if isinstance(asked, CannotAnswer) else CannotAnswer("general")
    if act == "explain":
        return Explain(title=spans[0].text if spans else "")
    if act in ("small_talk", "other"):
        return SmallTalk({"small_talk": "chat"}.get(act, act))
    return ruled


# the viewing said right after the title ("tombstone i did watch"), and no word of a removal in the clause
_VIEWING_AFFIRMED = re.compile(r"\s*,?\s*(?:i|we)\s+(?:(?:really|actually|did|have|do)\s+)*(?:watch|watched|see|seen|saw)\b", re.I)
_A_REMOVAL_WORD = re.compile(r"\b(?:remove|delete|drop|erase|take|off|out|scratch|scrap|undo|cross|strike|wipe|clear)\b", re.I)
# a removal that names no film points back at the latest add with these words
_BACK_REFERENCE = re.compile(r"\b(?:it|that|this|them|those|these|last|latest|previous)\b", re.I)
_THE_LAST = re.compile(r"\b(?:last|latest|previous)\s+(?:one|movie|film|title|picture)\b", re.I)
# "can I remove things from it?", "how do I delete that?": asking how, not removing
# ... nor one put right: "My bad, swap it", "Please correct it"
# ... nor one said not to be done, or asked about: "no need to remove it", "don't show me that again", "should I
# remove it?"
_NO_REMOVAL_MEANT = re.compile(r"\b(?:how|do i|is it possible|swap|switch|replace|change|correct|fix|amend|update|"
                               r"don'?t|do not|dont|no need|not|never|shouldn'?t|should (?:i|we)|won'?t)\b", re.I)


def _removes_the_latest(clause: str) -> bool:
    """Whether a clause the act model reads as a removal, naming no title, takes back the latest add."""
    return bool(_BACK_REFERENCE.search(clause)) and not _NO_REMOVAL_MEANT.search(clause)


# a word of aversion (a closed list): where the act model reads a request unsurely, the taste model then says which
# way the kinds named point ("sci fi bores me stupid fyi"; not "lemme have more comedies")
_AVERSION = re.compile(r"\b(?:bores?|bored|boring|cringe|tiresome|tedious|dull|hate|hates|loathe|detest|can'?t stand|"
                       r"puts? me to sleep|sends? me to sleep|not (?:for me|my thing)|sick of|tired of|over it)\b|"
                       + WEARY_OF.pattern, re.I)




def _only_dislikes(text: str, ruled: Recommend, taste) -> bool:
    """Whether every kind of film a request read from genre words alone is one the taste-polarity model reads as
    disliked ("oh, and I can't do horror, should've said"): a taste, however unsure the act model is of it. `taste`:
    the clause's taste_in reading, read when called."""
    asked = set(ruled.constraints.genres)
    if not asked or _A_KIND_ASKED.search(text):
        return False  # "so a crime film none of us has seen": a film of the kind, asked for
    read = taste()
    return isinstance(read, SetTaste) and asked <= set(read.disliked_genres)


# a kind of film asked for with an article: "a crime film", "some horror" (not "a horror person", "a big fan")
_A_KIND_ASKED = re.compile(r"\b(?:a|an|some|any)\s+(?![\w-]+\s+(?:person|people|fan|fans|guy|girl|type|lover)\b)"
                           r"[\w-]+\s+(?:films?|movies?|flicks?|one)\b|\b(?:some|any)\s+[\w-]+\s*[,.?!]?\s*$", re.I)


def _taste_of_request(clause: str, titles: TitleIndex) -> SetTaste | Recommend | None:
    """A taste the model read where the taste rules find no genre word: the years or the kinds of film the request
    words name, held from now on ("only 80s movies for me this month", "nothing made for kids pls"); a genre with
    years and no word of taste is asked for."""
    request = read_request(clause, titles)
    if (years := standing_years_in(clause, request)) is not None:
        return years
    if only_rules_out_genres(request):
        return SetTaste(disliked_genres=request.constraints.excluded_genres)
    c = request.constraints
    if c.genres and (c.min_year is not None or c.max_year is not None):
        return request  # "and a drama from the seventies for me once he's gone home": kinds of film asked for
    return None


# a command word alone, its title missing ("add", "remove please")
_BARE_COMMAND = re.compile(r"^\W*(?:please\W+)?(?:add|remove|delete|take off|i watched|i saw|watched|seen)\W*(?:please)?\W*$",
                           re.I)
# a viewing verb said right before a catalogue title: the sentence states it, whatever talk is around it
# the speaker's viewing said first as a participle: "Having at last seen The Phantom Menace, I can report ..."
_HAVING_SEEN = (r"(?:^|[.;!?]\s*)\W*having\s+(?:(?:at\s+last|finally|now|just|recently|only\s+just)\s+)?"
                r"(?:seen|watched|sat\s+through)\s+$")
_VIEWED_RIGHT_BEFORE = re.compile(r"(?:(?:\b(?:i|we|i've|we've|ive|weve)\s+"
                                  # (not someone else's "She has also seen You've Got Mail")
                                  r"|(?<!\bhas )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\bhe's )(?<!\bshe's )"
                                  r"\b(?:just|finally|only|also)\s+"
                                  # "me and tom both watched heat": the speaker among them
                                  r"|\b(?:me|us)\s+(?:and|n|&)\s+(?:my\s+|our\s+)?\w+\s+(?:both\s+|all\s+)?)"
                                  r"(?:(?!never|almost|nearly|not|barely|hardly|havent|didnt|dont|cant|wont|hasnt)\w+\s+)?|^\W*)(?:seen|saw|watched|"
                                  # the verb opening the sentence: "watched the sixth sense at a sleepover and did not sleep"
                                  r"rewatched|re-watched|caught|finished|completed|tried|sat through|got through|binged|"
                                  # "we did alien with the roommates", "today morning only completed 12 angry men"
                                  r"(?:(?<=\bi )|(?<=\bwe )|(?<=\balso )|(?<=\bjust )|(?<=\bfinally ))did|"
                                  # "so i put on jaws and then jaws 2 after it"
                                  r"(?:(?<=\bi )|(?<=\bwe ))(?:put|stuck|threw)\s+on|"
                                  # "we've done ghostbusters and airplane already"
                                  r"(?<=ve )done|(?<=have )done|(?<='d )done|(?<=had )done|(?<=we )done|"
                                  # "i did watch heat yesterday tho": the emphatic form
                                  r"(?:did|do)\s+(?:watch|see)|"
                                  # "we went to see Close Encounters at the pictures": went, so seen
                                  r"went\s+(?:out\s+)?to\s+(?:see|watch))\s+$"
                                  # "Having at last seen The Phantom Menace, ...": the speaker's, said first
                                  r"|" + _HAVING_SEEN +
                                  # "my son took me to see Toy Story": the speaker was taken to it
                                  r"|\b(?:took|taken|dragged|brought)\s+(?:me|us)\s+(?:along\s+)?to\s+(?:see|watch)\s+$"
                                  r"|\b(?:showed|shown|made)\s+(?:me|us)\s+(?:watch\s+)?$"
                                  # "Went to a rep screening of Rushmore", "caught a midnight showing of Alien"
                                  # (the speaker's: not "my brother went to a screening of Heat", "I want to go to ...")
                                  r"|(?:^\W*|\b(?:i|we)(?:'ve|\s+have)?\s+(?:(?:just|finally|also|actually)\s+)?)"
                                  r"(?:went\s+to|been\s+to|attended|caught|saw)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}"
                                  r"(?:screening|showing|matinee)\s+of\s+$", re.I)
# the speaker's own plain viewing verb: held even over a reading near even ("I watched Heat and I want something from
# the 90s"), where "my roommate showed me X" asks
# someone had the speaker watch it: "my sister finally got me to watch sleepless in seattle", "the kids made us sit
# through X"
_HAD_ME_WATCH = (r"\b(?:got|made|dragged|forced|convinced|persuaded|coaxed|talked)\s+(?:me|us)\s+(?:(?:in)?to\s+)?(?:watch|see|"
                 r"sit\s+(?:through|thru))\s+$")
# "My Wife insisted that we watch Sabrina", "she insisted on watching Titanic again": seen, unless the speaker says
# otherwise after it ("... but I went to bed", "but I refused")
_INSISTED_ON = re.compile(r"\binsisted\s+(?:(?:that\s+)?(?:we|i|me|us)\s+(?:watch|see|sit\s+through)|on\s+(?:(?:us|me)\s+)?"
                          r"(?:watching|seeing))\s+$", re.I)
_SPEAKER_OUT_AFTER = re.compile(r"\b(?:i|me)\s+(?:\w+\s+)?(?:refused|went to bed|went upstairs|left|slept|bailed|didn'?t|did not|"
                                r"wouldn'?t|skipped|passed)\b", re.I)
_I_VIEWED_RIGHT_BEFORE = re.compile(r"(?:^|[:;]\s*)\W*(?:(?:just|finally|also|then)\s+)?(?:watched|saw|rewatched|re-watched|"
                                    r"caught|finished)\s+$|"  # "that said: watched Grease at a cousin's wedding"
                                    r"\b(?:i|we)\s+(?:(?:just|finally|already|also|recently|actually|then)\s+)?"
                                    # "we went to see Close Encounters at the pictures": went, so seen
                                    r"(?:watched|saw|rewatched|re-watched|caught|finished|went (?:out )?to (?:see|watch)|"
                                    # "we ended up watching Office Space instead"
                                    r"end(?:ed)? up (?:watching|seeing))\s+$"
                                    # "what I did see is Shine", "what we watched was Heat"
                                    r"|\bwhat\s+(?:i|we)\s+(?:did\s+(?:see|watch)|saw|watched|(?:have|'ve)\s+seen)\s+(?:is|was)\s+$"
                                    # "I've seen Halloween and The Exorcist and hated both of them"
                                    r"|\b(?:i|we)(?:'ve|\s+have)\s+(?:(?:just|finally|already|also|actually)\s+)?seen\s+$"
                                    # "so i put on jaws and then jaws 2 after it"
                                    r"|\b(?:i|we)\s+(?:(?:just|then|finally|also)\s+)?(?:put|stuck|threw)\s+on\s+$"
                                    # "Having at last seen The Phantom Menace (my grandson would not be refused), ..."
                                    r"|" + _HAVING_SEEN +
                                    # "me and my husband watched the fugitive friday for are date night": the speaker among them
                                    r"|(?:^|[.!?;,]\s*|\b(?:and|so|then)\s+)\W*(?:me|us)\s+(?:and|n|&)\s+(?:my\s+|our\s+)?\w+\s+"
                                    r"(?:(?:both|all|just|finally|also)\s+)?(?:watched|saw|rewatched|caught|finished)\s+$"
                                    # the verb opening the message, its subject left out: "seen jaws and honestly never again"
                                    r"|^\W*(?:(?:just|finally|already)\s+)?(?:seen|watched|saw|rewatched|finished)\s+$|"
                                    + _HAD_ME_WATCH,
                                    re.I)
_QUESTION = re.compile(r"\?\s*$|^\s*(?:who|what|how|where|when|is|are|was|does|do|can|could|will|would)\b", re.I)
_TALK = frozenset({"small_talk", "other", "cannot_answer"})
_ASKS_ABOUT = re.compile(r"\b(?:who|what|how|where|when|why|tell me|want to know|wanna know|wonder)\b", re.I)
# a clause that opens with a relative pronoun describes what was said before ("which, fine, is technically a
# western"), unless it asks which one ("which one should I watch", "which of those")
_DESCRIBES_IT = re.compile(r"^\W*(?:which|who)\s*,[^,]{0,30},\s*(?:is|was|were|are|has|had|i|we|he|she|they|my|our)\b",
                           re.I)
# a relative clause ("which I refused to watch", "who I took to see it"), not a question ("which one should I watch?")
_RELATIVE = re.compile(r"^\W*(?:which|who|whom)\s+(?:i|we|he|she|they|you|my|his|her|our|their|"
                       # "which was amazing", not "which is better ..." nor "which was the one with ..." (questions)
                       r"(?:was|is|were|are)(?!\s+(?:better|best|worse|worst|the|more|less|it|that|this|one)\b))\b", re.I)


# words that can only ask for films (not "something", "anything", which also tell)
_STRONG_ASK = re.compile(r"\b(?:(?:recommend|suggest)\s+(?:me|us|something|anything|a|an|some|one|more|movies?|films?)|"
                         r"(?:advise|propose)\s+(?:me|us)\b|" + ASKS_WHAT_FOLLOWS + r"|"
                         r"recc?s|what should (?:i|we) watch|what (?:could|should|might|can|shall) (?:i|we) (?:see|watch|put on|throw on)\b"
                         + NOT_ON_THE_LIST + r"|what to watch|watch next|what'?s next(?! (?:on|in) my (?:list|history))|"
                         # the bot asked what it would pick: "What have you got for me?", "Which others ought I to put
                         # on?", "is there something you'd put on my list for next week?" (not the history)
                         r"what(?:'ve| have) you got for (?:me|us)|which\s+(?:[\w-]+\s+){0,2}?(?:others?|ones?|films?|movies?)\s+"
                         r"(?:ought|should|would|could|might)\s+(?:i|we)(?!\s+(?:remove|delete|take|drop|keep|cut|erase|add))|(?:where|what) would you (?:steer|point|send|put) "
                         r"(?:me|us)|what would you put in front of (?:me|us)|(?:something|anything) you'?d (?:put|pick|choose))\b",
                         re.I)

# the closed list of plain requests, said alone: "what should I watch next?", "any recommendations?", "what next"
_ASK_ALONE = re.compile(r"^\W*(?:(?:so|ok|okay|and|now|right|well|hey|hi)\W+)*(?:what should (?:i|we) watch(?: next| now| "
                        r"tonight)?|what (?:do|would) you recommend|(?:can you |could you )?(?:recommend|suggest) (?:me |us )?"
                        r"(?:something|a (?:movie|film))|any (?:recommendations|suggestions|recs|ideas)|what(?:'s| is)? next|"
                        r"(?:give me )?(?:some )?(?:recs|recommendations|suggestions))(?:\s+(?:please|pls|then|now|tonight))?"
                        r"[\s?!.]*$", re.I)


def _floor(ruled: Intent, act: str, text: str, acts: ActReader) -> float | None:
    """The confidence the act model needs to overrule the rules' reading `ruled` with `act`; None: it may not.
    - Words the rules read only as "may be a title" (no verb, no catalogue title): an act that asks, or talk
      that reads as talk ("hows the day going?"), on the low floor; a slip in a title reads as no sentence.
    - A clause that names catalogue titles: the mention model reads those; the act model may say they are
      being removed, or (surer) that the clause is everyday talk, or asks a fact of them when it is a question.
    - A request the rules read from a bare word ("something", "anything") and nothing more may be a statement
      ("actually I never saw X, mixed it up with something else") or talk; one with constraints stays.
    - A taste the rules read stays a taste, unless the clause asks for films or states movies ("watched Heat,
      hated it"): then the dislike of the movies it names rides beside the statement (`_taste_beside`)."""
    low, high = acts.config.fallback_confidence, acts.config.min_confidence
    if isinstance(ruled, AddWatched) and ruled.guessed and _A_SCORE.search(text):
        return None  # "alien 3 like 2/5 tbh": words with a score rate a film, they ask for none
    if isinstance(ruled, Rejected) or isinstance(ruled, AddWatched) and ruled.guessed:
        # "not really into romance stuff tbh, it's all kinda the same": a taste (`_as_act` keeps the rules' reading
        # where no kind of film is named)
        if act == "request" and "?" not in text and not asks_for_films(text) and not _kinds_or_years(read_request(text)):
            # no word that asks, no kind of film, no years: only a sure reading asks for a list ("surprise me", "i'm
            # bored"), not "anyway i've seen scream if that helps"; a film described ("the one w sofia coppola", "the
            # jeff goldblum one, 86") asks for none
            return None if _DESCRIBED.match(text) else high
        if act == "remove":  # "Take that off again": a removal that points back takes the latest add (`_as_act`)
            return high if _removes_the_latest(text) else None
        if act == "history" and not _OF_A_HISTORY.search(text):
            return None  # "everybody told me for years": no word of a list or of what was watched
        return low if act in _ASKING or looks_conversational(text) else high if act == "taste" else None
    if isinstance(ruled, AddWatched):
        return {"remove": high, "other": 0.85}.get(act, high if act == "cannot_answer" and _QUESTION.search(text)
                                                    else None)
    if isinstance(ruled, Recommend):
        bare = _bare(ruled)  # "any more like that?": more of the same list, when sure
        if bare and (act in _TALK or act == "history") and (len(text.split()) <= 2 or _STRONG_ASK.search(text)):
            return None  # "recs", "recs pls", "recs in that vibe": a word that only asks, whatever the model reads
        if act == "history" and _STRONG_ASK.search(text):
            return None  # "After Emma, what could I see?": an ask from a film, not the history
        if act in _TALK and ruled.constraints.genres == ("Children's",) and not _dated(ruled) and "?" not in text \
                and not asks_for_films(text) and len(text.split()) >= 2:
            return high  # "kids insisted.", "kids now sleeping in our bed": the children talked of, no film asked
        if act == "cannot_answer" and ruled.constraints.genres and "?" not in text and not _ASKS_ABOUT.search(text):
            return None  # "only cartoon, he is 5": a kind asked for, with who it is for (not "tell me who directed it")
        return high if (bare and act in {"state", "more", *_TALK}) or act in ("cannot_answer", "history") else None
    if isinstance(ruled, SetTaste):  # "hated Heat": stated (watched), its dislike kept beside it (`_taste_beside`)
        return high if act in ("request", "more", "state") else None
    return high


# words a question about the history holds: "what's on my list", "what have I seen", "show me what you've got"
_OF_A_HISTORY = re.compile(r"\b(?:list|history|log|watched|seen|saw|saved|stored|got|have|recorded|noted|so far|my)\b", re.I)


# wanting to see a film named right after: "I want to see the godfather some day", "we'd love to watch Heat"
_WANT_TO_SEE = re.compile(r"\b(?:want|wanna|would like|'d like|would love|'d love|hope)\s+(?:to\s+)?(?:see|watch|"
                          r"rewatch)\s+$", re.I)
# a film described by what is in it or by whom: "the one w sofia coppola", "the jeff goldblum one, 86"
_DESCRIBED = re.compile(r"^\W*(?:the|that)\s+(?:[\w'-]+\s+){0,3}(?:one|version)\b(?!\s+more\b)", re.I)


def _kinds_or_years(request: Recommend) -> bool:
    """Whether a request names kinds of film or years: what makes words that name no title a request."""
    c = request.constraints
    return bool(c.genres or c.min_year is not None or c.max_year is not None)


def _dated(request: Recommend) -> bool:
    return request.constraints.min_year is not None or request.constraints.max_year is not None


def _request_instead(ruled: Intent, text: str, titles: TitleIndex) -> Recommend | None:
    """The request the words are, for an add or a removal whose pieces name no catalogue title, in words that name
    kinds of film or years: the rules took a request for titles ("forget the romance bit, just anything from the
    50s", "I have just finished a long shift and would like a comedy tonight"), which the act model may read as the
    request it is. None otherwise."""
    if not isinstance(ruled, (AddWatched, RemoveWatched)):
        return None
    if any(_names_titles(p, titles) for line in ruled.titles.lines for p in line.pieces):
        return None
    request = read_request(text, titles)
    return request if _kinds_or_years(request) else None


def _a_taste(read: Intent | None) -> bool:
    """Whether taste_in's reading holds a standing taste ("so nothing with war ..., keep this in mind")."""
    return isinstance(read, SetTaste) or isinstance(read, Recommend) and bool(read.disliked_genres or read.only_genres)


def _a_piece_asks(ruled: AddWatched, titles: TitleIndex) -> bool:
    """Whether the first of the pieces the rules took for titles is, read alone, a request for a kind of film or
    years ("Now only the romances from those same years", "Animation for me"), the pieces after it talk; a kind
    named later is talked about ("spaceships and robots, sci-fi they call it, it's not for me")."""
    pieces = [p for line in ruled.titles.lines for p in line.pieces]
    return len(pieces) > 1 and isinstance(asked := read_open(pieces[0], titles), Recommend) and _kinds_or_years(asked)


def _act_spans(text: str, titles: TitleIndex, said: list | None = None) -> list:
    """The titles the act model sees slotted: those that stand out, those a viewing verb takes, and everyday words rated as a title is ("alien
    5/5", "heat 9/10"), which read as a request for aliens when left as words. `said`: the sentence's spans read
    as said watched, when the caller has them already."""
    # one search of the sentence (a metered index charges each): the spans that stand out are among these
    said = said if said is not None else sentence_spans(text, titles, said_watched=True)
    return [s for s in said if stands_out(s, text, titles) or _RATED.match(text[s.stop:])
            or taken_by_a_viewing_verb(s, text)]


# a short message that goes on with the negation of the one before it: "or godfather 2 obviously", "nor Jaws", "jaws
# either lol" (a closed list of words; a message with a viewing verb of its own says what it says)
_NEGATION_GOES_ON = re.compile(r"^\s*(?:(?:and|oh|also)\s+)?(?:or|nor|neither)\s+(?!(?:that one|those|this one)\b)"
                               r"|^[^.!?]*\beither\b(?:\s*(?:lol|tbh|tho|haha|sadly|honestly|actually))*[\s.!]*$", re.I)
# a short question that goes on with the one before it: "And Gattaca? Same friend.", "what about Heat?"
_QUESTION_GOES_ON = re.compile(r"^\s*(?:and|or|what about|how about)\s+[^.!?]{1,60}\?", re.I)
_OWN_VIEWING = re.compile(r"\b(?:watch(?:ed|ing)?|saw|seen|see|caught|finished|loved|liked|enjoyed|hated)\b", re.I)
MAX_GOING_ON_WORDS = 10


# a removal of one film of several, not said which: "one of these was my flatmate who watched, not me. Remove it"
_ONE_OF_THOSE = re.compile(r"\bone of (?:these|those|them|the (?:two|three|four|films|movies))\s+(?:was|wasn'?t|is|isn'?t|"
                           r"(?:i|we)\s+(?:didn'?t|never|did not|haven'?t))\b", re.I)
_BOTH_OR_ALL = re.compile(r"\b(?:both|all)\b", re.I)  # "Remove them both, one of them was my wife's": no question


MAX_NAMED_ALONE_WORDS = 5  # "Is Speed, sorry.", "the matrix one": a name, with a word or two
_MORE_THAN_A_NAME = re.compile(r"\b(?:mine|my|loved?|liked?|watched|saw|seen|though|tho|both|all|and|not)\b", re.I)


def removal_chosen(text: str, acts: tuple[Intent, ...], choices: tuple[int, ...],
                   titles: TitleIndex | None) -> tuple[Intent, ...]:
    """After "which one should I take off: A, B or C?": a message that names one of them alone ("Is Speed, sorry.")
    removes it."""
    if titles is None or any(isinstance(a, (RemoveWatched, Correct, Undo, Answer, StartOver, ForgetMe)) for a in acts):
        return acts
    named = [s for s in sentence_spans(text, titles, said_watched=True) if set(s.movies) & set(choices)]
    if len({s.text for s in named}) != 1 or len(text.split()) > MAX_NAMED_ALONE_WORDS or _MORE_THAN_A_NAME.search(text):
        return acts  # "Heat was mine", "I loved Heat though": said of it, not chosen
    return (RemoveWatched(TitleList.listed([named[0].text])),)


def version_answers(acts: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """With "Which movie is X: A or B?" open, a version said as a correction ("no, it was the 1995 one") answers it."""
    return tuple(a.version if isinstance(a, Correct) and a.version is not None and not a.new.titles else a for a in acts)


def answer_said_first(text: str, acts: tuple[Intent, ...], titles: TitleIndex | None, reader=None,
                      act_reader: ActReader | None = None) -> tuple[Intent, ...]:
    """With "Which movie is X: A or B?" open, an answer said among other words answers it (a year, a place, an age, a
    person of one version): "the 58 one, black n white. whats good from the 50s then?", "Oh gosh, sorry, the one with
    Jeff Goldblum. It was in colour, from the 80s I'm fairly sure", "the older one, I think? 1958?"; the rest is read
    on its own, and a request kept only where it asks for films in so many words."""
    if any(isinstance(a, Answer) for a in acts) or not any(isinstance(a, Recommend) for a in acts) \
            or titles is not None and titles.spans(text):
        return acts  # "the second one, the spy who shagged me", "the first one, mitchum": the version said whole
    pieces = list(_A_PIECE.finditer(text))
    if len(pieces) < 2:
        return acts
    every = None  # "both? no just the newer one": a "both" stands only where no piece after it names one version
    for piece in pieces[:MAX_ANSWER_PIECES]:
        if asks_for_films(piece["piece"]):
            return acts  # "Give me more like the second one, and no romance": a request first, not an answer
        said = read_acts(piece["piece"], titles, reader, act_reader)
        if len(said) == 1 and isinstance(said[0], Answer) and said[0].every:
            every = every or said[0]
            continue
        if not (len(said) == 1 and isinstance(said[0], Answer)) and (person := version_said(piece["piece"])) is not None:
            said = (person,)  # "the one with Jeff Goldblum"
        if len(said) == 1 and isinstance(said[0], Answer) and said[0].index is not None \
                and (dated := _A_VERSIONS_YEAR.search(text)) is not None:
            # "The first one, from 1962": the year said of the version beside the place (not "I saw it on TV back in
            # 1991", "not the 1958 one")
            said = (replace(said[0], year=int(dated["year"])),)
        if len(said) == 1 and isinstance(said[0], Answer) and said[0].yes is None:
            rest = (text[:piece.start()] + " " + text[piece.end():]).strip(" ,.;!?")
            others = read_acts(rest, titles, reader, act_reader) if rest else ()
            return (said[0], *(a for a in others if isinstance(a, Recommend) and (
                asks_for_films(rest) or not _bare(a) and _ASKS_AFTER_AN_ANSWER.search(rest))
                               or isinstance(a, (SetTaste, ShowHistory))))
    return (every,) if every is not None and "?" not in text else acts


# words that ask for films after an answer: "the 58 one, black n white. whats good from the 50s then?" (not "the older
# one, I think? 1958?", a doubt)
_ASKS_AFTER_AN_ANSWER = re.compile(r"\b(?:what|what'?s|whats|any|anything|something|got|recommend|suggest|give|show|how about)\b",
                                   re.I)


_A_VERSIONS_YEAR = re.compile(r"(?<!\bnot )(?<!\bnot the )\b(?:from|the)\s+(?P<year>(?:19|20)\d{2})\b(?!s)", re.I)
MAX_ANSWER_PIECES = 4  # the answer is said early, not after four pieces of talk
_A_PIECE = re.compile(r"(?P<piece>[^,.;!?]+)(?:[,.;!?]+|$)")


def going_on_unseen(text: str, acts: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """After a message that named films not watched: the films a short message that goes on with its negation
    ("or godfather 2 obviously") or its question ("And Gattaca?") names are not watched either; a message with a
    viewing verb of its own ("..., but we watched Fargo") is read as it is."""
    if len(text.split()) > MAX_GOING_ON_WORDS or _OWN_VIEWING.search(text):
        return acts
    negated = bool(_NEGATION_GOES_ON.search(text))
    if not negated and not _QUESTION_GOES_ON.match(text):
        return acts
    return tuple(NotWatched(a.titles.titles, wanted=not negated, unseen=a.titles.titles if negated else ())
                 if isinstance(a, AddWatched) else a for a in acts)


# a request for nothing but a kind, said for a while: "Only comedies for me this month please", "only westerns for now"
_ONLY_FOR_A_WHILE = re.compile(r"\b(?:only|nothing but)\b.*\b(?:this (?:month|week|year|summer|winter|autumn|spring)|"
                               r"for (?:a while|now|the (?:month|week|moment))|these days|at the moment|from now on|"
                               r"going forward|for the rest of (?:the|this) (?:chat|conversation))\b", re.I)


def _past_event(text: str) -> re.Match | None:
    """A year said of the speaker's past ("I was frightened at the pictures in 1957"), or a decade of a phase of theirs
    ("we went through a musicals phase in the seventies"): when it happened, not the films' years; not where the
    films of then are asked for ("any good ones from then?")."""
    event = _PAST_EVENT_YEAR.search(text)
    if event is None or _FROM_THEN.search(text) or re.search(r"\b(?:films?|movies?)\b", event["between"], re.I):
        return None
    phase = _A_PHASE.search(event["between"])
    if genres_in(event["between"], REQUEST_GENRE_WORDS) and not phase:
        return None
    return event if phase or not event["year"].lower().startswith("in the") else None


def read_clause(text: str, titles: TitleIndex | None = None, acts: ActReader | None = None) -> Intent:
    """One clause: an exact command by the rules; open language by the act model where it is sure and reads
    another act than the rules' words do ("surprise me" asks; "is it on Netflix?" asks what it cannot know), as
    far as `_floor` lets it. A request's years said as a habit ("nothing older than 1990 for me") are a standing
    taste (closed words: years, "only", "never")."""
    if isinstance(text, str) and (event := _past_event(text)) is not None:
        # "I was frightened witless at the pictures in 1957 and have never quite recovered", "nothing after 1960 for
        # me, I was born in 1940": when it happened, not the films' years
        text = f"{text[:event.start('year')]}then{text[event.end('year'):]}"
    act = _read_clause(text, titles, acts)
    if isinstance(act, Recommend) and isinstance(text, str) and (no_more := _NO_MORE_OF_IT.search(text)):
        # "dont give me any more of it": said of what came before, it asks for nothing; what is said before it is
        # read alone ("horrors not for me, dont give me any more of it": a dislike)
        before = text[:no_more.start()].strip(" ,;-")
        said = re.sub(r"\b(?:please|pls|plz|ok|okay|so|and|but|just|sir|mate|now)\b", "", before, flags=re.I)
        return read_clause(before, titles, acts) if re.search(r"[a-z]{3,}", said, re.I) else SmallTalk("chat")
    if isinstance(act, SetTaste) and act.disliked_movies and titles is not None and isinstance(text, str) \
            and _DISLIKED_AFTER_SEEING.search(text) and (seen := [s.text for s in sentence_spans(text, titles)
                                                            if set(s.movies) & set(act.disliked_movies)]):
        # "I did not care for Pulp Fiction at all": seen and disliked; the dislike rides beside it (`_taste_beside`)
        return AddWatched(TitleList.listed(seen))
    standing = standing_years_in(clean_text(text).strip(), act) if isinstance(text, str) else None
    if standing is None and isinstance(act, Recommend) and act.constraints.genres and isinstance(text, str) \
            and _ONLY_FOR_A_WHILE.search(text):
        return replace(act, only_genres=act.constraints.genres)  # "Only comedies for me this month please"
    return standing if standing is not None else act


# a dislike of a film in the past tense, which only its viewer says: "I did not care for Pulp Fiction", "didn't enjoy
# Heat at all" (not "I don't like the look of Heat", "I wouldn't like Heat")
_DISLIKED_AFTER_SEEING = re.compile(r"\b(?:didn'?t|didnt|did not)\s+(?:really\s+|much\s+|at all\s+)?(?:like|enjoy|care for|"
                                    r"get on with|get into|rate)\b(?!\s+the\s+(?:look|sound|idea|premise|trailer|poster)s?\s+of\b)",
                                    re.I)


# asking for no more of what was just said: "dont give me any more of it", "stop showing me more of those" (not "why
# don't you suggest something", nor "don't give me horror", a request with a kind ruled out)
_NO_MORE_OF_IT = re.compile(r"(?<!why )\b(?:don'?t|do not|dont|never|stop|no need to)\s+(?:give|giving|show|showing|send|"
                            r"sending|recommend|recommending|suggest|suggesting)\s+(?:me\s+|us\s+)?(?:any\s+)?more\s+"
                            r"(?:of\s+)?(?:it|that|this|those|these|them)\b", re.I)


# a kind of film asked about: "what about sci fi for me", "how about westerns then", "for me film noir?"; not a
# refusal with a question tagged on about it ("no westerns for me, is that weird?", "no horror, ok?")
_ASKED_ABOUT = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|then|well|thanks|thank (?:u|you)|hmm+)\W+)*(?:what|how)\s+about\b"
                          r"|\?\s*$", re.I)
_TAG_QUESTION = re.compile(r"[,;.!]\s*(?:(?:is|isn'?t|was|wasn'?t)\s+(?:that|it|this)\b[^,;.!?]*|ok(?:ay)?|right|yeah|"
                           r"alright|fair|cool|got it|you know)\s*\?\s*$", re.I)


def _asked_about(text: str) -> bool:
    return bool(_ASKED_ABOUT.search(text)) and not _TAG_QUESTION.search(text)


# a viewing said with an everyday verb, first: "had rocky, rocky ii and rocky iii on this arvo", "did alien, aliens
# and alien 3 back to back" (read as "watched" only where a catalogue title follows the verb at once)
_EVERYDAY_VIEWING_VERB = re.compile(r"^\s*(?:(?:we|i|me (?:and|n|&) (?:my\s+|our\s+)?\w+)\s+)?(?:had|did|binged|caught|smashed|knocked over|"
                                    r"got through|sat through|put on)\s+(?P<rest>\S.*)$", re.I | re.S)


_NOT_A_VIEWING_PLACE = re.compile(r"\b(?:cart|basket|list|queue|wish ?list|watch ?list|shelf)\b", re.I)


def _viewing_verb_mended(text: str, titles: TitleIndex | None) -> str:
    said = _EVERYDAY_VIEWING_VERB.match(text) if isinstance(text, str) and titles is not None else None
    if said is None:
        return text
    spans = sentence_spans(said["rest"], titles, said_watched=True)
    first = spans[0] if spans else None
    if first is None or first.start != 0 or not (len(spans) > 1 or whole_title(said["rest"], titles) is not None):
        return text  # "had a long day", "did heat come out in 95?": one title and talk is read as said
    if _NOT_SEEN.search(said["rest"]) or _NOT_A_VIEWING_PLACE.search(said["rest"]):
        return text  # "had heat and speed in my cart but didn't buy", "... on my list for ages but never watched them"
    return f"watched {said['rest']}"


# the kind kept of the list just shown: "Only the dramas out of those.", "just the comedies from that lot"
_ONLY_OF_THOSE = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|now|and)\W+)*(?:only|just)\s+(?:the\s+)?[\w' -]{2,30}?\s+(?:out\s+)?(?:of|from|among)\s+"
                            r"(?:those|these|them|that(?:\s+lot)?|the\s+list|your\s+list)\b", re.I)


_RUNNING_TIME = re.compile(r"\b(?:longer|shorter|over|under|more|less)(?:\s+than)?\s+(?:an?\s+|one\s+|two\s+|\d+\s+)?(?:hours?|hrs?|"
                           r"minutes?|mins?)\b|\b(?:runtime|running time)\b", re.I)


def _read_clause(text: str, titles: TitleIndex | None = None, acts: ActReader | None = None) -> Intent:
    text = _viewing_verb_mended(text, titles)
    command = read_command(text, titles)
    if isinstance(command, (AddWatched, RemoveWatched)) and acts is not None and titles is not None and isinstance(text, str) \
            and (instead := _request_instead(command, clean_text(text).strip(), titles)) is not None:
        reading = acts.read(clean_text(text).strip(), [], getattr(titles, "budget", None))
        if reading is not None and reading.act == "request" and acts.sure(reading):
            return instead  # "forget the romance bit, just the 50s", "I've just finished a long shift, a comedy?"
    if command is not None or acts is None or titles is None or not isinstance(text, str):
        return command if command is not None else read_open(clean_text(text).strip(), titles)
    text = clean_text(text).strip()
    ruled = read_open(text, titles)
    if isinstance(ruled, Rejected) and ruled.reason != render.LONG_NOT_UNDERSTOOD:
        return ruled
    if only_a_past_taste(text, titles) and not sentence_spans(text, titles) and not asks_for_films(text):
        return SmallTalk("chat")  # "lol i used to hate horror as a kid": no taste now, nothing asked
    if isinstance(ruled, (Recommend, SetTaste)) and said_of_a_film(text, titles) and not asks_for_films(text):
        return SmallTalk("chat")  # "I didn't find it funny": a word about the film said before, no kind asked
    if (isinstance(ruled, Recommend) or isinstance(ruled, AddWatched) and ruled.guessed) and _DESCRIBES_IT.match(text) \
            and "?" not in text and not asks_for_films(text):
        return SmallTalk("chat")  # "..., which, fine, is technically a western": the film said before, described
    if isinstance(ruled, Recommend) and (not _kinds_or_years(ruled) or ruled.constraints.genres == ("Children's",)
                                         and not _dated(ruled)) and not ruled.constraints.like and (
            wanted := [s for s in sentence_spans(text, titles) if _WANT_TO_SEE.search(text[:s.start])]):
        # "also I want to see the godfather some day": a film wanted, no list asked for
        return NotWatched(tuple(s.text for s in wanted), wanted=True)
    if isinstance(ruled, Recommend) and _bare(ruled) and _ASK_ALONE.match(text):
        return ruled  # an exact request and nothing else ("what should I watch next?"): no model reads it otherwise
    if isinstance(ruled, Recommend) and ruled.constraints.genres and _ONLY_OF_THOSE.match(text):
        return ruled  # "Only the dramas out of those.": the list narrowed, no taste
    if whole_title(text, titles) is not None:
        return ruled  # a message that is one title ("Something Wild", "Go") names it
    if (film := described_as_a_film(text, titles)) is not None and not asks_for_films(text):
        # "heat was good but the ending was weak", "big was fun but the ending was silly": what only a film has, said
        # of the name
        return ruled if isinstance(ruled, AddWatched) and not ruled.guessed else AddWatched(
            TitleList.listed([film.text]), liked=bool(LIKED.search(text)))
    named = sentence_spans(text, titles, said_watched=True)
    spans = _act_spans(text, titles, named)
    reading = acts.read(text, [(s.start, s.stop) for s in spans], getattr(titles, "budget", None))
    if reading is not None and reading.act == "taste" and isinstance(ruled, SetTaste):
        return _as_act(reading.act, text, spans, ruled, titles, acts)  # which way it points: the model's reading
    # the clause's taste, read by the taste model at most once (each read spends the budget)
    taste = functools.cache(lambda: taste_in(text, titles, _polarities(acts, titles)))
    if isinstance(ruled, AddWatched) and ruled.guessed and not any(_names_titles(p, titles) for p in ruled.titles.titles) \
            and _RUNNING_TIME.search(text) and "length" in (limited := read_request(text, titles)).unsupported:
        return limited  # "Nothing longer than an hour and a half": a filter it does not have, said so
    if isinstance(ruled, AddWatched) and ruled.guessed and (instead := _request_instead(ruled, text, titles)) is not None \
            and ("?" in text or _dated(instead) or _a_piece_asks(ruled, titles) and not _a_taste(taste())):
        # no verb, no title, a kind of film asked with years or a question: "then I shall settle for an action film
        # from the late nineties", "so a musical none of the three of us have seen?"; or a piece of its own that
        # asks, the rest talk: "Animation for me and my nephew tonight, nossa, he is crazy for cartoons"
        return instead
    if reading is not None and reading.act == "request" and isinstance(ruled, Recommend) and not acts.sure(reading) \
            and _AVERSION.search(text) and not asks_for_films(text, negated_too=False) and not _asked_about(text) \
            and _only_dislikes(text, ruled, taste):
        return _as_act("taste", text, spans, ruled, titles, acts)  # "sci fi bores me stupid fyi": read unsurely as asked
    if reading is None or reading.act == _act_of(ruled):
        return ruled
    if reading.act == "history" and isinstance(ruled, Recommend) and _dated(ruled):
        return ruled  # "What do you have from the year 1994 exactly?": the history is asked with no years
    # a request read from genre words alone, with no word that asks ("i only like comedies, nothing else"), is a
    # taste where the model reads one at the fallback bar, as a bare title is a request
    # ... but one asked about ("what about sci fi for me naman", "and for me any film noir?") asks for films
    # ... and weariness said with a rising "?" asks nothing ("I'm kind of over war movies?")
    if isinstance(ruled, Recommend) and not asks_for_films(text, negated_too=False) \
            and not (_asked_about(text) and not WEARY_OF.search(text)) and (
            reading.act == "taste" and (acts.sure(reading) or acts.sure(reading, fallback=True) and not _dated(ruled)
                                        and not _A_KIND_ASKED.search(text))
            or reading.act in ("taste", *_TALK) and _only_dislikes(text, ruled, taste)):
        # ... ("so a crime film none of us has seen" asks for one, unless the model is sure); read as talk, the kinds
        # it names all disliked ("Oh, and I can't do horror, should've said"): a taste
        return _as_act("taste", text, spans, ruled, titles, acts)
    if isinstance(ruled, AddWatched) and ruled.guessed and (
            len(re.findall(r"\w+", text)) >= 3 and not acts.knows_a_word(text) or _BARE_COMMAND.match(text)):
        return ruled  # "qzx and qzx & qzx", "add": no words to read an act from; said unknown as typed ("moar" is read)
    if isinstance(ruled, AddWatched) and reading.act in _TALK and any(
            _VIEWED_RIGHT_BEFORE.search(text[:s.start]) for s in named):
        return ruled  # "but tonight i seen the graduate with my wife, kind of ironic": a viewing verb takes the title
    if reading.act in _ASKING and _RELATIVE.match(text) and not text.rstrip().endswith("?"):
        return ruled  # "..., which I refused to watch": a relative clause goes on with the sentence, it asks nothing
    if reading.act in ("request", "more") and acts.sure(reading, fallback=True) \
            and _request_instead(ruled, text, titles) is not None:
        return _as_act(reading.act, text, spans, ruled, titles, acts)
    if isinstance(ruled, AddWatched) and ruled.guessed and not named and reading.act == "taste" and _a_taste(taste()):
        # "Mushy romance pictures put me to sleep faster than a Presbyterian sermon.": no title, a kind of film the
        # taste model reads a way; the model's likeliest act, however near even, before a whole sentence as a title
        return _as_act("taste", text, spans, ruled, titles, acts)
    floor = _floor(ruled, reading.act, text, acts)
    return _as_act(reading.act, text, spans, ruled, titles, acts) \
        if floor is not None and reading.confidence >= floor else ruled


def _named_by(act: Intent) -> tuple[str, ...]:
    """The titles an act already says something about, as typed."""
    if isinstance(act, AddWatched) and not act.guessed or isinstance(act, RemoveWatched):
        return act.titles.titles
    if isinstance(act, NotWatched):
        return act.titles
    if isinstance(act, Correct):
        return act.new.titles + (act.old.titles if act.old else ())
    if isinstance(act, Recommend):
        return (act.constraints.like,) if act.constraints.like else ()
    if isinstance(act, Explain):
        return (act.title,) if act.title else ()
    return ()


_DASHED = re.compile(r"^\s+[-\u2013\u2014]\s+\w")
_COLON_SAID = re.compile(r"\s*:\s+\w")
_SENTENCE_OPENS_HERE = re.compile(r"(?:^|[.!?;\n]\s*)\W*$")
# a topic set out, as notes write it: "re: the heat - AC is broken" (an everyday word named so is no film)
_REGARDING = re.compile(r"\bre\s*:\s*(?:the\s+)?$", re.I)


def _read_whole(text: str, found: tuple[Intent, ...], titles: TitleIndex | None,
                reader: MentionReader | None) -> tuple[Intent, ...]:
    """The acts, with the titles that stand out in the message and that no act says anything about read by the
    mention-status model in the whole message: those read surely as watched are stated. The clause rules lose some
    ("speed - loved it.", "pulp fiction ⭐⭐⭐⭐⭐", "not gonna lie armageddon makes me cry every time"); the model,
    trained on whole messages, reads them. A message that removes, corrects or clears is left as read."""
    if reader is None or titles is None or any(isinstance(a, (RemoveWatched, Correct, StartOver, Undo, Rejected))
                                               or a == SmallTalk("kept") for a in found) or _CHOOSING.search(text):
        return found  # ... or asks which of its films to watch
    named = [n for a in found for n in _named_by(a)]
    ruled_out = {m for a in found if isinstance(a, (Recommend, SetTaste)) for m in (
        *a.disliked_movies, *getattr(a, "excluded_movies", ()))}
    standing = sentence_spans(text, titles)
    said_spans = sentence_spans(text, titles, said_watched=True)
    # an everyday title stands out too rated, or with what the writer thought of it after a dash ("speed - loved it.
    # speed 2 - absolute garbage."); not as the last item of a request ("80s action, go"), nor inside talk
    # "Ghost: very romantic. Pretty Woman: more or less.": a list of films, each with what was thought of it
    colon_listed = sum(bool(_COLON_SAID.match(text, s.stop)) for s in said_spans) >= 2
    spans = [s for s in said_spans if (s in standing or _RATED.match(text[s.stop:]) or colon_listed and _COLON_SAID.match(
        text, s.stop) and _SENTENCE_OPENS_HERE.search(text[:s.start]) or _DASHED.match(text[s.stop:]) and not (
        s.everyday and _REGARDING.search(text[:s.start]) and not LIKED.search(text[s.stop:])))
             and not _NOT_THE_FILM.match(text[s.stop:])
             and not (_OTHERS_AS_FANS.search(text[:s.start]) and _FAN.match(text[s.stop:]))]
    def claims(name: str, span) -> bool:  # "speed 2" claims Speed 2, not the Speed said apart before it
        longer = any(t is not span and len(t.text) > len(span.text) and _holds(name, t.text) for t in spans)
        return _holds(span.text, name) or _holds(name, span.text) and not longer

    # (not one someone else is said to have seen: "She's also seen Toy Story so pick something else")
    open_spans = [s for s in spans if not any(claims(n, s) for n in named) and not set(s.movies) & ruled_out
                  and not _seen_by_others(text, s, spans) and not _dropped_again(text, s.text)]
    if not open_spans:
        return found
    readings = reader.read(text, [(s.start, s.stop) for s in spans], getattr(titles, "budget", None))
    watched = [s.text for s, r in zip(spans, readings) if s in open_spans and r.watched and not reader.unsure(r)]
    if not watched:
        return found
    # a guess at words that hold these titles ("shawshank 😭😭😭 green mile 😭😭") gives way to them
    gave_way = [a for a in found if isinstance(a, AddWatched) and a.guessed and any(
        _holds(p, w) for p in a.titles.titles for w in watched)]
    kept = [a for a in found if a not in gave_way]
    # its other pieces that are titles, which the clause's own reading kept as watched, stay ("clueless, 10 things
    # i hate about you and scream": scream, an everyday word, stands out only as an item of that list)
    said = {s.text for s in said_spans}
    watched += [p for a in gave_way for p in a.titles.titles if p in said and p not in watched]
    line = TitleLine.listed(watched)
    adds = [i for i, a in enumerate(kept) if isinstance(a, AddWatched) and not a.guessed]
    if adds:
        first = kept[adds[0]]
        # in the order the message names them: "the last one" is the last one said
        lines = sorted(first.titles.lines + (line,), key=lambda l: _place_in(text, l.pieces[0]) if l.pieces else len(text))
        kept[adds[0]] = replace(first, titles=TitleList(tuple(lines), first.titles.skipped))
        return tuple(kept)
    return (AddWatched(TitleList((line,))), *kept)


def _place_in(text: str, piece: str) -> int:
    """Where `piece` is first said in `text` (case aside); the end where it is not."""
    found = text.lower().find(piece.lower())
    return found if found >= 0 else len(text)


# a learner's false friend for "watch" (Portuguese and Spanish "assistir"): "I assisted The Sixth Sense last year", "what
# to assist today" (not "I assisted my mother", "assisted with the move")
_ASSISTED = re.compile(r"\bassist(?P<end>ed|ing|s)?\b(?!\s+(?:my|your|his|her|their|our|him|them|me|us|you|with|in|at|on|by|"
                       r"people|someone|somebody|the (?:team|doctor|teacher|nurse|police))\b)", re.I)
_WATCH_FORMS = {None: "watch", "ed": "watched", "ing": "watching", "s": "watches"}


# Scots words for the English ones the readings know (a closed list): "Nae musicals. Ever.", "I cannae be doing wi' it",
# "gie us something fae the 50s"
DIALECT_FILE = Path(__file__).resolve().parents[1] / "recommender" / "data" / "dialect_words.tsv"


@functools.cache
def _dialect() -> tuple[dict[str, str], re.Pattern]:
    """The dialect file's words ("nae", "summat", "seventys") and the pattern that finds them; "wi'" is "with"."""
    lines = [line.split("\t") for line in DIALECT_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    words = {word.strip().lower(): english.strip() for word, english in lines}
    # the longest first: "nae seen" before "nae"
    return words, re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b|\bwi'(?=\s)",
                             re.I)


# "mi grandson Malik", "with me grandson", "me da watched braveheart": a patois, Irish or Yorkshire "my" before a person
_MY_SAID_ME = re.compile(r"\b(?:mi|me)\s+(?=(?:own|grand\w*|wife|husband|missus|son|daughter|sister|brother|bredda|church|"
                         r"pickney|mother|father|mum|dad|da|mam|ma|nan|nana|gran|granda|niece|nephew|cousins?|neighbou?rs?|"
                         r"lads?|mates?|little uns?|flatmates?|housemates?|arl|old|fella|girlfriend|boyfriend|head)\b)", re.I)
# patois "mi" before a verb is "I": "mi see The Sting", "Mi hate horror" (not "MI 2", nor Spanish "mi lista")
_I_SAID_MI = re.compile(r"\bmi\s+(?=(?:see|saw|watch|watched|like|love|hate|did|do|get|got|mix|mek|tek|never|neva|nuh|no|"
                        r"want|waan|tink|think|know|just|deh|seh|say|find|enjoy|enjoyed|can|cyaan|will|would|was|is|have|"
                        r"had|already|also|tell|bring|put|go|done|only|mean|meant|read|prefer|rather)\b)", re.I)
# patois "an" is "and" before a word starting with a consonant ("The Sting an Butch Cassidy"), an article otherwise
# ("an hour", "an FBI agent" keep it)
_AN_FOR_AND = re.compile(r"(?<=\w)\s+an\s+(?=(?-i:(?![A-Z]{2}))[b-df-gj-np-tvwyz]\w{2,}\b(?!-))", re.I)
# texting's "n" between two words is "and" ("me n the boy", "heat n big"); a lone "n" stays a "no"
_N_FOR_AND = re.compile(r"(?<=\w)\s+n\s+(?=\w)|^\s*n\s+(?=(?:the|also|then|a|an|my|our|his|her|their|that|this|those|both|all)\b)",
                        re.I)  # ... and one that opens a message before a noun phrase ("n the second one straight after")
# Cajun "da" is "the" ("da second one", "da first Godfater"); after "my" or "me" it is an Irish dad ("me da watched X")
_DA_FOR_THE = re.compile(r"(?<!\bmy )(?<!\bme )(?<!\bmi )(?<!\byour )(?<!\bour )(?<!\bhis )(?<!\bher )(?<!\bthe )\bda\b(?=\s+\w)",
                         re.I)
# Cajun "cher" (dear) in lower case, said to the listener: "cher take all three of them off" (Cher, the singer, is
# written as a name)
_CHER_SAID_TO = re.compile(r"(?-i:\bcher\b)\s*,?\s*")
# "next night we seen Fargo": a story's next night, past, as "the next night" says it (the reading took it as a plan)
_NEXT_TIME_OPENING = re.compile(r"(?:^|(?<=[.!,;]\s))(?=next\s+(?:night|day|morning|evening|afternoon)\s+(?:i|we)\s+\w+ed\b|"
                                r"next\s+(?:night|day|morning|evening|afternoon)\s+(?:i|we)\s+(?:saw|seen|caught|did)\b)", re.I)
# the subject dropped before a doubt of one's own viewing: "Don't think I ever saw Jaws" is "I don't think I ever saw"
_DONT_THINK_OPENING = re.compile(r"(?:^|(?<=[.!?;]\s))(?=(?:don'?t|dont|do\s+not|dinnae|dinna)\s+think\s+(?:i|we)(?:'ve|\s+have|'d|\s+had)?"
                                 r"\s+ever\b)", re.I)
# Afrikaans "nee" (no) where a refusal stands: "nee wait. just first blood", "robocop 2 nee sorry" (not "I nee a
# thriller", a slip of "need")
_NEE_FOR_NO = re.compile(r"(?:^|(?<=[\s,.!?]))nee(?=\s*[,.!]|\s+(?:wait|sorry|man|thanks|jong|never|not|ag|hey)\b|\s*$)", re.I)
# texting's "r" between two words is "are" ("romance movies r so cringe"; not "rated r", "r&b", a capital "R")
_R_FOR_ARE = re.compile(r"(?-i:(?<=[a-z] )r(?= [a-z]))(?<!rated r)(?! rated\b)"
                        # "is Toy Story ok for r little one?": "our" after a preposition or a verb
                        r"(?<!\bfor r)(?<!\bwith r)(?<!\bto r)(?<!\bof r)(?<!\bat r)(?<!\bin r)(?<!\bon r)(?<!\bfrom r)"
                        r"(?<!\bwatch r)(?<!\bsee r)(?<!\bme n r)")
# "like" as a filler before a question said again: "how long is Braveheart? like how many hours"
_LIKE_AS_FILLER = re.compile(r"(?<=[?,])\s*like\s+(?=(?:how|what|when|where|who|which|is|are|does|do)\b)", re.I)
# a full stop dictated as a word: "i hated the blair witch project period dave talked me into it" (not "a period drama")
# (not "i only like one genre period and it's horror": an emphatic "period" goes on with "and")
_PERIOD_SAID = re.compile(r"(?<=\w)\s+period\s+(?=(?:i|i'm|im|we|he|she|they|my|our|his|her|their)\b|"
                          r"[a-z]+\s+(?:talked|said|says|made|wanted|loved|hated|watched|thinks|thought)\b)", re.I)
# Scots "o" between two words is "of": "a list o guid films", "10 oot o 10" (not "O Brother", written so)
_O_FOR_OF = re.compile(r"(?<=[a-z0-9])\s+(?-i:o)\s+(?=[a-z0-9])(?!brother\b)", re.I)
# Tagalog's polite "po" after a word says nothing the readings use: "more po", "yes po", "suggest po for them"
_POLITE_PO = re.compile(r"(?<=\w)\s+po\b(?!')", re.I)


def _title_places(text: str, titles: TitleIndex | None) -> list[tuple[int, int]]:
    """Where the titles of `text` stand; a name the article was read into ("an Butch Cassidy ...") from its own words."""
    if titles is None:
        return []
    return [(s.start + (3 if s.text[:3].lower() == "an " and not any(
        titles.catalog.by_id(m).display_title.startswith("An ") for m in s.movies) else 0), s.stop)
        for s in titles.spans(text)]


# Scots "an" before a title that opens with a vowel ("an aliens the nicht efter", "crimson tide an u571"): "and"
# where it opens the message or follows a title, and the title is not followed by a noun it qualifies ("an alien film")
_AN_WORD = re.compile(r"(?:^|(?<=\s))an\s+", re.I)
_ENDS_AN_ITEM = re.compile(r"\s*(?:[,.!?;]|$)|\s+(?:the|last|too|as|and|also|on|at|in|with|yesterday|tonight|twice|again|"
                           r"after|afterwards|then|aw)\b", re.I)


# Pidgin's perfect, "don" before a viewing verb: "I don watch Braveheart, Gladiator and Spartacus" (I have watched),
# "I don see all of them before" (not "I don watch horror", a slip of "don't": only before a title or "all of them")
_DON_VIEWED = re.compile(r"\b(?P<who>i|we)\s+don\s+(?P<verb>watch|see|finish)\s+(?=(?P<all>all|every|am\b|them\b|those\b))?",
                         re.I)
_DON_PAST = {"watch": "watched", "see": "seen", "finish": "finished"}


def _don_as_have(text: str, titles: TitleIndex | None) -> str:
    def have(said: re.Match) -> str:
        if not said["all"] and not (titles is not None and any(s.start == said.end() for s in titles.spans(text))):
            return said.group()
        return f"{said['who']} have {_DON_PAST[said['verb'].lower()]} "
    return _DON_VIEWED.sub(have, text) if "don " in text.lower() else text


def _an_before_a_title(text: str, titles: TitleIndex | None) -> str:
    if titles is None or not _AN_WORD.search(text):
        return text
    for said in reversed(list(_AN_WORD.finditer(text))):
        if any(a <= said.start() < b for a, b in _title_places(text, titles)):
            continue  # "an american werewolf in london": the title's own article
        meant = f"{text[:said.start()]}and {text[said.end():]}"
        spans = titles.spans(meant)
        after = next((s for s in spans if s.start == said.start() + 4), None)
        if after is not None and _ENDS_AN_ITEM.match(meant, after.stop) and (
                said.start() == 0 or any(s.stop == len(text[:said.start()].rstrip()) for s in spans)):
            text = meant
    return text


# a French speaker's decade ("les années 50"): "Propose me a film of the years 50" is the fifties
_YEARS_OF_A_DECADE = re.compile(r"\b(?:the\s+)?years\s+(?P<decade>[2-9]0)\b(?!\s*(?:old|ago|later|before|of|in)\b)", re.I)
# a speaker's aside set off by commas inside a sentence, saying nothing the readings use: "Science fiction, I confess,
# is not my thing", "War films, on the other hand, I avoid on principle" (a closed list)
_ASIDE = re.compile(r"\s*,\s*(?:i (?:must )?(?:confess|admit)|i must say|for me|to me|honestly|frankly|personally|"
                    r"to be (?:honest|frank|fair)|i'?m afraid|alas|sadly|on the other hand|if i'?m honest|if i am honest|"
                    r"truth be told|as it happens|i suppose|in (?:all )?honesty)\s*,\s*(?=\w)", re.I)


def in_english(text: str, titles: TitleIndex | None = None) -> str:
    """`text` with dialect words and words spelt by ear as English ("summat from the seventys": "something from the
    seventies", "mi see The Sting an Butch Cassidy": "I see The Sting and Butch Cassidy"); a title that holds one
    keeps it as typed (its place found again after each rule: a rule may change the length)."""
    words, pattern = _dialect()
    for rule, english in ((_MY_SAID_ME, lambda m: "my "), (_I_SAID_MI, lambda m: "I "), (_AN_FOR_AND, lambda m: " and "),
                          (_N_FOR_AND, lambda m: " and "), (_POLITE_PO, lambda m: ""), (_R_FOR_ARE, lambda m: "are"),
                          (_NEE_FOR_NO, lambda m: "no"), (_DA_FOR_THE, lambda m: "the"),
                          (_NEXT_TIME_OPENING, lambda m: "the "), (_CHER_SAID_TO, lambda m: ""),
                          (_DONT_THINK_OPENING, lambda m: "I "),
                          (_YEARS_OF_A_DECADE, lambda m: f"the {m['decade']}s"), (_O_FOR_OF, lambda m: " of "),
                          (_PERIOD_SAID, lambda m: ". "), (_LIKE_AS_FILLER, lambda m: " "),
                          (pattern, lambda m: words.get(m.group().lower(), "with"))):
        if rule.search(text):
            kept = _title_places(text, titles)
            text = rule.sub(lambda m, english=english: m.group() if any(a < m.end() and m.start() < b for a, b in kept)
                            else english(m), text)
    text = _an_before_a_title(_don_as_have(text, titles), titles)
    # an aside after a kind of film, no title before it ("Election, on the other hand, had me laughing", "Watched
    # Casino, honestly, Goodfellas is better" keep their commas)
    def aside(said: re.Match) -> str:
        before = re.split(r"[.!?;:]\s*", text[:said.start()])[-1]
        return " " if genres_in(before, REQUEST_GENRE_WORDS) and not (titles is not None and titles.spans(before)) \
            else said.group()
    return _ASIDE.sub(aside, text)


# a school grade given a film, in capitals after it: "Alien A, Aliens A+, Alien³ C", "Beyond Thunderdome, C+"
# (not a title's initials: "Titan A.E.", "The Shaggy D.A.", "Cecil B. Demented")
_GRADE = re.compile(r"(?<=[\w³²)!?'])(?P<gap>\s*[:,\-–—]?\s+|\s*[:\-–—]\s*)(?-i:(?P<grade>[A-DF])(?P<sign>[+-]?))"
                    r"(?=\s*(?:[,;!)]|$|\s+(?:and|&|\+)\s)|(?<=[+-])\.|\.(?!\w)(?!\s+(?-i:[A-Z])))")
_GRADE_SCORES = {"A": 9, "B": 7, "C": 5, "D": 3, "F": 1}
# "Logged: A, B": the speaker's log of films watched
_LOGGED = re.compile(r"^\W*(?:logged|log(?:ging)?)\s*(?::|-|–|—)\s*"
                     # "Quick log, Letterboxd-style: Chinatown ★★★★★; ..."
                     r"|^\W*(?:(?:quick|my|today'?s|weekend|weekly|film|movie)\s+)?log(?:,\s*[\w-]+(?:\s+[\w-]+)?)?\s*:\s*", re.I)
# a score said in words: "the matrix nine out of ten", "ghost five stars" (as the digits the readings know)
_SCORE_IN_WORDS = re.compile(r"\b(?P<score>one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:stars?\s+)?(?:out\s+of|outta|/)\s+"
                             r"(?P<of>ten|five)|(?P<stars>stars?)\b(?!\s+(?:wars|trek|out)\b))\b", re.I)
# stars drawn, a half after them: "The Conversation ★★★★½" (as a score out of five)
_STARS_DRAWN = re.compile(r"\s*(?P<stars>[★⭐]+)\s*(?P<half>½)")
_NUMBER_WORDS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}


def _grades_as_scores(text: str) -> str:
    """School grades after films as the scores they stand for ("Alien A-" -> "Alien 9/10"), superscript numbers
    as digits ("Alien³" -> "Alien 3"), and a log opening the message as the viewing it is."""
    text = text.replace("³", " 3").replace("²", " 2")
    text = _LOGGED.sub("Watched: ", text)
    text = _STARS_DRAWN.sub(lambda m: f" {len(m['stars'])}.5/5", text)
    text = _SCORE_IN_WORDS.sub(lambda m: f"{_NUMBER_WORDS[m['score'].lower()]}/"
                               f"{'5' if m['stars'] else _NUMBER_WORDS[m['of'].lower()]}", text)

    def score(said: re.Match) -> str:
        value = _GRADE_SCORES[said["grade"]] + {"+": 1, "-": -1, "": 0}[said["sign"]] * (said["grade"] != "F")
        return f" {min(10, max(1, value))}/10"
    return _GRADE.sub(score, text)


# a heading that lists films not seen, at a sentence's start: "Not seen: Casablanca, Citizen Kane.", "Unseen: ..."
_NOT_SEEN_HEADING = re.compile(r"(?:^|(?<=[.!?;]\s))\s*(?:not\s+(?:yet\s+)?(?:seen|watched)(?:\s+yet)?|unseen|yet to (?:see|watch))\s*:",
                               re.I)


# a hedged negation, as the plain one: "I don't think I ever saw X" is "I never saw X"
_HEDGED_NEVER = re.compile(r"\bi\s+(?:(?:don'?t|do not)\s+(?:think|believe|reckon)|"
                           # "I cannot honestly say I have watched it"
                           r"(?:can'?t|cannot|could\s?n'?t|could not)\s+(?:honestly\s+|really\s+|truly\s+)?say(?:\s+that)?)"
                           r"\s+i(?:\s+|(?='))(?:ever\s+)?(?:really\s+|actually\s+)?(?P<verb>saw|watched|"
                           # the participle as a past: "I don't think I ever seen the graduate"
                           r"(?<=ever )seen(?!\s+(?:anything|anyone|something|nothing|such|so|as|a\s+\w+er)\b)|"
                           r"(?:have|'ve)\s+(?:ever\s+)?(?:seen|watched)|finished)\b", re.I)
# the idiom of a film not seen yet: "My advisor insists I haven't lived until I've seen Ran"
_SEEN_AFTER_ALL = re.compile(r"\b(?:(?:watched|seen|saw|did\s+watch|did\s+see)\s+it|(?:already|but)\s+(?:i\s+)?have\b|i\s+have\s+(?:already|actually)\b)",
                             re.I)
_NOT_LIVED_UNTIL = re.compile(r"\bi\s+(?:haven'?t|have\s+not|havent)\s+(?:really\s+)?lived\s+(?:until|till|til)\s+"
                              r"i(?:'ve|\s+have)?\s+(?:seen|watched)\s+", re.I)
# a correction said without its comma: "no I didn't see rocky three that was rocky four"
_NOT_THAT_IT_WAS = re.compile(r"\b(?P<said>(?:didn'?t|did not|never)\s+(?:see|watch|saw|watched)\s+[^,.;!?]+?)\s+"
                              r"(?P<was>(?:that|it)\s+was\s+(?:actually\s+)?[^,.;!?]+)", re.I)


def _watch_meant(text: str) -> str:
    """The message with a learner's "assisted" as "watched" and school grades as scores;
    "I don't think I ever saw X" as "I never saw X"; "didn't see X that was Y" with its comma."""
    text = _HEDGED_NEVER.sub(lambda m: "I haven't seen" if "seen" in m["verb"].lower() else "I never saw", text)
    if not _SEEN_AFTER_ALL.search(text):  # "... I did watch it last year though", "..., but I already have"
        text = _NOT_LIVED_UNTIL.sub("I haven't seen ", text)
    if said := _NOT_THAT_IT_WAS.search(text):  # "no I didn't see X that was Y": the "no" is the correction's
        text = re.sub(r"^\W*(?:no+|nope|nah|oops|sorry)\W+", "", f"{text[:said.start()]}{said['said']}, {said['was']}"
                      f"{text[said.end():]}", flags=re.I)
    text = _grades_as_scores(text)
    text = _NOT_SEEN_HEADING.sub("Haven't seen:", text)  # "Not seen: Casablanca, Citizen Kane. Seen: The Third Man."
    text = _ASSISTED.sub(lambda m: _WATCH_FORMS[m["end"] and m["end"].lower()], text) if "ssist" in text else text
    return text


# a viewing said not had, a closed list: the negation, then the verb
_NEGATED = r"didn'?t|did not|never|haven'?t|have not"
_VIEWING_VERB = r"(?:actually\s+|really\s+)?(?:finish(?:ed)?|see|seen|saw|watch(?:ed)?)"
# a number said not seen: "I never finished III", "didn't see 2"
_NUMBER_NOT_SEEN = re.compile(rf"\b(?:{_NEGATED}|not)\s+{_VIEWING_VERB}\s+(?:part\s+|number\s+)?"
                              r"(?P<n>\d{1,2}|(?-i:[IVX]{1,4}))\b(?!\s*/)", re.I)
_NOT_SEEN_RIGHT_BEFORE = re.compile(rf"\b(?:{_NEGATED})\s+{_VIEWING_VERB}\s+$", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_MIXED_UP = (r"\b(?:mixed (?:it|them|that) up with|confused (?:it|them|that) with|got (?:it|them) mixed up with|"
             # "Remove Taxi Driver; I was thinking of Serpico, which is what I actually saw"; "take unforgiven off, it
             # were the quick and the dead i saw"
             r"mistook (?:it|them) for|(?:i was|i'?m) (?:thinking of|confusing (?:it|them|that) with)|it was(?= [^,.;!?]+ (?:i|we) "
             r"(?:actually )?(?:saw|watched)\b))\s+")
_MIXED_UP_WITH = re.compile(_MIXED_UP + r"(?P<rest>.+)$", re.I | re.S)
# "the one i saw was mallrats", "Remove Howards End, I meant The Remains of the Day": the film seen, said after a
# removal (a title must follow)
# "remove Heat, it was Ronin my brother watched": someone else's viewing, said after the film
_SOMEONE_ELSES = re.compile(r"^\s*(?:that\s+|which\s+)?(?:my|his|her|our|their|he|she|they)\b", re.I)
_SEEN_INSTEAD = re.compile(r"\b(?:the (?:other )?one (?:i|we) (?:actually |really )?(?:saw|watched|seen) (?:was|is)|i meant|"
                           r"i was thinking of|"
                           # "take goodfellas off, that was casino i watched", "delete naked gun, it was actually hot shots"
                           r"(?:actually\s+)?(?:it|that)\s+was(?:\s+actually|\s+really)?)\s+"
                           r"(?P<rest>.+)$", re.I | re.S)
_MIXED_UP_RIGHT_BEFORE = re.compile(_MIXED_UP + r"$", re.I)
_THE_ONE_SEEN = re.compile(r"^[\s,;'\"’”-]*(?:(?:that'?s|that is|it'?s|which is) (?:the one|what) (?:i|we) (?:actually )?(?:saw|watched|did see)|"
                           r"(?:which|that)? ?(?:i|we) (?:actually (?:saw|watched)|did (?:see|watch)|saw|watched))\b"
                           r"(?!\s+(?:the\s+)?(?:trailer|trailers|advert|advertised|ad|ads|poster|you)\b)", re.I)


def _said_not_seen(text: str, titles: TitleIndex) -> list[str]:
    """The films a negated viewing verb takes, with the films of its list ("I didn't see Heat, Ronin or Casino")."""
    spans = sentence_spans(text, titles, said_watched=True)
    taken: list[str] = []
    for i, span in enumerate(spans):
        if _NOT_SEEN_RIGHT_BEFORE.search(text[:span.start]) or taken and i and spans[i - 1].text == taken[-1] \
                and _COORDINATED.match(text[spans[i - 1].stop:span.start]):
            taken.append(span.text)
    return taken


# the last sentence asks to remove films the message named before it: "... Please remove both.", "Remove it, please."
_REMOVE_THOSE_NAMED = re.compile(r"(?:^|[.!?;]\s+)(?:(?:so|please|kindly|then|and)[\s,]+)*(?:(?:could|would|can) you\s+"
                                 r"(?:please\s+|kindly\s+)?)?(?:remove|delete|strike|take out|scratch|scrap|drop|cross out)\s+"
                                 r"(?P<which>both(?: of them)?|them(?: both)?|those two|the two of them|it|that one)"
                                 r"(?:\s+(?:off|out))?(?:\s+(?:from|off) (?:my |the )?(?:list|history))?"
                                 r"[\s,]*(?:please|thanks|thank you)?[\s.!]*$", re.I)


# a film of the message said to be a mistake: "wrong, election was somethin else"
_SAID_MISTAKEN = re.compile(r"\b(?:wrong|mistake|mistaken|(?:was|is)\s+somethin[g']?\s+else|mixed\s+up|not\s+(?:it|right))\b", re.I)


def _removal_of_those_named(text: str, found: tuple[Intent, ...], titles: TitleIndex | None,
                            reader: MentionReader | None) -> tuple[Intent, ...]:
    """"I did not actually watch Gandhi, and Chariots of Fire was merely on in the background. Please remove both.":
    the films named before the last sentence, removed; "it" where the message named two is the one not read as
    watched ("I watched Red October; it was Harold who watched Patriot Games. Please remove it.")."""
    asked = _REMOVE_THOSE_NAMED.search(text) if titles is not None else None
    if asked is None:
        return found
    spans = sentence_spans(text[:asked.start()], titles, said_watched=True)
    names = list(dict.fromkeys(s.text for s in spans))
    if asked["which"].lower() in ("it", "that one"):
        if _MIXED_UP_WITH.search(text):
            return found  # "Sorry, I confused it with Heat. Remove it.": the latest add, as the rules read it
        if len(names) == 1 and _SAID_MISTAKEN.search(text):
            return (RemoveWatched(TitleList.listed(names)),)  # "wrong, election was somethin else. scrap that one"
        if len(names) != 2 or reader is None:
            return found
        readings = reader.read(text, [(s.start, s.stop) for s in spans], getattr(titles, "budget", None))
        names = list(dict.fromkeys(s.text for s, r in zip(spans, readings) if not r.watched))
        if len(names) != 1:
            return found
    elif len(names) != 2 and asked["which"].lower() not in ("them", "them both"):
        return found
    return (RemoveWatched(TitleList.listed(names)),) if names else found


# every film but those named goes: "keep ronin, remove the rest", "only keep Heat", "remove everything except Fargo"
_REMOVE_VERB = r"(?:remove|delete|drop|ditch|bin|lose|scrap|clear|erase|scratch|get rid of|take (?:off|out)|cut)"
_THE_REST = r"(?:the rest|the others|all the others|the other ones|everything else|all (?:the )?else|all of the rest)"
_LEAD = r"(?:^|[.!?;]\s+)\W*(?:(?:please|pls|ok(?:ay)?|so|then|actually|hmm+|wait)[\s,]+)*"
_KEPT_ONLY = re.compile(
    rf"{_LEAD}(?:(?:just|only)\s+)?keep\s+(?:(?:only|just)\s+)?(?P<kept>[^,.;!?]+?)[\s,.;!-]+(?:and\s+|then\s+)?(?:please\s+)?"
    rf"{_REMOVE_VERB}\s+{_THE_REST}\b|"
    # "only keep Heat", said alone ("keep Heat" alone keeps a film, it takes none out)
    rf"{_LEAD}(?:(?:just|only)\s+keep|keep\s+(?:only|just))\s+(?P<kept_alone>[^,.;!?]+?)[\s.!]*(?:please|pls|thanks)?[\s.!]*$|"
    rf"\b{_REMOVE_VERB}\s+(?:everything|all(?: of them| of it)?|the lot|the whole (?:list|lot)|"
    r"my (?:whole )?(?:list|history))\s+(?:except(?: for)?|but|apart from|other than|besides|save for)\s+(?P<spared>[^,.;!?]+)", re.I)


def _kept_only(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """"keep ronin, remove the rest": one removal of every film but those the keeping words name (the service reads
    them against the latest add that holds them, or the whole history for "everything except"). Only where the films
    kept are named by title: "just keep them coming", "keep the first one, remove the rest" (a place) are read as
    before."""
    said = _KEPT_ONLY.search(text) if titles is not None and not any(isinstance(a, Rejected) for a in found) else None
    kept = said and (said["kept"] or said["kept_alone"] or said["spared"])
    if not kept or not sentence_spans(kept, titles, said_watched=True) \
            or re.search(r"n't\b|\b(?:not|never|dont)\b", re.split(r"[.!?;]", text[:said.start()])[-1], re.I):
        return found  # ... nor where it is said not to be done: "I didn't say remove everything except Heat"
    outside = f"{text[:said.start()]} {text[said.end():]}".lower()
    # what else the message says ("..., then recommend a comedy", "I also watched Casino. Keep Heat and Casino, ...");
    # its reading of the kept films is this one's
    others = [a for a in found if isinstance(a, (Recommend, SetTaste, ShowHistory)) and not getattr(a, "more", False)
              or isinstance(a, AddWatched) and not a.guessed and all(t.lower() in outside for t in a.titles.titles)]
    adds = [a for a in others if isinstance(a, AddWatched)]
    return (*adds, RemoveWatched(TitleList(()), all_but=kept, of_all=bool(said["spared"])),
            *(a for a in others if a not in adds))


def _removal_named(text: object, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A take-back that names what it takes: a film of the latest add by number ("Correction: I never finished III.
    ... Remove it."), films said not seen ("No wait, didn't see Fistful. Scratch it."); and the film a removal was
    mixed up with, watched ("take Dirty Dancing off, I mixed it up with Footloose, that's the one we saw")."""
    if not isinstance(text, str) or not found:
        return found
    if len(found) == 1 and isinstance(found[0], Undo) and found[0].takes_out:
        if number := _NUMBER_NOT_SEEN.search(text):
            found = (RemoveWatched(TitleList.listed([str(_ROMAN.get(number["n"].upper(), number["n"]))])),)
        elif titles is not None and (unseen := _said_not_seen(text, titles)):
            found = (RemoveWatched(TitleList.listed(unseen)),)
    taking = next((i for i, act in enumerate(found) if isinstance(act, (RemoveWatched, Undo))), None)
    if titles is not None and taking is not None and (instead := _SEEN_INSTEAD.search(text)) \
            and (seen := sentence_spans(instead["rest"], titles, said_watched=True)) and seen[0].start == 0 \
            and not _SOMEONE_ELSES.match(instead["rest"][seen[0].stop:]) \
            and not any(isinstance(act, AddWatched) for act in found):
        # "nah remove dogma, the one i saw was mallrats": the removal without that clause, the film seen added
        removal = found[taking]
        if isinstance(removal, RemoveWatched):
            removal = RemoveWatched(TitleList(tuple(l for l in (TitleLine.listed(tuple(
                p for p in line.pieces if not _SEEN_INSTEAD.search(p)
                and p.strip().lower() != seen[0].text.lower())) for line in removal.titles.lines) if l.pieces),
                removal.titles.skipped))
        return (*found[:taking], removal, AddWatched(TitleList.listed([seen[0].text])), *found[taking + 1:])
    if titles is not None and taking is not None and (mixed := _MIXED_UP_WITH.search(text)) \
            and (seen := sentence_spans(mixed["rest"], titles, said_watched=True)) \
            and _THE_ONE_SEEN.search(mixed["rest"][seen[0].stop:]) \
            and not any(isinstance(act, AddWatched) for act in found):
        # "Remove Taxi Driver; I was thinking of Serpico, which is what I actually saw. Then recommend ...": the
        # film meant goes in right after the removal, the rest of the message after it
        return (*found[:taking + 1], AddWatched(TitleList.listed([seen[0].text])), *found[taking + 1:])
    if titles is not None and taking is not None and (meant := _THINKING_OF.search(text)) \
            and (seen := sentence_spans(meant["rest"], titles, said_watched=True)) and seen[0].start == 0 \
            and not meant["rest"][seen[0].stop:].strip(" .!,lo") and not any(isinstance(act, AddWatched) for act in found):
        # "wait scratch the rock, i'm thinking of con air": the film meant, said last, goes in for the one taken out
        return (*found[:taking + 1], AddWatched(TitleList.listed([seen[0].text])), *found[taking + 1:])
    return found


# the film the speaker meant, said last after a removal: "..., i'm thinking of con air"
_THINKING_OF = re.compile(r"\b(?:i'?m|im|i was)\s+thinking\s+(?:of|about)\s+(?P<rest>.+)$", re.I | re.S)


# the speaker's viewing of a film named earlier in the message: "Glengarry Glen Ross should go in too. I caught it on
# cable", "ghost!! patrick swayze!! i sobbed. watched it w my sister", "Election ... Rushmore too. I saw both"
_VIEWED_IT_LATER = re.compile(r"(?:\b(?:i|we)(?:'ve|’ve|ve|\s+have)?\s+(?:(?:also|actually|finally|did|just|already)\s+)*|(?:^|[.!?;:,]\s*)(?:(?:and|then|also|but)\s+)?)"
                              r"(?:caught|watched|saw|seen|finished|rewatched)\s+(?P<object>it|both(?:\s+of\s+them)?|them\s+both)\b"
                              # "I saw it has Pacino in it", "I saw it won loads of oscars": seeing that
                              r"(?!\s+(?:trailer|coming|advertised|yet|has|had|have|is|was|won|got|gets|mentioned|listed|"
                              r"on\s+(?:the\s+)?(?:list|shelf|netflix|sale|reddit|twitter|tv guide))\b)"
                              # "i was gonna rewatch grease next — oh wait no i already did that tues"
                              r"|\b(?:i|we)\s+(?:already|actually)\s+did\s+(?:that|it)\b", re.I)


_SEEN_ALREADY = re.compile(r"\s+(?:already|before|twice|(?:a few|several|many|loads of|a couple of|\w+) times)\b", re.I)


_SPEAKER_FIRST = re.compile(r"\W*(?:i|we)\b", re.I)
# something of the film's, not the film: "The trailer for Gladiator is epic, watched it like 10 times"
_NOT_THE_FILM_ITSELF = re.compile(r"\b(?:trailers?|teasers?|clips?|book|novel|soundtrack|poster|reviews?|list)\b", re.I)
# a negation earlier in the sentence of a later viewing: "I don't consider that I've watched it"
_NEGATED_SO_FAR = re.compile(r"\b(?:not|never|n't|dont|didnt|cant)\b[^.!?;]*$", re.I)


def _viewed_later(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """`found` with an "I caught it" of this message's own films: the films named before it that no act stores (and
    none said unseen) are added, in the place of the "it" (which would mean the last message's film)."""
    # "dunno about the matrix. fell asleep halfway, finished it over brekkie": a film read as not watched, none of
    # its titles said unseen, then watched after all
    seen_it = next((i for i, a in enumerate(found) if isinstance(a, SeenThose)
                    or isinstance(a, NotWatched) and not a.unseen and not a.seen_by_others), None)
    viewed = _VIEWED_IT_LATER.search(text) if seen_it is not None and titles is not None else None
    if viewed is None or any(isinstance(a, Recommend) for a in found):
        return found
    plain = isinstance(found[seen_it], NotWatched) and not (found[seen_it].wanted or found[seen_it].ask)
    if plain and (_SPEAKER_FIRST.match(viewed.group()) or _NEGATED_SO_FAR.search(text, 0, viewed.start())
                  or _NOT_THE_FILM_ITSELF.search(text)):
        return found  # "I began Apocalypse Now ... I don't consider that I've watched it": no viewing said
    stored = {t.lower() for a in found if isinstance(a, AddWatched) for t in a.titles.titles}
    unseen = {t.lower() for a in found if isinstance(a, NotWatched) for t in (*a.unseen, *a.seen_by_others)}
    named = [s.text for s in sentence_spans(text[:viewed.start()], titles, said_watched=True)
             if s.text.lower() not in stored and s.text.lower() not in unseen]
    if seen_it is not None and not isinstance(found[seen_it], SeenThose) and re.search(r"(?i)\b(?:saw|seen)\s+\w+$",
                                                                                       text[:viewed.end()]) \
            and not _SEEN_ALREADY.match(text, viewed.end()):
        # "I'd like to watch Heat, I saw it in the shop": after a wish, seeing is not watching; "my girl wants to
        # watch titanic tonight, i've seen it already tho" is
        return found
    if not named or viewed["object"] == "it" and len(named) != 1:
        return found  # "My brother recommended Heat and Casino. I saw it": which one is not said
    said = {t.lower() for t in named}
    kept = []
    for act in found:
        if isinstance(act, NotWatched):
            left = tuple(t for t in act.titles if t.lower() not in said)
            act = replace(act, titles=left, ask=tuple(t for t in act.ask if t.lower() not in said)) if left else None
        if act is not None and not isinstance(act, SeenThose):
            kept.append(act)
    return (*kept[:seen_it], AddWatched(TitleList.listed(named)), *kept[seen_it:])


# ("we watched Heat. Not Casino though, we saw Casino last year" takes nothing back)
_TAKING_BACK_WORDS = re.compile(r"\b(?:wait|no|nope|nah|actually|sorry|scratch|oops|correction)\b", re.I)


# a film named again after words that take it back, and dropped: "Casino 7... no wait Casino I did not finish, forget
# that one"
_DROPPED_AFTER = re.compile(r"[^.;!?]{0,60}?(?<!n't )(?<!not )\b(?:(?:forget|scratch|delete|remove|drop)\s+(?:that|it|this)(?:\s+one)?|"
                            r"leave\s+(?:that|it|this)(?:\s+one)?\s+out|(?:don'?t|do\s+not)\s+count\s+(?:that|it|this))\b",
                            re.I)
_TAKING_BACK_RIGHT_BEFORE = re.compile(r"\b(?:wait|no|nope|nah|actually|sorry|oops|correction)\W*$", re.I)


def _dropped_again(text: str, piece: str) -> bool:
    named = [m for m in re.finditer(rf"(?<!\w){re.escape(piece)}(?!\w)", text, re.I)]
    return len(named) >= 2 and any(_TAKING_BACK_RIGHT_BEFORE.search(text, 0, m.start()) and _DROPPED_AFTER.match(text, m.end())
                                   for m in named[1:])


def _taken_back_later(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """`found` without the films an add names that the message, taking words back, says were not the speaker's
    viewing ("we did bugs life and antz — wait no, not antz, that was at my sisters"); not those others saw too ("I
    watched Heat and Casino. My wife watched Casino too.")."""
    unseen = {t.lower() for a in found if isinstance(a, NotWatched) and not a.wanted
              for t in a.titles if t not in a.seen_by_others}
    dropped = {p.lower() for a in found if isinstance(a, AddWatched) for p in a.titles.titles if _dropped_again(text, p)}
    unseen |= dropped
    if not unseen or not _TAKING_BACK_WORDS.search(text):
        return found

    def kept_piece(piece: str) -> bool:  # (with the words that dropped it: "no wait Casino I did not finish")
        said = piece.lower()
        return said not in unseen and not (dropped and (_DROPPED_AFTER.fullmatch(piece) or _TAKING_BACK_WORDS.search(piece)
                                                        and any(re.search(rf"(?<!\w){re.escape(d)}(?!\w)", said) for d in dropped)))

    kept: list[Intent] = []
    for act in found:
        if isinstance(act, AddWatched):
            lines = [TitleLine.listed(left) for line in act.titles.lines
                     if (left := tuple(p for p in line.pieces if kept_piece(p)))]
            if not lines:
                continue
            act = replace(act, titles=TitleList(tuple(lines), act.titles.skipped))
        kept.append(act)
    return tuple(kept) or found


# what a message that opens by taking something back says of the film meant instead: "hmm no sorry, was the first
# terminator ... change pls", "No, I'm havering. It was the first Crocodile Dundee ... Swap it over, please."
_MEANT_INSTEAD = re.compile(r"\b(?:swap|switch|change|replace|fix|correct)\s+(?:it|that|them)\b|"
                            r"(?:^|[.!?;,]\s*)(?:swap|switch|change|replace|fix|correct)\b(?:\s+(?:it|that|them|pls|please))?"
                            r"\s*(?:pls|please)?[\s.!]*$", re.I)
# "it was X", or "was X" right after the words that take the last one back ("hmm no sorry, was the first terminator")
_WAS_RIGHT_BEFORE = re.compile(rf"\b(?:it|that)\s+(?:was|is)\s+$|(?:^|[.!?;]\s+)was\s+$|{_TAKING_BACK.pattern}(?:it\s+)?was\s+$",
                               re.I)
# one more said, not one put right: "Sorry, I can't remember more. Was Fargo, maybe, too."
_ADDED_TOO = re.compile(r"\b(?:too|as well)(?=\s*(?:[.,!?;]|$))|\balso\b", re.I)  # not "too old for this"
# a film asked about or compared, not put right: "wait was the first terminator any good", "the scarier one is Aliens"
_ASKED_OR_COMPARED = re.compile(r"\b(?:any good|worth|better|best|worse|worst|scarier|funnier|favou?rite)\b|\?", re.I)


def _taken_back_from_before(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A message that opens by taking back what the last one stored: the films it says were not the speaker's ("no
    wait, the green mile no, that was my sister. just the sixth sense") leave the history; one film said as the one
    it was ("hmm no sorry, was the first terminator, the old one from 84. change pls") replaces the latest add."""
    if not _TAKING_BACK.match(text) or asks_for_films(text) or _ASKED_OR_COMPARED.search(text) or _ADDED_TOO.search(text):
        return found
    if any(isinstance(a, (Correct, RemoveWatched, StartOver, Undo)) or isinstance(a, NotWatched) and a.unseen
           for a in found):
        return found
    said_apart = [a for a in found if isinstance(a, NotWatched) and not (a.wanted or a.ask or a.newer)]
    if said_apart:
        return tuple(replace(a, unseen=a.titles) if a in said_apart else a for a in found)
    adds = [a for a in found if isinstance(a, AddWatched) and not a.guessed]
    if len(adds) != 1 or len(adds[0].titles.lines) != 1:
        return found
    first = adds[0].titles.titles[0]
    where = text.lower().find(first.lower())
    if where < 0 or not (_WAS_RIGHT_BEFORE.search(text[:where]) or _MEANT_INSTEAD.search(text)):
        return found
    return tuple(Correct(adds[0].titles, None) if a is adds[0] else a for a in found
                 if not (isinstance(a, Recommend) and _bare(a)))


def _made_standing(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """Years, or nothing but some kinds of film, asked in one sentence that another makes a rule ("I prefer films
    made before 1970. Please treat that as a general rule unless I tell you otherwise.", "Westerns only. Please keep
    this in mind."): a standing taste, not a request."""
    if not STANDING_YEARS.search(text) or asks_for_films(text) or ONE_OFF.search(text):
        return found  # "Westerns only tonight. Keep that in mind.": for tonight

    def standing(a: Intent) -> Intent:
        if not isinstance(a, Recommend) or a.more or a.constraints.like or a.relative:
            return a
        if a.constraints.genres and not a.only_genres and EXCLUSIVE.search(text):
            return replace(a, only_genres=a.constraints.genres, follow_up=False)  # asked now, and kept from now on
        if (a.constraints.min_year is not None or a.constraints.max_year is not None) and not a.constraints.genres:
            return SetTaste(disliked_genres=tuple(dict.fromkeys(a.disliked_genres + a.constraints.excluded_genres)),
                            min_year=a.constraints.min_year, max_year=a.constraints.max_year)
        return a

    return tuple(standing(a) for a in found)


# a film asked about only for effect, a verdict after it: "empire strikes back tho? perfect movie. 10/10", "fight club on
# the other hand?? still peak"
_ASKED_FOR_EFFECT = re.compile(r"^\W*(?:(?:and|but|ok|okay|now)\s+)?(?P<title>[^?.!]+?)\s+(?:tho|though|on the other hand|"
                               r"however)\s*\?+\s*(?P<verdict>\S.*)$", re.I | re.S)
_VERDICT = re.compile(r"\b(?:\d{1,2}(?:\.\d)?\s*/\s*(?:10|5)|perfect|peak|masterpiece|classic|goat(?:ed)?|fire|banger|"
                      r"amazing|brilliant|great|the best|overrated|mid|trash|awful|terrible|loved it|hated it)\b", re.I)


def _asked_for_effect(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A film said as a question only for effect, with a verdict after it: watched, as the verdict says."""
    said = _ASKED_FOR_EFFECT.match(text) if titles is not None else None
    if said is None or not _VERDICT.search(said["verdict"]) or whole_title(said["title"].strip(), titles) is None:
        return found
    title = said["title"].strip()
    if not any(isinstance(a, NotWatched) and title in a.titles for a in found):
        return found
    kept = tuple(a for a in found if not (isinstance(a, NotWatched) and title in a.titles))
    return (AddWatched(TitleList.listed([title]), liked=not NEGATIVE.search(said["verdict"])), *kept)


# a film left out of the suggestions because it was never seen: "actually skip rocky 3, never saw it"
_SKIPPED_UNSEEN = re.compile(r"\b(?:skip|drop|cut|scratch|lose|ditch|not)\s+(?P<title>[^,.;!?]+?)\s*[,;-]?\s*"
                             # "oh no, not the birds, i have not seen that one", "of this one I have seen only the trailer"
                             r"(?:(?:of\s+)?(?:this|that)\s+one\s+)?(?:(?:i|we)(?:\s+have|'ve)\s+(?=not\b|(?:only\s+)?seen\b)|(?:i|we)\s+)?"
                             r"(?:(?:never|have\s*n['’]?t|haven['’]?t|havent|didn['’]?t|did not|not)\s+(?:actually\s+|even\s+)?"
                             r"(?:saw|seen|see|watch(?:ed)?)\s+(?:it|that(?: one)?)\b"
                             r"|(?:only\s+)?(?:saw|seen|watched)\s+(?:only\s+|just\s+)?the\s+trailer\b)", re.I)


def _skipped_as_unseen(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A request that rules out a film it says was never seen: the film said unseen too (in the history, it leaves);
    alone, with nothing else read but a guess ("oh no, not the birds, i have not seen that one"), no add beside it."""
    said = _SKIPPED_UNSEEN.search(text) if titles is not None else None
    if said is None or any(isinstance(a, (NotWatched, RemoveWatched, Undo)) for a in found) \
            or whole_title(said["title"].strip(), titles) is None:
        return found
    title = said["title"].strip()
    if len(found) == 1 and isinstance(found[0], AddWatched) and found[0].guessed:
        return (NotWatched((title,), unseen=(title,)),)  # "oh no, not the birds, i have not seen that one": no add
    return (NotWatched((title,), unseen=(title,)), *found)


# a kind ruled out for good: "please, nothing sci-fi, ever", "no horror ever please" (not "best horror ever")
_RULED_OUT_EVER = re.compile(r"\b(?:no|nothing|never)\b[^.!?]{0,40}?[\s,]+ever\b(?!\s+(?:made|since|seen|again\?))", re.I)


# a habit, said beside "only": "These days I only want comedies", "only dramas for me lately", "I want only these"
_ONLY_AS_A_HABIT = re.compile(r"\b(?:these days|lately|nowadays|any ?more|in general|usually|always|my passion|"
                              r"for me(?=\s*(?:[.,!;]|$|lately|these days|nowadays)))", re.I)


def _only_as_a_habit(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A request for nothing but some kinds, said as the speaker's habit: kept for later lists too (the kinds of the
    sentence that says "only"; "Life is serious enough" after it asks for no dramas)."""
    if ONE_OFF.search(text) or not _ONLY_AS_A_HABIT.search(text):
        return found
    said = next((s for s in re.split(r"(?<=[.!?;])\s+", text) if EXCLUSIVE.search(s)), None)
    if said is None:
        return found
    only = tuple(genres_in(said, REQUEST_GENRE_WORDS))

    def habit(a: Intent) -> Intent:
        if not isinstance(a, Recommend) or a.only_genres or a.more or a.constraints.like or not only \
                or not set(only) <= set(a.constraints.genres):
            return a
        return replace(a, constraints=replace(a.constraints, genres=only), only_genres=only, follow_up=False)

    return tuple(habit(a) for a in found)


def _ruled_out_for_good(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """The kinds a request rules out, said never to be wanted ("..., ever"): disliked from now on too."""
    if not _RULED_OUT_EVER.search(text):
        return found
    return tuple(replace(a, disliked_genres=tuple(dict.fromkeys(a.disliked_genres + a.constraints.excluded_genres)))
                 if isinstance(a, Recommend) and a.constraints.excluded_genres else a for a in found)


# a learner's present tense for a viewing in the past: "Yesterday finally I see the Shawshank Redemption", "last week
# we watch Heat" (a time gone by said in the same sentence)
# (the time said right before it: not "Yesterday we watched Jaws and I see the sequel is on Netflix")
_PRESENT_VIEWING = re.compile(r"\b(?P<when>yesterday|last\s+(?:night|nite|week|weekend|monday|tuesday|wednesday|thursday|friday|"
                              r"saturday|sunday))[\s,]+(?P<how>(?:(?:finally|also|then|at\s+last)[\s,]+)*)(?P<who>i|we)\s+"
                              r"(?P<how2>(?:finally|also|just|first)\s+)?(?P<verb>see|watch)\s+(?=the\b|(?-i:[A-Z]))", re.I)


def _past_said_present(text: str) -> str:
    return _PRESENT_VIEWING.sub(lambda m: f"{m['when']} {m['how']}{m['who']} {m['how2'] or ''}"
                                          f"{'saw' if m['verb'].lower() == 'see' else 'watched'} ", text, count=1)


def read_acts(text: object, titles: TitleIndex | None = None, reader: MentionReader | None = None,
              acts: ActReader | None = None) -> tuple[Intent, ...]:
    """The acts of one message (bot.policy orders them); never empty. `titles`, the catalogue's names, lets
    a title hold genre words ("Star Wars") and be ruled out ("no more Star Wars"); `reader`, the mention-status
    model, keeps movies that were not watched out of an add; `acts`, the message-act model, reads open language.
    Films of a series said by count, place or number ("the first two Godfather films") are read as their names, and
    a written list of films ("1. Jaws 2. Raiders 3. E.T.") as one sentence after its heading; years said in words
    after a year's word ("before nineteen sixty") as digits."""
    # "ayer vi Heat": Spanish mixed in; "summat from the seventys": dialect and words spelt by ear
    text = in_english(as_english(unshouted(_WAIT_ONE_MORE.sub("", _PLUS_FIRST.sub("and ", _said_plainly(text, titles)))), titles),
                      titles) if isinstance(text, str) else text
    text = _past_said_present(text) if isinstance(text, str) else text
    if isinstance(text, str) and (aside := BRACKETED_ASIDE_AT_THE_END.search(text)) and not (
            titles is not None and titles.spans(aside.group())) and not _SAYS_SOMETHING.search(aside.group()) \
            and not genres_in(aside.group(), REQUEST_GENRE_WORDS):
        # "a horror movie for tonight (roommate is brave, i am not)": a remark, no title, no viewing, taste, kind or
        # years (not "(haven't seen it)", "(hated both - no more horror, period)", "(the forties or fifties)")
        text = text[:aside.start()]
    if isinstance(text, str) and "?" not in text and _ASKED_WITHOUT_A_MARK.match(text):
        # "has anyone seen the iron giant is it ok for a six year old": a question; its first clause only ("did you
        # watch fargo yet, i saw it on sunday" goes on with the speaker's own viewing)
        kept = _title_places(text, titles)  # (not the stop of "have you seen Dr. No", "Airplane!")
        stop = next((m for m in re.finditer(r"\s*[,.;!]", text) if not any(a <= m.start() < b for a, b in kept)), None)
        text = f"{text[:stop.start()]}?{text[stop.end():]}" if stop else text.rstrip() + "?"
    text = _year_said_first(_years_said_short(_taken_back_at_once(_corrected_later(text, titles), titles), titles), titles) \
        if isinstance(text, str) else text
    if isinstance(text, str):
        text = _after_waved_off(_seen_before(text, titles), titles)
    said = clean_text(text).strip() if isinstance(text, str) else ""
    if said and never_saw_it(said) and "?" not in said and not asks_for_films(said) and not (
            titles is not None and sentence_spans(said, titles)
            and not (first := _NOT_SEEN.search(said)) is None and not _NOT_SEEN.search(said, first.end())):
        # "Actually, I never saw it; I was conflating it with The English Patient, which I haven't seen either": the
        # whole message takes the latest add back; not "I haven't seen it, but I loved Heat" (a film said otherwise)
        return (Undo(takes_out=True, unseen=True),)
    if said and (first := _FIRST_SENTENCE.match(said)) and never_saw_it(first["first"]) and asks_for_films(first["rest"]) \
            and not (titles is not None and titles.spans(first["rest"])):
        # "I've seen neither o them. Gie's a comedy like that.": the latest add taken back, and the list asked after it
        return (Undo(takes_out=True, unseen=True),
                *(a for a in read_acts(first["rest"], titles, reader, acts) if isinstance(a, Recommend)))
    if said and (refused := _kind_refused(said)) is not None:
        return (refused,)
    if said and titles is not None and (meant := IT_WAS_NOT.match(said)) and whole_title(meant["new"], titles) is not None \
            and whole_title(meant["old"], titles) is not None:
        return (Correct(TitleList.listed([meant["new"]]), TitleList.listed([meant["old"]])),)
    text = written_out(as_one_sentence(years_as_digits(_watch_meant(text)) if isinstance(text, str) else text, titles),
                       titles)
    found = _read_acts(text, titles, reader, acts)
    found = _removal_named(text, found, titles)
    if not isinstance(text, str):
        return found
    found = _removed_for_another(text, found, titles)
    found = _removal_of_those_named(text, found, titles, reader)
    found = _kept_only(text, found, titles)
    found = _viewed_later(text, found, titles)
    found = _taken_back_later(text, found)
    found = _taken_back_from_before(text, found)
    found = _skipped_as_unseen(text, _ruled_out_for_good(text, _only_as_a_habit(text, _made_standing(text, found))), titles)
    found = _asked_for_effect(text, found, titles)
    found = _age_said_of_films_watched(text, found)
    found = _meant_in_passing(text, found, titles)
    found = _denied_at_once(text, found, titles)
    found = _someone_elses(text, found, titles)
    # "Sorry, I confused it with Heat. Remove it.": the latest add taken back once; one thing it cannot know said
    # once ("what is Tom Hanks doing these days? any new movie he is shooting?")
    found = tuple(a for i, a in enumerate(found) if not (isinstance(a, (Undo, CannotAnswer)) and a in found[:i]))
    found = tuple(_removal_trimmed(a, titles) if isinstance(a, RemoveWatched) else a for a in found)
    if any(isinstance(a, CannotAnswer) and a.topic != "general" for a in found) and not asks_for_films(text) \
            and not _ASKED_BESIDE_A_QUESTION.search(re.sub(r"[^.!?]*\?", " ", text)):
        # "is the Birdcage on Netflix? want to show my sister": talk beside a question it cannot answer asks for no
        # list (a request in so many words does: "is it on Netflix? if not, recommend something")
        # ("Is Field of Dreams on Netflix? Want to show the kids": the kids are who it is for, no kind asked)
        found = tuple(a for a in found if not (isinstance(a, Recommend) and (
            _bare(a) or set(a.constraints.genres) == {"Children's"} and not _dated(a) and not a.constraints.like
            and _SHOWN_TO_CHILDREN.search(text)))) or found
    if len(found) == 1 and isinstance(found[0], Undo) and _ONE_OF_THOSE.search(text) and not _BOTH_OR_ALL.search(text):
        found = (replace(found[0], one_of=True),)
    text = clean_text(text).strip()
    if any(isinstance(a, ForgetMe) for a in found) and TAKEN_BACK.search(text):
        # "forget me... just kidding": nothing is deleted on words taken back in the same message
        found = tuple(a for a in found if not isinstance(a, ForgetMe)) or (SmallTalk("chat"),)
    found = _films_of_the_series(text, _scored_by_the_speaker(text, _read_whole(text, found, titles, reader)), titles)
    found = _series_film_described(text, found, titles)
    found = _correction_of_one_clause(text, found, titles)
    found = _not_seen_beside_an_add(text, found, titles)
    found = _not_seen_said_later(text, found, titles)
    found = _allowed_beside_a_request(found)
    found = _exception_seen(text, _not_added_back(text, _added_as_asked(text, _seen_it_later(text, _ruled_out_as_seen(
        text, _any_year_asked(text, _version_said_after(found)), titles)))), titles)
    found = _seen_the_film_asked_from(text, _it_is_the_film_named_before(text, found))
    if len(found) == 1 and isinstance(found[0], Recommend) and found[0].constraints.genres and not found[0].constraints.like \
            and not asks_for_films(text, negated_too=False) and not _ASKED_THOUGH.search(text) \
            and (kinds := _kinds_turned_down(text)):
        # "Science fiction, spaceships, robots, feh. Not for me.", "War pictures, I've had enough.": a kind named,
        # then turned down in words of its own, asks for none of it
        found = (SetTaste(disliked_genres=kinds),)
    if _WATCHED_IT_FIRST.match(text) and _ADDED_ON.search(text) and any(isinstance(a, AddWatched) and not a.guessed for a in found) \
            and not any(isinstance(a, SeenThose) for a in found):
        # "ok we watched! very good, he was wrong. And Men in Black also": the film wanted before, then more
        found = (SeenThose(it=True), *found)
    if any(isinstance(a, AddWatched) and not a.guessed for a in found) and (seen := _THAT_ONE_SEEN.search(text)) \
            and titles is not None and any(s.stop <= seen.start() for s in titles.spans(text)):
        # "He was good in Dead Poets Society too. We saw that one years back": the film named, not the list shown
        found = tuple(a for a in found if not (isinstance(a, SeenThose) and not a.it and a.index is None)) or found
    if any(isinstance(a, Answer) and a.every for a in found) and any(
            isinstance(a, (Answer, Undo, Correct)) and not (isinstance(a, Answer) and a.every) for a in found):
        # "yeah both, wait no, only the old one": the answer taken back for the one said after it
        found = tuple(a for a in found if not (isinstance(a, Answer) and a.every))
    return found


_SAYS_SOMETHING = re.compile(r"\b(?:seen|saw|see|watched|watch|watching|finished|rewatched|caught|hated?|loved?|liked?|"
                             r"enjoyed|no more|never|can'?t stand|twenties|thirties|forties|fifties|sixties|seventies|"
                             r"eighties|nineties)\b|\d", re.I)
# a question typed without its mark: "has anyone seen the iron giant", "have you seen Heat"
_ASKED_WITHOUT_A_MARK = re.compile(r"^\W*(?:(?:so|and|hey|ok|okay|quick question)\W+)?(?:has|have|did)\s+(?:anyone|anybody|"
                                   r"you|u|ya|y'all|everyone|any of you)\s+(?:here\s+)?(?:ever\s+)?(?:seen|watched|see|watch)\b",
                                   re.I)
# a film added on to the one before: "ok we watched! ... And Men in Black also"
_ADDED_ON = re.compile(r"\b(?:also|too|as\s+well)\b", re.I)
_ASKED_THOUGH = re.compile(r"[?!]|\b(?:please|pls|plz|tonight|give|gimme|how\s+about|maybe|any|only|just|from\s+now\s+on|"
                           r"nothing\s+else)\b|"
                           r"(?<!n't )(?<!not )\b(?:want|need)\b", re.I)


def _kinds_turned_down(text: str) -> tuple[str, ...]:
    """The kinds of film the sentence that turns them down names, or the sentence right before it does, where the
    message names no other kind; () otherwise."""
    sentences = [s for s in re.split(r"[.;]+\s*", text) if s.strip()]
    for i, sentence in enumerate(sentences):
        if _KIND_TURNED_DOWN.search(sentence):
            kinds = genres_in(sentence) or (genres_in(sentences[i - 1]) if i else [])
            return tuple(kinds) if kinds and set(genres_in(text)) == set(kinds) else ()
    return ()


_KIND_TURNED_DOWN = re.compile(r"\b(?:not\s+for\s+me|not\s+my\s+(?:thing|cup\s+of\s+tea)|(?:i'?ve\s+|i\s+have\s+)?had\s+(?:enough|my\s+fill)"
                               # (not "just comedys for me from now on, ive had enough of misery": what was had enough of)
                               r"(?!\s+of\b)|"
                               r"skip\s+(?:em|'em|them|those)|makes?\s+me\s+(?:sad|sick|cry|depressed)|feh|hard\s+pass|"
                               r"(?:can'?t|cannot)\s+stand\s+(?:em|'em|them)|bores?\s+me|"
                               # "The action films, generally I find them stupid."
                               r"find\s+(?:them|those|these|em|'em)\s+(?:(?:so|very|rather|quite|pretty|really|a\s+bit|all)\s+)?"
                               r"(?:stupid|boring|dull|silly|tedious|insufferable|unwatchable|pointless|daft|dumb|tiresome))\b", re.I)
_WATCHED_IT_FIRST = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|well|yes|yeah|yep|update)\W+)*(?:i|we)\s+(?:(?:finally|just|did)\s+)?"
                               r"(?:watched|saw|watch)(?:\s+it)?\s*(?:!+|\.)\s", re.I)
_THAT_ONE_SEEN = re.compile(r"\b(?:seen|saw|watched)\s+(?:that|this)\s+one\b", re.I)


# talk trailing a removal's title: "take off maltese falcon actually", "remove heat pls"
_TRAILING_TALK = re.compile(r"(?:\s+(?:actually|please|pls|plz|as\s+well|lol|lmao|tho|though|thanks|thx|cheers|mate|sorry|"
                            # "take that off for me if you would" (not "there": "Being There")
                            r"for me|if you (?:would|will|please|could|can|don'?t mind|do not mind)|would you))+\s*$",
                            re.I)  # (not "again" nor "now": "Dead Again", "Apocalypse Now")


def _removal_trimmed(removal: RemoveWatched, titles: TitleIndex | None) -> RemoveWatched:
    """A removal's pieces without talk trailing a title ("maltese falcon actually"), and without the pieces after
    the last that names a film ("take off maltese falcon actually, fell asleep ten mins in": the reason)."""
    if titles is None:
        return removal
    lines = []
    for line in removal.titles.lines:
        pieces = tuple(_REASON_RUN_ON.sub("", _TRAILING_TALK.sub("", p) or p) or p for p in line.pieces)
        named = [i for i, p in enumerate(pieces) if titles.spans(p)]
        # the pieces after the last that names a film are its reason; the joiners kept ("beauty" and "the beast"
        # may be one title)
        last = named[-1] + 1 if named else len(pieces)
        if not all(_A_REASON.match(p) for p in pieces[last:]):
            last = len(pieces)  # "remove Heat, and Zorblax Returns too": a title it does not know is said so
        lines.append(TitleLine(pieces[:last], line.joiners[:last - 1]))
    return replace(removal, titles=TitleList(tuple(lines), removal.titles.skipped))


# ... or run on without a comma: "remove i know waht u did last sumer i only saw the trailer"
_REASON_RUN_ON = re.compile(r"(?<=\S)\s+(?:i|we)\s+(?:only|just|never|didn'?t|did\s+not|haven'?t|have\s+not|was|wasn'?t|"
                            r"fell|slept|turned|switched|mixed|confused|got)\b.*$", re.I | re.S)
# a reason after a removal's film, as a clause opens: "fell asleep ten mins in", "only saw half", "turns out ..."
_A_REASON = re.compile(r"(?:i|we|it|he|she|they|my|fell|slept|only|never|didn'?t|did not|was|wasn'?t|turns out|turned out|because|"
                       r"cause|cos|since)\b", re.I)  # (not "the dark knight too": a title it does not know)
# words outside the question that ask for films: "Is Pacino doing anything new? I just watched Heat and want more like
# it" (not "want to show my sister")
_SHOWN_TO_CHILDREN = re.compile(r"\b(?:show(?:\s+it)?\s+(?:to\s+)?|watch\s+(?:it\s+)?with\s+)(?:the|my|our)\s+(?:kids|children|grandkids|"
                                r"grandchildren|son|daughter|boys|girls)\b", re.I)
_ASKED_BESIDE_A_QUESTION = re.compile(r"\b(?:more like|recommend|suggest|something|anything|what should|what next|give me|"
                                      r"show me)\b", re.I)
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")  # a sentence and the marks that end it


def _adds_without(found: tuple[Intent, ...], names: set[str]) -> list[Intent]:
    """`found` with the films typed as `names` (lowered) left out of every add, an add left with none dropped."""
    kept: list[Intent] = []
    for act in found:
        if not isinstance(act, AddWatched):
            kept.append(act)
            continue
        lines = []
        for line in act.titles.lines:
            places = [i for i, piece in enumerate(line.pieces) if piece.lower() not in names]
            if places:  # each piece kept with the joiner that came before it
                lines.append(TitleLine(tuple(line.pieces[i] for i in places),
                                       tuple(line.joiners[i - 1] if i else ", " for i in places[1:])))
        if lines:
            kept.append(replace(act, titles=replace(act.titles, lines=tuple(lines))))
    return kept


# a film said to be another person's viewing: "Jaws was my wife, not me", "Ronin was the wife's"
_WAS_SOMEONE_ELSES = re.compile(rf"\s+(?:was|is)\s+(?:all\s+)?(?:my|our|the|his|her)\s+(?:{_HOUSEHOLD}|kids?|grandkids?|grandson|"
                                r"granddaughter|nephew|niece|friends?|mates?)(?:'s|’s)?"  # not "my mate's choice": chosen
                                r"\s*(?:,?\s*not\s+(?:me|mine))?\s*[.!]*\s*$", re.I)


def _someone_elses(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """An add of a film the message says was someone else's viewing is dropped; the film is said seen by them."""
    if titles is None or not any(isinstance(a, AddWatched) for a in found):
        return found
    theirs = {}
    for sentence in _SENTENCE.finditer(text):
        spans = titles.spans(sentence.group())
        if len(spans) == 1 and _WAS_SOMEONE_ELSES.match(sentence.group(), spans[0].stop):
            theirs[spans[0].text.lower()] = spans[0].text
    if not theirs:
        return found
    kept = [replace(a, titles=tuple(t for t in a.titles if t.lower() not in theirs),
                    unseen=tuple(t for t in a.unseen if t.lower() not in theirs),
                    ask=tuple(t for t in a.ask if t.lower() not in theirs))
            if isinstance(a, NotWatched) else a for a in _adds_without(found, set(theirs))]
    kept = [a for a in kept if not (isinstance(a, NotWatched) and not a.titles)]  # said once, as someone else's
    return (*kept, NotWatched(tuple(theirs.values()), seen_by_others=tuple(theirs.values())))


# a sentence that takes back the viewing the one before it stated: "Also I watched Last Emperor. No, wait, I did not."
_DENIED_AT_ONCE = re.compile(r"^\W*(?:(?:no+|nah|nope|wait|sorry|oops|actually|hmm+|oh|um+|well|hold\s+on)[\s,.!]+)+"
                             r"(?:i|we)\s+(?:did\s*not|didn'?t|didnt|have\s*not|haven'?t|havent|never)"
                             r"(?:\s+(?:actually|really))?(?:\s+(?:watch|see|seen|watched)(?:\s+(?:it|that\s+one|them))?)?"
                             r"(?:\s+(?:yet|after\s+all|actually))?\s*[.!]*$", re.I)


def _denied_at_once(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """The films of a sentence that the next one denies ("No, wait, I did not.") are not stored but said unseen."""
    if titles is None or not any(isinstance(a, AddWatched) for a in found):
        return found
    sentences = list(_SENTENCE.finditer(text))
    denied: dict[str, str] = {}  # as lowered -> as typed
    for before, sentence in zip(sentences, sentences[1:]):
        if _DENIED_AT_ONCE.match(sentence.group().strip()):
            denied |= {s.text.lower(): s.text for s in titles.spans(before.group())}
    if not denied:
        return found
    kept = [a for a in _adds_without(found, set(denied)) if not isinstance(a, ShowHistory)]  # "..., that is all"
    return (*kept, NotWatched(tuple(denied.values()), unseen=tuple(denied.values())))


_I_MEANT = re.compile(r"\bi\s+(?:meant|mean|wanted\s+to\s+say)\s+", re.I)


def _meant_in_passing(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A correction said with talk around it, which the correction rules read only whole: "Oh my goodness I meant
    While You Were Sleeping not Sleepless in Seattle, I get them two confused every time" corrects the one by the
    other, where the message names those two films and no other."""
    if titles is None or any(isinstance(a, Correct) for a in found) or not _I_MEANT.search(text):
        return found
    spans = titles.spans(text)
    if len(spans) != 2:
        return found
    new, old = spans
    meant = _I_MEANT.search(text, 0, new.start + 1)
    instead = _INSTEAD_OF.match(text, new.stop)
    if meant is None or meant.end() != new.start or instead is None or instead.end() != old.start \
            or set(new.movies) == set(old.movies) or asks_for_films(text) or _GOES_ON_AFTER.match(text, old.stop):
        return found  # "I mean Heat not Casino is the better one": no correction
    return (Correct(TitleList.listed([new.text]), TitleList.listed([old.text])),)


_AGE_OF_FILMS_WATCHED = re.compile(r"\b(?:scores?|ratings?|reviews?|verdicts?|marks?)\s+(?:for|of|on)\s+(?:my\s+|the\s+|some\s+)?"
                                   r"(?:most\s+)?(?:recent|new|old|newer|older)\s+(?:films?|movies?|ones|watch(?:es|ing)?)\b"
                                   r"(?![^.!?]*\?)", re.I)  # not "... Heat 9/10. Any newer ones?"


def _age_said_of_films_watched(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A message that states films and asks for none drops a request read only from an age word said of them:
    "Please let me give my score for recent film. Amadeus 9/10." (not "watched heat. older ones please")."""
    if not any(isinstance(a, AddWatched) for a in found) or asks_for_films(text) or not _AGE_OF_FILMS_WATCHED.search(text):
        return found
    return tuple(a for a in found if not (
        isinstance(a, Recommend) and a.relative and not a.more and not a.unsupported and not a.excluded_movies
        and a.constraints == Constraints()))


# a removal, then the film watched instead: "Scratch Psycho – I watched Vertigo that night, not Psycho."
_REMOVED_FOR_ANOTHER = re.compile(r"^\W*(?:scratch|remove|delete|drop|take\s+off)\s+(?P<old>[^,;.!?–—]+?)\s*(?:[–—;.,]|\s-)\s*"
                                  r"(?:(?:i|we)\s+(?:actually\s+)?(?:watched|saw|meant)|it\s+was)\s+(?P<new>[^,;.!?]+?)"
                                  r"(?:\s+(?:that|last|yesterday|on|instead)\b[^,;.!?]*)?(?:\s*,?\s*not\s+[^,;.!?]+)?[\s.!]*$", re.I)


def _removed_for_another(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A removal read with the film watched instead among its names: a correction of the one by the other; or one
    with the film meant said after it (`_removed_for_one_named_after`)."""
    said = _REMOVED_FOR_ANOTHER.match(text) if titles is not None and len(found) == 1 \
        and isinstance(found[0], RemoveWatched) else None
    if said is None or whole_title(said["new"].strip(), titles) is None or whole_title(said["old"].strip(), titles) is None:
        return _removed_for_one_named_after(text, found, titles)
    if _SOMEONE_ELSE.search(text, said.end("new")) or _ANOTHER_VIEWER_AFTER.match(text, said.end("new")):
        return found  # "remove sleeper, it was bananas, my son watched that one not me": his, not meant instead
    return (Correct(TitleList.listed([said["new"].strip()]), TitleList.listed([said["old"].strip()])),)


# the film meant, said after a removal: "it was in fact Blood Simple", "it is Bananas I have seen", "i meant X", "was the
# other cage one i seen, face off"
# (not "I confused it with B, which I see you recommended": confused with it says nothing of watching it)
_MEANT_AFTER_A_REMOVAL = re.compile(r"\b(?:it\s+(?:was|is)|(?:i|we)\s+(?:meant|mean)|(?:the\s+)?other\s+(?:[\w-]+\s+)?one|"
                                    r"(?:i|we)\s+(?:actually\s+|really\s+)?(?:watched|saw|seen))\b", re.I)


def _removed_for_one_named_after(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A removal of one film, then words that name the one meant ("Take off Fargo, it was in fact Blood Simple"): a
    correction, where exactly one other catalogue film is named after the words."""
    if titles is None or len(found) != 1 or not isinstance(found[0], RemoveWatched) or len(found[0].titles.titles) != 1:
        return found
    old = found[0].titles.titles[0]
    place = text.lower().find(old.lower())
    if place < 0 or _NOT_SEEN.search(text, place + len(old)):
        return found
    olds = {m for s in titles.spans(old) for m in s.movies}
    named = [s for s in sentence_spans(text, titles, said_watched=True) if s.start >= place + len(old)
             and not set(s.movies) & olds]
    if len({s.movies for s in named}) != 1:
        return found
    # the film right after the words that say it was meant ("it was in fact X"), not anyone's ("it was boring and my
    # wife watched X")
    if not any(cue.end() <= span.start and len(between := _SEEN_BETWEEN.sub(" ", text[cue.end():span.start]).split()) <= 3
               and not _SOMEONE_ELSE.search(" ".join(between)) and not re.search(r"[,.;!?]", " ".join(between))
               # "it was B my brother watched", "it was bananas, my son watched that one not me", "... that sarah watched"
               and not _SOMEONE_ELSE.search(re.split(r"[.;!?]", text[span.stop:])[0])
               and not _ANOTHER_VIEWER_AFTER.match(text, span.stop)
               for cue in _MEANT_AFTER_A_REMOVAL.finditer(text, place + len(old)) for span in named):
        return found
    return (Correct(TitleList.listed([named[0].text]), TitleList.listed([old])),)


_ANOTHER_VIEWER_AFTER = re.compile(r"\s*,?\s*(?:that|which)\s+(?!(?:i|we)\b)\w+\s+(?:watched|saw|chose|picked)\b", re.I)
# the speaker's viewing between the words and the film: "was the other cage one i seen, face off"
_SEEN_BETWEEN = re.compile(r"\b(?:i|we)\s+(?:seen|saw|watched)\s*,?", re.I)
# (not "it was Blood Simple, my bad": a possessive before a person, or a person's word)
_SOMEONE_ELSE = re.compile(r"\b(?:(?:my|his|her|their|our)\s+(?:wife|husband|hubby|son|daughter|kids?|boy|girl|brother|sister|dad|"
                           r"mum|mom|mother|father|friend|mate|partner|boyfriend|girlfriend|nephew|niece|grand\w+|family|"
                           r"flatmate|roommate|papa|mama)|(?:he|she|they)\s+(?:watched|saw|chose|picked|did)|wife|husband|"
                           r"son|daughter|kids)\b", re.I)


# the film a dislike spares, said seen: "I hate westerns. Except Dances with Wolves, that one I saw and loved."
_EXCEPTION_SEEN = re.compile(r"\b(?:except(?:\s+for)?|apart from|other than|besides|but not)\s+(?P<title>[^,.;!?]+?)\s*[,;:-]?\s*"
                             r"(?:that one|which|this one|it|that)\s+(?:i|we)\s+(?:(?:did|have|'ve|actually|really|also)\s+)*"
                             r"(?P<verb>saw|seen|watched|loved|liked|enjoyed|adored)\b", re.I)


def _exception_seen(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A film named as the exception to a dislike and said seen is stated, not ruled out of the lists."""
    said = _EXCEPTION_SEEN.search(text)
    if said is None or titles is None or (span := whole_title(said["title"], titles)) is None:
        return found
    if any(isinstance(a, AddWatched) and said["title"].strip().lower() in (t.lower() for t in a.titles.titles)
           for a in found):
        return found
    spared = tuple(replace(a, excluded_movies=tuple(m for m in a.excluded_movies if m not in span.movies))
                   if isinstance(a, Recommend) else a for a in found)
    # the exception's own clause read as a request ("Except Dances with Wolves, ...") asks nothing: dropped, unless the
    # message asks ("more please, but not Titanic, which I watched last week")
    spared = tuple(a for a in spared if not (isinstance(a, Recommend) and a.follow_up and not a.more
                                            and not a.excluded_movies and not _kinds_or_years(a)
                                            and not a.constraints.excluded_genres and not asks_for_films(text)))
    return (*spared, AddWatched(TitleList.listed([said["title"].strip()]),
                                liked=said["verb"].lower() in ("loved", "liked", "enjoyed", "adored")))


def _not_added_back(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A film a message removes is not added back by the reason it gives ("Please delete A Room with a View. I saw
    it long ago, not this month."): the viewing said is why it goes, not a new one."""
    removed = {t.strip(" ,.!?").lower() for a in found if isinstance(a, RemoveWatched) for t in a.titles.titles
               # the object of the removal's own verb ("delete X"), not a film the talk after it names ("I confused it
               # with Primal Fear, which is the one I saw")
               if re.search(r"\b(?:delete|remove|drop|erase|take)\s+" + re.escape(t.strip(" ,.!?")), text, re.I)}
    kept = tuple(act for act in found if not (removed and isinstance(act, AddWatched) and not act.guessed and act.titles.titles
                                              and all(t.strip(" ,.!?").lower() in removed for t in act.titles.titles)))
    return kept or found


# "+ the birds. kids insisted.": a plus that opens a message adds to what was said
_PLUS_FIRST = re.compile(r"^\s*\+\s*(?=\w)")
# "Not Annie Hall: I've seen it": a film turned down with a colon after it, read as with a comma (no heading of a list)
_NOT_THAT_COLON = re.compile(r"^(\W*(?:no+|nope|nah|not)\s+[^:;.!?,]{1,60}?)\s*:\s+(?=\S)", re.I)
# "becky's seen it", "my son's watched it": "has", not a possessive ("it's", "let's" are no one's viewing)
_HAS_SAID_S = re.compile(r"\b(?!(?:it|let|that|what|there|here|who|where|how)'s\b)([A-Za-z]+)'s(?=\s+(?:already\s+|"
                         r"just\s+|never\s+)?(?:seen|watched)\b)", re.I)
# "wait ghostbusters 2 also lol": one more film remembered; the "wait" that opens it takes nothing back
_WAIT_ONE_MORE = re.compile(r"^\W*(?:oh\s+)?(?:wait|hold on|hang on)[\s,!.]+(?=(?:(?!\b(?:no|not|nope|never|didn'?t|"
                            r"haven'?t|remove|delete|meant?)\b)[^,.;!?])+?\s+(?:also|too|as well)(?:\s+(?:lol|haha|lmao))?"
                            r"[\s.!]*$)", re.I)


# a film named, then taken back at once for another in the same breath: "watched home alone, nah wait home alone 2",
# "Godfather 3 - sorry, 2", "mission impossible 2, no wait the first one", "Rocky 2 on Friday. No wait, it was Rocky 3"
# (a closed list of repair words; "oh wait, Ronin too" adds one more: _WAIT_ONE_MORE)
_SAID_INSTEAD = re.compile(r"(?:\s+(?:on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|last\s+night|yesterday|today|tonight|"
                           r"this\s+(?:morning|afternoon|evening|week(?:end)?)|last\s+week(?:end)?|"
                           # where it was watched: "seen lethal weapon 3 on itv.. no, 4"
                           r"on\s+(?:the\s+)?(?:tv|telly|itv\d?|bbc\s?\w*|channel\s+\d|netflix|dvd|vhs|cable|hbo|tnt|amc|the\s+plane)|"
                           r"at\s+the\s+(?:cinema|movies|pictures)))?"
                           r"\s*[,.;:!–—-]*\s*(?:(?:no+|nah|naw|nope|oops|whoops|ugh|oh|ah|argh|hmm+|erm?|um+)[\s,.!]+)*"
                           r"(?:wait|sorry|oops|whoops|i\s+mean|i\s+meant|correction|scratch\s+that|my\s+bad|or\s+rather|"
                           # a bare "no" set off by commas: "watched Scream 3 yesterday, no, Scream 2" (not "Heat, no Casino")
                           # ("no, it was B" is read whole, and the film taken back said apart)
                           r"(?<=[,.;–—-])\s*(?:no+|nah|nope)(?=\s*[,.!](?!\s*(?:it\s+was\b|it'?s\b|i\s+mean|that\s+was\b)))|"
                           # ... or "nah" before a bare number: "lethal weapon 3, nah 4, the one with jet li" (not "I
                           # meant Star Trek 4, no 3": "not 3")
                           r"(?<=[,.;–—-])\s*(?:nah|nope|naw)(?=\s+\d{1,2}(?=\s*[,.;!]|$)))"
                           r"[\s,.!:–—-]+"
                           r"(?:(?:no+|nah|naw|nope)[\s,.!]+)?(?:(?:it\s+was|it's|it\s+is|that\s+was|i\s+meant|i\s+mean)\s+)?",
                           re.I)
# the film meant by its place in the series of the one taken back: "2", "part 3", "the first one"
_PLACE_INSTEAD = re.compile(r"(?:(?:part|number)\s+)?(?P<n>\d{1,2}|one|two|three|four|five)\b(?!\s*(?:/|out\b|of\b|stars?\b|%|\.\d|"
                            r"hours?\b|hrs?\b|mins?\b|minutes?\b|times\b|x\b|days?\b|nights?\b|weeks?\b|weekends?\b|months?\b|"
                            r"years?\b|ago\b|back\b|people\b|kids\b|am\b|pm\b|o'?clock\b))|"
                            r"the\s+(?P<nth>first|original|second|third|fourth|1st|2nd|3rd|4th)(?:\s+one)?\b", re.I)
_PLACES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "first": 1, "original": 1, "1st": 1, "second": 2, "2nd": 2,
           "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ONE_MORE_AFTER = re.compile(r"\s*(?:on\s+\w+day|last\s+\w+|yesterday|today|tonight|this\s+\w+)?\s*,?\s*(?:too|also|as\s+well)\b",
                             re.I)
# one more said later in the sentence of the film after the repair word: "wait, Goodfellas and Heat too"
_ONE_MORE_LATER = re.compile(r"[^.!?;]*?\b(?:too|also|as\s+well)\b", re.I)
# the film after the repair word goes on as a sentence of its own: "wait, Jaws is by the same director right?", "sorry
# Goodfellas fans", "I mean Ghost is still my fave"
_GOES_ON_AFTER = re.compile(r"\s*(?:'s|’s|is|was|are|were|has|have|had|fans?|by|still|will|would|could|did|does|do|and\s+\w+\s+(?:is|was))\b"
                            r"|[^.!;]*\?", re.I)
_NOT_BEFORE = re.compile(r"(?:\b(?:not|no|never|wasnt|isnt|instead\s+of|rather\s+than)|n't|n’t)\s*$", re.I)
_REMOVED_BEFORE = re.compile(r"\b(?:delete|remove|drop|take\s+(?:off|out)|scratch|scrap|erase|wipe|ditch|forget)\b[^.!?;]*$", re.I)
_NUMBERED = re.compile(r"^(?P<base>.*\S)\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", re.I)


def _taken_back_at_once(text: str, titles: TitleIndex | None) -> str:
    """`text` with a film taken back in the same breath left out, the one meant in its place ("watched home alone,
    nah wait home alone 2" -> "watched home alone 2"; "Godfather 3 - sorry, 2" -> "Godfather 2")."""
    if titles is None or not _SAID_INSTEAD.search(text):
        return text
    spans = titles.spans(text)
    starts = {s.start for s in spans}
    for said in spans:
        repair = _SAID_INSTEAD.match(text, said.stop)
        if repair is None or repair.end() == said.stop or _NOT_BEFORE.search(text, 0, said.start) \
                or _REMOVED_BEFORE.search(text, 0, said.start):
            # "Sorry, not Alien, I meant Aliens": a correction said whole, read as one; "delete scream 3, i meant scary
            # movie": the one removed, the one meant added
            continue
        meant = next((s for s in spans if s.start == repair.end()), None)
        if meant is not None and (set(meant.movies) == set(said.movies) or _GOES_ON_AFTER.match(text, meant.stop)
                                  # "Seen Titanic and Heat. Sorry, Ghost, not Titanic": the repair names its own
                                  or (instead := _INSTEAD_OF.match(text, meant.stop)) and instead.end() in starts
                                  or any(set(s.movies) == set(said.movies) for s in spans if s.start > meant.stop)):
            # "I'm thinking of GoodFellas. I meant GoodFellas, no Casino": the same film said again; "watched Heat on
            # Saturday, sorry I mean Casino. Heat was the week before": both
            continue
        if meant is not None and not _ONE_MORE_LATER.match(text, meant.stop):
            return _taken_back_at_once(text[:said.start] + text[meant.start:], titles)
        place, numbered = _PLACE_INSTEAD.match(text, repair.end()), _NUMBERED.match(said.text)
        if place is None or numbered is None or _ONE_MORE_AFTER.match(text, place.end()) \
                or _GOES_ON_AFTER.match(text, place.end()):  # "Saw Rocky III, I mean 2 is better but it was fun"
            continue
        n = int(place["n"]) if (place["n"] or "").isdigit() else _PLACES[(place["n"] or place["nth"]).lower()]
        named = numbered["base"] if n == 1 else f"{numbered['base']} {n}"
        if (found := titles.spans(named)) and found[0].text == named:
            return _taken_back_at_once(text[:said.start] + named + text[place.end():], titles)
    return text


# a film not seen for a while is one seen before: "I hadn't seen it since Earl took me in 1982", "haven't seen Heat in
# years" (the viewing now, or long ago, is the speaker's)
_NOT_SEEN_SINCE = re.compile(r"\b(?P<who>i|we)\s+(?:hadn'?t|haven'?t|hadnt|havent|had\s+not|have\s+not)\s+(?:seen|watched)\s+"
                             r"(?P<what>it|that\s+one|[^,.;!?]{1,60}?)\s+(?:since(?=\s+(?:(?:19|20)?\d\d\b|'\d\d|the\s+(?:\d0|"
                             r"(?:19|20)\d0)'?s|then|childhood|high\s+school|college|uni\b|school|i\s+was|we\s+were|it\s+came\s+out|"
                             r"back\b|my\s+|our\s+|(?-i:[A-Z])[a-z]+\s+(?:took|showed|brought|had)))|in\s+(?:years|ages|forever|decades|a\s+long\s+time|"
                             r"\d+\s+years)|for\s+(?:years|ages|decades))\b", re.I)  # not "since you suggested it": because
_PRONOUN_OBJECT = re.compile(r"it|that\s+one|this\s+one|that|this", re.I)


def _seen_before(text: str, titles: TitleIndex | None) -> str:
    """`text` with a film not seen for a while said as one watched before ("I hadn't seen it since 1982" -> "I
    watched it again, the first time in a long while: 1982"), where it names a film, or "it" follows one."""
    def said(m: re.Match) -> str:
        named = titles is not None and (_PRONOUN_OBJECT.fullmatch(m["what"]) and titles.spans(text[:m.start()])
                                        or any(s.text == m["what"] for s in titles.spans(m["what"])))
        # (not "i havent watched anything new in ages", nor "it" with no film named before it)
        return f"{m['who']} watched {m['what']} again, the first time in a long while: " if named else m.group()

    return _NOT_SEEN_SINCE.sub(said, text)


def _kind_refused(said: str) -> SetTaste | None:
    """A kind of film named, then turned down at once: "Horror? never again.", "westerns? nope", "musicals? hard pass"
    (a closed list of refusals after the kinds alone): a dislike from now on."""
    refused = _KIND_REFUSED.match(said)
    if refused is None:
        return None
    kind = refused["kind"]
    kinds = genre_spans(kind)
    rest = " ".join(kind[stop:start] for stop, start in zip([0, *(b for _, b, _ in kinds)], [*(a for a, _, _ in kinds), len(kind)]))
    if not kinds or re.sub(r"(?i)\b(?:films?|movies?|flicks?|stuff|ones|any|more|the|an?|some|and|or)\b|\W", "", rest):
        return None
    return SetTaste(disliked_genres=tuple(dict.fromkeys(g for _, _, g in kinds)))
_KIND_REFUSED = re.compile(r"^\W*(?P<kind>[^?.!]{2,40}?)\s*\?+\s*(?:no+|nope|nah+|never(?:\s+again)?|no\s+thanks?|no\s+thank\s+you|"
                           r"hard\s+pass|pass|not\s+for\s+me|ugh|yuck|ew+)\b[\s.!]*$", re.I)


# dictation writes a sequel's number as the word it sounds like: "the godfather part to", "toy story to not the first
# one" (a closed list of sounds; read as the number only where the catalogue names the film so)
_PART_SOUNDED = re.compile(r"\s+part\s+(?P<num>to|tu|tree)\b", re.I)
_SOUNDED_NUMBER = {"to": "2", "tu": "2", "tree": "3"}
# ... right after a title, where the next words show no preposition ("toy story to not the first one", not "I showed
# Jaws to my son"; "we watched jaws too" is "also"; "for" is too often the preposition: "Alien for tonight")
_NUMBER_SOUND_AFTER = re.compile(r"\s+(?P<num>to)\b(?=\s*(?:$|[,.;!?]|(?:and|not|no|wait|then|last|yesterday|"
                                 r"tonight|again|twice|is|was|i|we)\b))", re.I)


def _numbers_dictated(text: str, titles: TitleIndex | None) -> str:
    """`text` with a sequel's number that dictation wrote as a word it sounds like as the number."""
    if titles is None:
        return text
    for said in reversed(list(_PART_SOUNDED.finditer(text))):
        if any(span.stop == said.start() for span in titles.spans(text[:said.start()])):
            # "the godfather part to" (not "the wedding part too long", "the best part to watch")
            text = f"{text[:said.start()]} part {_SOUNDED_NUMBER[said['num'].lower()]}{text[said.end():]}"
    if not _NUMBER_SOUND_AFTER.search(text):
        return text  # (the titles' spans are read only where a sound may follow one: each read spends the budget)
    for span in sorted(titles.spans(text), key=lambda s: -s.start):
        said = _NUMBER_SOUND_AFTER.match(text, span.stop)
        number = _SOUNDED_NUMBER[said["num"].lower()] if said else ""
        if said and whole_title(f"{text[span.start:span.stop]} {number}", titles) is not None:
            text = f"{text[:span.stop]} {number}{text[said.end():]}"
    return text


# a score given a film as a bare number right after it: "and saving private ryan 8, the beginning on the beach ..."
# (on the same line, not a list's number nor one of several: "1. Annie Hall\n2. Manhattan", "bttf 1 and 2"; not 2 or 3,
# a sequel's number far more often: "saw men in black 2" is a film it does not know)
_BARE_NUMBER_AFTER = re.compile(r"(?<=[a-z'!])[ \t]+(?P<n>10|[4-9])(?![.)]\s*\S)(?!\s*(?:,|and|&|or)\s*\d)"
                                r"(?=\s*(?:[,;.!]|$|(?:and|but|the|it|for|from|lol|tbh)\b))", re.I)


def _numbers_as_scores(text: str, titles: TitleIndex | None) -> str:
    """`text` with a number after a film of no series, which no sequel of it has, as the score it gives
    ("saving private ryan 8" -> "saving private ryan 8/10"); "alien 4" (a series' number) stays."""
    if titles is None:
        return text
    for said in reversed(list(_BARE_NUMBER_AFTER.finditer(text))):
        words = text[:said.start()].split()
        for k in range(1, min(6, len(words)) + 1):
            name = _N_FOR_AND.sub(" and ", " ".join(words[-k:]))  # "dumb n dumber 7"
            sequel = titles.sequel(f"{name} {said['n']}")
            if sequel is not None and len(sequel.members) == 1 and not titles.outside(f"{name} {said['n']}") \
                    and whole_title(name, titles) is not None:
                text = f"{text[:said.end()]}/10{text[said.end():]}"
                break
    return text


# a letter's greeting and sign-off around what it says (an email, a note): "Hello dear,\n\n...\n\nLove,\nBernice"
_GREETING_LINE = re.compile(rf"^\W*(?:(?:{_GREETING_WORDS}|good day|dear|greetings)"
                            r"(?:\s+(?:there|dear|friend|again|all|you))*(?:,?\s+it'?s\s+\w+)?|dear(?:\s+\w+)?)\W*$", re.I)
_SIGN_OFF_LINE = re.compile(r"^\W*(?:love|lots of love|all my love|best|best wishes|all the best|regards|kind regards|warm(?:est)? "
                            r"regards|cheers|thanks|thank you|many thanks|thanks again|yours|yours truly|sincerely|xo+x*|hugs|"
                            r"take care|talk soon|god bless|blessings|with love|fondly)(?:\s+(?:so much|dear|again))?[\s,!.]*"
                            r"(?:\s+(?-i:[A-Z])[a-z]+)?[\s,!.]*$", re.I)


def letter_body(text: str, titles: TitleIndex | None) -> str:
    """What a letter-like message says: its greeting line and sign-off lines (a name alone after them, or after a
    blank line or a sentence's end) left out, and its paragraphs of sentences joined as one text (not a pasted list of titles, one a line)."""
    if "\n" not in text.strip():
        return text
    lines = [line.strip() for line in text.strip().splitlines()]
    if lines and _GREETING_LINE.match(lines[0]) and not (titles is not None and whole_title(lines[0], titles)):
        lines = lines[1:]
    while lines and (not lines[-1] or _SIGN_OFF_LINE.match(lines[-1]) or (
            re.fullmatch(r"(?-i:[A-Z])[a-z]+(?:\s+(?-i:[A-Z])\.?)?[\s.!]*", lines[-1]) and len(lines) > 1
            and (not lines[-2] or _SIGN_OFF_LINE.match(lines[-2]) or re.search(r"[.!?]\W*$", lines[-2]))
            and not (titles is not None and whole_title(lines[-1], titles)))):
        lines = lines[:-1]
    said = [line for line in lines if line]
    # paragraphs of sentences, not titles one a line: each ends a sentence or is long
    if said and all(re.search(r"[.!?]\W*$", line) or len(line.split()) > 8 for line in said):
        return " ".join(said)
    return "\n".join(lines).strip() or text


def _said_plainly(text: str, titles: TitleIndex | None) -> str:
    """`text` with a turned-down film's colon as a comma, a name's "'s seen" as "has seen", and no word said to the
    listener at its end ("delete the last one mate"), unless a title holds it."""
    turned = _NOT_THAT_COLON.match(text)
    if turned and titles is not None and any(s.stop == len(turned[1]) for s in titles.spans(turned[1])):
        text = f"{turned[1]}, {text[turned.end():]}"  # not "Not seen: A, B. Seen: C." (a heading)
    text = _HAS_SAID_S.sub(r"\1 has", _numbers_as_scores(_numbers_dictated(letter_body(unmarked(text), titles), titles),
                                                        titles))
    text = _THE_ONLY_ONE_SEEN.sub("I've seen ", text)  # "Only slasher I've done is Halloween": a viewing, no taste
    text = _REQUEST_LABEL.sub("I want ", text)  # "Want: more Scorsese-adjacent crime", a labelled line of notes
    called = _CALLED_AT_THE_END.search(text)
    if called and not (titles is not None and any(s.stop > called.start() for s in titles.spans(text))):
        text = text[:called.start()]
    return text


# a line of notes labelled as what the writer wants: "Want: more 80s buddy/action stuff", "Request: stuff like Alien"
_REQUEST_LABEL = re.compile(r"^[ \t]*(?:want(?:ed|s)?|request|looking\s+for|craving|in\s+the\s+mood\s+for)[ \t]*:[ \t]*(?=\S)",
                            re.I | re.M)  # (not "Next: Ronin", a plan, nor "Mood: knackered")
# the one film of a kind the speaker has seen: "Only slasher I've done is Halloween", "the only western we ever watched
# was Unforgiven" (the kind is no taste)
_THE_ONLY_ONE_SEEN = re.compile(r"(?<![\w'])(?:the\s+)?only\s+(?:[\w-]+\s+){1,3}?(?:that\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:ever\s+|actually\s+|really\s+)?"
                                r"(?:seen|watched|done|sat\s+through|saw)\s+(?:is|was|'s)\s+(?=\S)", re.I)
# a word said to the listener at the end of a message: "delete the last one mate", "more like that bro"
_CALLED_AT_THE_END = re.compile(r"[\s,]+(?:mate|bro|bruv|dude|pal|buddy|lad|fam|cuz|chief|boss)[\s.!?]*$", re.I)


def _after_waved_off(text: str, titles: TitleIndex | None) -> str:
    """`text` without a "never mind" said first when more follows that names a film or asks for some: "ok forget it.
    I watched already X, give me something like it" (nothing taken out)."""
    waved = _WAVED_OFF.match(text)
    rest = text[waved.end():] if waved else ""
    if waved and not re.search(r"[.!;]\s*$", waved.group()) and not _A_VIEWING_SAID.search(rest):
        return text  # "forget it, titanic is too long": a pick from the list turned down, no viewing said
    if waved and (asks_for_films(rest) or titles is not None and titles.spans(rest)):
        return rest
    return text
_A_VIEWING_SAID = re.compile(r"\b(?:watched|saw|seen|caught|finished|rewatched)\b", re.I)
# "never mind" said first, before more: what was asked before is let go, nothing taken out
_WAVED_OFF = re.compile(r"^\W*(?:(?:ok(?:ay)?|oh|ah|well|fine|alright|hmm+)[\s,]+)?(?:forget it|never\s?mind|nvm|no matter|"
                        r"doesn'?t matter)\s*(?:[.!;,]+|\s-|[–—])\s*(?=\S)", re.I)
# a later sentence or clause taking back a film named earlier in the message, with the film meant: "Titanic. Sorry, no,
# not Titanic, Ghost", "I watched Titanic and Heat. Oh wait, I meant Ghost not Titanic"
_REPAIR_OPENS = re.compile(r"(?:^|[.!;]\s*|\s*[,–—]\s*|\s+-\s+)(?:(?:oh|oops|whoops|ugh|hmm+|erm?|um+|no+|nah|naw|nope|wait|sorry|"
                           r"my\s+bad|correction|scratch\s+that|i\s+tell\s+a\s+lie|my\s+mistake|i\s+misspoke)[\s,.!:–—-]+)+"
                           r"(?:i\s+meant?\s+|it\s+was\s+)?", re.I)
_NOT_THAT_ONE = re.compile(r"not\s+", re.I)
_INSTEAD_OF = re.compile(r"\s*,?\s*(?:not|instead\s+of|rather\s+than)\s+", re.I)
_BETWEEN_THE_TWO = re.compile(r"\s*(?:[,;:–—]|\s-)\s*(?:(?:it\s+was|i\s+meant?)\s+)?", re.I)
_REPAIR_ENDS = re.compile(r"\s*(?:[.!?]+\s*|$)")


def _corrected_later(text: str, titles: TitleIndex | None) -> str:
    """`text` with a film named earlier replaced by the one a later repair says was meant, and the repair left out
    ("I watched Titanic and Heat. Oh wait, I meant Ghost not Titanic" -> "I watched Ghost and Heat."). Only where the
    repair is its own sentence or clause and names both films, so "Ghost not Titanic is my favourite" stays as it is."""
    if titles is None or not re.search(r"\bnot\b|\binstead\b|\brather\b|\bmean|\btell a lie\b", text, re.I):
        return text
    spans = titles.spans(text)
    for opening in _REPAIR_OPENS.finditer(text):
        if opening.end() == opening.start() or not any(s.stop <= opening.start() for s in spans):
            continue
        after = {s.start: s for s in spans if s.start >= opening.end()}
        old = new = None
        if (lead := _NOT_THAT_ONE.match(text, opening.end())) and (first := after.get(lead.end())):
            between = _BETWEEN_THE_TWO.match(text, first.stop)
            old, new = first, after.get(between.end()) if between and between.end() > first.stop else None
        elif first := after.get(opening.end()):
            instead = _INSTEAD_OF.match(text, first.stop)
            new, old = first, after.get(instead.end()) if instead else None
            if old is None and instead is None and (re.search(r"\bmeant?\s+$", opening.group(), re.I) or re.match(
                    r"\s*[.!;].*\btell\s+a\s+lie\b.*\bwas\s+$", opening.group(), re.I)):  # (a sentence of its own)
                # "watched Lethal Weapon 3 with my dad, oh wait no, I mean Lethal Weapon 2": the one film of the
                # same series named before, or the one film named before ("watched Alien, oops I meant Heat")
                before = [s for s in spans if s.stop <= opening.start()]
                old = _the_one_of_its_series(first, before, titles) or (before[0] if len(before) == 1 else None)
        if old is None or new is None or set(old.movies) == set(new.movies):
            continue
        ends = _REPAIR_ENDS.search(text, max(old.stop, new.stop))  # the repair's sentence ends, talk aside
        earlier = [s for s in spans if s.stop <= opening.start() and set(s.movies) == set(old.movies)]
        if len(earlier) != 1 or any(max(old.stop, new.stop) <= s.start < ends.start() for s in spans) \
                or _GOES_ON_AFTER.match(text, max(old.stop, new.stop)) \
                or _SOMEONE_ELSES.match(text[max(old.stop, new.stop):]):  # "it was Ronin my brother watched"
            continue  # "..., not Titanic is what I meant": no repair said whole
        said = earlier[0]
        return f"{text[:said.start]}{new.text}{text[said.stop:opening.start()]}{'.' if ends.end() < len(text) else ''}" \
               f"{' ' if ends.end() < len(text) else ''}{text[ends.end():]}"
    return text


def _the_one_of_its_series(film, before: list, titles: TitleIndex):
    """The one span of `before` that names another film of `film`'s series; None where there is none or more."""
    title = titles.catalog.by_id
    alike = [s for s in before if not set(s.movies) & set(film.movies) and any(
        same_series(title(m).display_title, title(n).display_title) for m in s.movies for n in film.movies)]
    return alike[0] if len(alike) == 1 else None


# a name, then two digits that end the year of one of its films: "Godzilla 98", "cape fear 91" (not a sequel number)
_NAME_THEN_TWO_DIGITS = re.compile(r"^(?P<name>.*\S)\s+['’‘]?(?P<digits>[1-9]\d)$")


# a version's year said before its name: "the 96 romeo and juliet", "the 1958 fly"
_YEAR_FIRST = re.compile(r"\bthe\s+(?P<year>(?:19|20)\d{2}|['’‘]?[2-9]\d)\s+(?=\w)", re.I)


def _year_said_first(text: str, titles: TitleIndex | None) -> str:
    """`text` with a film's year said before its name written after it ("the 96 romeo and juliet" -> "romeo and
    juliet (1996)"), where no title of the catalogue holds the number ("The 39 Steps")."""
    if titles is None or not _YEAR_FIRST.search(text):
        return text
    spans = titles.spans(text)
    for said in _YEAR_FIRST.finditer(text):
        named = next((s for s in spans if s.start == said.end()), None)
        if named is None or any(s.start <= said.start("year") < s.stop for s in spans):
            continue
        digits = said["year"].lstrip("'’‘")
        year = int(digits) if len(digits) == 4 else two_digit_year(int(digits))
        name = strip_article(normalize_title(named.text))
        if not any(m.year == year and name in normalize_title(m.display_title) for m in titles.catalog.movies):
            continue  # "the 1998 Psycho remake": a version the catalogue does not hold, said as it was
        return f"{text[:said.start()]}{named.text} ({year}){text[named.stop:]}"
    return text


def _years_said_short(text: str, titles: TitleIndex | None) -> str:
    """`text` with a film named by its title and the last two digits of its year written with its year ("Also
    Godzilla 98, same level of terrible" -> "Also Godzilla (1998), ..."), where the catalogue holds that film and no
    film of the series has that number."""
    if titles is None or not re.search(r"\s['’‘]?[1-9]\d\b", text) or _SCORES_SAID.search(text):
        return text  # "rated them: Fargo 96, Heat 88": scores
    found = []
    for run in (u for u in titles.unnamed(text) if u.reason == "sequel"):
        if (said := _NAME_THEN_TWO_DIGITS.match(text[run.start:run.stop])) is None:
            continue
        films = [m for m in titles.lookup(said["name"])[0] if (year := titles.catalog.by_id(m).year)
                 and year % 100 == int(said["digits"])]
        if len(films) != 1:
            return text  # "Fargo 96, Heat 88, Titanic 40": a number that is no film's year makes them scores
        found.append((run, said["name"], titles.catalog.by_id(films[0]).year))
    for run, name, year in sorted(found, key=lambda f: -f[0].start):
        text = f"{text[:run.start]}{name} ({year}){text[run.stop:]}"
    return text


_SCORES_SAID = re.compile(r"\brat(?:e|ed|es|ing|ings)\b|\bscor(?:e|ed|es|ing)\b|/\s*100\b|out of 100\b|\bvs\.?\b|\bversus\b", re.I)


# the speaker asks the films just named to be added: "She's seen Pretty Woman and Notting Hill, put those on."
_ADD_THOSE = re.compile(r"\b(?:put|add|log|record)\s+(?:those|them|these|both|the two|'?em)(?:\s+(?:on|in|down|to))?"
                        r"(?:\s+(?:the|my|her|his|our)\s+(?:list|history|log))?\s*(?:too|as well|please|pls)?\s*(?:[.!]|$)", re.I)


def _added_as_asked(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """Films said seen by someone else are added when the message asks for them to be ("..., put those on"): the one
    telling may be typing for them."""
    if not _ADD_THOSE.search(text) or any(isinstance(a, AddWatched) and not a.guessed for a in found):
        return found
    others = [a for a in found if isinstance(a, NotWatched) and a.seen_by_others and not a.unseen]
    if len(others) != 1:
        return found
    return tuple(AddWatched(TitleList.listed(a.titles)) if a is others[0] else a for a in found)


# a film of a series told by a word of its title: "watched home alone ... and then the new york one by myself"
_THE_WORDS_ONE = re.compile(r"\bthe\s+(?P<words>(?:[\w'-]+\s+){0,2}?[\w'-]+)\s+(?:one|film|movie)\b", re.I)
_NOT_OR_LATER = re.compile(r"\b(?:not|never|n't|will|'ll|gonna|going to|want|wanna|next|later|tomorrow|skip(?:ped)?)\b", re.I)
_PLACE_OR_KIND = re.compile(r"^(?:first|second|third|last|latest|original|new|newer|old|older|other|same|next|cartoon|animated|"
                            r"live action|black and white|\d+|'?\d\d)$", re.I)


def _series_film_described(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """The one add of a message, with the film of the same series that "the <words> one" names by words of its
    title and no other film of the series has ("Home Alone 2: Lost in New York" for "the new york one")."""
    adds = [a for a in found if isinstance(a, AddWatched) and not a.guessed]
    if titles is None or len(adds) != 1 or not (said := _THE_WORDS_ONE.search(text)) or _PLACE_OR_KIND.match(said["words"]):
        return found
    words = said["words"].lower()
    if _NOT_OR_LATER.search(text[max(0, said.start() - 40):said.start()]):
        return found  # "Watched Home Alone but not the New York one", "we'll do the New York one tomorrow"
    named = [s for t in adds[0].titles.titles for s in sentence_spans(t, titles, said_watched=True)]
    for span in named:
        members = series_members(series_of(titles.catalog.by_id(span.movies[0]).display_title), titles)
        hits = [m for m in members if m not in span.movies
                and re.search(rf"\b{re.escape(words)}\b", titles.catalog.by_id(m).display_title.lower())]
        if len(hits) == 1:
            title = titles.catalog.by_id(hits[0]).display_title
            return tuple(AddWatched(TitleList((*a.titles.lines, TitleLine((title,)))), liked=a.liked) if a is adds[0]
                         else a for a in found)
    return found


# the speaker's own viewing of "it", said after the film: "Deacon Harold has been on me about Field of Dreams, and I
# finally sat down and watched it last night", "Everybody says Pulp Fiction is a masterpiece. I have finally watched
# it" (not "I will watch it", "I never saw it", "can I watch it?", "my wife watched it")
_SPEAKER_SAW_IT = re.compile(r"\b(?:i|we|(?:me|us) and \w+|\w+ and (?:i|me))(?:'ve|\s+have)?\s+(?:(?:finally|actually|then|also|"
                             r"just|eventually|did|all|both|only)\s+)*(?:(?:sat down|sat|got round|got around|went)\s+(?:and|to)\s+)?"
                             r"(?:watched|saw|seen)\s+(?:it|everything|the whole thing|all of it)\b(?![^.!?]*\?)"
                             # seeing that, not watching: "I saw it in the TV guide", "saw it on Twitter", "saw it coming"
                             r"(?!\s+(?:in\s+(?:the\s+)?(?:tv guide|guide|paper|papers|listings|shop|store|news)|on\s+(?:the\s+)?"
                             r"(?:twitter|facebook|instagram|reddit|tiktok|news|list|shelf|sale|tv guide|box)|advertised|trending|"
                             r"coming|as\b))", re.I)


# a viewing only felt, or denied right after it: "I feel I've seen it, though I haven't"
_AS_IF_OR_DENIED = re.compile(r"\b(?:feel|feels|felt)\s+(?:like\s+|as\s+if\s+|as\s+though\s+)?$|\bas\s+(?:if|though)\s+$|"
                              r"\b(?:though|but|although|except)\s+(?:i|we)\s+(?:haven'?t|have\s+not|didn'?t|did\s+not|never)\b",
                              re.I)
_NEGATED_IN_SENTENCE = re.compile(r"\b(?:not|never|n't|wouldn'?t|couldn'?t|can'?t|cannot|didn'?t|haven'?t|hardly|barely|"
                                  r"doubt|if|whether)\b|n't\b", re.I)


def _seen_it_later(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """The one film a message names and does not store, watched by the speaker as "it" later in the message: stored
    (someone else's viewing too: "My wife watched Out of Africa last night. I saw it years ago")."""
    unseen = [a for a in found if isinstance(a, NotWatched) and not a.unseen]
    if len(unseen) != 1 or len(unseen[0].titles) != 1 or any(isinstance(a, (RemoveWatched, Correct)) for a in found):
        return found
    title = unseen[0].titles[0]
    at = text.lower().find(title.lower())
    after = text[at + len(title):]
    said = _SPEAKER_SAW_IT.search(after) if at >= 0 else None
    # another film stored, named before the "it", may be what it stands for ("The wife had Sabrina on and I sat and
    # watched it with her, then we stayed up for Roman Holiday": Roman Holiday, said after it, is not)
    others = [t for a in found if isinstance(a, AddWatched) and not a.guessed for t in a.titles.titles]
    if said is None or any(t.lower() in text[:at + len(title) + said.start()].lower() for t in others):
        return found
    before_it = re.split(r"[.!?;]", after[:said.start()])[-1]
    if _said_unseen_later(after) or _NEGATED_IN_SENTENCE.search(before_it) or _AS_IF_OR_DENIED.search(before_it) \
            or _AS_IF_OR_DENIED.search(re.split(r"[.!?;]", after[said.end():])[0]):
        # "So I wouldn't say I've seen it really", "... that I feel I've seen it, though I haven't"
        return found
    return tuple(AddWatched(TitleList.listed([title])) if a is unseen[0] else a for a in found
                 if not (isinstance(a, SeenThose) and a.it))


# "not predator, seen it", "..., ive seen it like four times" after a list: the film ruled out was watched by the
# speaker (not "my wife saw it", "have you seen it?", "seen it advertised", "haven't seen it")
_SEEN_IT = re.compile(r"(?:^|[,;.]|\b(?:i|we|i'?ve|ive|we'?ve|already|both))\s*(?:seen|saw|watched)\s+(?:it|that(?:\s+one)?)"
                      r"(?:\s+(?:already|before|twice|(?:like\s+)?\w+\s+times))?(?:\s+(?:lol|haha|lmao|tbh|ok|too))*"
                      # "we watched it in the dressing room last week": where or when
                      r"(?:\s+(?:in|at|on|last|with|yesterday|a\s+while|years)\b[^.?!,;]{0,40})?"
                      r"\s*(?:[.!,;]|$)", re.I)


def _ruled_out_as_seen(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """A follow-up that rules a named film out because it was seen ("not die hard with a vengeance ive seen it like
    four times") stores that film as watched, then asks again without it."""
    said = _SEEN_IT.search(text)
    # a question in the words up to it ("have you seen it?"), not one after ("..., we watched it last week. Others?")
    if titles is None or not said or "?" in text[:said.end()] or not (len(found) == 1 and isinstance(found[0], Recommend)
                                                         and found[0].follow_up and found[0].excluded_movies):
        return found
    named = sentence_spans(text[:said.start()], titles, said_watched=True)
    if len(named) != 1 or _NOT_SEEN.search(text[named[0].stop:said.end()]):  # "..., haven't seen it"
        return found
    if re.search(r"\b(?:they|he|she)(?:'ve|'s|\s+have|\s+has)?\s*$", text[:said.start()], re.I):
        return found  # "Not Toy Story 2, they've already watched it at their other gran's": theirs
    return AddWatched(split_titles(named[0].text)), *found


# "any year" said as a turn of the last request: "any decade then", "any year instead?"
_THEN_OR_ASKED = re.compile(r"\b(?:then|instead)\b|\?\s*$", re.I)


def _any_year_asked(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """ "any decade then" after a list asks for it again with no years (the standing years dropped too), where "any
    year is fine" alone only notes it."""
    if found == (SetTaste(any_year=True),) and _THEN_OR_ASKED.search(text):
        return (Recommend(follow_up=True, any_year=True),)
    return found


def _version_said_after(found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """A version's year said in its own sentence after the film ("we also did the thing. the 1982 one", "the fly
    is disgusting. the goldblum one from 86 obv"): the year of the film the message states, not an answer to a
    question (none may be open)."""
    years = [a for a in found if isinstance(a, Answer) and a.year is not None]
    stated = [a for a in found if isinstance(a, (AddWatched, NotWatched)) and not getattr(a, "guessed", False)]
    if len(years) != 1 or len(stated) != 1 or len(found) != 2:
        return found
    act = stated[0]
    if isinstance(act, NotWatched):
        return found
    lines = act.titles.lines
    last = lines[-1]
    if re.search(r"\(\s*\d{2,4}\s*\)\s*$", last.pieces[-1]):
        return found  # its year said already
    dated = replace(last, pieces=last.pieces[:-1] + (f"{last.pieces[-1]} ({years[0].year})",))
    return (replace(act, titles=replace(act.titles, lines=lines[:-1] + (dated,))),)



# a film of a series said by its number alone, with what the speaker thought of it: "part 3 not so much", "Part 2 was
# worse, I would say a 6", "The first one I would give a nine"; not "haven't done part 2 yet", nor a question
_SEQUEL_REF = re.compile(r"(?:^|[,;.!]\s*|\b(?:and|but|though)\s+)(?P<ref>(?:the\s+)?(?:part|pt\.?)\s+(?:\d{1,2}\b|[ivx]{1,4}\b|"
                         r"one\b|two\b|three\b|four\b|five\b)|the\s+(?:first|second|third|original|1st|2nd|3rd)(?:\s+one)?\b)"
                         r"(?P<rest>[^,;.!?]*)", re.I)
# what only a viewer says of a film (not "is on tv tonight", "is supposed to be better", "was great, more like that")
_OPINION_AFTER = re.compile(r"(?:\bwould give|'d give|\bgive it|\bnot so much|\bworse|\bletdown|\blet down|\bsurprise|\bmuddled|"
                            r"\bboring|\bloved|\bhated|\benjoyed|\bmeh\b|\bmid\b|\b(?:a|an)\s+\d{1,2}\b|\d{1,2}\s*/\s*10\b|"
                            r"\bout of (?:10|ten|5|five)\b|,\s*\d{1,2}\s*$|"
                            # "part 2 is better", "the second one was even better"
                            r"\b(?:is|was)\s+(?:even\s+|much\s+|way\s+|so\s+|far\s+|way\s+)?(?:better|the best|worse|the worst|"
                            r"great|amazing|brilliant|excellent|fantastic|awful|terrible|superior)\b)", re.I)
_NOT_SEEN_WORDS = re.compile(r"\b(?:haven'?t|havent|not seen|never|didn'?t|didnt|yet|want|wanna|should|going to|gonna|will|"
                             r"if|whether|heard|hear|supposed|tonight|on tv|is on|coming)\b", re.I)


def _films_of_the_series(text: str, found: tuple[Intent, ...], titles: TitleIndex | None) -> tuple[Intent, ...]:
    """Films of a series said by number with an opinion ("the godfather is perfect, part 3 not so much", then
    "Part 2 was worse"): stated, as "<the series named before it> 3" in the same message, or as the number alone,
    which the service reads in the series of the latest add. Words of such a clause ask for nothing ("Part 3 with
    the cowboys was a pleasant surprise" asks for no western)."""
    if titles is None or any(isinstance(a, (RemoveWatched, Correct, StartOver, Undo, NotWatched)) for a in found):
        return found
    pieces = []
    for said in _SEQUEL_REF.finditer(text):
        rest, sentence = said["rest"], re.split(r"[.!?]\s", text[:said.start("ref")])[-1]
        if (text[said.end():said.end() + 1] == "?" or not _OPINION_AFTER.search(rest) or _NOT_SEEN_WORDS.search(rest)
                or _NOT_SEEN_WORDS.search(sentence) or (number := number_said(said["ref"])) is None):
            continue
        named = [s for s in sentence_spans(text[:said.start("ref")], titles) if not s.everyday]
        series = series_of(named[-1].text) if named else ""
        pieces.append((f"{series} {number}" if number != "1" else series) if series else said["ref"])
    if not pieces:
        return found
    kept = [a for a in found if not isinstance(a, Rejected) and not (isinstance(a, SmallTalk) and a.kind == "other")
            and not (isinstance(a, Recommend) and not asks_for_films(text))
            and not (isinstance(a, AddWatched) and a.guessed)]  # the talk around them, read as titles
    adds = [a for a in kept if isinstance(a, AddWatched)]
    line = TitleLine.listed(dict.fromkeys(pieces))
    if adds:
        add = adds[0]
        merged = replace(add, titles=TitleList((*add.titles.lines, line), add.titles.skipped))
        return tuple(merged if a is add else a for a in kept)
    return (*kept, AddWatched(TitleList((line,))))


# the speaker's score, in digits or words: "One star out of five.", "I'd give it a 7/10", "2 stars from me"
_SPEAKERS_SCORE = re.compile(r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half a)\s*"
                             r"(?:stars?(?:\s+out\s+of\s+(?:10|5|ten|five))?\b|/\s*(?:10|5)\b|out of (?:10|5|ten|five)\b)", re.I)
# a sentence that is the speaker's score and nothing else: "One star out of five.", "I'd give it a 7/10", "2 stars from
# me" (not "The pub gets 5 stars", "She would give it five stars")
_SCORE_SENTENCE = re.compile(r"\W*(?:(?:and|but|so|honestly|overall|perhaps|maybe|solid|a)\W+)*(?:(?:i'?d|i would|i'll|i)\s+"
                             r"(?:give|rate|say)\s+(?:it\s+)?(?:a\s+)?|it\s+gets\s+(?:a\s+)?|(?:my\s+)?(?:score|rating|verdict)\W*)?"
                             r"\s*(?:(?:from me|for me|tops|at most|at best|max|overall|honestly)\W*)*", re.I)


def _scored_by_the_speaker(text: str, found: tuple[Intent, ...]) -> tuple[Intent, ...]:
    """The one film a message names, read as not watched, that the speaker scores in another sentence ("My wife
    insisted on Titanic last night. Three hours I shall never get back. One star out of five."): a score is given
    to a film seen. Not where the film was said unseen, asked about or wished for, nor a score that another person
    gives ("She would give it five stars")."""
    unwatched = [a for a in found if isinstance(a, NotWatched)]
    if len(unwatched) != 1 or any(isinstance(a, AddWatched) for a in found):
        return found
    [said] = unwatched
    if len(said.titles) != 1 or said.wanted or said.unseen or said.ask or said.seen_by_others:
        return found
    scored = [m for m in _SPEAKERS_SCORE.finditer(text)
              if _SCORE_SENTENCE.fullmatch(re.split(r"[.!?;]\s", text[:m.start()])[-1] + " "
                                           + re.split(r"[.!?;](?:\s|$)", text[m.end():])[0])]
    if not scored:
        return found
    add = AddWatched(TitleList((TitleLine(said.titles),)))
    return tuple(add if a is said else a for a in found)


# a sentence that is only a score: "Solid 8", "easy 9/10", "a 7 out of 10 tops", "4 stars"
_SCORE_ONLY = re.compile(r"^\W*(?:(?:a|an|solid|easy|strong|honestly|like|maybe|probably|prob|def|definitely|hard|straight|"
                         r"at least|only|so|id say|i'd say|i would say)\s+)*\d{1,2}(?:\.\d)?(?:\s*(?:/|out of)\s*(?:10|5|ten|five))?"
                         r"(?:\s*stars?)?(?:\s+(?:tops|max|easy|at least|from me|for me))?\W*$", re.I)


# "Add, please: Vertigo, Rear Window": the command word, its politeness and punctuation before what it takes
_COMMAND_THEN_PLEASE = re.compile(r"^\s*(?:please\s*[,:]?\s*)?(?P<verb>add|remove|delete)\s*[,:;]\s*(?:(?:please|pls|plz)"
                                  r"\s*[,:;]?\s*)?", re.I)


# asked in so many words not to store what the message names (a closed list)
_DONT_STORE = re.compile(r"\b(?:don'?t|do not|dont|please don'?t)\s+(?:put|add|log|count|store|save|list|record|mark)\s+"
                         r"(?:it|that|them|this|those)(?:\s+(?:down|in|on|up))?\b(?!\s+(?:twice|again))", re.I)


def _states(acts: list[tuple[str, Intent]], part: str) -> list[AddWatched]:
    """The adds a clause states (not a guess at its words)."""
    return [a for p, a in acts if p == part and isinstance(a, AddWatched) and not a.guessed]


def _kept_out_by_clause(read: list[tuple[str, Intent]], parts: list[str]) -> list[tuple[str, Intent]]:
    """`_kept_out` on the clause that asks it, or on the one before it where it names no film itself ("I may have
    seen Harvey years ago. Don't put it down for now.")."""
    said_of = {part if _states(read, part) else before
               for before, part in zip(["", *parts], parts) if _DONT_STORE.search(part)}
    return [(p, a) for p, kept in read for a in (_kept_out(p, (kept,), forced=True) if p in said_of else (kept,))]


def _anchors_not_seen(read: list[tuple[str, Intent]], parts: list[str]) -> list[tuple[str, Intent]]:
    """"something like Heat? I did not see it yet, ...": the film the request before such a clause started from was
    not seen ("I watched Fargo. I never saw it before" is no request)."""
    for before, part in zip(parts, parts[1:]):
        if _NOT_SEEN_IT.match(part) and any(p == before and isinstance(a, Recommend) for p, a in read):
            read = [(p, NotWatched(a.titles.titles, wanted=True)
                     if p == before and isinstance(a, AddWatched) and not a.guessed else a) for p, a in read]
    return read


def _kept_out(text: str, found: tuple[Intent, ...], forced: bool = False) -> tuple[Intent, ...]:
    """The acts, with the films a clause asks in so many words not to store ("walked out of waterworld halfway so
    don't count that one") said apart instead of added; `forced`: the next clause asked it ("I may have seen Harvey
    years ago, I can't remember. Don't put it down for now.")."""
    if not forced and not _DONT_STORE.search(text):
        return found
    return tuple(NotWatched(tuple(t for t in a.titles.titles if not _DONT_STORE.search(t)))
                 if isinstance(a, AddWatched) and not a.guessed else a for a in found)


# a clause that only takes a title back: "wait, no, not Casino."
_NOT_THAT_TITLE = re.compile(r"^\s*(?:(?:wait|no|nope|sorry|oops|ugh|hmm+|ah|oh|actually|argh)[\s,!.]+)*not\s+"
                             r"(?P<old>[^,.;!?]+?)[\s.!]*$", re.I)


def _old_said_apart(read: list, titles: TitleIndex | None) -> list:
    """"wait, no, not Casino. I meant Carlito's Way.": the title taken back in a clause of its own is what the
    correction replaces (not the whole latest add), and that clause asks for nothing."""
    corrections = [a for _, a in read if isinstance(a, Correct) and a.old is None and a.new.titles]
    if titles is None or not corrections:
        return read
    taken = [(p, said["old"]) for p, a in read if isinstance(a, Recommend) and (said := _NOT_THAT_TITLE.match(p))
             and whole_title(said["old"], titles) is not None]
    if not taken:
        return read
    old = TitleList.listed(t for _, t in taken)
    gone = {p for p, _ in taken}
    return [(p, replace(a, old=old) if a is corrections[0] else a) for p, a in read if p not in gone]


# a clause that says the film just named was not seen: "I did not see it yet", "but I never saw it", "haven't seen
# that one"
_NOT_SEEN_IT = re.compile(r"^\s*(?:but\s+|and\s+|though\s+)?(?:i|we)\s+(?:(?:have\s+|'ve\s+)?never\s+(?:saw|seen|watched)|"
                          r"(?:did\s+not|didn'?t|have\s+not|haven'?t|havent|didnt)\s+(?:see|seen|watch|watched)|"
                          r"(?:have|'ve)\s+not\s+(?:seen|watched))\s+(?:it|that(?:\s+one)?|this(?:\s+one)?)\b(?!\s+before)", re.I)


# a year said as when something happened, not as films' years: "my late husband proposed in 1958" (not "made in
# 1995", "a film from 1958", "anything in 1958?")
_EVENT_YEAR = re.compile(r"\b(?<!made )(?<!released )(?<!out )(?<!filmed )(?<!shot )in (?:19|20)\d{2}\b", re.I)
# ... or its decade, said of a phase of the speaker's ("we went through a musicals phase in the seventies")
_EVENT_DECADE = rf"\bin the (?:(?:19)?[2-9]0'?s|{'|'.join(DECADE_WORDS)})\b"
# "... any good ones from then?": the time said is the one asked for
_FROM_THEN = re.compile(r"\bfrom (?:then|back then|that (?:time|decade|era)|those (?:years|days))\b", re.I)
# a kind of film said of the speaker's past, not asked for: "we went through a musicals phase in the seventies"
_A_PHASE = re.compile(r"\b(?:phase|craze|kick|obsession|binge|marathon)\b", re.I)


# ... said of the speaker's past: "I was frightened at the pictures in 1957"
_PAST_EVENT_YEAR = re.compile(r"\b(?:i|we|my\s+\w+|he|she)\s+(?:(?:was|were)(?!\s+(?:looking|wondering|thinking|hoping|"
                              r"searching|after|interested|trying|asking|going|curious|keen))|got|went|met|married|proposed|"
                              r"moved|first\s+saw|grew\s+up|lived|left|retired)\b(?P<between>[^.;!?]*?)"
                              rf"(?P<year>{_EVENT_YEAR.pattern}|{_EVENT_DECADE})", re.I)


def _refinement(part: str, act: Intent, titles: TitleIndex | None) -> Recommend:
    """A clause read as refining the message's request ("what next? nothing older than 1990"): the request it is,
    or its words read as one; a year it says only as when something happened bounds nothing."""
    if isinstance(act, SetTaste) and act.disliked_genres and not act.only_genres and not act.allowed_genres:
        # "I cannot bear horror of any kind. Could you give me the list again without it?": the kinds it rules out,
        # not its genre words read as asked for; ruling out only, it changes the last list (as `read_request` reads it)
        return Recommend(Constraints((), act.disliked_genres, act.min_year, act.max_year),
                         disliked_genres=act.disliked_genres, follow_up=True)
    request = act if isinstance(act, Recommend) else read_request(part, titles)
    if _EVENT_YEAR.search(part) and not asks_for_films(part) or _past_event(part) is not None:
        request = replace(request, constraints=replace(request.constraints, min_year=None, max_year=None))
    return request


# a correction written as an arrow: "correction: Big -> Splash. same Hanks, wrong film.", "edit: III -> V"
_ARROW_SWAP = re.compile(r"^\W*(?:correction|edit|fix|typo|oops|sorry|wait)\s*:?\s*(?P<old>[^.;:>,]+?)\s*(?:->|=>|→)\s*"
                         r"(?P<new>[a-z0-9][^.;]*?)\s*(?P<rest>[.;!].*)?$", re.I | re.S)
_BARE_NUMBER = re.compile(r"^(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", re.I)


def _as_meant(said: re.Match) -> str:
    """The arrow's correction in words: "I meant Splash not Big"; a number for a number drops what explains the
    new one ("III -> V (The Final Frontier)": part 5 of the latest add's series, not part 3)."""
    new = re.sub(r"(?:\s+(?:please|pls|plz|thanks|thx|lol))+$", "", said["new"], flags=re.I)
    if _BARE_NUMBER.match(said["old"].strip()):
        new = re.sub(r"\s*\([^)]*\)", "", new).strip() or new
    return f"I meant {new} not {said['old']}{said['rest'] or ''}"


# people named as the written messages seldom name them, in the words the mention model learnt them by: "missus
# watched ghost last night" is "my wife watched ..." (read as the speaker's own viewing otherwise)
_KIN_WORDS = ((re.compile(r"\b(?:(?:the|my)\s+)?(?:missus|missis|wifey)\b|\bthe wife\b", re.I), "my wife"),
              (re.compile(r"\b(?:(?:the|my)\s+)?hubby\b|\bthe husband\b", re.I), "my husband"))


def _kin_as_learnt(text: str) -> str:
    for words, learnt in _KIN_WORDS:
        text = words.sub(learnt, text)
    return text


# a sentence after films that says none of them was seen: "Taxi Driver, Apocalypse Now, The Deer Hunter, all just sat
# there judging me. Haven't seen a single one of them."
_NONE_OF_THEM_SEEN = re.compile(r"^\W*(?:(?:but|and|honestly|tbh|sadly|to be fair|sorry|so|oh|well|also|actually|fwiw|"
                                r"for the record|to be clear|full disclosure)\W+)*(?:(?:i|we)(?:'ve|\s+have)?\s+(?:still\s+)?)?"
                                r"(?:(?:haven'?t|havent|have not|never|not)\s+(?:actually\s+|even\s+|yet\s+)?(?:seen|watched)\s+"
                                r"(?:a\s+single\s+one|any|one|either|a\s+one)|(?:have|'ve)?\s*(?:seen|watched)\s+none)\s+of\s+"
                                # "(Have seen none of them, for the record.)", "I haven't seen any of the three"
                                r"(?:(?:them|those|these|'em)\b|the\s+(?:two|three|four|five|lot|bunch)\b)"
                                # "Haven't seen either.", "never watched either one"
                                r"|(?:haven'?t|havent|have not|never|not)\s+(?:actually\s+|even\s+|yet\s+)?(?:seen|watched)\s+"
                                r"either(?:\s+one)?(?=\s*(?:[.,;!?]|$))"
                                r"|^\W*none of (?:them|those|these)\s+(?:i'?ve|have i|i have|we'?ve)\s+(?:actually\s+)?(?:seen|watched)\b",
                                re.I)


_NOT_ALL_OF_THEM = re.compile(r"\b(?:before|since|sequels?|others?|again|remakes?)\b", re.I)
_A_VIEWING_VERB = re.compile(r"\b(?:watched|saw|seen|loved|liked|enjoyed|hated|finished|caught|rewatched)\b", re.I)


def _none_of_them_seen(read: list[tuple[str, Intent]], parts: list[str], titles: TitleIndex | None):
    """The films stated before a sentence that says none of them was seen are not watched."""
    said = [i for i, part in enumerate(parts) if _NONE_OF_THEM_SEEN.search(part) and not _NOT_ALL_OF_THEM.search(part)
            and not (titles is not None and sentence_spans(part, titles))]
    if not said:
        return read
    # the films named with no viewing verb ("Taxi Driver, Apocalypse Now, ..., all just sat there judging me"), not
    # "Finally watched Heat and Casino. Never seen either of them before!"
    before = {part for part in parts[:said[0]] if not _A_VIEWING_VERB.search(part)}
    return [(part, NotWatched(a.titles.titles, unseen=a.titles.titles) if part in before and isinstance(a, AddWatched)
             and not a.guessed else a) for part, a in read]


def _series_word(title: str) -> str:
    """A title's first main word, lower case: what the films of one series share ("rocky", "alien" of "Aliens")."""
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in ("the", "a", "an")]
    return words[0].rstrip("s") if words else ""


def _repaired_in_message(read: list[tuple[str, Intent]], parts: list[str]) -> list[tuple[str, Intent]]:
    """A film added, then corrected in a later sentence of the same message ("Watched Rocky 3 ... No wait, it was
    Rocky 4", "Superman 3 was a stinker. Wait, no, I mean the fourth one"): a correction of that film, not of an
    earlier add."""
    at = {id(a): parts.index(p) for p, a in read if p in parts}
    adds = [(p, a) for p, a in read if isinstance(a, AddWatched) and not a.guessed and a.titles.titles]
    fixes = [(p, a) for p, a in read if isinstance(a, Correct) and a.old is None and (a.new.titles or a.sequel)]
    if len(adds) != 1 or len(fixes) != 1 or at.get(id(fixes[0][1]), -1) <= at.get(id(adds[0][1]), 0):
        return read
    (_, add), (_, fix) = adds[0], fixes[0]
    numbered = [(t, found) for t in add.titles.titles
                if (found := re.match(r"^(?P<base>.*\S)\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", t, re.I))]
    if fix.new.titles:  # the film of the add of the same series, or the add's one film: no guess among several
        meant = fix.new.titles
        same = [t for t in add.titles.titles if _series_word(t) == _series_word(meant[0])]
        last = same[0] if len(same) == 1 else add.titles.titles[0] if len(add.titles.titles) == 1 else None
    elif len(numbered) == 1 and fix.sequel.isdigit():
        last, found = numbered[0]
        meant = (found["base"] if fix.sequel == "1" else f"{found['base']} {fix.sequel}",)
    else:
        return read
    if last is None:
        return read
    # the film taken back is named as the correction's old one, so that no later reading adds it again
    repaired = Correct(TitleList.listed(meant), TitleList.listed([last]))
    if len(add.titles.titles) == 1:
        return [(p, repaired) if a is add else (p, a) for p, a in read if a is not fix]
    kept = replace(add, titles=TitleList.listed([t for t in add.titles.titles if t != last]))
    return [(p, kept) if a is add else (p, repaired) if a is fix else (p, a) for p, a in read]


# the speaker asks that what the message tells be left out of the history: "Not for my log.", "Do not add."
_DO_NOT_ADD = re.compile(r"\b(?:do not|don'?t|dont|pls don'?t|no need to|please don'?t)\s+(?:add|log|store|record|save)"
                         r"(?:\s+(?:it|that|this|them|those|(?:that|this) one))?\s*(?:[.!,;]|$)"
                         r"|\bnot for (?:my|the) (?:log|list|history|records?)\b", re.I)


# said after the film, of it: not yet seen, planned, or seen only in part ("Thinking of watching it this weekend,
# haven't yet", "I've only ever seen the trailer")
_NOT_REALLY_SEEN = re.compile(r"\b(?:haven'?t|have\s+not|havent|ain'?t|aint)\s+(?:(?:seen|watched)\s+it\s+)?yet\s*(?:[.,!;]|$)|"
                              # "Haven't put it in the machine"
                              r"\b(?:haven'?t|have\s+not|havent|ain'?t)\s+(?:yet\s+)?put\s+(?:it|that one)\s+(?:in|on)"
                              r"(?:\s+(?:the\s+)?(?:machine|player|dvd player|vcr|video|tv|telly))?\s*(?:yet\s*)?(?:[.,!;]|$)|"
                              r"\b(?:thinking\s+(?:of|about)|planning\s+(?:on|to)|going\s+to|gonna|want\s+to|hoping\s+to)\s+"
                              r"(?:watch|see)(?:ing)?\s+it\b(?!\s+again)|"
                              r"\b(?:only|just)\s+(?:ever\s+)?(?:seen|watched|saw)\s+(?:the\s+)?(?:trailer|trailers|clips?|"
                              r"bits|the\s+end(?:ing)?|the\s+start|the\s+beginning|the\s+first\s+\w+\s+minutes)\b", re.I)


# a question of the film just named alone: "Gladiator. Is it any good?", "... worth a watch?"
_ASKED_OF_IT = re.compile(r"^\W*(?:(?:so|and|but|well)\s+)?(?:(?:is|was)\s+(?:it|that(?:\s+one)?)\s+(?:any\s+good|good|worth|scary|"
                          r"suitable|ok(?:ay)?\s+for|too)\b|should\s+(?:i|we)\s+(?:watch|see|bother\s+with)\s+it\b|would\s+(?:i|we)\s+"
                          r"like\s+it\b)|^\W*(?:any\s+good|worth\s+(?:it|watching|a\s+(?:watch|look)))\s*\?+\s*$", re.I)


# a sentence that opens on a name of its own, a film the catalogue lacks: "Snatch, even better apparently but I've
# only seen the trailer" says nothing of the film before it
_NAMES_ITS_OWN = re.compile(r"^\W*(?!(?:I|It|That|This|But|And|So|Well|Oh|Ah|Um|Uh|Actually|Honestly|He|She|They|We|You|My|"
                            r"Our|The|Yes|No|Nope|Nah|Yeah|Sadly|Sorry|Also|Though|Still|Never|Only|Just|Wait|Hmm+|Ok|Okay|"
                            r"Lol|Lmao|Jk|Correction|Damn|Dang|Oops|Whoops|Hang|Hold|Update|Anyway|Right|Sure|Fine)\b)"
                            r"(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,3}\s*,"
                            # ... then words of its own, not the speaker's: "Snatch, even better apparently"
                            r"(?!\s*(?:i|i'm|i've|im|ive|we|it|that|not|jk|no)\b)")


def _typed(act: AddWatched | NotWatched) -> tuple[str, ...]:
    """The titles an add or a not-watched reading names, as typed."""
    return act.titles.titles if isinstance(act, AddWatched) else act.titles


def _unsaid_later(read: list[tuple[str, Intent]], parts: list[str], titles: TitleIndex | None) -> list[tuple[str, Intent]]:
    """The one film a message stores, said not seen in a sentence after it ("I put on Ben-Hur ... So I wouldn't say
    I've seen it really"), or the whole message said to be kept out of the log ("Kids watched Toy Story 2; I was on
    calls. Not for my log."): not watched."""
    adds = [(part, a) for part, a in read if isinstance(a, AddWatched) and not a.guessed
            or isinstance(a, NotWatched) and len(a.ask) == 1 and a.titles == a.ask]  # or one it would ask about
    if titles is None or len(adds) != 1 or sum(_names_titles(t, titles) for t in _typed(adds[0][1])) != 1:
        return read
    part, add = adds[0]
    later = parts[parts.index(part) + 1:] if part in parts else []
    asked_of_it = bool(later) and _ASKED_OF_IT.match(later[0]) is not None and whole_title(part, titles) is not None
    if not asked_of_it and not any((_said_unseen_later(p) or _DO_NOT_ADD.search(p) or _NOT_REALLY_SEEN.search(p))
                                   and not sentence_spans(p, titles) and not _NAMES_ITS_OWN.match(p) for p in later):
        # "Don't add Ronin though, I haven't seen that one"; "GLADIATOR. IS IT ANY GOOD." asks of a film named alone
        return read
    unseen = NotWatched(tuple(t for t in _typed(add) if _names_titles(t, titles)))
    return [(p, unseen if (p, a) == (part, add) else a) for p, a in read]


def _it_named_before(read: list[tuple[str, Intent]], parts: list[str], titles: TitleIndex | None):
    """"I saw it" after a sentence of the same message that rules one film out of a request ("Not Psycho, if you don't
    mind. I saw it in 1960 ..."): that film, not one the message before named."""
    if titles is None or not any(isinstance(a, SeenThose) and a.it for _, a in read):
        return read
    out = []
    for part, act in read:
        if isinstance(act, SeenThose) and act.it:
            earlier = parts[:parts.index(part)] if part in parts else []
            ruled_out = {m for p, a in read if p in earlier[-1:] and isinstance(a, Recommend) for m in a.excluded_movies}
            named = [s.text for p in earlier[-1:] for s in sentence_spans(p, titles) if set(s.movies) & ruled_out]
            if not named:  # ... or the one film it started from ("something like the matrix pls, i've seen it
                # like 10 times")
                anchors = {a.constraints.like for p, a in read if p in earlier[-1:] and isinstance(a, Recommend)
                           and a.constraints.like}
                named = [s.text for p in earlier[-1:] for s in sentence_spans(p, titles) if s.text in anchors]
            if len(named) == 1:  # the film the sentence before ruled out of a request ("Not Psycho, ...")
                act = AddWatched(TitleList((TitleLine((named[0],)),)))
            elif not named and len(added := {t for p, a in read if p in earlier[-1:] and isinstance(a, AddWatched)
                                             and not a.guessed for t in a.titles.titles
                                             if any(s.text == t for s in sentence_spans(p, titles))}) == 1:
                continue  # "Put on Local Hero myself. Watched it to the end.": the one film just added
        out.append((part, act))
    return out


MIN_TALK_PIECES = 3  # a clause of talk cut by commas into this many pieces or more is searched for a taste


def _taste_among_pieces(part: str, act: Intent, titles: TitleIndex | None, acts: ActReader | None) -> Intent:
    """A clause of talk (read as a guessed list of names, or as chat) that names no film, with a standing taste in one
    of its comma-cut pieces: the taste ("Wonderful craftsmanship, Hitchcock never wasted a shot, but I'll tell you plainly, I'm really
    not a horror man, and ...")."""
    pieces = [p for p in re.split(r"\s*,\s*", part) if p.strip()]
    if not (isinstance(act, AddWatched) and act.guessed or isinstance(act, SmallTalk)) or len(pieces) < MIN_TALK_PIECES \
            or titles is None or sentence_spans(part, titles):
        return act
    tastes = [said for piece in pieces if isinstance(said := read_clause(piece, titles, acts), SetTaste)
              or isinstance(said, Recommend) and (said.disliked_genres or said.constraints.excluded_genres)
              and not said.constraints.genres]
    return tastes[0] if len(tastes) == 1 else act


def _read_acts(text: object, titles: TitleIndex | None = None, reader: MentionReader | None = None,
               acts: ActReader | None = None) -> tuple[Intent, ...]:
    """read_acts by the clause rules and models, before the whole message is read for titles no act claims."""
    if isinstance(text, str):
        text = _COMMAND_THEN_PLEASE.sub(lambda m: f"{m['verb']} ", text, count=1)
        text = _ARROW_SWAP.sub(_as_meant, text, count=1)
    whole = read_message(text, titles)
    long_talk = isinstance(whole, Rejected) and whole.reason == render.LONG_NOT_UNDERSTOOD and acts is not None
    if isinstance(whole, (Rejected, SmallTalk, StartOver, Undo)) and not long_talk or not isinstance(text, str):
        return (whole,)  # a command read whole took what follows it as talk (it names no title); a long message
        # no rule reads is read clause by clause by the models
    greeted = _GREETING.sub("", clean_text(text).strip())  # "Hi! I watched Fargo": the greeting adds nothing
    if greeted and greeted != clean_text(text).strip():
        text, whole = greeted, read_message(greeted, titles)
        if isinstance(whole, (StartOver, Undo, Correct)):
            return (whole,)  # "hmm, wipe everything, I want to start again from scratch"
    if (first := _FIRST_SENTENCE.match(text)) and isinstance(said := read_command(first["first"], titles), Correct):
        # "Sorry, not Independence Day, I meant Air Force One. Both are about the president": the correction,
        # and what follows it read on its own
        rest = [a for a in _read_acts(first["rest"], titles, reader, acts) if not isinstance(a, (Rejected, SmallTalk))
                and not (isinstance(a, AddWatched) and a.guessed)
                # "nah not fistful, it was for a few dollars more. same hat": words after a repair that ask nothing
                and not (isinstance(a, Recommend) and _bare(a) and not asks_for_films(first["rest"]))]
        if said.old is None and not said.sequel and said.version is None and any(
                isinstance(a, Undo) and a.takes_out for a in rest):
            # "Wait, no, The Peacemaker, I'm thinking of a different film entirely. Get rid of it.": the film named
            # is the one taken out, not one meant instead
            return (RemoveWatched(said.new), *(a for a in rest if not isinstance(a, Undo)))
        stated, requests = _films_ruled_out_are_the_old(text, [said], [a for a in rest if isinstance(a, Recommend)],
                                                        titles)  # "Naw, sorry, I meant Ronin. ... No Heat."
        return (*stated, *(a for a in rest if not isinstance(a, Recommend)), *requests)
    if isinstance(whole, Correct) and whole.old is not None and whole.new.titles:
        # "Please forgive me, I made an error. It was Rocky IV, the one with the Russian, not Rocky III.": a film named
        # in place of another, across the apology's sentences
        return (whole,)
    text = mend_verb_slip(clean_text(text).strip())  # "watchd X": the reading, too, sees the verb
    text = _kin_as_learnt(text)
    text = _without_pictures(text)
    if not text:
        return (SmallTalk("chat"),)  # "👍", "😂": a reaction
    lines = [line for line in text.splitlines() if line.strip()]
    said_lines = [line for line in lines if _SENTENCE_LINE.search(line) or asks_for_films(line)]
    if len(lines) > 1 and (any(_HEADING.match(line) for line in lines) or said_lines and not (titles is not None and all(
            # (a pasted list of bare titles with a remark after it stays a list: "Heat\nRonin\nsomething like those")
            whole_title(line.strip(" -*•\t"), titles) is not None or line.rstrip().endswith(":")
            for line in lines if line not in said_lines))):
        # "Films I have NOT seen: A, B.\nFilms I HAVE seen: C, D.": each line is said on its own; so are a list's
        # lines beside a line that is a sentence or asks for films ("Friend: ...\nMe: never seen it.\nGive me a 90s
        # thriller instead.", "Watched: A, B\nWant: more crime")
        parts = [c for line in lines for c in clauses(line, titles)]
    else:
        parts = clauses(text, titles) if "\n" not in text else []
    if len(parts) < 2:  # a pasted list is titles
        if "\n" in text:
            return (whole,)
        act = read_clause(text, titles, acts)
        return _kept_out(text, _gated(text, act, titles, reader) + _beside(text, act, titles, acts))
    read: list[tuple[str, Intent]] = []
    stating = set()  # the clauses that state movies: a taste said in them is a taste, not a request
    for i, part in enumerate(parts):
        if i and _SCORE_ONLY.match(part):
            continue  # "Finally saw Cape Fear. Solid 8": the score of what was just said, no request
        act = _taste_among_pieces(part, _confirmed(part, read_clause(part, titles, acts), titles), titles, acts)
        elliptic = _elliptic(part, parts[i - 1] if i else "", [a for p, a in read if p == parts[i - 1]] if i else [],
                             titles, reader)
        if elliptic is not None:
            act = elliptic
        if isinstance(act, AddWatched) and not act.guessed:
            stating.add(part)
        read += [(part, gated) for gated in _gated(part, act, titles, reader, parts[i - 1] if elliptic else "")
                 + _beside(part, act, titles, acts)]
    read = _anchors_not_seen(_kept_out_by_clause(_old_said_apart(read, titles), parts), parts)
    read = _it_named_before(_none_of_them_seen(read, parts, titles), parts, titles)
    read = _unsaid_later(read, parts, titles)
    read = _repaired_in_message(read, parts)
    if any(_REMOVE_IT.match(part) for part in parts) and any(isinstance(a, NotWatched) for _, a in read):
        # "Pocahontas is wrong, she watched it alone. Please remove.": the films said not watched leave the history
        read = [(part, replace(a, unseen=a.titles) if isinstance(a, NotWatched) else a) for part, a in read
                if not _REMOVE_IT.match(part)]
    ages = [(part, a) for part, a in read if isinstance(a, Recommend) and kind_only_an_age(part) and not _dated(a)
            and not asks_for_films(part) and "?" not in part]
    if ages and len(ages) == sum(isinstance(a, Recommend) for _, a in read):
        # "watched 101 dalmatians with my niece. she's 5 and was SCREAMING at cruella": a child's age said beside a
        # statement asks for no film
        read = [(part, a) for part, a in read if (part, a) not in ages]
    found = [a for _, a in read if not isinstance(a, Rejected)]
    requests, narrowed, asked_anew = [a for a in found if isinstance(a, Recommend)], False, False
    asked_more = False  # a clause that asks for more films in so many words ("Others?")
    if requests:  # a clause with no verb beside a request refines it: "what next? nothing older than 1990"
        more = any(r.more for r in requests)
        any_kind_asked = any(r.constraints.genres for r in requests)
        refining = [(part, replace(_refinement(part, act, titles), more=more))
                    for part, act in read if isinstance(act, Recommend) or part not in stating and (
                        # "forget what I said about drama, give me a comedy": a kind let back in is no kind asked
                        isinstance(act, SetTaste) and not (any_kind_asked and _only_lifts(act))
                        or (isinstance(act, AddWatched) and act.guessed)
                        or act == SmallTalk("other") and _WANTS_A_KIND.search(part))]
        # "Lovely. Something from the fifties as well?": words that ask nothing and say nothing ("lovely") refine
        # no request, and would make the follow-up a new request
        kept = [(part, r) for part, r in refining if not _bare(r) or asks_for_films(part)] or refining
        if any(not _bare(r) for _, r in kept):
            # "Older, ideally. Anything before 1990? I want the proper gritty stuff": a bare request said in a
            # sentence of its own changes nothing of the rest (a bare "anything" beside a kind, or "recommend me
            # something", asks anew)
            kept = [(part, r) for part, r in kept if not (_bare(r) and len(part.split()) > MAX_BARE_WORDS
                                                          and not _STRONG_ASK.search(part))]
        asked_kinds = {g for _, r in kept for g in r.constraints.genres}
        # "Horror recs. Not too gory pls": a degree of the kind asked, which stays asked (not "for the kids, nothing
        # too scary", where no horror is asked)
        kept = [(part, _softened(r, asked_kinds) if _ONLY_A_DEGREE.search(part) else r) for part, r in kept]
        requests = [r for _, r in kept]
        asked_more = any(r.more and part.rstrip().endswith("?") for part, r in kept)
        asked_anew = any(_STRONG_ASK.search(part) for part, r in kept if _bare(r))
        first_part, first = kept[0]
        narrowed = len(first.constraints.genres) == 1 and not re.search(r"\bor\b", first_part, re.I) and any(
            _QUALIFIES.match(part) and r.constraints.genres and not set(r.constraints.genres) & set(first.constraints.genres)
            for part, r in kept[1:]) or bool(_BOTH_AT_ONCE.search(text))
    tastes = [a for a in found if isinstance(a, SetTaste)]
    stated = [a for a in found if not isinstance(a, (Recommend, SetTaste, SmallTalk))
              and not (isinstance(a, AddWatched) and a.guessed)]
    if any(isinstance(a, (Correct, RemoveWatched)) or isinstance(a, NotWatched) and a.unseen
           or isinstance(a, Undo) and a.takes_out for a in stated) and not asks_for_films(text):
        # "I meant die hard 2 not 3. the airport one", "X is on my list, I haven't seen it. I was thinking of the
        # soundtrack": words beside a repair that ask nothing are no request ("Leave out Chariots of Fire. Others?"
        # asks for more)
        requests = [r for r in requests if not _bare(r) or r.more and asked_more]
    stated, requests = _films_ruled_out_are_the_old(text, stated, requests, titles)
    if any(isinstance(a, StartOver) for a in stated):
        # "those are all my kids' films, not mine. Clear my history please.": the question it asks comes first, and
        # no request or taste read beside it answers it away
        requests, tastes = [], []
    if not stated and not requests and not tastes:
        return _gated(text, whole, titles, reader)
    if any(isinstance(a, (RemoveWatched, Correct, NotWatched)) for a in stated):
        # "I didn't watch Heat, remove it": the other clause names the movie; "it" is not the latest add ...
        if any(isinstance(a, Undo) for a in stated):
            # ... and what it says was not watched leaves the history: "Undo that last one please. I never finished
            # Jaws 2, NEPA took light halfway."
            stated = [replace(a, unseen=a.titles) if isinstance(a, NotWatched) and not a.wanted else a for a in stated]
        stated = [a for a in stated if not isinstance(a, Undo)]
        if any(isinstance(a, NotWatched) and a.unseen for a in stated):
            # "wait no i havent seen runaway bride yet, delete pls": the removal is of the film said unseen
            stated = [a for a in stated if not (isinstance(a, RemoveWatched) and not a.titles.titles)]
    adds = [a for a in stated if isinstance(a, AddWatched)]
    others = [a for a in stated if not isinstance(a, AddWatched)]
    merged: list[Intent] = list(others)
    if adds:  # one add, in the order told
        merged.append(AddWatched(TitleList(tuple(line for a in adds for line in a.titles.lines),
                                           sum(a.titles.skipped for a in adds)), liked=any(a.liked for a in adds)))
    # the years of a standing taste, the last said ("only 90s stuff for me"), or "any year is fine"
    dated = [t for t in tastes if t.min_year is not None or t.max_year is not None or t.any_year]
    years = {"min_year": dated[-1].min_year, "max_year": dated[-1].max_year, "any_year": dated[-1].any_year} \
        if dated else {}
    if requests:
        if years:  # kept before the request runs, which then keeps to them
            merged.append(SetTaste(**years))
        if allowed := tuple(dict.fromkeys(g for t in tastes for g in t.allowed_genres)):
            # "horror is ok now for me alone. give me a horror movie": the dislike goes for good, then the request runs
            merged.append(SetTaste(allowed_genres=allowed))
        merged.append(_merge_requests(requests, tastes, narrowed, asked_anew))
    elif tastes:
        only = {g for t in tastes for g in t.only_genres}  # "westerns are my whole personality. I only watch westerns"
        merged.append(SetTaste(tuple(dict.fromkeys(g for t in tastes for g in t.disliked_genres if g not in only)),
                               tuple(dict.fromkeys(g for t in tastes for g in t.allowed_genres)),
                               tuple(dict.fromkeys(m for t in tastes for m in t.disliked_movies)),
                               tuple(dict.fromkeys(g for t in tastes for g in t.only_genres)), **years))
    return tuple(merged) or (whole,)


# a message that breaks off before its film: "I HAVE NOT SEEN", "we watched the", "I also saw..." (the next message
# names it)
_BROKEN_OFF = re.compile(r"^\W*(?:and\s+|also\s+|then\s+)?(?:i|we|me and (?:my\s+)?\w+|my\s+\w+\s+and\s+i)(?:\s+(?:have|had|did|just|"
                         r"also|never|not|haven'?t|hadn'?t|didn'?t|did not|have not|finally|really|both|all|last\s+night|"
                         r"yesterday))*\s+(?:seen|saw|watched|loved|liked|hated|(?<=n't )(?:see|watch)|(?<=not )(?:see|watch)|"
                         r"(?<=never )(?:see|watch))(?:\s+(?:the|a|an|that|this))?"
                         r"\s*(?:\.\.\.|…|-+|–|—|,)?\s*$", re.I)


def broken_off(text: str) -> bool:
    """Whether the message stops where its film would be named: the next message goes on from it."""
    return bool(_BROKEN_OFF.match(text))


# words that answer "Go on: which film?" with no film: the broken-off message is dropped
_NOT_GOING_ON = re.compile(r"^\W*(?:sorry|never\s*mind|nvm|forget it|wait|hold on|nothing|no+|nope|nah|cancel|stop)\b", re.I)


def goes_on(text: str, titles: TitleIndex | None) -> bool:
    """Whether a message after a broken-off one goes on from it ("GLADIATOR. IS IT ANY GOOD"), not talk, a command or
    a request read on its own ("ok", "sorry", "help", "remove Heat", "what should I watch?")."""
    command = read_command(text, titles)
    return not asks_for_films(text) and not looks_conversational(text) and not _NOT_GOING_ON.match(text) \
        and (command is None or isinstance(command, AddWatched))


__all__ = ["broken_off", "clauses", "goes_on", "going_on_unseen", "read_acts"]
