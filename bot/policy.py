"""The dialogue policy: what the chat does next with each act of a message, given the dialogue state.

bot.understanding reads a message into acts; this module decides what to do with them, and ChatService runs it:
- the order the acts run in (`ordered`): forgetting first, then taking back, removing, adding, noting movies not
  watched, "I've seen those"; a request, or a taste merged from several clauses, last;
- what each act means here, read against the state as the acts before it left it (`actions`): "not that one"
  after a list, with no guess to take back and no question open, asks for other movies; "I've seen those" after a
  list adds it and asks for new ones; a taste said right after a list, in a message that asks nothing else ("no
  horror for me"), runs that list's request again under it;
- which of the service's actions runs each act (`action_for`), whether it streams and ends the message's acts
  (`streams`), and whether the question the message found open stays open (`keeps_question`).
Pure: no database, no model, no sentences (bot.render says them).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from bot.dialogue import DialogueState, taste_follow_up
from bot.intents import (AddWatched, Answer, CannotAnswer, Correct, Explain, ForgetMe, Help, Intent, NotWatched,
                         Recommend, Rejected, RemoveWatched, SeenThose, SetTaste, ShowHistory, SmallTalk, StartOver,
                         Undo)
from bot.messages import ORDINAL_INDEX, Constraints, TitleList, asks_for_films, no_then_a_place, version_said
from bot.requests import REJECTS_SUGGESTION

# The order of a message's acts: history changes before what reads the history ("undo that. I watched X" takes
# back the earlier add, not X); acts not listed run after these, in the order said.
# An answer goes first: "The newer one. Also I watched Misery" answers the open question before the add closes it.
ORDER: dict[type, int] = {ForgetMe: 0, Answer: 1, StartOver: 1, Undo: 1, RemoveWatched: 2, Correct: 2, AddWatched: 3,
                          NotWatched: 4, SeenThose: 6}
# Acts that close a message, in the order read: bot.understanding merges every request of a message into one, and
# every taste beside no request into one, and puts it last.
CLOSING = (SetTaste, Recommend)

# Each act, and the action of ChatService that runs it (its method `_<action>`).
ACTIONS: dict[type, str] = {
    Rejected: "reject", Help: "help", SmallTalk: "small_talk", Answer: "answer", Undo: "undo", Correct: "correct",
    ForgetMe: "forget_me", SetTaste: "set_taste", ShowHistory: "show_history", StartOver: "start_over",
    AddWatched: "add_watched", RemoveWatched: "remove_watched", NotWatched: "not_watched", SeenThose: "seen_those",
    Explain: "explain", CannotAnswer: "cannot_answer", Recommend: "recommend",
}
# An act that answers the open question, or asks or adds something beside it, leaves it open; any other clears it.
_KEEPS_QUESTION = (Answer, SeenThose, Explain, CannotAnswer)


def ordered(acts: Iterable[Intent]) -> tuple[Intent, ...]:
    """The acts in the order to run them (ORDER; stable among equals); the closing ones stay last."""
    acts = tuple(acts)
    head = [act for act in acts if not isinstance(act, CLOSING)]
    return tuple(sorted(head, key=lambda act: ORDER.get(type(act), 9))) + tuple(
        act for act in acts if isinstance(act, CLOSING))


def actions(act: Intent, state: DialogueState, text: str, asks: bool = False) -> tuple[Intent, ...]:
    """What one act of the message `text` means here, given the state the acts before it left: the acts to run.
    `asks`: the message holds a request of its own."""
    # ... and "nah not the first one, I'm not in the mood", read as a bare request or as talk by the model
    # ("not that one, becky's seen it": words after it read as a guessed title)
    if ((isinstance(act, (Undo, Answer)) or isinstance(act, AddWatched) and act.guessed
         or _NOT_THE_PLACE.match(text) and isinstance(act, (Recommend, ShowHistory, SmallTalk)))
            and REJECTS_SUGGESTION.match(text) and state.last_shown
            and not state.last_guessed and state.pending is None):
        # "not that one" after a list, with no guess to undo or question open ("Not that one; something made after
        # 1980": the request said beside it is the one run, and shows no film twice)
        return () if asks and not isinstance(act, Recommend) else (Recommend(more=True),)
    if (isinstance(act, Answer) and act == Answer(yes=False) and state.last_shown and not state.last_guessed
            and state.pending is None and _LONE_NO.match(text)):
        return (Recommend(more=True),)  # a lone "nah" after a list, with no question open: other films
    if isinstance(act, Correct) and act.sequel and not act.new.lines and no_then_a_place(text):
        if state.pending is not None and state.pending.kind == "choose" and act.sequel.isdigit():
            return (Answer(index=int(act.sequel) - 1),)  # "no, the second one" answers "which one?"
        if not state.just_added and state.last_shown:
            return (Recommend(more=True),)  # "no the first one" after a list corrects no add: others
    if isinstance(act, Undo) and act.unseen and not (state.just_added and state.last_added):
        return (SmallTalk("kept"),)  # "I never saw it" with no add right before it: nothing of the history goes
    if isinstance(act, AddWatched) and state.last_shown and state.pending is None and not state.just_added \
            and len(act.titles.titles) == 1 \
            and (place := _PLACE_IN_THE_LIST.match(act.titles.titles[0])) is not None \
            and (index := _place_index(place["place"], len(state.last_shown))) is not None:
        # "i've already seen the first one", "The first one I have already seen." after a list: that movie of it
        act = SeenThose(index=index)
    if isinstance(act, SetTaste) and act.allowed_genres and not act.disliked_genres and not act.only_genres and asks \
            and not set(act.allowed_genres) & set(state.disliked_genres) and not state.only_genres:
        # "forget what I said about drama, give me a comedy" with no dislike of drama held: nothing to lift, the ask runs
        return ()
    if isinstance(act, Correct) and act.old is None and act.new.titles and _MAKE_IT.match(text) and not state.just_added:
        # "recommend something like Alien || no wait, make it Aliens": the request changes, no add is taken back
        return (Recommend(Constraints(like=act.new.titles[0])),)
    if isinstance(act, ShowHistory) and state.last_shown and (place := _PLACE_ON_YOUR_LIST.search(text)) is not None \
            and (index := _place_index(place["place"], len(state.last_shown))) is not None:
        # "ay the first one on your list i watched na pala, next?": that film of the list shown was seen; others
        return (SeenThose(index=index), Recommend(more=True))
    if isinstance(act, ShowHistory) and _WHATS_LEFT.match(text) and state.last_shown and not state.last_removed:
        return (Recommend(more=True),)  # "so what's left?" after a list, nothing removed: the rest of it
    if isinstance(act, SeenThose) and not act.it and state.last_shown and not asks:
        # the list goes into the history, and new movies are wanted (the message's own request, where it has one:
        # "seen all of those -> still horror, but pre-1980")
        return (act, Recommend(more=True))
    if isinstance(act, NotWatched) and act.seen_by_others and state.last_shown and not asks:
        return (act, Recommend(more=True))  # "she's seen Toy Story so not that" after a list: others, without it
    if isinstance(act, SetTaste) and not asks and (again := taste_follow_up(state, act)) is not None:
        return (act, again)  # "no horror for me" after a list: that list again, without horror
    if isinstance(act, Answer) and act.yes is not None and state.pending is None and asks:
        # "ok so what should I put on tonight", "no, something else": the "ok" or "no" answers no question, the request
        # is what is asked
        return ()
    if isinstance(act, Answer) and act.year is not None and state.pending is None and (
            state.last_shown or asks or state.last_request is not None):  # (or after a year it has no films of)
        # "And 1984 pls, year I was born" after a list, with no "which one?" open: the films of that year
        return (Recommend(Constraints(min_year=act.year, max_year=act.year), follow_up=True),)
    if isinstance(act, Answer) and act.decade is not None and state.pending is None:
        # "one from the 80s please" with no "which one?" open: the films of that decade, the last request otherwise
        return (Recommend(Constraints(min_year=act.decade, max_year=act.decade + 9), follow_up=True),)
    if isinstance(act, Recommend) and not state.last_shown and not asks_for_films(text):
        if only_rules_out_genres(act):
            return (SetTaste(disliked_genres=act.constraints.excluded_genres),)  # "no soppy romance stuff" before a list
        if only_rules_out_years(act, text):  # "nothing before 1990 ok", "no horror, nothing before 1980" before a list
            c = act.constraints
            return (SetTaste(disliked_genres=c.excluded_genres, min_year=c.min_year, max_year=c.max_year),)
    return (act,)


# "nah not the first one, I'm not in the mood": a place in the list turned down
_NOT_THE_PLACE = re.compile(r"^\W*(?:(?:nah|nope|no|meh|hmm+|ugh|eh|naw)[\s,!.]+)?not the (?:first|second|third|last|1st|2nd|3rd)\b", re.I)
_WHATS_LEFT = re.compile(r"^\W*(?:(?:so|ok|okay|and|right)[\s,]+)?what'?s (?:left|remaining)\W*$", re.I)
# a movie of the list just shown, by its place: "the first one", "the 2nd", "number 3", "the last one I have"
_PLACE_WORDS = r"first|second|third|1st|2nd|3rd|last"
_PLACE_IN_THE_LIST = re.compile(rf"^\W*(?:the\s+)?(?P<place>{_PLACE_WORDS}|(?:number|no\.?|#)\s*[1-9])"
                                r"(?:\s+(?:one|film|movie|pick|suggestion))?(?:\s+(?:i\s+have|i'?ve|ive|you\s+(?:showed|gave|said)))?\W*$",
                                re.I)


# the idiom that swaps the last thing said: "make that Lethal Weapon 2", "no wait, make it Aliens"
_MAKE_IT = re.compile(r"^\W*(?:\w+[\s,!.]+){0,3}?make\s+(?:that|it)\b", re.I)
# a place in the list the bot showed, said seen: "the first one on your list i watched already"
_PLACE_ON_YOUR_LIST = re.compile(rf"\bthe\s+(?P<place>{_PLACE_WORDS})(?:\s+one)?\s+(?:on|in|from)\s+"
                                 r"(?:your|the|that|this)\s+list\b[^?]*?\b(?:i|we)(?:'ve|\s+have|\s+had)?\s+"
                                 r"(?:already\s+|actually\s+|also\s+)?(?:watched|seen|saw)\b", re.I)


def _place_index(place: str, shown: int) -> int | None:
    """The 0-based index of a place said in a list of `shown` movies ("last" the final one); None past its end."""
    said = re.sub(r"^(?:number|no\.?|#)\s*", "", place.lower())
    index = ORDINAL_INDEX.get(said, int(said) - 1 if said.isdigit() else None)
    index = shown - 1 if index == -1 else index
    return index if index is not None and 0 <= index < shown else None


def only_rules_out_genres(act: Recommend) -> bool:
    """A request that says nothing but genres it does not want: before any list there is nothing to change, so
    it is a standing taste (said back, and kept for every list after)."""
    c = act.constraints
    return bool(c.excluded_genres) and not (c.genres or c.like or c.min_year is not None or c.max_year is not None
                                            or act.more or act.unsupported or act.excluded_movies or act.relative)


# a lone "no" (not "no thanks", which closes)
_LONE_NO = re.compile(r"^\W*(?:no+|nah+|nope|naw|meh|no no|nah nah)\W*$", re.I)
# words that rule years out rather than ask for them: "nothing before 1990", "no films older than 1980" (not "no, after
# 1990", "not sure, maybe after 1995")
_RULES_OUT = re.compile(r"\b(?:nothing|none|never|not|no\s+(?:films?|movies?|stuff|ones?))\s+(?:[a-z']+\s+){0,2}?"
                        r"(?:before|after|older|newer|earlier|later|pre|post|from)\b", re.I)
# ... in a message that asks for films too: "whats another one with dinosaurs for them. nothing before 1990"
_ASKS = re.compile(r"\?|\b(?:another|something|anything|recommend|suggest|what|whats|give|show|more|watch|need|want)\b",
                   re.I)


def only_rules_out_years(act: Recommend, text: str) -> bool:
    """A request that only rules out the years on one side ("nothing before 1990 ok"), and genres perhaps: before
    any list it is a standing taste, kept for every list after."""
    c = act.constraints
    return (c.min_year is None) != (c.max_year is None) and bool(_RULES_OUT.search(text)) and not (
        c.genres or c.like or act.more or act.unsupported or act.excluded_movies or _ASKS.search(text))


# words that say the latest add was the wrong one; "actually I prefer the original" says none of them
_CORRECTION_LEAD = re.compile(r"\b(?:i meant|meant|it was|i mean|correction|wrong one|not that one)\b|"
                              # "Ah no sorry, the NEW one!! Not the old one.": a "no" or a "sorry", then the version
                              r"^\W*(?:(?:ah|oh|oops|ugh|no|nah|naw|nope|na|sorry|scusa|scusi|pardon|wait|hang on|hold on)[\s,!.]+)+the\b"
                              # ... not a verdict on a version: "oh the new one is rubbish though", "No, the old one was better"
                              r"(?![^.!?]*\b(?:is|was|'s|are|were|looks?|seems?|sucks?|better|worse|imo|rubbish|great|good)\b)", re.I)
# a question that asks for the repair said before it, not a question of fact
_ASKS_TO_CORRECT = re.compile(r"[.!,]?\s*(?:please\s+)?(?:would|could|can|will)\s+you\s+(?:please\s+)?(?:correct|fix|change|"
                              r"update|amend|sort)\s+(?:that|it|this)(?:\s+out)?(?:\s+for\s+me)?(?:\s+please)?\s*\?\s*$", re.I)
MAX_VERSION_ANSWER_WORDS = 25  # a longer message while "which one?" is open is read as itself


def steps(acts: Iterable[Intent], state: Callable[[], DialogueState], text: str) -> Iterator[Intent]:
    """Every act to run for the message, in order, each decided when its turn comes: `state()` is the state as the
    acts run before it left it."""
    acts = ordered(acts)
    asks = any(isinstance(act, Recommend) for act in acts)
    first = state()
    acts = _version_meant(acts, first, text) or acts
    if first.pending is None and first.last_shown and len(acts) == 1 and isinstance(acts[0], Answer) \
            and acts[0].age in ("older", "newer") and acts[0].year is None and acts[0].index is None:
        # "older one leh" after a list, with no "which one?" open: the last request, older
        acts = (Recommend(relative=acts[0].age, follow_up=True),)
    if first.pending is not None and first.pending.kind == "choose" and any(isinstance(act, Answer) for act in acts):
        # "The auld one, black and white, wi Audrey Hepburn": the people describe the version chosen, no filter asked
        acts = tuple(act for act in acts if not (isinstance(act, Recommend) and act.unsupported == ("cast",)
                                                  and act.constraints.empty and not act.more and not asks_for_films(text)))
    if first.pending is None and any(isinstance(act, (Correct, AddWatched, RemoveWatched)) for act in acts):
        # "no wait. just first blood. the 1st one": a place said beside the films named, with no "which one?" open,
        # describes them; it answers nothing
        acts = tuple(act for act in acts if not (isinstance(act, Answer) and act.index is not None and act.yes is None))
    if first.last_shown and any(isinstance(act, SeenThose) and not act.it for act in acts):
        # "seen those too. im a horror nerd sorry", "seen all of those -> still horror, but pre-1980": the list goes
        # into the history, and the message's own request changes the last one (what it does not say stays)
        acts = tuple(replace(act, follow_up=True) if isinstance(act, Recommend) else act for act in acts)
    for i, act in enumerate(acts):  # the first act sees the state read above: `state` is asked once per act
        yield from actions(act, first if i == 0 else state(), text, asks)


def _version_meant(acts: tuple[Intent, ...], state: DialogueState, text: str) -> tuple[Intent, ...] | None:
    """A version of a film said by a year or age, in place of what the words were read as: the answer to an open
    "which one?" ("nope not the old one, the other one with de niro"), or a repair of the latest add ("I meant the
    1962 original, not the remake") that names no title of its own. None otherwise."""
    text = _ASKS_TO_CORRECT.sub("", text)  # "..., not the remake. Would you correct that for me?" asks for the repair
    if state.pending is not None and state.pending.kind == "choose" and _VERSION_DESCRIBED_ALONE.match(text) \
            and "?" not in text and not _ASKS_BESIDE.search(text) and not any(isinstance(act, (AddWatched, RemoveWatched, Correct)) and not getattr(
                act, "guessed", False) for act in acts):
        from bot.understanding import in_english  # (here: bot.understanding imports this module)

        if (said := version_said(in_english(text))) is not None:
            return (said,)  # "the auld een fae the sixties in black an white": its decade, not films of the 60s asked
    if asks_for_films(text) or len(text.split()) > MAX_VERSION_ANSWER_WORDS or "?" in _HEDGE_ASKED.sub("", text):
        return None  # "wait, is the original any good?" asks; it answers nothing ("the 80s one i think?" answers)
    pending = state.pending
    first, rest = _first_sentence(text)
    if pending is not None and pending.kind == "choose" and rest and _VERSION_FIRST.match(first) \
            and (said := version_said(first)) is not None:
        # "the 1986 musical one. also seen the thing": the answer, then the rest as it was read (what the first
        # sentence asked, a musical, was the answer's words), where the rest says something of its own
        rest_asks = asks_for_films(rest)
        kept = [act for act in acts if isinstance(act, Recommend) and rest_asks
                or isinstance(act, (AddWatched, RemoveWatched, Correct, NotWatched)) and not getattr(act, "guessed", False)]
        if kept:
            return (said, *(act for act in acts if not isinstance(act, (Answer, Recommend)) or act in kept))
    # a message that states or repairs titles of its own is read as itself ("I also watched Heat (1995)")
    if any(isinstance(act, (Answer, Correct, RemoveWatched, Undo, NotWatched)) or isinstance(act, AddWatched)
           and not act.guessed for act in acts):
        return None
    if pending is not None and pending.kind == "choose":
        said = version_said(text)
        return (said,) if said is not None else None
    if pending is None and state.last_added and _CORRECTION_LEAD.search(text):
        said = version_said(text, strong_only=True)
        return (Correct(TitleList(()), version=said),) if said is not None else None
    return None


# a request said beside the answer: "the old one from the sixties, and recommend me something similar"
_ASKS_BESIDE = re.compile(r"\b(?:recommend|suggest|anything\s+like|something\s+(?:like|similar)|more\s+like|what\s+(?:else|should))\b",
                          re.I)
# one sentence that describes a version, however long: "the old one from the sixties in black and white"
_VERSION_DESCRIBED_ALONE = re.compile(r"^\W*(?:the|that|it'?s|its|it was)\s+(?:[\w'-]+\s+){0,4}?(?:one|version|een|yin|un)\b[^.!?;]{0,60}[.!]*$",
                                  re.I)
# a doubt said with a rising "?", asking nothing: "uhh the 80s one i think? jeff goldblum"
_HEDGE_ASKED = re.compile(r"\b(?:i think|i guess|i believe|maybe|probably|i'?m pretty sure)\s*\?+", re.I)
# a short first sentence that describes a version: "the 1986 musical one.", "The newer one, with Nolte."
_VERSION_FIRST = re.compile(r"^\W*(?:the|that|it'?s|its|it was)\s+(?:[\w'-]+\s+){0,4}?(?:one|version|film|movie)\b[^.!?;]{0,30}$",
                            re.I)


def _first_sentence(text: str) -> tuple[str, str]:
    """The text cut after its first sentence: (first, rest); rest is "" for one sentence."""
    found = re.search(r"[.!;]\s+", text)
    return (text[:found.start()], text[found.end():]) if found else (text, "")


def action_for(act: Intent) -> str:
    """The ChatService action that runs the act."""
    return ACTIONS[type(act)]


def streams(act: Intent) -> bool:
    """The request: it runs last, streamed, with what the acts before it did as its preface."""
    return isinstance(act, Recommend)


def keeps_question(act: Intent) -> bool:
    """Whether the question the message found open stays open after the act."""
    return isinstance(act, _KEEPS_QUESTION)


__all__ = ["ACTIONS", "CLOSING", "ORDER", "action_for", "actions", "keeps_question", "only_rules_out_genres",
           "only_rules_out_years", "ordered",
           "steps", "streams"]
