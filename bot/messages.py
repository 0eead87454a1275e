"""Pure reading of what a user typed: which request it is, and which titles it names.

No model, no database: `read_message(text)` returns one of the intents of bot.intents, or a `Rejected` with the
reason; a request's constraints are read by bot.requests. Titles stay raw text, as a `TitleList` (bot.titles
resolves them with one batch of matcher queries, so the work stays linear in the message's length).
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.intents import (MAX_MESSAGE_CHARS, MAX_TITLES, AddWatched, Answer, CannotAnswer, Constraints, Correct, Explain,
                         ForgetMe, Help, Intent, Recommend, Rejected, RemoveWatched, SeenThose, SetTaste, ShowHistory,
                         SmallTalk, StartOver, TitleLine, TitleList, Undo, clean_text)
from bot import render
from bot.mentions import sentence_spans, whole_title
from recommender.titles import encoder_words, version_people
from bot.requests import (TURN_DOWN_WORDS, A_COUNT, DENIED_BEFORE, ANY_YEAR, CLAUSE_END, DECADE, DECADE_WORDS, LIKE, MOOD_GENRES, NEGATIVE, NEWEST_HELD, PRONOUNS, RELATIVE,
                          REQUEST_GENRE_WORDS, UNSUPPORTED, YEAR_AND_UP, YEAR_BOUNDS, YEARS, decade_start, genre_spans,
                          genres_in, read_request, two_digit_year)

if TYPE_CHECKING:
    from recommender.titles import TitleIndex

_HELP = re.compile(r"^\s*(help|\?|what can you do\??|how does this work\??|commands)\s*[.!]*\s*$", re.I)
# "show", "see" with only small words before the list ("can I see what I've watched?"), not "took the twins to see
# Chicken Run ... my husband watched X-Men", nor "I want to see movies like Heat"
_HISTORY = re.compile(r"\b(?:show|list|see|view)\b(?:\s+(?:me|us|all|what|which|the|my|of|i'?ve|i|have|you|u|saved|stored|"
                      r"got|everything|again|whole|full|entire|current))*\s+(?:history|watched|list|(?:movies|films)"
                      # "the movies I watched", "my movies": not "what movies are on netflix", "movies by Spielberg"
                      r"(?=\s*(?:i\b|i've|ive|you\b|u\b|in my|on my|[?.!]|$)))\b|^\s*(my\s+)?history\s*\??\s*$"
                      # "My list, please.", "my history pls"
                      r"|^\W*(?:(?:ok(?:ay)?|so|and|now|can i (?:see|have)|could i (?:see|have))\W+)*my\s+(?:list|history|watch(?:ed)? ?list|log)"
                      r"(?:\s*,?\s*(?:please|pls|plz|thanks|now|again))*\W*$"
                      r"|what have i (watched|seen)|what do you know about me|what did i (watch|tell you)|"
                      # "what have you got on me", "what've u got saved for me so far", "what have you got down for me"
                      # (not "what do you have for me": films asked for)
                      r"what(?:'ve| have| do)? (?:you|u) (?:got|have)(?: (?:on|about) me\b| for me so far\b|(?: saved| stored| down| noted| "
                      r"recorded| written(?: down)?) (?:on|for|about) me\b)|what'?s (?:in |on )?my "
                      r"(?:list|history)|^\s*my (?:list|movies)\s*\??\s*$"
                      # "what's left" after a removal; "what's left on my list"
                      r"|^\W*(?:(?:so|ok|okay|and|right)[\s,]+)?what'?s (?:left|remaining)(?:\s+(?:on|in) (?:my|the) (?:list|history))?\W*$", re.I)
# what the list holds, asked: "anything on my list besides those two?", "what else is in my history?"
_ON_MY_LIST = re.compile(r"^\W*(?:is there\s+)?(?:anything|what)(?:\s+else)?\s+(?:is\s+)?(?:on|in)\s+my\s+"
                         r"(?:list|history|log)\b(?:\s+(?:besides|apart from|other than|except|now|so far|right now|rn)\b"
                         r"[^.!?]{0,40})?[\s?.!]*$", re.I)
# words said before a command that change nothing: "pls remove X", "hmm remove X", "ok so delete X", "ugh nvm undo that"
_COMMAND_LEAD = (r"(?:(?:pls|plz|please|ok(?:ay)?|hmm+|so|oh|and|also|actually|ah|wait|oops|sorry|ugh|um+|eh|nvm|never ?mind|"
                 r"right|argh|omg|lol|you know what|bas|yaar|arre|accha|achha|chalo|alright|just|kindly|nah|nope|naw|do one thing|"
                 r"on (?:second|further) thoughts?|on reflection|in fact|tell (?:you|ya) what|"
                 # "forget all that, actually, start again from nothing"
                 r"forget (?:all )?(?:of )?(?:that|this)(?: now)?|"
                 # Spanish and other words said first: "ay no, take out Ghost", "bueno, remove it"
                 r"ay|ay no|ah no|perd[oó]n|oye|mira|bueno|pues|uy|ups)[\s,!.]+)*")
# clearing the whole history: "start over", "ok clear all of it, i wanna start fresh", "eh wipe my whole history pls",
# "forget everything I've told you; ...", "so please forget everything and let's start afresh"
_START_AFRESH = (r"(?:(?:start|begin)(?:ing)? (?:(?:over|again|fresh|afresh|anew|new)(?: from (?:scratch|nothing|zero|the "
                 r"(?:beginning|top)))?|from (?:scratch|nothing|zero))|start me (?:over|again|fresh|afresh)|fresh start|(?:wipe the )?(?:a )?(?:clean )?slate clean|clean slate|"
                 # "I want to restart from zero"; in French, Portuguese, Spanish: "oublie tout", "esquece tudo"
                 r"re-?start(?:ing)?(?: from (?:scratch|nothing|zero|the beginning)| my (?:history|list))|"
                 r"(?:oublie|efface|oubliez|effacez) tout|(?:esquece|apaga|esqueça|olvida) (?:tudo|todo)|"
                 # in Spanish: "borra todo", "quita mi historial"
                 r"(?:a )?new start|(?:borra|quita|elimina) (?:todo|mi historial|mi lista))")
_START_OVER = re.compile(r"^\s*" + _COMMAND_LEAD + r"(?:(?:now|thanks|thank you)[\s,!.]+)*(?:please\s+)?(?:(?:can|could|would) (?:you|u)\s+)?(?:please\s+|kindly\s+)?(?:let'?s\s+)?("
                         + _START_AFRESH + r"|reset|(?:clear|wipe|empty|erase|reset|"
                         r"delete)(?: out)?(?: my| the)?(?: whole| entire| full)? (?:watch(?:ed)? )?(?:history|list)(?: clean| out)?|"
                         r"forget (?:everything|my history|all of it|it all)(?: (?:i'?ve|i have|i) (?:told|said to|given) (?:you|u)"
                         # "Forget everything you've got on me"
                         r"| you(?:'ve| have)? got(?: on me)?)?"
                         # "forget everything I've told you about what I've watched"
                         r"(?: (?:about|abt) (?:what i'?ve (?:watched|seen)|my (?:history|films|movies|list)))?|"
                         # "Kindly clear all." (not "bin all, others please": the suggestions shown)
                         r"(?:clear|wipe|erase) all(?=\s*(?:please|pls)?\s*(?:[.!]|$))|"
                         r"(?:delete|clear|wipe|erase|remove|scrap|ditch|bin|nuke|dump) (?:everything|it all(?: out| away)?|the (?:whole )?lot|"
                         # "wipe it. All of it."
                         r"all of it|all (?:of )?(?:that|those|them)|them all|it[.!,]*\s+all of it)"
                         # "clear everything from my list"
                         r"(?: (?:from|on|in|off) (?:my|the) (?:whole |entire )?(?:watch(?:ed)? )?(?:history|list))?|"
                         # "forget all what I told you" (a learner's English)
                         r"(?:forget|delete|clear|remove) (?:all|everything) what (?:i'?ve|i have|i) (?:told|said to|gave) (?:you|u))"
                         # "wipe the lot mate", "delete everything lol": a word said to the listener, or a laugh
                         r"(?:[\s,]+(?:please|pls|plz|mate|bro|dude|lol|haha|lmao|now|then|thanks))*(?:,?\s+(?:and\s+)?(?:let'?s\s+|i(?:'ll| will| want(?: to)?| wanna| am gonna|'?m gonna|"
                         r"'?d (?:rather|like to))\s+)?" + _START_AFRESH + r"(?:\s+(?:fresh|again|clean|now|please|pls))*)?"
                         # what follows is talk: "clear my whole history please, i want to start over"; not what
                         # says another wish instead ("nvm forget everything, i meant comedies", "..., im a horror fan now")
                         # (several pieces of talk: "wipe it. All of it. Fresh start, clean slate, blank VHS.")
                         # each piece starts at its own punctuation and holds none ("-" too: a hyphen read both ways
                         # would split the talk in exponentially many ways)
                         r"(?P<chatter>(?:\s*[,.;!?-]+(?:(?=[^,.;!-]*\b" + _START_AFRESH + r")|(?!\s*(?:i\s+meant?|i\s+mean|i'?m\b(?!\s+(?:handing|giving|passing|starting|letting|lending)\b)|"
                         r"im\b|i\s+want\s+(?!to\s+start)|i'd\s+like|just|only)\b))[^,.;!-]*+"
                         # the reason run on with no comma: "clear all of that i was listing my wifes movies"
                         # ... or whose it was: "ok wipe all that my little sis was on my phone lol"
                         r"|\s+(?=(?:i\s+was|those\s+were|these\s+were|they\s+were|that\s+was|it\s+was|my\s+(?:\w+\s+)?\w+\s+(?:was|were|had|did)|"
                         # (each piece taken whole, possessively: run-on talk is read in one way only)
                         r"someone|somebody)\b)[^,.;!-]*+)+)?"
                         r"[\s.!?]*$", re.I)
# clearing said with starting again, what follows any talk: "Forget all of that now, clear it all out and start again,
# I'm after giving the tablet to my grandson"
_CLEAR_AND_START = re.compile(r"^\s*" + _COMMAND_LEAD + r"(?:please\s+)?(?:clear|wipe|delete|erase|empty) (?:it all|everything|"
                              r"all of it|the (?:whole )?lot|my (?:whole |entire )?(?:history|list))(?: out| away)?"
                              r"\s*(?:,\s*|\s+)(?:and\s+)?(?:let'?s\s+)?" + _START_AFRESH + r"(?P<chatter>.*)$", re.I | re.S)
# ("ok cool, forget me now", "right, please forget me altogether", "forget everything you know about me")
_TAKEN_BACK_WORDS = r"joking|kidding|jk|no wait|wait no|actually no|keep (?:my|it|them|everything)|don'?t|do not|not really"
_FORGET_ME = re.compile(r"^\s*" + _COMMAND_LEAD + r"(?:(?:cool|right|alright|fine|great|done|thanks|thank you)[\s,!.]+)*"
                        r"(?:now[\s,]+)?(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?"
                        r"(?:forget (?:(?:everything|all)(?: (?:you know|you have|you've got|you've learned|you've learnt))? )?"
                        r"(?:about |abt )?me|(?:delete|erase|remove|wipe) (?:all )?(?:of )?(?:me|my "
                        r"(?:data|account|profile|information|info))|(?:delete|erase|wipe) everything (?:you know )?(?:about|on) me)"
                        r"(?: (?:now|altogether|completely|entirely|for good|too|as well))?\b"
                        # what follows is talk, as after "clear my history": "..., I'm handing this tablet over"
                        r"(?:[\s,]+(?:pls|plz|please))?(?P<chatter>\s*[,.;!-]+(?!\s*but\b)(?![^,.;!?]*\b(?:"
                        + _TAKEN_BACK_WORDS + r")\b)\s*[^,.;!?]*)?[\s.!]*$", re.I)
# words that take a command back in the message that says it ("forget me... just kidding"): bot.understanding reads
# them over the whole message
TAKEN_BACK = re.compile(rf"\b(?:{_TAKEN_BACK_WORDS})\b", re.I)
# words that take a removal back in the message that asks it ("take Shawshank off... no, sorry, ignore me. Leave it
# on."): a closed list, narrower than TAKEN_BACK ("remove Heat, I don't like it" removes it)
REMOVAL_TAKEN_BACK = re.compile(r"\b(?:ignore me|leave (?:it|them) (?:on|in|there|be)|keep (?:it|them) (?:on|in|there)|"
                                r"just kidding|jk|scratch that|never ?mind that)\b", re.I)
_REMOVE = re.compile(r"^\s*" + _COMMAND_LEAD + r"(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?"
                     r"(?:(?:i want to|i'd like to|let'?s)\s+)?"
                     r"(?:remove|rm|delete|forget|drop|take out|take off|un-?watch|get rid of|erase|scrap|scratch|scrub|cross out|cross off|"
                     r"strike(?: off| out)?(?!\s+(?:that|it|this)\b)|"
                     # the same verb in Spanish: "quita el Armagedon please", "borra Antz and Bug's Life"
                     r"wipe|bin|ditch|axe|nix|toss|borra|quita|elimina|saca|"
                     # "undo the second one": a film of the latest add by its place ("undo that", "undo the SPR
                     # thing" are the undo command)
                     r"undo(?=\s+(?:the\s+)?(?:first|second|third|1st|2nd|3rd|middle|point|number|#))|"
                     # "undo toy story 2, my nephew watched it alone": a catalogue film named right after it
                     r"(?P<undo_named>undo)(?=\s+(?!(?:that|it|this|these|those|them|the|last|everything|all|my|what)\b)\w))\s+(?P<rest>(?!(?:todo|mi historial|mi lista)\b).+)$", re.I | re.S)
# a film of a series said by its part alone, opening the message ("and part 2 once"), what follows it talk
_PART_SAID = re.compile(r"^\W*(?:(?:(?:and|also|plus|oh and|oh|ok|then)\s+)?(?P<part>(?:the\s+)?(?:part|pt\.?)\s+(?:\d{1,2}|"
                        r"[ivx]{1,4}|one|two|three|four|five))|(?:and|also|plus|then)\s+the\s+(?P<nth>first|1st|original|second|"
                        # "and the second one sunday": an ordinal only after "and" (alone, "the second one" is of a list)
                        r"third|fourth|fifth|2nd|3rd|4th|5th)\s+one"
                        # "also 3. unfortunately", "and number 2 few yrs later": a number after "and" or "also"
                        # (said alone: not "and 2 days later", "also 2 of my nephews", "and 5 and 6 last week")
                        r"|(?:and|also|plus)\s+(?:number\s+(?P<numbered>[2-9])|no\.\s*(?P<numbered2>[2-9])|"
                        r"(?P<number>[2-9])(?=\s*(?:[.,!;]|$|(?:too|also|as well|again|unfortunately|sadly|lol|haha)\b))))"
                        r"\b(?P<talk>[^?]*)$", re.I)
_NTH_PART = {"first": "1", "1st": "1", "original": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4", "fifth": "5", "5th": "5"}
# ... with words of a viewing after it, if any ("once", "also done", "the next night"), not "comes out in may", "is
# free on youtube"
_SEEN_CUE = re.compile(r"\b(?:once|twice|again|done|too|also|as well|seen|saw|watched|finished|yesterday|last|ago|earlier|later|"
                       r"unfortunately|sadly|regrettably|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|this arvo|this morning|"
                       r"the next|then|after|loved|liked|hated|enjoyed|was|were|better|worse|good|great|bad|boring)\b", re.I)
# ... and not said as not seen, wanted or to come ("part 3 we haven't seen", "part 2 next week")
_NOT_NOW = re.compile(r"\b(?:not|never|no|n't|yet|want|wanna|(?<!the )next|tonight|tomorrow|tmrw|tmr|tomoz|soon|"
                      # not a time past: "few yrs later"
                      r"(?<!years )(?<!yrs )(?<!year )(?<!months )(?<!weeks )(?<!days )(?<!day )later|"
                      r"should|will|gonna|going to|skip|skipping|planning|plan|probably|maybe|if|hopefully|"
                      # hearsay: "part 2 is supposed to be better", "part 2 apparently is worse"
                      r"supposed|supposedly|apparently|meant to be|i hear|i heard|they say|people say)\b|n't\b", re.I)
_SPANISH_ARTICLE = re.compile(r"^(?:el|la|los|las)\s+", re.I)
# the title first, then the removal: "bravehart also remove pls, I mixed it up", "jaws delete it"; at most five words
# that hold no pronoun nor verb of a sentence
# ("Thunderball away, I meant ...", "And Serpico also away": a Dutch or German speaker's "weg")
_REMOVE_AFTER = re.compile(r"^\s*(?:and\s+)?(?P<named>[^,;.!?\s][^,;.!?]{0,60}?)\s+(?:(?:also|too|as well)\s+)?(?:(?:please|pls|kindly)\s+)?"
                           # "Part III please take off again"
                           r"(?:remove|delete|take\s+(?:it\s+|that\s+)?(?:off|out)|(?P<weak>away|off|(?:can|must|has\s+to|needs\s+to|(?:has\s+)?got\s+to|gotta)\s+go))"
                           r"(?:\s+(?:it|that|this|that one|this one|pls|plz|please|also|too|as well|again|from (?:my )?(?:list|history)))*"
                           r"\s*(?:[,;.!]\s*.*)?$", re.I | re.S)
_NOT_A_NAME = re.compile(r"\b(?:i|we|you|he|she|they|can|could|would|should|will|please|pls|to|and|did|do|does|don'?t|"
                         r"didn'?t|not|never|how|what|why|where|just|actually|ok|okay|so|then|now|oh|wait|hmm|um|yes|"
                         r"yeah|also|maybe|it|its|it's|said|says|say|won'?t|doesn'?t|doesnt|can'?t|cant|everything|all|"
                         r"todo|last|first|one|this|that|these|those|here|there|me|my|mi|button|app)\b"
                         r"|^\S+(?:\s+\S+){5,}$", re.I)
# an apology that takes back what was said: "Please forgive me, I made an error. It was ..."
_APOLOGY = (r"(?:please |kindly )?forgive me|i made (?:an error|a mistake)|i was mistaken|(?:i )?beg your pardon|pardon me|"
            r"excuse me|i stand corrected|i was wrong|i must correct myself|correction|i mis-?spoke|i (?:got|had) (?:it|that|them) wrong|"
            r"(?:i'?m|i am) mixing (?:them|those|it) up|i (?:mixed|confused|muddled) (?:them|those|the (?:names|titles|two))(?: up)?|"
            r"wrong (?:numeral|number|part|sequel)")
_OOPS = (r"(?:(?:oops|ops|whoops|oh|och|eh|erm|aiyo|aiya|aiyah|alamak|walao|sorry|no+|nope|nah+|naw|yeah nah|wait|hold on|hang on|" + _APOLOGY + r"|my bad|actually|ah|sorry about that|wrong (?:one|movie|film|title)|"
         r"not that one|and|also|while i'?m at it|while i am at it|ugh|hmm+|um+|typo|my mistake|silly me|oh dear|gosh|goodness|golly|good grief|(?:i'?m |i am )(?:so |very |terribly )?sorry|"
         r"(?:so|very|terribly) sorry|omg|oh my god|oh god|lol|lmao|bruh|dumb me|perd[oó]n|disculpa|lo siento|"
         r"ay|uy|ups|oye|pardon|entschuldigung|nein|ach|(?:damn |stupid |bloody )?auto-?correct(?:ed)?|(?:oh )?shoot|dang|darn|"
         r"geez|jeez|hold the phone|mistake|fat (?:thumbs?|fingers?)|butter ?fingers|wrong (?:button|key)|"
         # "no wait i said that wrong i meant lethal weapon 2"
         r"i (?:said|typed|wrote|put|got|spelled|spelt) (?:(?:that|it|this|the (?:name|title|film|movie))(?: one)? )?(?:wrong|in wrong)|"
         # a French speaker's asides: "Oh là là", "ah non", "excuse me"
         r"oh l[àa] l[àa]|non|excuse me|i (?:messed|mixed|screwed) (?:that|it) up|"
         # "wait i'm dumb that was part 3"
         r"(?:i'?m|im|i am) (?:so |such an? |being )?(?:dumb|stupid|an idiot|confused|tired))"
         r"[\s,!.:;–—-]+)*")  # "Sorry – I meant ...": a dash sets the apology off too
# a sentence that only takes the last thing back, the film meant said in the next: "Wait, wrong numeral. It was Rocky III."
CORRECTION_ALONE = re.compile(r"^\s*(?:(?:oops|ops|whoops|sorry|no+|nope|wait|hold on|hang on|oh dear|oh|entschuldigung|"
                              r"pardon|perd[oó]n|nein|ach|ay)[\s,!.:;]+)*"
                              r"(?:" + _APOLOGY + r"|my bad|my mistake|silly me|typo)[\s,!.:;]+$", re.I)
CORRECTION_GOES_ON = re.compile(r"\s*(?:(?:it|that)\s+was|it'?s|i\s+meant|was)\s", re.I)
_LIST = r"(?:(?:my |the )?(?:watch(?:ed)? )?(?:list|history|movies)|that|there|it)"
# a film of the history told by a word or two of its title: "the Empire one", "the Hot Shots one" (bot.service finds it)
THE_NAMED_ONE = re.compile(r"^\s*the\s+(?!(?:first|second|third|fourth|last|latest|previous|other|new|newer|old|older|"
                           r"original|same|wrong|right|next|whole|other)\b)(?P<word>[\w'-]+(?:\s+[\w'-]+)?)\s+(?:one|film|movie)\s*$",
                           re.I)
# "take Heat off my list", "Heat shouldn't be on my list", "I don't want Heat in my history"
# a film of the latest add by its place: "take the second one off, sorry, I left halfway through"
_BY_ITS_PLACE = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th|last|middle)\s+(?:one|film|movie)", re.I)
_TAKE_OFF = re.compile(rf"^\s*{_COMMAND_LEAD}(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:take|knock|cross|strike)\s+"
                       # "oh, and take The Sound of Music off": no list named, the title written as one
                       rf"(?:(?P<rest>.+?)\s+(?:off|out of|from)\s+{_LIST}\b|(?P<titled>(?-i:[A-Z0-9])\S.*?)(?:\s+back)?\s+off"
                       r"(?=[\s,!.?]*(?:please|pls)?[\s!.?]*$))"
                       rf"[\s,!.?]*(?:please)?[\s!.?]*$"
                       # "take jaws off actually, i only saw the first half": a catalogue title as typed (checked by
                       # the caller), talk after it
                       r"|^\s*" + _COMMAND_LEAD + r"(?:please\s+)?take\s+(?P<plain>[^,;.!?]+?)(?:\s+back)?\s+off(?:\s+(?:actually|too|as well|again|"
                       r"please|pls|tho|though|then|now|mind|pala|po|na|lang|nalang|naman))*"
                       # talk set off, or said straight on as voice typing does: "take stand by me off that was my brother"
                       r"(?:(?:\s*[,;.!]\s*|\s+[-–—]+\s+|\s+(?=(?:(?:that|it) was|i (?:only|just|never|didn'?t|did not|was|fell)|"
                       r"i'?ve never|(?:he|she|they|we) (?:watched|saw|did)|because|cause|bc|never|wasn'?t)\b))"
                       r"(?P<talk>.*))?[\s!.?]*$"
                       # "take Babe off my list, that was her viewing": the list named, then talk
                       r"|^\s*" + _COMMAND_LEAD + r"(?:please\s+)?(?:take|knock|cross|strike)\s+(?P<listed>[^,;.!?]+?)\s+(?:off|out of)\s+"
                       + _LIST + r"\b\s*[,;.!-]\s*(?P<listed_talk>.+)$"
                       rf"|^\s*(?P<subject>.+?)\s+(?:shouldn'?t|should not|does ?n[o']t|isn'?t|is not|must not)\s+(?:be|belong|"
                       # "pitch black shouldn't be on there, i mixed it up with something else": talk after it
                       rf"go|supposed to be)\s+(?:on|in)\s+{_LIST}\b(?:\s*[,;.!-]\s*(?P<subject_talk>\w.*))?[\s,!.]*$"
                       rf"|^\s*i (?:don'?t|do not) want\s+(?P<unwanted>.+?)\s+(?:on|in)\s+{_LIST}(?: any ?more)?\b[\s,!.]*$"
                       rf"|^\s*{_OOPS}i (?:didn'?t|did not) mean(?: to (?:add|say|type|put))?\s+(?P<unmeant>.+?)[\s,!.]*$",
                       re.I)
# talk after what a removal names: "remove brazil and gattaca, I only ever saw the other two", "pls remove X, my bad
# that was my brother": a clause of its own, whose titles are not removed
TALK_AFTER_REMOVAL = re.compile(r"\s*(?:[,;.]|\s-)\s*(?=(?:i|i'm|im|i've|ive|i'd|we|we've|my|that|it|it's|its|he|she|"
                                r"they|"
                                 # "..., got them mixed up with other movies": the speaker's slip, said without "I"
                                 r"got|mixed|confused|wrong|"
                                 r"those|these|both|lol|haha|cause|because|since)\b)"
                                 # "scratch 3 and 4 i only saw the first two": talk right after a number, unset off
                                 r"|(?<=\d)\s+(?=(?:i|we)\s+(?:only|just|actually|never|didn'?t|did not|haven'?t)\b)", re.I)
def removal_named(rest: str, titles: TitleIndex | None = None) -> str:
    """What a removal names: `rest` up to talk after it ("brazil and gattaca, I only ever saw the other two"), unless
    what follows the comma is a catalogue title itself ("remove heat, my cousin vinny")."""
    cut = TALK_AFTER_REMOVAL.search(rest)
    if cut is None:
        return rest
    tail = rest[cut.end():]
    if titles is not None and any(s.start == 0 for s in sentence_spans(tail, titles, said_watched=True)):
        return rest
    return rest[:cut.start()]


_FROM_LIST = re.compile(rf"(?:\s+(?:from|off|out of)\s+{_LIST}\b)?[\s,!.?]*(?:please|pls|plz|thanks|thank you|thx|ty|"
                        r"actually|then|too|as well|lol|for now|for the moment|for today)?[\s!.?]*$",
                        re.I)
# "I meant Aliens not Alien", "oops, I meant Aliens", "I meant not Alien but Aliens"; a title replaced by another
_MEANT = re.compile(rf"^\s*{_OOPS}(?:(?:i\s+)?meant(?!\s+to\s+(?:watch|see|catch|rent|check|get|go|finish|start|say\s+(?:thanks|thank\s+you|that|hi|hello|how|sorry))\b)|(?P<present>i\s+mean)(?=[^.;!?]+?\s+(?:not|instead of|rather than)\s)|"
                    # "I wanted to say Casablanca, not Casino!": a learner's "I meant"
                    r"(?P<wanted>i\s+wanted)(?=\s+to\s+(?:say|type|write)\b)|"
                    # "wait, make that Lethal Weapon 2": the idiom that swaps the last thing said
                    r"(?P<make>make\s+(?:that|it)(?:\s+one)?))(?: to (?:say|type|write))?\s+(?:not\s+(?P<old_first>.+?)(?:,\s*|\s+but\s+)"
                    # "I meant Full Metal Jacket, no Platoon", "I meant 2 no 3": a Scots or learner's "no" for "not", before a
                    # name or a number (not "I meant Alien, no, Aliens", nor "no sequels please", "no problem")
                    rf"(?P<new_last>.+?)|(?P<new>.+?)(?:,?\s+(?:not|no(?=\s+(?-i:[A-Z0-9]))|instead of|rather than)\s+(?P<old>.+?))?)[\s.!]*$", re.I)
# "no it was Wrath of Khan, not First Contact", "correction: it was Die Hard", "wait no it was Scream 3 sorry": only
# after a word that takes something back, and only where a catalogue title is named
_IT_WAS = re.compile(r"^\s*(?P<oops>(?:(?:oops|ops|whoops|oh dear|oh|och|eh|erm|aiyo|aiya|aiyah|alamak|walao|my mistake|sorry|no+|nope|nah+|naw|yeah nah|wait|" + _APOLOGY + r"|my error|pardon me|i apologi[sz]e|my bad|actually|ah|hmm+|correction|wrong|"
                     r"hang on|hold on|hold the phone|ugh|argh|dang|damn|shoot|omg|lol|lmao|bruh|oh my god|dumb me|silly me|perd[oó]n|"
                     r"disculpa|ay|uy|ups|oye|pardon|entschuldigung|nein|non|ach|undo (?:that|it)|scratch that|"
                     # "Ah no, in fact it was not X, it was Y" (a French speaker's "en fait"); "Eh no, delete, it was Y"
                     r"(?<=no )in fact|(?<=no, )in fact|(?<=non, )en fait|(?:delete|remove|erase)(?=[\s,!.:]+it was\b)|"
                     # "the wife says it was Grumpier Old Men": the one who watched with the speaker puts it right
                     r"(?:the|my) (?:wife|husband|missus|hubby|kids?|son|daughter|boy|girl|partner|mum|mom|dad|da) "
                     r"(?:says|said|reckons|tells me|corrected me)|"
                     r"(?:i'?m|im|i am) (?:so |such an? |being )?(?:dumb|stupid|an idiot|confused|tired)|"
                     # "Oh gosh I'm so sorry, it was the 1986 one"
                     r"gosh|goodness|golly|(?:i'?m|im|i am) (?:so |very |terribly |really )?sorry|"
                     # "Naw wait, I'm getting my films mixed up, it was Die Hard 2"
                     r"(?:i'?m|im|i am) (?:getting|mixing) (?:it|them|those|the two|my (?:films|movies|titles)) (?:up|mixed up))"
                     # "no wait, is ace ventura, not dumb and dumber": a learner's "is" for "it's"
                     r"[\s,!.:]+)+)(?:it was|it's|it is|that was|i watched|i saw|i mean|(?P<bare>is|was)(?=[^?]+?,?\s+not\s[^?]+$)|"
                     # "hmm no sorry, was the first terminator": a film of the series by its place
                     r"was(?=\s+the\s+(?:first|second|third|fourth|original|1st|2nd|3rd)\b(?![^?]*\b(?:any good|worth|good|"
                     r"better|best|worse|scary|funny|like)\b)[^?]*$)|"
                     r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|last night|yesterday|the (?:film|movie|one))"
                     r"(?:'s|\s+was))\s+(?P<new>.+?)"
                     r"(?:,?\s+(?:not|instead of|rather than)\s+(?P<old>.+?))?[\s.!]*$", re.I)
# "wait no, aliens. the one with the marines": a word that takes the last title back, then the title meant, alone
# ("no, Ronin" alone may answer a question, and "wait, Heat!" may add one more: a taking back is said as one)
_OOPS_TITLE = re.compile(r"^\s*(?:(?:oops|whoops|sorry|my bad|my mistake|silly me|correction|wrong one)|(?:wait|hang on|hold on)[\s,!.:]+(?:no|nope)|"
                         r"(?:no|nope)[\s,!.:]+(?:wait|hang on|hold on))[\s,!.:]+(?:(?:just|only)\s+)?(?P<new>[^.,;!?]+?)"
                         # "wait no the mask of zorro my bad": the apology after it
                         # "oops toy story 2 i mean": the "I mean" after it
                         r"(?:\s+(?:my bad|sorry|my mistake|lol|oops|haha|i mean|i meant))?\s*(?:[.,;!]|$)", re.I)
# "ugh no the first one. 2 is the new york one": a "no", then a film of the latest add's series by its place
_NO_THE_NTH = re.compile(r"^\W*(?:(?:ugh|oops|sorry|wait|argh|ah|oh|hmm+|nah|no)[\s,!.]+)*(?:no|nope|nah)[\s,!.]+"
                         r"(?:(?:wait|hold on|hang on)[\s,!.]+)?"
                         r"(?:it was |i meant |i mean )?(?P<new>the (?:first|second|third|1st|2nd|3rd|original) one)\b"
                         r"(?:\s*[.!,;]\s*\S.*)?[\s.!]*$", re.I | re.S)
# "no no the voice thing messed up, i said part two not three": a number said instead of another, after any talk
_SAID_NUMBER = re.compile(r"(?:\b(?:i said|i meant|i typed|i wrote|(?:it was|it's|that was)(?=\s+(?:part|number)\b))\s+"
                          # "sorry 4 not 3. the one with jet li": the number after an apology opening the message
                          # (with what tells the film apart after it, or "part": "sorry, 8 not 7" puts a score right)
                          r"|^\W*(?:(?:sorry|no|nope|oops|whoops|wait|nah|my bad|correction|oh|actually|argh|ugh)[\s,!.:-]+)+"
                          r"(?=part\s+\w+\s*,?\s+not\s+|(?:\d{1,2}|[ivx]{1,4})\s*,?\s+not\s+(?:\d{1,2}|[ivx]{1,4})[.!,;]\s*the\s+one\b))"
                          r"(?P<new>(?:part\s+|number\s+)?[\w]+)(?:\s+only)?\s*,?\s+(?:not|instead of|rather than)\s+"
                          r"(?P<old>(?:part\s+|number\s+)?[\w]+)(?:[\s.!]*$|[.!,;]\s*the\s+one\s+(?:with|where|in|that)\b.*$)",
                          re.I)  # "it was 8 not 10" is a score
_NOT_A_TITLE = re.compile(r"^\s*(?:to|what|that|this|it|it's|you|i|we|he|she|they|nothing|something|anything|well|"
                          r"no|yes|just|only|because|as|like|exactly|literally)\b", re.I)
# "not Alien, Aliens", "Aliens, not Alien": only where the kept side is one catalogue title (checked in the reading)
_NOT_THIS_THAT = re.compile(rf"^\s*{_OOPS}(?:not\s+(?P<old_first>.+?)(?:,?\s*\bbut\s+|,\s*|(?<![Dd]r)(?<![Mm]r)(?<![Ss]t)(?<![Mm]rs)\.\s*"
                            # "sorry not hercules i meant mulan": dictation's "I meant" with no comma before it
                            r"|\s+(?=i\s+meant\s))(?:i\s+meant\s+|(?:it\s+)?was\s+)?"
                            rf"(?P<new_last>.+?)|"
                            rf"(?P<new>.+?),\s*not\s+(?P<old>.+?))[\s.!]*$"
                            # "autocorrect!! ghostbusters not ghost. never seen the pottery one": said after a slip,
                            # no comma needed, talk after it
                            rf"|^\s*(?:(?:damn |stupid |bloody )?auto-?correct(?:ed)?|typo|oops|whoops)[\s,!.]+"
                            rf"(?P<new_slip>[^.,;!?]+?)\s+not\s+(?P<old_slip>[^.,;!?]+?)\s*(?:[.;!]\s*.*)?$", re.I | re.S)
_SUBJECT = r"(?:i|we|me and (?:my )?[a-z]+|my [a-z]+ and i|[a-z]+ and i)"
_ADVERBS = r"(?:\s+(?:also|just|finally|recently|already|really|once|again|totally|absolutely))*"
_HEDGE = (r"(?:(?:finally|finaly|finnaly|at last|yesterday|last night|tonight|today|so|ok|okay|well|and|then)[\s,]+)?"
          r"(?:(?:i think|i guess|maybe|probably|pretty sure|i'm pretty sure|i believe)\s+)?")
_ADD = re.compile(rf"^\s*(?:{_HEDGE}(?:{_SUBJECT})(?:\s+have|'ve|’ve)?{_ADVERBS}\s+(?P<verb>watched|seen|saw|loved|liked|"
                  r"enjoyed|finished|rewatched|re-watched|caught|adored)|(?:i (?:want|would like|'d like) to |please |can you |"
                  # "Put down Heat.", "log Fargo pls": the speaker's log
                  r"could you |kindly )?(?:add|put down|log|note down|jot down|mark down|(?<=please )note|(?<=kindly )note|"
                  r"(?<=please )mark|(?<=kindly )mark|(?:mark|note)(?=.*\bas\s+(?:seen|watched)\b))(?!.*\b(?:to watch|to see|watch\s?list|wish\s?list|for later)\b)|(?:just\s+)?(?:watched|seen|finished|rewatched|saw)|my (?:all[- ]time )?favou?rites? "
                  # "my list: rushmore, office space", "My list should have Witness and Rain Man on it": the speaker's history
                  r"(?:(?:movies?|films?) )?(?:are|is|include)|(?:(?:for|on|onto|to|in) )?my list(?:\s*:|\s+(?:should|must|ought to)\s+(?:have|include|show)"
                  r"(?!\s+(?:more|some|a few|less|fewer|other|any)\b))|"
                  r"my (?:all[- ]time )?favou?rites? "
                  r"(?:(?:movies?|films?) )?(?:are|is|include)|(?:have|did) you (?:ever )?(?:seen|see|watched)|"
                  r"(?P<fan>i'?m a (?:big |huge )?fan of))\s*:?\s+(?P<rest>.+)$", re.I | re.S)
# What people say after a title that is not part of it: "Heat and it was great", "Fargo last night"
_TRAILING_NOISE = re.compile(r"(?:\s*[,;]?\s+(?:and\s+|but\s+)?(?:it|that|which|they|this)(?:'s|\s+was|\s+is|\s+were)\b.*"
                             r"|\s*,?\s*(?:please|pls|plz|thanks|thank you|thx)\W*$"
                             # the viewing said again: "add heat please, i watched it yesterday"
                             r"|\s*[,;]\s*(?:i|we)(?:'ve|\s+have|\s+had|\s+just|\s+already|\s+finally|\s+only)*\s+(?:watched|saw|seen|"
                             r"caught|finished)\s+(?:it|that(?:\s+one)?|this\s+one)\b.*"
                             # a line's score or note after "=" or stars: "Fight Club = 8", "Psycho ★★★ (shower scene overrated)"
                             r"|\s*=\s*\S.*|\s*[★☆⭐].*"
                             # a score given it: "Beyond Thunderdome 6/10"
                             r"|\s*,?\s+\d+(?:\.\d+)?\s*(?:/|out of)\s*(?:10|5|100)\b.*"
                             r"|\s+(?:was|is|were)\s+(?:so\s+|really\s+|pretty\s+|very\s+)?(?:great|good|amazing|awesome|"
                             r"fantastic|brilliant|excellent|terrible|awful|bad|ok|okay|fun|boring|the best|a masterpiece)\b.*"
                             r"|\s+(?:last (?:night|nite)|yesterday|today|tonight|tonite|(?:this|last|on|over|at|during) (?:the )?"
                             r"(?:morning|afternoon|evening|week(?:end)?|month|year|holidays|monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday)|a (?:while|few (?:days|weeks|months|years)) (?:back|ago)|(?:like |about |maybe )?(?:\d+|a|an|two|few|"
                             r"ten|five|twenty) (?:years|months|weeks|days|hours?|mins?|minutes) ago|years ago|when it came out|as a (?:kid|child|teen(?:ager)?)|"
                             r"recently|the other day|again|twice|too|as well|already|(?:a )?long time ago|obviously|of course|lol|lmao|haha|tbh|ngl|tho|though|"
                             # "saw the first one the week before"
                             r"(?:the|a) (?:week|day|night|month|year|weekend) (?:before|earlier)|the (?:previous|prior) (?:week|day|night|weekend)|"
                             r"honestly|btw|this arvo|back to back|on (?:loop|repeat)|on (?:the )?telly|"
                             r"on (?:netflix|tv|dvd|cable|hbo|blu-?ray|vhs|the plane|"
                             r"a plane|a flight|my (?:phone|laptop))|at the (?:cinema|movies|drive-in)|"
                             r"in (?:the )?(?:cinema|theaters?|theatres?)|with (?:my|the|a|our|me) (?:little uns?|little ones?|grand-?(?:daughter|son|kids|children)|"
                             r"grandaughter|nephew|niece|mates?|lads|girls|boys|missus|nan|gran|grandma|grandpa|cousins?|"
                             r"colleagues|flatmates?|roommates?|bro|sis|wife|husband|friends?|kids?|family|girlfriend|"
                             r"boyfriend|partner|son|daughter|mom|mum|dad|parents|brother|sister|children))\b.*)$", re.I | re.S)
# A watching verb typed with one slip ("watchd", "wached", "whatched", "finsihed"): read as the verb it is
_SLIP_VERBS = ("watched", "rewatched", "finished", "enjoyed")
_SLIP_COMMANDS = ("remove", "delete")
_REAL_WORDS = frozenset({"watches", "watcher", "matched", "patched", "batched", "latched", "finishes", "finisher",
                         "rewatches", "enjoyer", "enjoyes", "removed", "removes", "remover", "deleted", "deletes",
                         "remote", "remotes", "removal"})


def _one_slip(typed: str, word: str) -> bool:
    """One letter left out, added, changed, or two neighbours swapped (and not the word itself)."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]])
    short, long_ = sorted((typed, word), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def mend_verb_slip(text: str, verbs: tuple[str, ...] = _SLIP_VERBS, first_words: int = 4) -> str:
    """`text` with a slip in a watching verb among its first words spelt right, so "watchd jurrasic park" and "i
    wached heat" read as the statements they are; words of five letters or more only, never a real word."""
    words = re.split(r"(\s+)", text)
    for i in range(0, min(len(words), first_words * 2), 2):
        typed = words[i].lower()
        if len(typed) >= 5 and typed.isalpha() and typed not in _REAL_WORDS:
            verb = next((v for v in verbs if _one_slip(typed, v)), None)
            if verb is not None:
                words[i] = verb
                return "".join(words)
    return text


_SMALL_TALK = [
    ("greeting", re.compile(r"^\s*(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening)|hallo)"
                            r"\b(?:\s+there)?(?:[\s,!.]+(?:i'?m new(?: here)?|nice to meet you|how are you)?)*[\s!.?]*$", re.I)),
    ("thanks", re.compile(r"^\s*(?:thanks?(?: you)?(?: so much| a lot)?|thx|ty|cheers|great,? thanks?|perfect|awesome|cool|"
                          r"nice|ok(?:ay)?,? thanks?)(?: (?:for|4) (?:the|your|all the|all your) (?:help|recommendations?|"
                          r"recs|suggestions?|ideas?|picks?|list|chat|advice))?[\s!.]*$", re.I)),
    ("who", re.compile(r"^\s*(?:who|what) are you\b|^\s*are you (?:a bot|human|real|an ai)\b|^\s*what is this\b|"
                       r"^\s*what can you do\b|^\s*who (?:made|built|created|wrote) you\b|^\s*how do you work\b",
                       re.I)),
    ("how_are_you", re.compile(r"^\s*(?:how are you(?: doing)?|how'?s it going|what'?s up|sup|wassup|how do you do|"
                               r"how are things)\b[\s!.?]*$", re.I)),
    ("bye", re.compile(r"^\s*(?:bye|goodbye|see you|see ya|good night|later)\b[\s!.]*$", re.I)),
]
_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|yea|sure|correct|right|exactly|that one|that's it|that's the one|ok(?:ay)?|"
                  r"y|please do|go ahead|do it)\b(?:[\s!.,]+(?:that one|that's it|that's the one|please|thanks|"
                  r"thank you|exactly|correct|it is|the first one))*[\s!.]*$", re.I)
_NO = re.compile(r"^\s*(?:no|nope|nah|neither(?: of them)?|none(?: of (?:them|those))?|n|no thanks?|no,? thank you|"
                 r"don'?t|cancel)[\s!.]*$", re.I)
ORDINAL_INDEX = _ORDINALS = {"first": 0, "1st": 0, "one": 0, "1": 0, "second": 1, "2nd": 1, "two": 1, "2": 1, "third": 2, "3rd": 2,
             "three": 2, "3": 2, "last": -1}
_CHOICE = re.compile(r"^\s*(?:the\s+)?(?:number\s+|#)?(?P<which>first|1st|second|2nd|third|3rd|last|one|two|three|[123])"
                     r"(?:\s+one)?(?:\s+please)?[\s!.]*$", re.I)
_YEAR_CHOICE = re.compile(r"^\s*(?:the\s+)?(?:one from\s+(?:the\s+)?)?(?:(?P<year>(?:19|20)\d{2})|'?(?P<short>\d{2})(?=\s+(?:one|version|"
                          # ... or a year's two digits alone: "86" answering "which Fly?"
                          r"remake|original|film|movie))|'?(?P<short_alone>[2-9]\d)(?=[\s!.]*$)|"
                          # "the 80s one", "the one from the fifties", "1950s"
                          r"(?P<century>19|20)?'?(?P<decade>\d)0'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|"
                          r"eighties|nineties))"
                          # "the 91 remake", "the 86 one obvs"
                          r"(?:\s+(?:one|version|remake|original|film|movie))?(?:\s*,?\s+(?:obvs|obviously|ofc|pls|please|lol|tho|"
                          r"haha|of course|naturally|definitely|surely|i think))*"
                          r"[\s!.]*(?:[,;-]\s*(?:the\s+)?[^,;]*?\bone\b[^,;]*)?[\s!.]*$", re.I)
# a year asked alone after a list, with a lead or the reason for it: "And 1984 pls, year I was born", "an 1981, that's
# when my first boy was born", "what about 1975?"
_YEAR_ASKED = re.compile(r"^\W*(?:(?:and|an|or|also|ok(?:ay)?|fine|alright|right|so|then|now|what about|how about)[\s,]+)+(?:(?:from|in)\s+)?"
                         r"(?P<year>(?:19|20)\d{2})(?:\s+(?:pls|please|plz|then|too|maybe|instead))*\s*"
                         r"(?:[?!.]+|[,;-]\s*(?=[^?]*\b(?:year|born|when|married|moved|graduated|met)\b)[^?]*)?\s*$", re.I)
# a version described, then its year: "the jeff goldblum one, 86", "the de niro one from 1991", "the cartoon one (61)"
_DESCRIBED_YEAR = re.compile(r"^\s*(?:the|that)\s+(?![^,(]*\b(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|"
                             r"other|next|latest)\b)[\w\s'.-]{1,40}?\s+(?:one|version)\s*(?:,|-|\(|from|of)?\s*(?:the\s+)?"
                             r"(?:(?P<year>(?:19|20)\d{2})|'?(?P<short>\d{2}))\)?(?:\s*,?\s+(?:obvs?|obviously|ofc|pls|please|lol|"
                             r"tho|i think|naturally|of course|definitely|surely))*[\s!.]*$", re.I)
# "the 80s one", "the one from the fifties": a decade said of one of several versions
_ONE_OF_THEM = re.compile(r"\b(?:one|version)\b", re.I)
# "the older one", "the original", "the newer version": a choice among movies of one name, by their years
_OLD_WORDS = r"older|oldest|old|original|earlier|og|classic"
_NEW_WORDS = r"newer|newest|new|later|latest|remake|recent|more recent"
_AGE_CHOICE = re.compile(rf"^\s*(?:the\s+)?(?:(?P<old>{_OLD_WORDS}|first)|(?P<new>{_NEW_WORDS}))"
                         r"(?:\s+(?:one|version|film|movie))?[\s!.]*$", re.I)
# A version named in a longer answer ("nope not the old one, the other one with de niro", "I meant the 1962
# original, not the remake"): a year, or an age word, "not" before it turning it round. Closed words.
# ("NOT the Pollack remake": a name between the "not" and the word)
_AGE_WORD = re.compile(r"(?P<neg>\bnot\s+(?:the\s+)?(?:(?-i:[A-Z][a-z]+)\s+)?|n't\s+(?:the\s+)?|\bno\s+(?=\w+\s+ones?\b))?"
                       r"\b(?:the\s+)?"
                       rf"(?:(?P<old>{_OLD_WORDS}|classic|black and white|black-and-white|b&w|silent)|"
                       rf"(?P<new>{_NEW_WORDS}|modern|colou?r))\b"
                       r"(?:\s+(?:one|version|film|movie))?", re.I)
# a version told by its kind: "the cartoon one", "the animated version", "the live action one", "not the cartoon"
_KIND_WORD = re.compile(r"(?P<neg>\bnot\s+(?:the\s+)?|n't\s+(?:the\s+)?)?\b(?:cartoon|animated|animation|drawn)\b|"
                        r"(?P<live>\blive[- ]action\b|\bwith (?:real )?(?:people|actors)\b)", re.I)
_STRONG_AGE = re.compile(r"\b(?:original|remake|older (?:one|version)|newer (?:one|version)|(?<=the )(?:old|new) (?:one|version)|"
                         r"(?:black and white|black-and-white|b&w|b/w) (?:one|version))\b", re.I)
# a decade said of a version: "the old 50s one", "the 80s version", "the one from the fifties"
_DECADE_NAMES = "|".join(DECADE_WORDS)
_A_DECADE = rf"(?:(?:19|20)?'?\d0'?s|{_DECADE_NAMES})"
# "the (old) 50s one": the decade, with the word that makes it a version after it
_THE_DECADE_ONE = rf"\bthe\s+(?:(?:old|older|new|newer|original)\s+)?(?={_A_DECADE}\s+(?:one|version|remake|original)\b)"
_DECADE_SAID = rf"(?:(?P<century>19|20)?'?(?P<decade>\d)0'?s|(?P<word>{_DECADE_NAMES}))\b"
_A_DECADE_ONE = re.compile(rf"(?:{_THE_DECADE_ONE}|\bone\s+from\s+(?:the\s+)?){_DECADE_SAID}", re.I)
# ... and, with "which one?" open, set off after a kind: "The musical, from the eighties" (not "films from the 80s")
_A_DECADE_SAID = re.compile(rf"(?:{_THE_DECADE_ONE}|(?:\b(?:one|version|remake|original)\s+|(?:^|[,;]\s*))from\s+(?:the\s+)?)"
                            rf"{_DECADE_SAID}", re.I)
# "1986", and "'86" as people write it; "the 86 one" (two digits before "one" or "version")
_A_YEAR = re.compile(r"(?<![\d/])(?:(?:19|20)\d{2}|['’‘]\d{2}(?!s\b)|(?<=\bthe )\d{2}(?= (?:one|version)\b))(?![\d/])")


def _year_of(said: str) -> int:
    """A year as _A_YEAR finds it: "'86" is 1986, "'05" 2005."""
    return (int(said) if len(said) == 4 else two_digit_year(int(said))) if said[0].isdigit() \
        else two_digit_year(int(said[1:]))


@functools.cache
def _people_of_versions() -> tuple[tuple[re.Pattern, int, int | None], ...]:
    """Per version of recommender/data/version_people.tsv: one pattern of its people's names, its year, and the year
    of its group's one other version (None where the group has several others)."""
    rows = version_people()
    out = []
    for group, year, names in rows:
        others = [y for g, y, _ in rows if g == group and y != year]
        pattern = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(n) for n in names) + r")(?:'s)?(?![\w'])", re.I)
        out.append((pattern, year, others[0] if len(others) == 1 else None))
    return tuple(out)


def _version_by_person(text: str) -> Answer | None:
    """The year of the version a person in it tells apart (recommender/data/version_people.tsv), "not" or "n't"
    before the name turning it to the group's other version; None when no one, or people of several versions, are
    named."""
    meant: set[int | None] = set()  # None: a version said not meant where its group has several others
    for pattern, year, other in _people_of_versions():
        for found in pattern.finditer(text):
            meant.add(other if _NOT_BEFORE_NAME.search(text[:found.start()]) else year)
    return Answer(year=meant.pop()) if len(meant) == 1 and None not in meant else None


# "not the de niro one", "it wasn't the Scorsese": the name said not meant
_NOT_BEFORE_NAME = re.compile(r"(?:\bnot|n't)\s+(?:the\s+|a\s+|by\s+|with\s+)?(?:\w+\s+)?$", re.I)


_NOT_IN_ITS_SENTENCE = re.compile(r"\b(?:not|never)\b|n't\b", re.I)


# every version of a name said watched: "watched both versions of The Fly", "Cape Fear - saw both", "the original and
# the remake" (not "which of both versions is better?": asked, checked by the caller's reading)
# (not "both of them loved it", "loved both movies": people, or the films just listed)
_BOTH_VERSIONS = re.compile(r"\bboth\s+(?:versions|the\s+original\s+and\s+the\s+remake)\b|\b(?:each|every)\s+version\b|"
                            r"\bthe\s+original\s+and\s+the\s+remake\b|\bthe\s+remake\s+and\s+the\s+original\b", re.I)


def both_versions_said(text: str) -> bool:
    """Whether a message says every version of the name it gives was watched ("a double feature of both versions of
    The Fly"): none of its films is said unseen or asked about."""
    return bool(_BOTH_VERSIONS.search(text)) and "?" not in text and not _NOT_IN_ITS_SENTENCE.search(text)


# a version named by its kind beside its title: "little shop of horrors, the musical one", "the cartoon version"
_VERSION_OF_A_KIND = re.compile(r"\bthe\s+(?P<kind>musical|cartoon|animated|live[- ]action|horror|comedy|western|sci[- ]?fi|war)\s+"
                                r"(?:one|version|remake|original|film|movie)\b", re.I)
_KIND_GENRES = {"musical": "Musical", "cartoon": "Animation", "animated": "Animation", "live-action": "-Animation",
                "live action": "-Animation", "horror": "Horror", "comedy": "Comedy", "western": "Western", "scifi": "Sci-Fi",
                "sci-fi": "Sci-Fi", "sci fi": "Sci-Fi", "war": "War"}


def version_kind(text: str) -> str | None:
    """The genre a version is named by beside its title ("the musical one": "Musical"; "the live action one":
    "-Animation", the one without it); None when none or several."""
    kinds = {_KIND_GENRES[m["kind"].lower()] for m in _VERSION_OF_A_KIND.finditer(text)}
    return kinds.pop() if len(kinds) == 1 else None


def version_said(text: str, strong_only: bool = False) -> Answer | None:
    """Which version of a film of several a message names, by a year or by age; None when it says none or says
    both ways. `strong_only`: words that name a version beside a title in the same message ("Cape Fear, the
    Scorsese remake"): a year, "original", "remake", not "new" ("new to me")."""
    # "not the 1962 one": a year said not meant picks nothing
    years = [y for y in _A_YEAR.finditer(text) if not re.search(r"\bnot\s+(?:the\s+)?$", text[:y.start()], re.I)]
    if years:
        return Answer(year=_year_of(years[0].group()))
    # "it was the old 50s one", "the one from the eighties": a decade said of a version
    # (with "which one?" open, "from the eighties" too: "The musical, from the eighties.")
    decades = [d for d in (_A_DECADE_ONE if strong_only else _A_DECADE_SAID).finditer(text)
               if not re.search(r"\bnot\s+(?:the\s+)?(?:old\s+|new\s+)?$", text[:d.start()], re.I)]
    if len(decades) == 1:
        d = decades[0]
        return Answer(decade=decade_start(d["word"], d["century"], d["decade"]))
    # "the audrey hepburn one", "not the de niro one": after the words of kind and age, which hold for any film
    person = _version_by_person(text)
    if strong_only and not _STRONG_AGE.search(text):
        return person
    kinds = {("-" if m["neg"] or m["live"] else "") + "Animation" for m in _KIND_WORD.finditer(text)}
    if len(kinds) == 1:
        return Answer(kind=kinds.pop())  # "the cartoon one", "the live action one", "not the animated one"
    # ... "not" farther off in the word's own sentence turns it round too: "I would not sit still for a remake"
    ages = {("newer" if m["old"] else "older") if m["neg"] or _NOT_IN_ITS_SENTENCE.search(
        re.split(r"[.,;:!?—–]", text[:m.start()])[-1]) else ("older" if m["old"] else "newer")
            for m in _AGE_WORD.finditer(text)}
    return Answer(age=ages.pop()) if len(ages) == 1 else person


_WRONG_GUESS = re.compile(rf"^\s*(?:(?:{TURN_DOWN_WORDS})[\s,!.]+)?(?:not that one|"
                         r"wrong (?:one|movie|film)|"
                         r"that'?s (?:wrong|not it|not the one)|that is (?:wrong|not it))\b[\s!.]*"
                         # "Not that one, we don't care for that kind of story": why, and nothing else asked
                         r"(?:[,;.!-]+\s*(?:we|i)\s+(?:don'?t|do\s+not|didn'?t|can'?t|never)\s+(?:really\s+)?(?:care\s+for|like|"
                         r"enjoy|do|fancy|love)\s+(?:that|those|this|it|them)\b[^?]*)?$", re.I)
# a removal verb: "delete that" right after a removal takes nothing back in ("undo" does)
_TAKES_OUT = re.compile(r"\b(?:delete|remove|rm|drop|forget|scrap|wipe|erase|ditch|bin|take (?:(?:it|that|this|them)(?: one)? )?(?:out|off))\b",
                        re.I)
# Taking back the latest add, whatever it was: a closed list of commands
_UNDO = re.compile(r"^\s*(?:(?:oops|ops|whoops|sorry|no|wait|actually|oh|ah|hm+|my bad|nah|ugh|nvm|never ?mind|eh|ok(?:ay)?|argh|now|right|"
                   r"lol|lmao|haha|omg|"
                   r"(?:you|ya) know what|"
                   r"um+|uh+|erm|er|correction|abeg|non|nein|acha|achha|accha)[\s,!.:]+)*(?:(?:please|pls|kindly|abeg)\s+)?"
                   # "Would you take that off now, I was thinking about it ..."
                   r"(?:(?:would|could|can|will) you\s+(?:please\s+)?)?"
                   r"(?:undo(?: that| it| the last (?:add|thing))?|scratch that|take (?:that|it) back|"
                   r"(?P<restore>(?:put|add|bring) (?:that|it|them) back(?: in| on)?|restore (?:that|it|them))|"
                   r"cancel (?:that|the last add)|(?:delete|remove|drop|forget|undo|take (?:out|off)|scratch|scrap) "
                   r"(?:the |that |this )?(?:last|latest|previous) (?:add|thing)"
                   r"(?: (?:i|you) added)?|(?:delete|remove|rm|drop|forget|scrap) (?:that|it)(?: one)?"
                   r"|take (?:that|it)(?: one)? (?:off|out)(?: of (?:my |the )?(?:list|history))?(?: now| please| for me)*"
                   r"|(?P<last>(?:delete|remove|drop|forget|undo|take (?:out|off)|cancel|scratch|scrap) "
                   r"(?:the |that |this |my )?(?:last|latest|previous|most recent) (?:one|movie|film|title|entry|item)(?: (?:i|you) added)?)"
                   # talk after it, set off or opening as talk does: "undo that last one actually i refuse to ..."
                   # "remove all three", "delete both": every film of the latest add
                   r"|(?:delete|remove|drop|forget|scrap|scratch|clear|undo|wipe|erase|ditch|bin|take (?:out|off)|take(?= (?:all|both)\b.* (?:off|out)\b)) "
                   # "clear all three pls", "take all tree of dem off" (a Cajun's "three" and "them")
                   r"(?:all (?:three|four|five|tree|[345])(?: of (?:them|dem|those|these))?|both(?: of (?:them|dem|those|these))?|"
                   r"them (?:both|all)|those (?:two|three)|the (?:two|three)(?: of them)?"
                   # "remove the last two": the two films added last
                   r"|the (?:last|latest) (?:two|2)(?: (?:movies|films|ones|titles))?(?: (?:i|you) added)?)"
                   r"(?: (?:off|out))?(?: (?:from|of|off) (?:my |the )?(?:list|history))?)"
                   r"(?:[\s,]+(?:please|pls|now|there|for me|if you (?:would|will|please|could|don'?t mind)))*"
                   r"(?P<chatter>(?:\s*[,;.!(\-–—]+\s*|\s+(?=(?:actually|lol|lmao|haha|bc|because|cause|"
                   # "wait no undo im thinking of a diff movie"
                   r"sorry|honestly|tho|i was|i wasn'?t|i didn'?t|i never|i'?m|im|i am|undo|the last|my|someone|somebody|"
                   # "undo pls i got it mixed up"
                   r"i got (?:it|them|those) mixed|i mixed|i mix|"
                   # "undo that was my brother not me"
                   r"(?:that|it) (?:was|wasn'?t)|was|wasn'?t)\b))\S.*)?[\s!.)]*$", re.I | re.S)
_MORE = re.compile(r"^\s*(?:(?:so|ok|okay|and|right|well|now|alright|go on|grand|lovely|great|perfect|brilliant|cool|nice|"
                   r"thanks|cheers)\W+)*(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|kindly\s+)?)?"
                   # "Give two-three more of same type"
                   r"(?:(?:show me |give me |show |give |any |some )?(?:(?:two|three|four|five|[2-5])(?:\s*(?:-|or|to)\s*"
                   r"(?:three|four|five|[3-5]))?\s+)?(?:more|others?|another(?: one| couple| few)?|"
                   r"(?:a )?(?:couple|few) more)(?: of (?:the )?same (?:type|kind|sort|genre|style)|"
                   # "a few more of those for her", "Give me a few more of them there"
                   r" of (?:those|them|these)(?: (?:ones|there))?|"
                   # "more like this", "more like those pls": more of the list just shown
                   r" like (?:this|that|these|those|them)(?: (?:ones|lot))?)?(?: for (?:her|him|them|me|us|the kids))?(?: please| ones| movies| "
                   # "so what else have you got", "one more list"
                   r"suggestions| ideas)?|(?:something|anything|what) else(?: (?:have you got|you got|do you have|is there|"
                   r"ya got|can you (?:suggest|recommend|show me)))?|(?:one|a|just one) more (?:list|round|batch|go)|"
                   r"(?:another|a different|different|a new|new|a fresh|fresh) (?:list|round|batch|go|lot|set)"
                   # "Different batch; same constraints."
                   r"(?:\s*[;,.]?\s*same (?:constraints|criteria|filters|rules|again))?|same again|"
                   r"next|(?:try|go) again|"
                   # "one we havent seen, we already did tarzan": another of the list's kind, not yet watched
                   r"(?:another |one )(?:that )?(?:we|i|they|she|he) (?:haven'?t|havent|have not|hasn'?t) (?:seen|watched)(?: yet)?|"
                   r"(?:show me |give me )?(?:some )?"
                   r"(?:different|other|new) (?:ones|movies|films|suggestions|picks)|not (?:those|these)|"
                   # "Alternatives pls.", "any other options?"; in French or Spanish: "Plus d'autres, encore.", "más"
                   r"(?:some |any )?(?:alternatives?|other options)|(?:plus\s+)?d'autres(?:\s*,?\s*encore)?|encore|"
                   r"(?:m[áa]s|otr[oa]s)(?:\s+(?:pel[íi]culas|opciones))?|"
                   r"(?:i want |i'd like )?(?:something|anything) different)"
                   # "any others from then?": more of the same years
                   r"(?:\s+from (?:then|that time|that era|that decade|back then))?"
                   # "one more list and then I'll go and pretend to revise": what the speaker does after it
                   r"(?:\s*,?\s+(?:and\s+)?(?:then|before)\s+(?:i|i'll|i'm|we|we'll|we're)\b[^?]*)?"
                   r"[\s!.?]*(?:,\s*(?=please|kindly|pls|plz))?(?:please|kindly|pls|plz|por favor|svp|bitte)?[\s!.?]*"
                   # talk after a comma: "..., sure they'll be here all weekend" (`_more_with_talk` checks it asks nothing)
                   r"(?P<talk>,\s*(?:sure|they|they'?ll|they'?re|she|she'?s|he|he'?s|we|we'?ll|we'?re|i|i'?m|it'?s|my)\b[^?]*)?$",
                   re.I)
# someone else who has seen a film: "she's", "they've", "my niece has", "the committee has" (a pronoun, or a possessive
# and a noun that is no first or second person: not the "my god i've" of "oh my god i've seen those")
_NOT_THE_SPEAKER = r"(?!(?:i|we|you|me|us)\b)[a-z]+"
THIRD_PERSON_HAS = (rf"(?<!\bme and )(?<!\bi and )(?<!\bus and )\b(?:she|he|they|(?:my|our|his|her|the) (?:{_NOT_THE_SPEAKER} )?{_NOT_THE_SPEAKER})"
                    r"(?:'s|'ve| has| have)")
# ... or plain before a past verb: "these she already watched all"
_THIRD_PERSON_BEFORE = re.compile(rf"(?:{THIRD_PERSON_HAS}|\b(?:she|he|they|shes|hes|theyve))\s+(?:already\s+|both\s+|all\s+)*$", re.I)
_SEEN_THOSE = re.compile(r"(?:\b(?:i'?ve|i have|already|i)\s+)?(?:already\s+)?\b(?:seen|watched|saw|(?<=\bi )watch(?=\s+all\s+already\b))\s+"
                         r"(?:(?:literally|like|basically|pretty much|already|honestly|actually|totally|def(?:initely)?)\s+)?"
                         r"(?P<those>those|(?:every|each)(?: single| last)? one of (?:those|these|them)|"
                         r"these|them|'?em|all(?: of)?(?: them| those| these)?|both|all three|that one|the three|"
                         # "seen the lot mate": all of them
                         r"the (?:whole )?lot(?!(?: of (?:them|those|'?em))?\s+(?:except|but|apart|bar|save)\b)(?: of (?:them|those|'?em))?)\b"
                         # ("every last one of those Rocky films": the films named there)
                         r"(?!\s+(?:[\w'-]+\s+){1,3}(?:films|movies|flicks|pictures)\b)"
                         # "I watched these: Heat and Fargo" heads a list of its own
                         r"(?!\s*:\s*\w)", re.I)
# "i saw it years ago anyway", "ok we just watched it!!", "finally seen it": the pronoun, a closed word, stands for
# the one movie the last message named and did not store (bot.dialogue's last_named)
_SAW_IT = re.compile(r"(?:^\W*(?:(?:ok(?:ay)?|so|well|right|alright|yep|yeah|update|news|quick update)\W+)*|\b(?:i|we|i've|we've|ive|weve|just|finally|actually|already)\b[\w\s']{0,20}?)"
                     # "ok i watched already": the "it" left out
                     r"\b(?P<verb>saw|seen|watched|finished|caught|end(?:ed)? up (?:watching|seeing))(?:\s+(?P<it>it)\b|(?=\s+(?:already|liao)\b))"
                     # "saw it was on netflix", "saw it coming", "saw it on the list": seeing that, not watching
                     r"(?!\s+(?:yet|before|again|was|is|coming|on\s+(?:the\s+)?(?:list|shelf|netflix|sale|tv guide)|"
                     r"advertised|in\s+the\s+(?:shop|store))\b)", re.I)
_NOT_BEFORE_IT = re.compile(r"\b(?:not|never(?!\s+mind\b)|haven'?t|havent|didn'?t|didnt|don'?t|dont|hasn'?t|won'?t|gonna|going to|"
                            r"wouldn'?t|couldn'?t|(?:can'?t|cannot)\s+say|"
                            r"will|want|wanna|should|might|if|whether|doubt|wish|almost|nearly|did i|have i|do i)\b",
                            re.I)
# a "see" that asks what to watch, not what the history holds: "what could I see?", not "what can I see in my list?"
NOT_ON_THE_LIST = r"(?!\s+(?:in|on)\s+(?:my|the|our|your)\s+(?:\w+\s+)?(?:list|history|watchlist|movies|films)\b)"
# asks for what comes next in words that name no film: "What do you propose after this?", "What should follow?"
ASKS_WHAT_FOLLOWS = r"what (?:do|would|could|can|might) (?:you|u) propose|what (?:should|would|could|might) (?:follow|come next)"
_RECOMMEND = re.compile(r"\b(recommend(?:ations?)?|suggest(?:ions?)?|what should i watch|what else|"
                        r"what (?:can|could|should|would|shall|do|might) (?:i|we|they|he|she|my [a-z]+|the [a-z]+) (?:watch|put on|throw on|"
                        r"see" + NOT_ON_THE_LIST + r")\b|what to watch|watch next|what(?:'?s| is)? next|next movie|"
                        # not the film it was confused with: "I was confusing it with something else"
                        r"(?<!\bit with )(?<!\bthem with )(?<!\bthat with )(?<!\bit up with )(?<!\bthem up with )(?<!\bthinking of )"
                        # "election was somethin else": another film, not one asked for
                        r"(?<!\bwas )(?<!\bwere )"
                        r"(?:something|anything)|(?:please|pls|plz|kindly) advise|"
                        # "more jim carrey type stuff", "more 80s stuff": more of a kind
                        r"(?:^|(?<=[,.;!]\s))\W*(?:(?:ok|okay|and|so|now|yeah|then)\s+)?more\s+"
                        # (not "more his type of movie than mine", "more sci-fi stuff than horror")
                        r"(?!(?:his|her|my|your|their|our|[a-z]+'s)\b)(?![^.!?]*\bthan\b)(?:"
                        r"(?:[\w'-]+\s+){1,3}(?:type|kind|sort)\s+(?:of\s+)?(?:stuff|films?|movies?|things?)\b|"
                        r"(?:[\w'-]+\s+){0,2}stuff\b)|"
                        # "similar please, not horror": more like the film just named
                        r"^\W*(?:(?:ok|okay|and|so|now)\s+)?similar(?:\s+(?:ones?|films?|movies?|stuff))?(?=\s*(?:please|pls|plz|[,.!?]|$))|"
                        # "got any other fight movies for me", "you got any westerns?"
                        r"^\W*(?:(?:so|and|ok|hey|yo)\s+)?(?:(?:you|u|ya)\s+)?got\s+any\b|advise (?:me|us)\b|"
                        # "What do you propose after this?", "What should follow, in your view?"
                        + ASKS_WHAT_FOLLOWS + r"|"
                        r"give (?:me|us)(?! (?:a |one )?(?:sec|second|minute|min|moment|break|chance|hand)\b)|gimme|"
                        # "we'd like more of that Humphrey Bogart sort of thing, from the forties"
                        r"(?:want|would like|'d like|would love|'d love)\s+(?:some\s+|a few\s+|a couple\s+)?more\s+(?:of\s+)?"
                        r"(?:that|this|those|these|the same)\b(?![^.!?]*\bthan\b)|"
                        # "Might you have another picture along those lines for me"
                        r"(?:have|got|know(?: of)?)\s+(?:another|any other|one more)\s+(?:picture|film|movie|flick|one)s?\b|"
                        r"(?:picture|film|movie|flick|one|something|anything)s?\s+along\s+(?:those|these|the same|similar)\s+lines\b|"
                        # a learner's asks: "give other ones", "what more i can watch", "where should i go next"
                        r"give (?:other|others|another)\b(?! (?:info|information|details|stars?|points?)\b)|what (?:more|else) (?:i|we) (?:can|could|should) (?:watch|see)|"
                        r"where (?:should|shall|do|would|could) (?:i|we) go (?:next|from here)|"
                        # "i want a comedy", "I want to find something"; not "I want to write it in my notebook", "I
                        # want to watch it Sunday" (the film just named)
                        r"i want(?!\s+to\s+(?:(?!(?:watch|see|find|get|try|discover|check|start|have|binge|explore|rent|stream|"
                        r"pick|know)\b)\w+\b|(?:watch|see)\s+(?:it|that|this|them)\b))|i'd like|"
                        # "one we havent seen, we already did tarzan": one more, not yet watched (read as more)
                        r"^\W*(?:(?:and|ok|so|now)\s+)?one(?=\s+(?:that\s+)?(?:we|i|they|she|he)\s+(?:haven'?t|havent|have\s+not|hasn'?t)\s+(?:seen|watched))|"
                        # "I think I should like to see a Western after all": a British ask
                        r"i should (?:like|love)(?= to (?:see|watch)\b| an? | some )|in the mood|in an? (?:[\w-]+ ){1,2}mood|any ideas|ideas|(?<!\bher )(?<!\bhis )(?<!\bmy )(?<!\bour )(?<!\btheir )(?<!\bwife's )pick|"
                        r"need (?:a|an|some)(?= (?:good |new |fun |decent |\d0'?s |proper )?(?:movie|film|comedy|drama|thriller|"
                        r"horror|western|musical|romance|war|crime|sci-fi|action|animated|documentary|mystery|kids|family|"
                        r"children's|adventure|fantasy))|"
                        # "what's good for a lazy sunday?", not "what's good, bro"
                        r"what(?:'s| is|s) good(?=\s+(?:for|to watch|tonight|on)\b|\s*\?)|"
                        # the bot asked what it would pick: "What have you got for me?", "Which others ought I to put on?",
                        # "where would you steer me after those two?", "what would you put in front of me?"
                        r"what(?:'ve| have) you got(?!\s+(?:(?:on|in)\s+(?:my|the)\s+(?:list|history|records?)|down|written|recorded|"
                        r"noted|logged|saved|stored|on file|on me|about me)\b)(?![^?]*\bso far\b)|"
                        r"what do (?:you|u|ya) (?:have|got)(?!\s+(?:(?:on|in)\s+(?:my|the)\s+(?:list|history|records?)|down|written|recorded|"
                        r"noted|logged|saved|stored|on file|on me|about me)\b)(?![^?]*\bso far\b)|"
                        r"which\s+(?:[\w-]+\s+){0,2}?(?:others?|ones?|films?|movies?|pictures?)\s+(?:ought|should|would|could|might|do|can)"
                        r"\s+(?:i|we|you)\b(?!\s+(?:remove|delete|take|drop|keep|cut|erase|add|get rid|skip|avoid|throw|bin))|"
                        r"(?:where|what) would you (?:steer|point|send|take|put|lead|direct|have) (?:me|us)\b|"
                        r"what would you put (?:in front of|on for) (?:me|us)|(?:something|anything) you'?d (?:put|pick|choose)|"
                        r"(?:what|anything|something|films?|movies?|ones?)\s+(?:\w+\s+)?(?:goes|go) in the same (?:direction|line|vein|style)|"
                        # "And then the same question again." after the history changed: the last request anew
                        r"(?:the )?same (?:question|request) again|"
                        # "lay some on me", "hit me with a few"
                        r"\blay\s+(?:some|something|one|a\s+few|a\s+couple)(?:\s+\w+)?\s+on\s+(?:me|us)\b|"
                        r"\bwhat\s+remains\b|"
                        # "Switch to musicals instead, would you?": the next list's kind
                        r"^\W*(?:(?:ok|okay|hmm+|now|then|so|actually|let'?s)[\s,.]+)*(?:switch|change)\s+(?:it\s+)?(?:up\s+)?(?:over\s+)?to\b"
                        r"(?!\s+(?:english|french|spanish|german|italian|portuguese|japanese|korean|chinese|hindi|subtitles|"
                        r"dubbed|dark mode|light mode|metric|imperial)\b)|"
                        # "whats another good holiday movie thats not scary", "more pls and no cartoons this time"
                        r"what(?:'s| is|s) (?:a|an|another|some) (?:good |great |nice |fun )?(?:[\w-]+ )?(?:movies?|films?|ones?)|"
                        r"^\W*more\s+(?:pls|please|plz|of (?:those|these|them|that))\b|"
                        # "more twist movies pls": more films of a kind the catalogue may not tag
                        r"^\W*more\s+(?:[\w-]+\s+){0,2}(?:movies|films|flicks|ones|vibes|stuff|picks|recs)\b(?!\s+(?:i|we|he|she|they)\b)|"
                        # "he wants another one like it": a film like the last
                        r"another one like (?:it|that|this)|"
                        r"recc?s?(?= me\b)|recc?s|(?<!gave me )(?<!gave us )(?<!got )(?:a|one|another|quick|new)\s+recc?\b|"
                        r"^\W*recc?(?=\W*$)|(?<=\bok )recc?(?=\W*$)|recc?(?=\s*(?:pls|plz|please)\W*$)|smth|sth|somethin|"
                        # "then whatever romance u do have", "what you got?" (not "what you got on my list")
                        r"whatever\s+(?:[\w-]+\s+){0,2}(?:you|u|ya)\s+(?:do\s+)?(?:have|got|'ve\s+got)|"
                        r"^\W*(?:(?:so|ok|okay|and|well|now)[\s,]+)*what\s+(?:you|u|ya)\s+(?:have|got)(?=\s*(?:for\s+(?:me|us))?\W*$))\b"
                        # a kind of film opening the message, for someone or some years: "crime movie for me and the
                        # wife", "film noir, 1940s, just me on the couch", "musical from the 50s or 60s for my cohost"
                        # (not a taste said of the kind: "horror for me is a hard no", "comedy, never again")
                        r"|^(?![^.!?]*\b(?:no|never|not|hate[sd]?|don'?t|doesn'?t|can'?t|won'?t|nope|nah|bores?|boring|is|are|was|"
                        r"were)\b)"
                        r"\W*(?:(?:an?|some|any|good|nice|fun|decent|proper|classic|old|new)\s+){0,2}(?:comed(?:y|ies)|"
                        r"thrillers?|horrors?|dramas?|action|westerns?|musicals?|romance|romantic comed(?:y|ies)|rom-?coms?|"
                        r"sci-?fi|crime|myster(?:y|ies)|documentar(?:y|ies)|war|(?:film )?noir|adventures?|fantasy|"
                        r"animated|cartoons?|kids|family)(?:\s+(?:movie|film|flick|one|pick)s?)?"
                        r"(?=\s*(?:,\s*)?(?:for\s|from\s|(?:in\s+)?(?:the\s+)?(?:19|20)?\d0'?s\b|(?:19|20)\d\d\b|\?|"
                        r"(?:pls|plz|please|tonight)\b))", re.I)
# "something like Alien", "movies similar to Heat", "like The Matrix but funny": not "I'd like a comedy"
_FILLER = re.compile(r"^(?:the movies?|the films?|movies?|films?)\s+", re.I)


# Where a list is cut: commas (", and" too) and "and", "&", "+"; never inside parentheses ("Seven (Se7en)").
# "I watched the fugitive and then the firm": "and then" joins the films of a list said aloud
_SEPARATOR = re.compile(r",\s*(?:(?:and|or|plus|also)\s+)?(?:then\s+)?|\s+(?:and|&|\+)\s+(?:then\s+)?", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s*")
_LEADING_JOINER = re.compile(r"^(?:and|or|also|plus)\s+", re.I)


_BARE_YEAR = re.compile(r"(?<=[a-z0-9])\s+((?:19[0-9]|200)\d)$", re.I)  # "heat 1995": the year, as "(1995)"


# "Rewatched it Sunday": the pronoun and when, no title
_IT_AND_WHEN = re.compile(r"^(?P<it>it|them|that|this|those|these|both)\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                          r"yesterday|tonight|today)(?:\s+(?:night|morning|afternoon|evening))?[\s.!]*$", re.I)


def _clean_piece(piece: str) -> str:
    if said := _IT_AND_WHEN.match(piece.strip()):
        return said["it"]
    piece = _LEADING_JOINER.sub("", _TRAILING_NOISE.sub("", piece.strip()))
    piece = _FILLER.sub("", piece.strip("\"'“”").strip().rstrip(".!?")).strip()
    return _BARE_YEAR.sub(r" (\1)", piece)


def _split_line(line: str) -> TitleLine | None:
    depth, depths = 0, []
    for char in line:
        depths.append(depth)
        depth += (char == "(") - (char == ")")
    pieces: list[str] = []
    joiners: list[str] = []
    start = 0
    for found in _SEPARATOR.finditer(line):
        if depths[found.start()] > 0:
            continue
        piece = _clean_piece(line[start:found.start()])
        if piece:
            pieces.append(piece)
            joiners.append(", " if found.group().startswith(",") else found.group())
        start = found.end()
    last = _clean_piece(line[start:])
    if last:
        pieces.append(last)
    elif joiners:
        joiners.pop()
    pieces = _numbers_of_a_series(pieces)
    return TitleLine(tuple(pieces), tuple(joiners[: max(len(pieces) - 1, 0)])) if pieces else None


_ENDS_IN_NUMBER = re.compile(r"^(?P<base>.*\S)\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", re.I)
# a bare number, maybe with talk after it that starts as talk does: "2 for a film club thing lol", "3 last night"
_BARE_NUMBER = re.compile(r"^(?:part\s+)?(?P<number>\d{1,2}|[ivx]{1,4})(?:\s+(?:for|with|on|at|in|last|yesterday|"
                          r"tonight|"
                          r"lol|haha|too|again|back|because|bc|cause|since|as|while)\b.*)?$", re.I)


def _numbers_of_a_series(pieces: list[str]) -> list[str]:
    """"bttf 1 and 2", "rocky 2, 3 and 4": a bare number after a numbered title is the same series' film ("bttf 2"),
    and talk after the number is not part of it ("2 for a film club thing lol")."""
    out: list[str] = []
    for piece in pieces:
        series = _ENDS_IN_NUMBER.match(out[-1]) if out else None
        number = _BARE_NUMBER.match(piece)
        # digits after digits, numerals after numerals: "toy story 2, i in particular" holds no "Toy Story I"
        same_kind = series and number and out[-1].rsplit(None, 1)[-1].isdigit() == number["number"].isdigit()
        out.append(f"{series['base']} {number['number']}" if same_kind else piece)
    return out


def split_titles(text: str, limit: int = MAX_TITLES) -> TitleList:
    """A list's lines (newlines, semicolons, bullets) cut into title-sized pieces; at most `limit` pieces."""
    lines: list[TitleLine] = []
    seen, read, skipped = set(), 0, 0
    for raw in re.split(r"[\n;]+", text):
        line = _split_line(_BULLET.sub("", raw))
        if line is None or line.pieces in seen:
            continue
        seen.add(line.pieces)
        room = limit - read
        if room <= 0:
            skipped += len(line.pieces)
            continue
        if len(line.pieces) > room:
            skipped += len(line.pieces) - room
            line = TitleLine(line.pieces[:room], line.joiners[: room - 1])
        lines.append(line)
        read += len(line.pieces)
    return TitleList(tuple(lines), skipped)


_TITLE_YEAR = re.compile(r"\((?:18|19|20)\d{2}\)")
_A_MOVIE = re.compile(r"^\s*(?:a|an|some|any|one)\s+(?:[a-z'-]+\s+){0,3}(?:movies?|films?|flicks?)\b", re.I)


def _small_talk(text: str) -> SmallTalk | None:
    for kind, pattern in _SMALL_TALK:
        if pattern.search(text):
            return SmallTalk(kind)
    return None


LIKED = re.compile(r"\b(?:lov(?:e|ed|es)|lik(?:e|ed|es)|enjoy(?:ed|s)?|ador(?:e|ed|es)|favou?rites?)\b", re.I)
_CONVERSATIONAL = re.compile(r"\?\s*$|"
                             # "Fine, I'll give it a go tonight": an answer to the chat
                             r"^\s*(?:fine|sure|alright|cool|great|nice|cheers|thanks|nah|yep)\s*[,.!]|"
                             r"^\s*(?:who|what|why|how|where|when|do|does|did|are|is|can|could|would|will|"
                             r"should|i|i'm|im|you|your|we|it|that|this|lol|haha|hmm+|ok|okay|well|so|yeah|no|not|"
                             r"please|tell|let's|lets|he|she|they|he's|she's|they're|our|their|back in|back when|"
                             # "seen jaws and honestly never again": talk that opens as an aside does
                             r"honestly|tbh|ngl|never again|not again|lowkey|highkey|literally|"
                             # "Grease, less so.": a verdict weighed against the film said before
                             r"(?:much |far |even )?(?:less so|more so)|not so much|"
                             # "my family loved it": people, no title
                             r"my\s+(?:whole\s+)?(?:family|wife|husband|kids?|son|daughter|mum|mom|dad|friends?|partner|"
                             r"boyfriend|girlfriend|brother|sister|parents|grandchildren|grandkids))\b", re.I)


def asks_for_films(text: str, negated_too: bool = True) -> bool:
    """Whether words that ask for films are said ("recommend", "what should I watch", "something", "the newest you
    have"); with `negated_too=False`, not those said never to be asked ("dont ever recommend me one", "don't give me
    that space stuff")."""
    return bool(NEWEST_HELD.search(text)) or any(negated_too or not _ASK_FORBIDDEN.search(text, 0, m.start()) for m in _RECOMMEND.finditer(text)) or any(
        (kind := genre_spans(text[m.end():])) and kind[0][0] == 0 for m in _NEED_A_KIND.finditer(text))


# an ask said not to be made: "dont ever recommend me one", "never give me that space stuff", "stop suggesting"
_ASK_FORBIDDEN = re.compile(r"\b(?:don'?t|dont|do not|never|stop|quit)\s+(?:(?:ever|you|u|even|again)\s+)*$", re.I)


# needing or craving a kind of film, by any of the request's genre words: "i need a ROMCOM immediately", "craving
# some whodunnit"
_NEED_A_KIND = re.compile(r"\b(?:need|needs|crave|craving|fancy|fancying|(?:would|'d)\s+(?:like|love)|looking\s+for|"
                          r"(?<=i'm )after|(?<=i am )after|(?:begging|bugging|disturbing|pestering|nagging|"
                          r"asking|on at)\s+(?:me\s+|us\s+)?for)\s+(?:a|an|some)\s+"
                          r"(?:(?:good|new|fun|decent|proper|solid|classic)\s+)?", re.I)


def looks_conversational(text: str) -> bool:
    """Words that read as talk, not as a title ("who made you?", "I think so"): when no movie matches them,
    say so instead of "I don't know that movie"."""
    return bool(_CONVERSATIONAL.search(text)) or len(text.split()) >= 8


# words that open talk, not a title, in a list beside titles that were found: "in my humble opinion", "In the same
# way", "both: 8/10 for the 1962 film", "5/10 for the De Niro one"
_TALK_OPENING = re.compile(r"^\W*(?:in (?:my|our|the same|any case|fact)|for (?:the|me|us|my|our)|"
                           r"with (?:the|my|our|all|his|her|their|a|an|that|those|some)|"
                           r"by the|as (?:well|always)|both|the same|same|because|since i|when i|while i|if you)\b"
                           r"|\d\s*/\s*\d|\bout of (?:10|5|ten|five)\b", re.I)


# a version described beside the film: "101 dalmatians, the glenn close one", "cape fear, the de niro one"
_A_VERSION_DESCRIBED = re.compile(r"^\W*the\s+(?:[\w.'-]+\s+){1,4}(?:one|version|remake|original)\W*$"
                                  # "the Disney cartoon", "the old Disney"
                                  r"|^\W*the\s+(?:[\w.'-]+\s+){0,2}(?:cartoon|disney|animated|live[- ]action)\W*$"
                                  # "the one with the penguin", "the one where they rob the bank"
                                  r"|^\W*the\s+(?:[\w.'-]+\s+)?(?:one|version)\s+(?:with|where|about|in which|that)\b", re.I)
# a piece of a list that describes or judges the film before it: "Predator, the jungle one with Arnold", "Jaws, the
# best", "Scream, the first one" (no film to guess from the words)
DESCRIBES_THE_ONE_BEFORE = re.compile(r"^\W*the\s+(?:[\w.'-]+\s+){1,2}one\s+(?:with|where|about|in which|that|from)\b|"
                                      r"^\W*the\s+(?:best|greatest|worst)(?:\s+(?:ever|one|film|movie|of\s+all\s+time))?\W*$|"
                                      # "Scream, the first one, was more fun": which of its name the film is
                                      # (not "the 1991 one", "the new one": which version, read by the add)
                                      r"^\W*the\s+(?:first|original)(?:\s+(?:one|film|movie))?\W*$|"
                                      # "High Noon, a ten. Unforgiven, a seven": its score
                                      r"^\W*an?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)\W*$", re.I)
# words of a version's age or kind alone, or its people ("the old black", "white one", "Audrey Hepburn"), beside the film
_VERSION_WORDS_ONLY = re.compile(r"^\W*(?:the\s+)?(?:(?:old|older|new|newer|original|black|white|colou?r|b&w|cartoon|animated|"
                                 r"live action|silent|first|remake)\s*)+(?:one|version|film|movie)?\W*$", re.I)
# a person alone, listed beside films: "wife and me did back to the future"
_PERSON_ALONE = re.compile(r"^\W*(?:(?:my|the|our)\s+)?(?:wife|husband|hubby|son|daughter|kids?|mom|mum|dad|amma|appa|parents|"
                           r"roommates?|bf|gf|boyfriend|girlfriend|partner|friends?|bro|sis|brother|sister|family)\W*$", re.I)


# the speaker's score alone, listed after its film: "Die Hard 2, a 6", "Vertigo, three and a half", "Heat, five stars"
_SCORE_ALONE = re.compile(r"^\W*(?:(?:a|an|solid|strong|weak|maybe|like|about|easy|generous)\s+)+(?:\d{1,2}(?:\.\d)?|"
                          r"one|two|three|four|five|six|seven|eight|nine|ten)(?:\s+and\s+a\s+half)?\W*$"
                          r"|^\W*(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s+and\s+a\s+half)?"
                          r"\s*(?:stars?|/\s*(?:10|5)|out of (?:10|5|ten|five))\W*$", re.I)


def talk_beside_titles(piece: str) -> bool:
    """Whether a piece that names no movie, in a message whose other pieces did, is talk: said, it would only
    add "I don't know “in my humble opinion”" to the reply."""
    return looks_conversational(piece) or bool(_TALK_OPENING.search(piece)) and len(piece.split()) >= 3 \
        or bool(_PERSON_ALONE.match(piece)) or bool(_A_VERSION_DESCRIBED.match(piece)) or bool(_SCORE_ALONE.match(piece)) \
        or bool(_VERSION_WORDS_ONLY.match(piece)) or _version_by_person(piece) is not None \
        or bool(_GOES_ON_THE_SENTENCE.match(piece)) or bool(_YEARS_ALONE.match(piece)) or bool(_INTERJECTION.match(piece)) \
        or bool(_AN_OCCASION.match(piece)) or bool(_VERDICT_ALONE.match(piece)) or bool(_MANY_A_TIME.match(piece)) \
        or bool(_ONE_A_NIGHT.match(piece))


# how the films were spread: "one each night", "one a day"
_ONE_A_NIGHT = re.compile(r"^\W*one\s+(?:each|a|per|every)\s+(?:night|day|evening|week|weekend)\W*$", re.I)


# how often, in words: "mony a time", "many a time", "countless times", "more times than I can count"
_MANY_A_TIME = re.compile(r"^\W*(?:(?:aye|yes|oh|and)\W+)*(?:many|mony|umpteen|countless|loads of|lots of|so many|more)\s+"
                          r"(?:a\s+)?times?(?:\s+than\s+i\s+can\s+count)?\W*$", re.I)
# a verdict on the film before, with a word after it: "watched heat, pretty good but long", "great but the ending dragged"
_VERDICT_ALONE = re.compile(r"^\W*(?:(?:really|so|pretty|very|kinda|kind of|quite|super|fairly|bit|a bit)\s+)*(?:good|great|ok|okay|"
                            r"fine|decent|solid|fun|amazing|brilliant|boring|meh|long|slow|alright|not bad)\b"
                            r"(?:\s*,?\s+(?:but|though|tho|and|if)\b[^.!?]*)?\W*$", re.I)


# an occasion said beside the films: "big sci fi weekend haha", "movie night", "a lazy sunday"
_AN_OCCASION = re.compile(r"^\W*(?:(?:a|an|the|my|our|big|huge|proper|lazy|cosy|cozy|nice|fun|whole)\s+)*(?:[\w-]+\s+){0,3}"
                          r"(?:weekend|marathon|binge|movie night|film night|night in|double feature|evening|afternoon)"
                          r"(?:\s+(?:haha+|lol|lmao|tbh|again|vibes?))*\W*$", re.I)
# a word that only opens talk: "oh and t2 on sunday" leaves "oh" as a piece of its own
_INTERJECTION = re.compile(r"^\W*(?:oh|ah|aw|so|well|ok|okay|um+|uh+|hmm+|lol|haha|and|also|plus|btw)\W*$", re.I)


# a piece that only says years, of a request said beside the films: "from the forties", "before 1970"
_YEARS_ALONE = re.compile(r"^\W*(?:from|in|of|before|after|since|around)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?"
                          r"(?:\d{4}s?|'?\d0s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\W*$", re.I)


# a piece that goes on with the sentence about the film before it, a verb first: "Gandhi, seen on the 2nd, was
# long", "heat, watched twice, is a classic"
_GOES_ON_THE_SENTENCE = re.compile(r"^\W*(?:(?:was|were|is|are|been|seen|watched|saw|rewatched|which|who|it was|it is|"
                                   r"that was|on the \d{1,2}(?:st|nd|rd|th)\b)\s+\w|"
                                   # "took me 3 days lol", "cried like a baby": what the film did to the speaker
                                   r"(?:took|takes|made|makes|kept|left|had|got|gave|felt|cried|laughed|bawled|slept)\s+"
                                   r"(?:me|us|my|our|him|her|them|like|through|all|the whole)\b|"
                                   # "both epic", "all in one sunday", "on the other hand": talk about the films around it
                                   r"(?:both|all|each)(?:\s+(?!the\b|about\b|of\b)[\w'-]+){1,3}\W*$|on the other hand\b|"
                                   # "Add Ghandi, please.": a word of thanks or please set off on its own
                                   r"(?:please|pls|plz|thanks|thank you|thx|cheers|ta)\W*$)", re.I)


# the film meant instead, said after taking the last back: "undo that, it was antz", "scratch that, I meant Aliens"
# "pt 2 i watched. 3 was our lass": the viewing said after a number, and what follows it
_I_WATCHED_AFTER = re.compile(r"\s+(?:i|we)\s+(?:watched|saw|seen|meant)\b.*$", re.I | re.S)
_MEANT_INSTEAD = re.compile(r"^[\s,;.!-]*(?:(?:it|that)\s+(?:was|is|should be|should'?ve been)|it'?s|i\s+meant|meant)\s+"
                            r"(?P<new>.+)$", re.I | re.S)

_THIS_NOT_THAT = re.compile(r"(?P<new>[^.;!?]+?),?\s+(?:not|instead of|rather than)\s+(?P<old>[^.,;!?]+)", re.I)


# every one of the choices asked about: "both", "both of them actually, the old one and the new one", "all three"
_EVERY_ONE = re.compile(r"^(?![^?]*\?)\W*(?:(?:yes|yeah|yep|aye|actually|well|ok|okay|oh|erm|um)\W+)*(?:both|all\s+(?:three|of\s+them|of\s+em))"
                        r"(?:\s+of\s+(?:them|em|'em|those))?(?:\s+(?:versions|actually|really|tbh|lol|haha|i\s+think))*"
                        # ... the versions said after it, both ("..., the old one and the new one"; not "both, the old one i mean")
                        r"(?:\s*[,.!;:-]+\s*the\s+[^.!?]*\band\b[^.!?]*)?[\s.!]*$", re.I)


def read_short_reply(text: str, titles: TitleIndex | None = None) -> Intent | None:
    """Replies that only mean something after a question or a list: yes/no, a choice, undo, more, seen those.
    With the catalogue's `titles`, "those" that starts a title is the title: "I watched The Three Musketeers"."""
    undo = _UNDO.match(text)
    if undo and undo["chatter"] and titles is not None and (meant := _MEANT_INSTEAD.match(undo["chatter"])) \
            and (pair := _THIS_NOT_THAT.match(meant["new"])) and whole_title(pair["new"], titles) is not None:
        # "Scratch that, that was Alien not Aliens.": the film said instead, in place of the one said not meant
        return Correct(TitleList((TitleLine((pair["new"].strip(),)),)), split_titles(pair["old"].strip()))
    if undo and undo["chatter"] and titles is not None and (meant := _MEANT_INSTEAD.match(undo["chatter"])) \
            and (named := sentence_spans(meant["new"], titles, said_watched=True)) and named[0].start == 0:
        # "undo that, it was antz 🐜 i ALWAYS mix them up": the latest add replaced by the film said instead
        return Correct(TitleList((TitleLine((named[0].text,)),)), None)
    if undo and undo["chatter"] and (meant := _MEANT_INSTEAD.match(undo["chatter"])) \
            and (number := number_said(_I_WATCHED_AFTER.sub("", meant["new"]))) is not None:
        # "acha undo, it were pt 2 i watched": the film of that number in the latest add's series
        return Correct(TitleList(()), None, number)
    if undo and not (undo["chatter"] and titles is not None and sentence_spans(undo["chatter"], titles)):
        # "oops undo that, wrong chat": what follows the command is talk, unless it names a movie
        command = text[:undo.start("chatter")] if undo["chatter"] else text
        # "undo the last one": the command read short, "the last one" as its talk, still names one film
        last = undo["last"] or re.match(r"\s*the\s+(?:last|latest)\s+(?:one|movie|film|title)\b", undo["chatter"] or "", re.I)
        return Undo(last_only=bool(last), restore=bool(undo["restore"]), takes_out=bool(_TAKES_OUT.search(command)),
                    both=bool(_BOTH.search(command)))
    if _WRONG_GUESS.match(text):
        return Undo(only_guess=True)
    if _EVERY_ONE.match(text):
        return Answer(every=True)  # "both of them actually, the old one and the new one"
    if _YES.match(text):
        return Answer(yes=True)
    if _NO.match(text):
        return Answer(yes=False)
    if (choice := _CHOICE.match(text)):
        return Answer(index=_ORDINALS[choice["which"].lower()])
    year = _YEAR_CHOICE.match(text)
    if year and (year["decade"] or year["word"]):
        if not _ONE_OF_THEM.search(text):
            year = None  # "80s" alone asks for films of the decade
        else:  # "the fifties one", "the 80s one", "the 1990s version", as bot.requests reads a decade
            return Answer(decade=decade_start(year["word"], year["century"], year["decade"]))
    if not year and (asked := _YEAR_ASKED.match(text)) and not (titles is not None and any(
            titles.catalog.by_id(m).display_title.startswith(asked["year"]) for s in titles.spans(asked["year"]) for m in s.movies)):
        return Answer(year=int(asked["year"]))  # the films of that year, where no "which one?" is open (bot.policy)
    year = year or _DESCRIBED_YEAR.match(text)
    if year:
        short = year["short"] or year.groupdict().get("short_alone")  # "the 95 one": 1995; "the 05 one": 2005; "86"
        return Answer(year=int(year["year"]) if year["year"] else two_digit_year(int(short)))
    if (age := _AGE_CHOICE.match(text)) and (" " in text.strip() or (age["old"] or age["new"]).lower() in
                                             ("original", "remake")):
        return Answer(age="older" if age["old"] else "newer")
    if (more := _MORE.match(text)) and not (more["talk"] and (genres_in(more["talk"], REQUEST_GENRE_WORDS)
                                                             or re.search(r"\d", more["talk"])
                                                             or titles is not None and sentence_spans(more["talk"], titles))):
        return Recommend(more=True)
    if (seen := _SEEN_THOSE.search(text)) and _short_around(text, seen, titles) and not _in_a_title(
            text, seen.span("those"), titles) and not (titles is not None and sentence_spans(text[:seen.start()], titles)):
        # "she's seen all those lol": others, wanted without storing them; after titles ("add heat and casino pls,
        # saw both") the words are about those titles, read as said
        return Recommend(more=True) if _THIRD_PERSON_BEFORE.search(text[:seen.start()]) else SeenThose()
    if _THOSE_FIRST_SEEN.match(text):
        return SeenThose()
    if _ADD_IT.match(text):
        return SeenThose(it=True)  # "Please add it.": the film the last message named
    if ((saw := _SAW_IT.search(text)) and (len(text.split()) <= 10 or len(text[:saw.end()].split()) <= 8
                                           and not asks_for_films(text[saw.end():]) and not _REMOVE.match(text))
            and "?" not in text and not _ADDS_A_FILM.match(text)
            and not _NOT_BEFORE_IT.search(text[:saw.start("verb")]) and not _in_a_title(text, saw.span("it" if saw["it"] else "verb"), titles)
            and not (titles is not None and sentence_spans(text, titles))):  # "we watched it and heat too": as said
        return SeenThose(it=True)
    return None


# the latest add said not watched after all: "actually I didn't watch it", "wait, I never saw that one" (talk after a
# sentence end or a comma may follow)
_NEVER_SAW_IT = re.compile(r"^\W*(?:(?:actually|wait|oops|sorry|no|nope|hmm+|oh|hang on|um+|ah|correction|my bad|jk|j/k|well(?: now)?|"
                           r"oh dear|oh my goodness|goodness|lord|in the end|after all|"
                           r"just kidding|lol|haha|lmao)[\s,!.:;-]+)*"
                           # the subject left out as texting does, of "it" alone: "actually didnt watch it. fell asleep"
                           # (not "haven't watched them. the sequels I mean")
                           r"(?:(?:(?:i|we)\s+|(?=[a-z' ]+\s+it\b(?![^.!?]*[.!?]?[^.!?]*\b(?:i mean|i meant|the (?:first|second|third|"
                           r"other|last) one|the sequels?|the original)\b)))(?:(?:actually|really|honestly)\s+)?(?:never|didn'?t|didnt|did not|haven'?t|havent|"
                           r"have not|hadn'?t)\s+(?:(?:actually|really|even|ever)\s+)?(?:saw|seen|see|watch|watched|finish|"
                           r"finished)\s+(?:it|that(?: one)?|this one|them|those|either(?: of them)?)"
                           # "I've seen neither of them", "we saw neither"
                           r"|(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:(?:actually|really|honestly)\s+)?(?:seen|saw|watched)\s+neither"
                           r"(?:\s+(?:of\s+)?(?:them|those|these|the\s+two|one))?)"
                           # ... and who did: "jk i didnt actually watch it lol my brother did"
                           r"(?:\s+(?:actually|after all|tbh|tho|though|yet|lol|either))*\s*(?:[.!;,]\s*\S.*|"
                           r"\s+(?:my|his|her|our|their)\s+\w+(?:\s+\w+)?\s+(?:did|watched|saw|had|has)\b.*)?[.!]*$",
                           re.I | re.S)
# an add that names its film: "add heat please, i watched it yesterday" ("it" is that film, not the last one named)
_ADDS_A_FILM = re.compile(r"^\W*(?:(?:please|pls|plz|kindly|can you|could you)[\s,]+)*(?:add|put|log|record)\s+"
                          r"(?!(?:it|that|this|them|those|these)\b)\w", re.I)
_ADD_IT = re.compile(r"^\W*(?:(?:please|pls|plz|kindly|abeg|so|ok(?:ay)?)[\s,]+)*(?:add|record) (?:it|that(?: one)?|this one)"
                     r"(?:\s+(?:please|pls|too|as well|now|then|for me))*\W*$", re.I)

# -- questions about a movie: "why that one?", "is it on Netflix?" (read_question) -----------------------------------
_LEAD = r"^\s*(?:(?:but|and|so|ok(?:ay)?|hmm+|wait|sorry|just curious|out of curiosity|interesting|cool|thanks)[\s,!.]+)*"
_ASKS_WHY = re.compile(rf"{_LEAD}(?:why|how come|what makes you think|what made you (?:think|pick|choose|suggest|"
                       r"recommend|go with)|what'?s the reason (?:for|behind)|(?:can you |could you |please )?explain)"
                       r"\b(?P<rest>.*)$", re.I | re.S)
# what may follow "why" before the movie: "did you pick", "would I like", "do you think I'd like", "'d you choose"
_WHY_VERB = (r"(?:pick(?:ed)?(?: out)?|cho(?:o)?se|chosen|suggest(?:ed)?|recommend(?:ed)?|go with|went with|put|"
             r"include(?:d)?|add(?:ed)?|give|gave|show(?:ed)?|like|enjoy|love|want|watch)(?:\s+|(?=[\s?!.]*$))")
_I_WOULD = r"(?:i'?d|i would|i will|i'll|i should|i might|i)"
_WHY_STEM = re.compile(rf"^\s*(?:'?d\s+)?(?:(?:(?:did|do|would|have|were|are|will|could)\s+)?you\s+(?:(?:think|reckon|say|"
                       rf"guess)\s+(?:that\s+)?{_I_WOULD}\s+)?{_WHY_VERB}|(?:would|will|should|might|do|could)\s+i\s+"
                       rf"{_WHY_VERB}|(?:you\s+)?(?:think|reckon)\s+(?:that\s+)?{_I_WOULD}\s+{_WHY_VERB}|{_I_WOULD}\s+"
                       rf"{_WHY_VERB})", re.I)
_WHY_IS = re.compile(r"^\s*(?:is|was|'s)\s+(?P<title>.+?)\s+(?:on (?:the|my|your|this) list|(?:in|on) there|there|"
                     r"(?:recommended|suggested|a (?:good )?(?:pick|fit|match|choice))(?: for me)?|for me)\s*$", re.I)
_WHY_TAIL = re.compile(r"(?:[\s,]+(?:to me|for me|exactly|then|though|again|of all (?:movies|films|things)|specifically|"
                       r"please|at all))*[\s?!.]*$", re.I)
_WHY_NOT_A_MOVIE = re.compile(r"^\s*(?:not|is|are|was|were|do|does|don'?t|doesn'?t|can|can'?t|could|couldn'?t|should|"
                              r"shouldn'?t|will|won'?t|am|did|didn'?t|would|wouldn'?t|have|has|i|we|you|they|so)\b", re.I)
_WHY_NO_TITLE = re.compile(r"^(?:me|us|movies|films|so|that is|now|here|again)$", re.I)
_WHY_WHICH = re.compile(r"^(?:the\s+)?(?:number\s+|#\s*)?(?P<which>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|"
                        r"one|two|three|four|five|[1-9]\d?)(?:\s+(?:one|movie|film|pick|suggestion))?$", re.I)
_MORE_ORDINALS = {"fourth": 3, "4th": 3, "four": 3, "fifth": 4, "5th": 4, "five": 4}
_WHY_THAT = re.compile(r"^(?:(?:that|this|it|the|your)(?:\s+(?:one|movie|film|pick|suggestion|first one|top one|top pick))?)?$",
                       re.I)
_WHY_ALL = re.compile(r"^(?:(?:all\s+)?(?:of\s+)?(?:those|these|them|the(?:se)? (?:movies|films|picks|suggestions|ones))"
                      r"(?:\s+(?:ones|movies|films))?|this list|the list|these picks|(?:the|these|those|your) "
                      r"(?:recommendations|suggestions))$", re.I)
# Questions the catalogue has no answer to (it knows titles, years and genres): availability, running time, cast
# and crew, age rating, plot. Asked, not requested: a request ("something short on Netflix") is read as one.
_QUESTION = re.compile(r"\?\s*$|^\s*(?:is|are|was|can|could|do|does|where|how|who|what|what'?s|which|when|will|"
                       r"any idea|do you know|tell me)\b", re.I)
_REQUEST_WORDS = re.compile(r"\b(?:recommend|suggest|something|anything|movies|films|some|any (?:good )?(?:movie|film)s?|"
                            r"what should i watch|give me|show me|more)\b", re.I)
_CANNOT_ANSWER = {
    "streaming": re.compile(r"\b(?:netflix|hulu|disney ?(?:\+|plus)|prime video|amazon(?: prime)?|hbo(?: max)?|apple tv|"
                            r"peacock|paramount ?(?:\+|plus)|streaming|stream(?:ed|able)?|rent(?:al)?|buy it|on dvd|"
                            r"blu-?ray|in (?:theaters|theatres|cinemas)|where (?:can|could|do|should) (?:i|we) (?:watch|see|"
                            r"find|get)|where to (?:watch|see|find))(?!\w)", re.I),  # (not \b: "on Disney+?")
    "length": re.compile(r"\bhow long\b(?!\s+ago)|\b(?:run ?time|running time|how many (?:minutes|hours))\b|"
                         r"^\s*is (?:it|that(?: one)?|this(?: one)?) (?:long|short)\b", re.I),
    "cast": re.compile(r"^\s*who(?:'s| is| was| are| were)?\s+(?:in\b|starring|stars?\b|starred|plays?\b|played|acts?\b|"
                       r"acted|directed|direct(?:s|ed)?\b|wrote|made (?!you\b|u\b|this (?:bot|app|chat))|the (?:star|"
                       r"lead|director|actors?|cast|writer)s?\b)|\b(?:the cast|the actors|the director)\b", re.I),
    "rating": re.compile(r"\brated (?:r|pg(?:-?13)?|g|nc-?17|x)\b|\b(?:age rating|mpaa|certificate)\b|\bwhat(?:'s| is) "
                         r"(?:it|that|this) rated\b|(?<!\bwhat else is )(?<!\bwhat else's )(?<!\banything else )(?<!\bsomething )(?<!\banything )"
                         r"(?<!\bwhat's )(?<!\bwhats )(?<!\bwhat is )(?<!\bwhat's really )"
                         # (not "what else is good for kids?": films asked for)
                         r"\b(?:ok(?:ay)?|good|suitable|appropriate|safe|fine) for (?:my )?(?:kids|"
                         r"children|a \d+[ -]year[ -]old|teens?)\b|\bfamily[ -]friendly\b", re.I),
    "plot": re.compile(r"^\s*what(?:'s| is| was)\s+(?:it|that(?: one)?|this(?: one)?|.{1,60}?)\s+about\b|"
                       r"\b(?:the plot|the story(?:line)?)\b|\bwhat happens in\b", re.I),
    # a person's news: "what is Tom Hanks doing these days? any new movie he is shooting?", "is Sean Connery still
    # alive?" (a name in capitals, or a pronoun, then a closed list of what news asks)
    "news": re.compile(r"(?-i:\b[A-Z][a-z]+(?:\s+[A-Z][a-z']+)+)(?:'s|\s+is|\s+are)?\s+(?:(?:doing|up\s+to)\s+(?:these\s+days|"
                       r"nowadays|now|lately|today)|still\s+(?:alive|around|acting|working|making\s+(?:films|movies))|alive|dead|"
                       r"retired|married|divorced|passed\s+away|(?:working\s+on|shooting|filming)\b)|"
                       # a pronoun's news only in so many words (not "is he dead at the end of Braveheart?")
                       r"\b(?:he|she|they)(?:'s|\s+is|\s+are)?\s+(?:(?:doing|up\s+to)\s+(?:these\s+days|nowadays|lately)|"
                       r"still\s+(?:alive|around|acting|working|making\s+(?:films|movies)))\b|\b(?:new|next|latest|upcoming)\s+(?:movie|film|project)\s+"
                       r"(?:he|she|they)(?:'s|\s+is|\s+are)?\s+(?:shooting|filming|making|doing|working\s+on|in)\b|"
                       # a name typed in lower case, as the question's subject: "what's de niro doing these days"
                       # (not "what is everyone doing nowadays for movie night?", "what are the kids up to these days")
                       r"^\W*what(?:'s|s|\s+is|\s+are)\s+(?!(?:you|u|we|i|it|that|this|there|everyone|everybody|people|folks|"
                       r"hollywood|my|the|our|your|his|her|their|kids|anyone|anybody|y'all|they|he|she)\b)(?:[a-z'.]+\s+){1,3}?"
                       r"(?:doing|up\s+to)\s+(?:these\s+days|nowadays|lately)\s*[?.!]*\s*$", re.I),
}

# a person's new work asked after: "is Pacino doing anything new lately?", "Is Harrison Ford working on anything new
# these days?", "has she got anything new coming out?" (a name in capitals or a pronoun first)
_NEWS_OF_WORK = re.compile(r"(?:(?-i:\b[A-Z][a-z']+(?:\s+[A-Z][a-z']+)*)|\b(?:he|she|they))(?:'s|\s+is|\s+are|\s+has|\s+have)?"
                           r"\s+(?:(?:doing|working\s+on|making|shooting|filming|in|got)\s+anything\s+(?:new|else)|"
                           r"got\s+(?:a|any)\s+new\s+(?:movie|film|project)s?)\b", re.I)


def read_question(text: str, titles: TitleIndex | None = None) -> Explain | CannotAnswer | None:
    """A question about a movie, read by closed word lists (no model): why one was suggested, or one the catalogue
    cannot answer. None for anything else, which the rest of read_message reads.

    - Explain: "why" (or "how come", "what makes you think I'd like", "what made you pick", "explain") with a
      reference: none ("why?"), "that one" / "it", a position ("why the second one?", "why #2"), "those" (every
      movie of the last list), or a title as typed ("why American Beauty?", "why did you pick Heat", "why would I
      like Heat?", "why is Heat on the list?"). "why not ..." and "why do you ..." that names no movie are not;
      with the catalogue's `titles`, a title that starts like a sentence is ("why I Know What You Did Last Summer?").
    - CannotAnswer: a question (not a request) about where a movie streams, how long it is, who is in it or made
      it, its age rating or its plot: "is it on Netflix?", "how long is it?", "who's in it?", "is it rated R?".
    Called early by read_message, before the readings of adds and requests. A learned act classifier is to stand
    behind this later: keep it a small closed list."""
    why = _ASKS_WHY.match(text)
    if why is not None:
        rest = why["rest"].strip(" ,:;\"'“”")
        if _WHY_WHICH.match(rest.rstrip("?!. ")) is None and _WHY_THAT.match(rest.rstrip("?!. ")) is None:
            if (named := _WHY_IS.match(rest.rstrip("?!. "))) is not None:
                rest = named["title"]
            else:
                stem = _WHY_STEM.match(rest)
                rest = rest[stem.end():] if stem is not None else rest
        reference = _WHY_TAIL.sub("", rest).strip(" ,:;\"'“”")
        reference = re.sub(r"^(?:the (?:movie|film)\s+)", "", reference, flags=re.I)
        if (which := _WHY_WHICH.match(reference)) is not None:
            word = which["which"].lower()
            return Explain(index=int(word) - 1 if word.isdigit() else {**_ORDINALS, **_MORE_ORDINALS}[word])
        if _WHY_THAT.match(reference):
            return Explain()
        if _WHY_ALL.match(reference):
            return Explain(every=True)
        if ((_WHY_NOT_A_MOVIE.match(reference) or _WHY_NO_TITLE.match(reference) or len(reference.split()) > 10)
                and not (titles is not None and whole_title(reference, titles) is not None)):
            return None  # "why not?", "why is the sky blue", "why do you ask": no movie named ("why I Know What...?" is)
        return Explain(title=reference)
    if _QUESTION.search(text) and _NEWS_OF_WORK.search(text) and not re.search(r"[.!?]\s+\S", text.strip()):
        # (one sentence: "Is Pacino doing anything new? I just watched Heat and want more like it" asks for films too)
        return CannotAnswer("news")  # "is Pacino doing anything new lately?": "anything" asks for his news, no film
    if _QUESTION.search(text) and not _REQUEST_WORDS.search(text):
        for topic, pattern in _CANNOT_ANSWER.items():
            if pattern.search(text):
                return CannotAnswer(topic)
    return None


_SENTENCE_BREAK = re.compile(r"[.!?]\s")
# the speaker with others, said before the reply: "My daughter and I have seen all of those"
_WE_TOGETHER = re.compile(r"^\W*(?:(?:my|our)\s+\w+\s+and(?:\s+(?:i|me))?|(?:me|us)\s+and\s+(?:my\s+|our\s+)?\w+|we\s+(?:all|both))\s*$",
                          re.I)
# the reply said object first: "These I have all seen. Every one."
_THOSE_FIRST_SEEN = re.compile(r"^\W*(?:these|those|them|all of (?:those|these|them))(?:\s+ones)?\s+(?:i|we)\s*(?:'ve|\s+have)?\s+"
                               r"(?:all\s+|both\s+|already\s+)*(?:seen|watched)\b(?:\s+(?:all|both|already))*\W*"
                               r"(?:(?:every|each)(?:\s+(?:single|last))?\s+one\W*)?$", re.I)


def _short_around(text: str, found: re.Match, titles: TitleIndex | None) -> bool:
    """Whether a short reply's words make a short sentence: at most 8 words, or at most 8 up to the end of its
    clause with only talk after it ("seen all of those lol, i'm a horror nerd"): no title, nothing asked."""
    words = text.split()
    if len(words) <= 8:
        return True
    if len([w for w in words if w.lower().strip(".,!?") not in _COLOURING]) <= 8:
        return not _NEGATION_AFTER.search(text[found.end():])  # "seen all of those except the last one tbh" is no reply
    if titles is not None and sentence_spans(text[:found.start()], titles):
        return False  # "forget ghostbusters 2, i never saw that one, only the first": about a title before it
    end = CLAUSE_END.search(text, found.end())
    rest = text[end.end():] if end else ""
    if (len(text[:found.start()].split()) <= 2 or _WE_TOGETHER.match(text[:found.start()])) \
            and not _NEGATION_AFTER.search(text[found.end():]) and not (
            titles is not None and sentence_spans(text[found.end():], titles)) and not asks_for_films(text[found.end():]):
        # "ay we've seen all of those already hahaha my kids are movie monsters. others pa": the reply opens the
        # message, what follows is talk about it
        return True
    opens = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, found.start())), default=0)  # its sentence's start
    return (end is not None and len(text[opens:end.start()].split()) <= 8 and not asks_for_films(rest)
            and not _NEGATION_AFTER.search(rest) and not (titles is not None and sentence_spans(rest, titles)))


_NEGATION_AFTER = re.compile(r"\b(?:except|but not|apart from|other than|(?<!\bit or )not)\b", re.I)  # ("believe it or not")
# words that only colour a short reply: "I have seen all of those already only yaar" is as short as its content
_COLOURING = frozenset("already only yaar yar ya lol lmao haha tbh ngl fr honestly actually na bro dude man tho though "
                    "sadly really oh ok okay".split())


def _in_a_title(text: str, where: tuple[int, int], titles: TitleIndex | None) -> bool:
    """Whether the characters `where` overlap a catalogue title the text names."""
    return titles is not None and any(span.start < where[1] and where[0] < span.stop
                                      for span in sentence_spans(text, titles))


GENRE_SLOT = "[GENRE]"  # bot.act_reader's slot for a kind of film
# a taste of one's past, said as such: "used to", "as a kid", "growing up"; beside a word of now it says what
# changed ("used to love horror, now I can't stand it")
_PAST_HABIT = re.compile(r"(?<!\bget )(?<!\bgot )(?<!\bgetting )(?<!'m )(?<!\bam )(?<!\bbe )(?<!\bnot )(?<!\bim )(?<!\bare )"
                         r"\bused to\b|\bas an? (?:kid|child|teen|teenager|boy|girl|youngster)\b|\bgrowing up\b|"
                         r"\bwhen (?:i|we) (?:was|were) (?:a |an |little|young|small|kids?\b|teens?\b)|"
                         r"\bback (?:then|in the day)\b", re.I)
_NOW = re.compile(r"\b(?:now|nowadays|these days|anymore|any more|today|lately|still)\b", re.I)
# the kind of film said again by a pronoun, after a taste of the past: "..., now I can't stand it"
_THE_KIND_AGAIN = re.compile(r"\b(?:it|them|those|that)\b", re.I)
# a taste said in the present beside one of the past: "My dad used to watch westerns with me, I love them"
_PRESENT_TASTE = re.compile(r"\b(?:i|we)\s+(?:really\s+|do\s+|also\s+)?(?:love|like|enjoy|hate|prefer|adore|can'?t stand)\b",
                            re.I)


def only_a_past_taste(text: str, titles: TitleIndex | None = None) -> bool:
    """Whether every part of a clause that names kinds of film tells a taste of one's past, and nothing says what
    holds now: "lol i used to hate horror as a kid" sets no taste (not "I used to love horror, now I can't stand
    it")."""
    if not _PAST_HABIT.search(text) or _NOW.search(text) or _PRESENT_TASTE.search(text):
        return False  # no word of the past, or one of now: the clause's pieces need no reading
    pieces = [slotted for slotted, _ in taste_pieces(text, titles) if slotted not in ("", LISTED)]
    return bool(pieces) and all(_PAST_HABIT.search(p) for p in pieces)
_ORDER_OF_POLARITY = {"only": 0, "dislike": 1, "allow": 2, "like": 3}  # a genre read two ways: the first here


# where a part of a taste ends: a clause's end, or an "and" that opens a negation ("kids films only and nothing scary")
# (and where a second taste verb turns the way: "I love sci-fi and hate romance", "like comedies and can't stand horror")
_TASTE_PART_END = re.compile(rf"{CLAUSE_END.pattern}|\band\b(?=\s+(?:nothing|no|not|never|none|without)\b)|"
                             # "no horror make it funny": what is asked instead
                             r"(?=\bmake\s+(?:it|that|them)\b)|"
                             r"\band\b(?=\s+(?:i\s+)?(?:really\s+|absolutely\s+|totally\s+)?(?:hate|loathe|detest|dislike|"
                             r"can'?t\s+stand|cannot\s+stand|love|adore|like|enjoy)\b)", re.I)


# a part that goes on about the kind of film just named: "it's not for me", "they bore me", "that's not my thing"
_SAID_OF_THE_KIND = re.compile(r"^\W*(?:(?:and|but|sure|look|honestly|ah)\W+)?(?:it|they|that|those|these)(?:'s|'re|\s+(?:is|are))?"
                               r"\b(?!\s+(?:was|were|had|said)\b)", re.I)
# the speaker's own taste after someone else's, the kind said again by a pronoun: "My wife hates horror but I love it"
_SPEAKERS_TASTE_OF_IT = re.compile(r"^\W*(?:(?:but|and|though|tho|yet|whereas|while)\W+)?(?:i|we|me|myself)\s+(?:[\w']+\s+){0,2}?"
                                   r"(?:love|like|enjoy|adore|hate|loathe|detest|can'?t stand|cannot stand|abide|bear|"
                                   r"stomach|tolerate)\s+"
                                   r"(?P<kind>it|them|those|that)\b", re.I)
_SOMEONE_ELSES = re.compile(r"^\W*(?:(?:and|but|so|well|oh|honestly)\W+)?(?:my|our|his|her|the)\s+\w+|"
                            r"^\W*(?:he|she|they)\b", re.I)


def own_taste_after_theirs(before: str, after: str) -> bool:
    """Whether `after` is the speaker's own taste of the kind someone else's taste in `before` named: "The wife
    adores musicals; I never could abide them." is one taste, read whole, not a request then nothing."""
    return bool(_SPEAKERS_TASTE_OF_IT.match(after) and _SOMEONE_ELSES.match(before)
                and genre_spans(before, REQUEST_GENRE_WORDS))


# a kind of film only named, then turned down: "crime films, no, too violent", "musicals - nope"
_TURNED_DOWN_AFTER = re.compile(r"^\W*(?:no+|nope|nah+|never|not for me|no thanks?|no thank you)\W*$", re.I)
# a degree of a kind, not the kind: "Horror's fine but nothing too gory" (held beside the kind allowed or liked)
_A_DEGREE_OF_IT = re.compile(rf"\btoo\s+{re.escape(GENRE_SLOT)}", re.I)
# weariness of a kind, a closed list the model reads unevenly ("I get bored by westerns", "I find war films a bit
# much", "I'm done with horror after that tho")
WEARY_OF = re.compile(r"\bbored\s+(?:by|of|with)\b|\bgets?\s+(?:old|boring|tiresome|samey)\b|\b(?:a bit|a little|way|far)\s+too much\b|"
                      r"\ba bit much\b|\btoo much for (?:me|us)\b|\b(?:sick|tired|weary)\s+of\b|\bfed up\b|\bhad (?:enough|my fill) of\b|"
                      r"\bdone with\b|\b(?:i'?m|im|i am|we'?re|we are)\s+(?:(?:so|kind of|kinda|sort of|a bit|totally|pretty|well|"
                      r"just|really|completely)\s+)*over\b(?!\s+(?:the|it|here|there|at|\d))|\bcan'?t be bothered\b|"
                      r"\bburn(?:ed|t)? out on\b|\boverdosed on\b|"
                      # an aversion said as a body's: "I'm allergic to romance as a genre"
                      r"\ballergic to\b", re.I)
_NEGATED_BEFORE = re.compile(r"\b(?:never|not|no|don'?t|dont|doesn'?t|won'?t|can'?t|isn'?t|aren'?t|hardly)\b|n't\b", re.I)


_SAID_FINE = re.compile(rf"^\W*(?:(?:but|and|though|well|ok|so)\W+)?{re.escape(GENRE_SLOT)}(?:\s+(?:movies|films|ones))?(?:'s|'re|\s+(?:is|are))\s+"
                        r"(?:totally\s+|perfectly\s+|also\s+|still\s+)?(?:fine|ok|okay|alright|all right)\b", re.I)


def _as_weariness_says(label: str, slotted: str) -> str:
    """The polarity where a taste part says the speaker has had enough of the kind ("I get bored by westerns": a
    dislike), or never has ("I never get bored of westerns": a liking), whatever the model leans to; the kind said
    right by the words (not "My kids are bored of Frozen, any other cartoons?", someone else's and of a film)."""
    said = WEARY_OF.search(slotted)
    if said is None or label not in ("like", "allow", "dislike") or _SOMEONE_ELSES.match(slotted):
        return label
    after, before = slotted[said.end():said.end() + 25], slotted[max(0, said.start() - 25):said.start()]
    # "bored of", "done with", "over": the kind comes after; "a bit much", "gets old": before or after
    if GENRE_SLOT not in after and (said.group().split()[-1].lower() in ("of", "by", "with", "on", "over")
                                    or GENRE_SLOT not in before):
        return label
    return "like" if _NEGATED_BEFORE.search(slotted, 0, said.start()) else "dislike"


# the speaker said to be no one for a kind: "not a [GENRE] person", "not much of a [GENRE] fan", "not really a [GENRE] guy"
_NOT_A_KIND_PERSON = re.compile(r"\bnot\s+(?:really\s+|much\s+of\s+|exactly\s+)?(?:an?\s+)?(?:(?:big|huge|great|massive)\s+)?"
                                rf"{re.escape(GENRE_SLOT)}\s+(?:person|fan|guy|gal|girl|lover|buff|watcher|man|woman|type|kind of (?:guy|person|gal))\b", re.I)


_THEIR_DISLIKE = re.compile(r"\b(?:hates?|dislikes?|loathes?|detests?|can'?t stand|cannot stand|(?:isn'?t|is not|aren'?t) into|"
                            r"(?:doesn'?t|does not|don'?t|won'?t) (?:like|watch|do))\b", re.I)
# the speaker's liking said after someone else's dislike: "My wife hates horror but I love it" allows the kind (not
# "My dad used to watch westerns with me, I love them": asked for)
_OWN_LIKING_AFTER = re.compile(r"(?:,|;|\bbut\b|\bthough\b|\btho\b|\bwhereas\b|\bwhile\b)\s*(?:i|we)\s+(?:\w+\s+)?"
                               r"(?:love|like|enjoy|adore)\s+(?:it|them)\b", re.I)


_A_TASTE_VERB = re.compile(r"\b(?:love[sd]?|like[sd]?|hate[sd]?|enjoy(?:s|ed)?|adore[sd]?|favou?rites?|prefer(?:s|red)?|"
                           r"stand|fan|into|can'?t do|bores?)\b", re.I)


_ASIDE_AT_THE_END = re.compile(r"[\s,]+(?:btw|by the way|fyi|just so you know|tbh|ngl|lol|haha)[\s.!]*$", re.I)


def taste_pieces(text: str, titles: TitleIndex | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """The parts of a clause, cut where a clause ends ("," "but" "though"), that name kinds of film outside its
    titles: (the part with each genre word as GENRE_SLOT, its genres), for the taste-polarity model."""
    body = text
    for span in sentence_spans(text, titles, all_tiers=True) if titles is not None else []:
        body = body[:span.start] + " " * (span.stop - span.start) + body[span.stop:]  # "Star Wars" names no genre
    cuts = [0, *(c for m in _TASTE_PART_END.finditer(body) for c in (m.start(), m.end())), len(body)]
    pieces = []
    for start, stop in zip(cuts[::2], cuts[1::2]):
        part = body[start:stop]
        spans = genre_spans(part, REQUEST_GENRE_WORDS)
        if not spans:
            if pieces and _SAID_OF_THE_KIND.match(part) and not _A_TASTE_VERB.search(pieces[-1][0]) \
                    and re.search(r"\b(?:me|i|my)\b", part, re.I) and not EXCLUSIVE.search(pieces[-1][0]):
                # "sci-fi they call it, it's not for me at all" (not "I love westerns, they don't make them like ...")
                pieces[-1] = (f"{pieces[-1][0]}, {part.strip()}", pieces[-1][1])
            elif pieces and (own := _SPEAKERS_TASTE_OF_IT.match(part)) and _SOMEONE_ELSES.match(pieces[-1][0]):
                # "My wife hates horror but I love it": the speaker's own taste of the kind is the one that holds
                pieces[-1] = ((part[:own.start("kind")] + GENRE_SLOT + part[own.end("kind"):]).strip(), pieces[-1][1])
            elif pieces and pieces[-1][0] == LISTED and _TURNED_DOWN_AFTER.match(part):
                pieces[-1] = (f"no {GENRE_SLOT}", pieces[-1][1])  # "crime films, no, too violent"
            elif pieces and _PAST_HABIT.search(pieces[-1][0]) and _NOW.search(part) and _THE_KIND_AGAIN.search(part):
                # "I used to love horror, now I can't stand it": what holds now, said of the kind before, is read
                # alone ("now I can't stand [GENRE]")
                pieces[-1] = (_THE_KIND_AGAIN.sub(GENRE_SLOT, part.strip(), count=1), pieces[-1][1])
            continue
        slotted, last = [], 0
        for first, end, _ in spans:
            # "Horror's fine": the verb stays ("[GENRE] fine" reads as a dislike, "[GENRE]'s fine" as allowed)
            slotted += [part[last:first], GENRE_SLOT + ("'s" if re.search(r"['’]s$", part[first:end], re.I) else "")]
            last = end
        slotted = re.sub(r"\s+", " ", "".join(slotted + [part[last:]])).strip()
        slotted = _ASIDE_AT_THE_END.sub("", slotted) or slotted  # "horror is off the table btw": no polarity in "btw"
        # "..., and I find musicals tiresome": the word that joins it to the part before says nothing of its way
        slotted = _JOINED_ON.sub("", slotted) or slotted
        if not re.sub(rf"{re.escape(GENRE_SLOT)}|\b(?:a|an|some|the|and|or|please|pls|films?|movies?)\b|\W", "",
                      slotted, flags=re.I):
            # a kind of film only named ("drama", "a comedy please") states no taste: it is asked for, unless it is
            # an item of a list that a verdict after it takes back ("westerns, musicals, war films: can't stand them")
            slotted = LISTED if body[stop:stop + 1] == "," else ""
        pieces.append((slotted, tuple(dict.fromkeys(g for _, _, g in spans))))
    return pieces


LISTED = ","  # taste_pieces' mark of a kind only named, with a comma after it
_JOINED_ON = re.compile(r"^(?:and|but|also|plus|oh and|and also)\s+(?=i\b|i'm\b|we\b)", re.I)
# a verdict said of the kinds listed before it: "... war films: can't stand them", "none of those for me"
_OF_THE_LISTED = re.compile(r"\b(?:them|those|these|either|both|all (?:three|four|of (?:them|those|these)))\b", re.I)


EXCLUSIVE = re.compile(r"\b(?:only|nothing but|nothing else|exclusively|strictly|or nothing|or bust|"
                       r"all i (?:watch|like|want)|"
                       r"has to be|must be|nothing (?:other than|except|but))\b", re.I)  # not "anything but X"


# "only" of a time or an audience, not of the kind: "childrens stuff is for daytime only"
_ONLY_OF_A_TIME = re.compile(r"\bfor\s+(?:the\s+)?(?:day(?:time)?|weekends?|mornings?|afternoons?|kids|them|him|her|"
                             r"rainy days|sundays?|saturdays?|holidays?)\s+only\b", re.I)
# "only" said of the speaker's own watching: "I only watch [GENRE] these days", "only [GENRE] for me"
_SPEAKER_ONLY = re.compile(r"^\W*(?:(?:so|well|ok|honestly|tbh|these days|nowadays|now)\W+)*(?:i|we|i'm|im|we're)\b|"
                           r"\bfor (?:me|us)\b", re.I)
# ... said of someone else, it holds unless the speaker says a taste of their own ("My daughter only watches cartoons,
# I prefer thrillers")
_SPEAKERS_OWN_TASTE = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?(?:prefer|love|like|enjoy|want|adore)\b", re.I)
_ONLY_LIKES = re.compile(rf"(?P<speaker>\b(?:i|we)\s+)?\bonly\s+(?:really\s+)?(?:likes?|loves?|watch(?:es)?|wants?|enjoys?)\s+"
                         rf"(?:(?:the|old|good)\s+)?{re.escape(GENRE_SLOT)}", re.I)


def _only_as_said(label: str, slotted: str, text: str) -> str:
    """The polarity where "only" sits on the liking verb itself: nothing else, whatever the model leans to ("she only
    likes romance"), unless said of someone else beside the speaker's own taste ("My daughter only watches cartoons,
    I prefer thrillers": hers)."""
    said = _ONLY_LIKES.search(slotted)
    if said is None or label not in ("like", "only"):
        return label
    theirs = not said["speaker"] and _SPEAKERS_OWN_TASTE.search(text)
    return "like" if theirs else "only"


# a want or a liking said to have ended: "I don't want horror anymore", "no longer fancy musicals"
_NO_LONGER_WANTED = re.compile(r"\b(?:(?:don'?t|dont|do not|no longer)\s+(?:really\s+)?(?:want|need|fancy|like|enjoy|care for)\b"
                               # not a filter no longer wanted: "I don't want to avoid horror anymore"
                               r"(?!\s+(?:to\s+)?(?:avoid|skip|filter|exclude|block|ban|rule|miss|only|just|limit)\b)"
                               r"[^.,;!?]*\b(?:anymore|any more|these days|now)\b|\bno longer\s+(?:want|need|fancy|like|enjoy)\b)",
                               re.I)


def taste_read(text: str, titles: TitleIndex | None, polarities) -> SetTaste | Recommend | None:
    """A taste whose direction the taste-polarity model reads (`polarities`: slotted parts -> their POLARITIES,
    or None when it cannot read them): "romance bores me to death", "I only like comedies, nothing else",
    "fantasy's not for me, dragons and wizards". None when it names no genre, or only likes one ("I love
    comedies" excludes nothing: it is read as a request), or the model cannot read it."""
    pieces = taste_pieces(text, titles)
    said = [slotted for slotted, _ in pieces if slotted not in ("", LISTED)]
    read = polarities(said) if said else None
    if not read:
        return None
    # a kind only named is asked for ("Animated, but not the kids' stuff": animation, and no children's films); one
    # listed before a verdict on them all takes the verdict's way ("westerns, musicals, war films: can't stand them")
    read = iter(read)
    read = [next(read) if slotted not in ("", LISTED) else None for slotted, _ in pieces]
    for i in range(len(pieces) - 1, -1, -1):
        if read[i] is None:
            after = pieces[i + 1] if i + 1 < len(pieces) else None
            listed = pieces[i][0] == LISTED and after is not None and (
                after[0] == LISTED or _OF_THE_LISTED.search(after[0]))
            read[i] = read[i + 1] if listed else "like"
    # nothing but a kind of film needs a word that says so ("only", "nothing but"): "just watched home alone with the
    # kids" names one in passing and excludes nothing
    read = [label if label != "only" or EXCLUSIVE.search(_ONLY_OF_A_TIME.sub("", slotted)) else "like"
            for (slotted, _), label in zip(pieces, read)]
    read = [_only_as_said(label, slotted, text) for (slotted, _), label in zip(pieces, read)]
    # "Now I don't want horror anymore": a want said no longer is no kind allowed again, whatever the model read
    read = ["dislike" if label == "allow" and _NO_LONGER_WANTED.search(slotted) else label
            for (slotted, _), label in zip(pieces, read)]
    read = [_as_weariness_says(label, slotted) for (slotted, _), label in zip(pieces, read)]
    # "not a war person either just saying before we start": the model leans with the talk after it
    read = ["dislike" if label in ("like", "allow") and _NOT_A_KIND_PERSON.search(slotted) else label
            for (slotted, _), label in zip(pieces, read)]
    # "Westerns are fine but nothing too long": the model reads "[GENRE] are fine" as a dislike
    read = ["allow" if label == "dislike" and _SAID_FINE.match(slotted) else label for (slotted, _), label in zip(pieces, read)]
    # "Horror's fine but nothing too gory": how much of a kind, beside the kind allowed, turns none of it down
    kept = {g for (_, genres), label in zip(pieces, read) if label in ("like", "allow") for g in genres}
    read = [None if label == "dislike" and _A_DEGREE_OF_IT.search(slotted) and set(genres) <= kept else label
            for (slotted, genres), label in zip(pieces, read)]
    pieces, read = [p for p, label in zip(pieces, read) if label], [label for label in read if label]
    # "used to hate westerns but now i love them": a kind liked now, after a taste of the past, is allowed again
    if _PAST_HABIT.search(text):
        read = ["allow" if label == "like" and _NOW.search(slotted) else label for (slotted, _), label in zip(pieces, read)]
    polarity: dict[str, str] = {}
    for (_, genres), label in sorted(zip(pieces, read), key=lambda p: _ORDER_OF_POLARITY.get(p[1], 9)):
        for genre in genres:
            polarity.setdefault(genre, label)
    kinds = {label: tuple(g for g, p in polarity.items() if p == label) for label in _ORDER_OF_POLARITY}
    if not (kinds["dislike"] or kinds["only"] or kinds["allow"]):
        own = _OWN_LIKING_AFTER.search(text)
        if kinds["like"] and _SOMEONE_ELSES.match(text) and own and _THEIR_DISLIKE.search(text, 0, own.start()):
            return SetTaste(allowed_genres=kinds["like"])  # their dislike is not the speaker's
        return None
    # "I only watch comedy these days, life is too serious already": nothing but the kind the speaker only watches,
    # whatever else is named (not "My daughter only watches cartoons, I prefer thrillers")
    speaker_only = any(label == "only" and _SPEAKER_ONLY.search(slotted) for (slotted, _), label in zip(pieces, read))
    if kinds["like"] and not speaker_only:  # "I like comedies but hate horror": comedies, asked for, no horror from now on
        return Recommend(Constraints(kinds["like"], kinds["dislike"]), disliked_genres=kinds["dislike"],
                         only_genres=kinds["only"])
    return SetTaste(disliked_genres=kinds["dislike"], allowed_genres=kinds["allow"], only_genres=kinds["only"])


def taste_in(text: str, titles: TitleIndex | None = None, polarities=None) -> SetTaste | Recommend | None:
    """A statement of taste with no request: "I hate horror", "not a fan of musicals", "horror is fine again";
    with the taste-polarity model (`polarities`: bot.act_reader.ActReader.polarities), its direction is read by
    the model, and the rules read what it leaves ("I didn't like Casino")."""
    # a kind allowed again, in a closed phrasing read before the model: "horror is ok now for me alone", "war films
    # are back on", "forget what I said about comedies"
    if taken_back := _TASTE_TAKEN_BACK.search(text):
        clause = taken_back["kind"]
    elif lifted := _ONLY_LIFTED.search(text):
        clause = lifted["kind"]
    elif allowed := _ALLOWED_AGAIN.search(text):
        clause = text[max((m.end() for m in CLAUSE_END.finditer(text, 0, allowed.start())), default=0):allowed.end()]
    else:
        clause = ""
    genres = genres_in(clause, REQUEST_GENRE_WORDS)
    # one kind lifted and no other named ("Comedies are fine now, horror is still off" is read as said)
    if genres and set(genres_in(text, REQUEST_GENRE_WORDS)) == set(genres) and not NEGATIVE.search(clause):
        return SetTaste(allowed_genres=tuple(genres))
    if said_of_a_film(text, titles):
        return None  # "I watched Heat, it was amusing enough": a word about the film, no taste for a kind
    if any(DENIED_BEFORE.search(text, 0, weary.start()) for weary in WEARY_OF.finditer(text)):
        return None  # "I never get sick of westerns", "I'm not done with horror": no dislike, whatever the rules read
    if polarities is not None and (read := taste_read(text, titles, polarities)) is not None:
        return read
    request = read_request(text, titles)
    if request.disliked_genres and not request.constraints.genres and not request.excluded_movies:
        return SetTaste(disliked_genres=request.disliked_genres)
    if request.disliked_movies and not request.constraints.genres:  # "I didn't like Casino"
        return SetTaste(disliked_genres=request.disliked_genres, disliked_movies=request.disliked_movies)
    return None


# A year window said as one's lasting habit, not asked for now: "I only really like 90s movies, that's my era", "I
# don't watch anything older than 1990", "nothing after 1960 for us". It needs a word that says only these (or
# never others) and the speaker: "nothing before 1990 please" limits one request, "I love 80s movies" excludes none.
_YEARS_EXCLUSIVE = re.compile(r"\b(?:only|just|mostly|nothing|never|don'?t|do not|won'?t|wouldn'?t)\b|"
                              r"\bmy (?:era|decade|generation)\b", re.I)
# words that make years said anywhere in the message stand: "I prefer films made before 1970. Please treat that as a
# general rule"
STANDING_YEARS = re.compile(r"\bas a (?:general |standing )?rule\b|\bstanding (?:instruction|rule|order)\b|\bfrom now on\b|"
                             r"\bgoing forward\b|\bkeep (?:(?:this|that|it) )?in mind(?=\s*(?:[.!:]|$))|\bfor future reference\b|"
                             # "Please bear in mind that I do not care for anything made after 1980"
                             # (not "bear in mind i've seen most of the 80s classics, recommend a sci fi")
                             r"\b(?:bear|keep) in mind(?: that)? (?:i|we) (?:do not|don't|dont|never|can't|cannot|won't|will not|"
                             r"no longer|only (?:watch|like|want|see))\b|"
                             r"\bfrom here on\b|\bremember (?:that|this)(?=\s*[.!]*\s*$)", re.I)
# years for this once, or no taste at all: "nothing older than 1990 tonight", "I was born in 1990"
ONE_OFF = re.compile(r"\b(?:tonight|tonite|today|this time|right now|this evening|for now|born|since i was)\b", re.I)
# who the films are for: the speaker, or the people they watch with saying what they like ("they like old films only,
# before 1970")
_AUDIENCE = re.compile(r"\b(?:i|we|i'm|im|we're|my|our|me|us)\b|\b(?:they|he|she)\s+(?:only\s+)?(?:like|likes|love|loves|prefer|"
                      r"prefers|watch|watches|enjoy|enjoys)\b", re.I)


# a kind of film and a please right after it: asked for now ("crime movie pls", "a western please")
_PLEASE_FOR_A_KIND = re.compile(r"\b(?:movies?|films?|flicks?|ones?|comed(?:y|ies)|westerns?|thrillers?|dramas?|musicals?|"
                                r"horrors?|documentar(?:y|ies)|cartoons?|romances?)\s*,?\s*(?:pls|plz|please)\b", re.I)


def _years_held(text: str) -> bool:
    """Whether a word that says only these years (or never others) is said in the part of the text that names years
    or the part before it ("nothing after 1960 for us", "they like old films only, before 1970"), or the years are
    called the speaker's era; not in talk after them ("adventure films from 1980 to 1990, the stuff my dad won't
    shut up about")."""
    if re.search(r"\bmy (?:era|decade|generation)\b", text, re.I):
        return True
    cuts = [0, *(m.end() for m in CLAUSE_END.finditer(text)), len(text)]
    parts = [text[start:stop] for start, stop in zip(cuts, cuts[1:])]
    # the part that names the years, or the one right before it ("they like old films only, before 1970")
    return any(_YEARS_EXCLUSIVE.search(" ".join(parts[max(0, i - 1):i + 1])) for i, part in enumerate(parts)
               if DECADE.search(part) or YEAR_BOUNDS.search(part) or YEARS.search(part) or YEAR_AND_UP.search(part))


def standing_years_in(text: str, request: Intent) -> SetTaste | Recommend | None:
    """A year window said as a standing taste (kept for later requests that name no years), or "any year is fine
    again" (dropped); None for a request's own years."""
    if ANY_YEAR.search(text) and not isinstance(request, Rejected):
        if isinstance(request, Recommend) and (request.constraints.genres or request.more or asks_for_films(text)):
            return replace(request, any_year=True)  # "any decade is fine, just action", "any year is fine, more"
        return SetTaste(any_year=True)  # "any year is fine again"
    if not isinstance(request, Recommend) or request.more or "?" in text:
        return None
    asked = request.constraints
    # "I don't watch anything older than 1990" asks for nothing
    # ... nor "Please bear in mind that ...": the please is the reminder's
    said = re.sub(r"^\W*please\s+(?=(?:bear|keep|note|remember)\b)", "", text, flags=re.I)
    asks = asks_for_films(re.sub(r"\b(?:watch|see|like|want|care\s+for)\s+anything\b", " ", said, flags=re.I)) or bool(
        asked.genres and _PLEASE_FOR_A_KIND.search(text))  # "crime movie pls, nothing newer than 1990 bc ..." asks
    if asked.min_year is None and asked.max_year is None or asks or asked.like:
        return None
    if not ((_years_held(text) or STANDING_YEARS.search(text)) and _AUDIENCE.search(text)) or ONE_OFF.search(text):
        return None
    # "we don't watch horror, nothing before 1980": the kinds of film ruled out stand with the years
    return SetTaste(disliked_genres=tuple(dict.fromkeys(request.disliked_genres + asked.excluded_genres)),
                    only_genres=asked.genres if EXCLUSIVE.search(text) else (),
                    min_year=asked.min_year, max_year=asked.max_year)


_NOT_X_BUT_Y = re.compile(r"\b(?P<verb>it was|it's|it is|that was|i meant|(?:mon|tues|wednes|thurs|fri|satur|sun)day was)\s+not\s+(?P<old>[^.;!?]+?)(?:,?\s+but\s+(?:rather\s+)?|"
                          # "It was not Heat; I meant Ronin."
                          r"\s*[,;]\s*(?:i\s+meant|i\s+mean|it\s+was)\s+)"
                          r"(?P<new>[^.;!?]+)", re.I)


# "Sorry, not Toy Story 2, it was the first Toy Story only": the film taken back first, then the one meant
# "I said Ronin but I meant Ransom, the one with Mel Gibson": the film said, then the one meant
_SAID_X_MEANT_Y = re.compile(rf"^(?P<oops>\s*{_OOPS})i\s+(?:said|typed|wrote|put)\s+(?P<old>[^,.;!?]+?),?\s+but\s+i\s+"
                             r"(?:meant|mean)\s+(?P<new>[^.;!?]+)", re.I)
_NOT_X_IT_WAS = re.compile(rf"^(?P<oops>\s*{_OOPS})not\s+(?P<old>[^,.;!?]+?)\s*[,;]\s*(?:(?:it|that)\s+was|(?:i\s+)?meant)\s+(?P<new>[^.;!?]+)",
                           re.I)


# "It wasn't Kelly's Heroes I watched at all, it was The Guns of Navarone"
_WASNT_X_IT_WAS = re.compile(r"\bit\s+(?:wasn'?t|was not)\s+(?P<old>[^,.;!?]+?)(?:\s+(?:i|we)\s+(?:watched|saw|meant))?"
                             r"(?:\s+at all)?\s*[,;]\s*(?:but\s+)?it\s+was\s+(?P<new>[^,.;!?]+?)\s*(?:[,.;!?]|$)", re.I)


def _before_its_description(said: str) -> str:
    """A film said without the description after it: "rush hour, the one he act cowboy" -> "rush hour"."""
    # ... "1, the new york one with pigeon lady" -> "1"
    return re.split(r"\s*[,;]\s*(?=the\s+(?:[\w'-]+\s+){0,3}?(?:one|version|film|movie)\b)", said, maxsplit=1)[0]


# "it was Casino, not Heat", "mixed up there, it wis dr no i seen, nae thunderball": two films named, one put right,
# without a word of apology before it; read of the whole message (bot.understanding), so its "^" keeps out one said
# after a question ("the one with the shootout? it was heat, not casino")
IT_WAS_NOT = re.compile(r"^\W*(?:(?:i\s+)?(?:got\s+)?mixed\s+(?:it\s+|them\s+)?up(?:\s+there)?[\s,.!;:]+)?(?:it|that)\s+(?:was|were)\s+"
                         r"(?P<new>[^,;.!?]+?)(?:\s+(?:i|we)\s+(?:seen|saw|watched))?\s*,?\s+(?:not|no|nae)\s+"
                         r"(?P<old>[^,;.!?]+?)[\s.!]*$", re.I)


def _titles_both(said: re.Match, titles: TitleIndex | None) -> bool:
    """Whether a correction said with a weak verb ("i mean X not Y", "no wait, is X, not Y") names a catalogue film
    on both sides (the old one may be its sequel number): only then is it one."""
    groups = said.groupdict()
    new = (groups.get("new") or groups.get("new_last") or "").strip(" ,.!?")
    old = (groups.get("old") or groups.get("old_first") or "").strip(" ,.!?")
    old = _before_its_description(old)
    new = _before_its_description(new)
    return titles is not None and whole_title(new, titles) is not None and bool(old) and (
        whole_title(old, titles) is not None or bool(_SEQUEL_ONLY.match(old))
        or bool(re.fullmatch(r"(?:that|this|the\s+[\w\s]{1,20}?)\s+one|it", old, re.I)))


# "never mind", then the film it was, and nothing more: "wait nvm that was billy madison my bad" (not "nvm it was
# Ronin as well", "never mind, it was Ronin I liked more")
_NVM_IT_WAS = re.compile(r"^\W*(?:(?:wait|oh|ah|no|ok)[\s,!.]+)*(?:nvm|never ?mind)[\s,!.]+(?:it|that)\s+(?:was|were)\s+"
                         r"(?P<new>[^,.;!?]+?)(?:\s+(?:my bad|sorry|my mistake|lol|oops|haha))?[\s.!]*$", re.I)


# the two films said last, pointed at: "remove both of them", "take them both off"
_BOTH = re.compile(r"\b(?:both(?: of (?:them|those|these))?|them both|(?:those|these|the|the last|the latest) (?:two|2))\b", re.I)


# a remark in brackets closing the message, of three words or more and no year (not "Seven (Se7en)", "Heat (1995)")
BRACKETED_ASIDE_AT_THE_END = re.compile(r"\s*\((?![^()]*\d{4})[^()\s]+\s+[^()\s]+\s+[^()]+\)[\s.!]*$")


def _correction(text: str, titles: TitleIndex | None) -> Correct | None:
    """"I meant X not Y" (any X), or "not Y, X" / "X, not Y" where X is one catalogue title: a request such as
    "not horror, comedy" or "I watched X, not Y" is not a correction."""
    text = _APOLOGY_AFTER.sub("", text)  # "oh wait no i meant alien the first one not aliens sorry"
    text = BRACKETED_ASIDE_AT_THE_END.sub("", text)  # "i meant the rock, not speed 2 (nobody watches it voluntarily)"
    if titles is not None and (said := _SAID_X_MEANT_Y.match(text)) and whole_title(said["old"], titles) is not None:
        text = _SAID_X_MEANT_Y.sub(r"\g<oops>I meant \g<new>, not \g<old>", text, count=1)  # not "I said comedy but ..."
    text = _NOT_X_BUT_Y.sub(r"\g<verb> \g<new>, not \g<old>", text, count=1)  # "it was not Rebecca but Notorious"
    text = _NOT_X_IT_WAS.sub(lambda m: f"{m['oops']}it was {m['new']}, not {m['old']}" if m["oops"].strip() else m.group(),
                             text, count=1)  # "sorry, not X, it was Y" (not "not heat, it was casino", read below)
    if titles is not None and (said := _WASNT_X_IT_WAS.search(text)) and whole_title(said["old"], titles) is not None \
            and whole_title(said["new"], titles) is not None:
        return Correct(TitleList.listed([said["new"]]), TitleList.listed([said["old"]]))
    if titles is not None and (said := _NVM_IT_WAS.match(text)) and whole_title(said["new"], titles) is not None:
        return Correct(TitleList.listed([said["new"]]), None)  # "wait nvm that was billy madison my bad"
    meant = _MEANT.match(text)
    if (relative := _relative_correction(meant or _IT_WAS.match(text) or _SAID_NUMBER.search(text)
                                         or _NO_THE_NTH.match(text))) is not None:
        return relative
    if meant is not None and meant["present"] and not _titles_both(meant, titles):
        return None  # "i mean something like casino not heat", "i mean it's good, not great": no correction
    if meant is None and titles is not None and (said := _IT_WAS.match(text)):
        if said["bare"] and not _titles_both(said, titles):
            return None  # "hmm is alien not scary", "oh was heat not by michael mann": a question, no correction
        named = sentence_spans(said["new"], titles, said_watched=True)
        # the titles said after "not", without the talk around them ("not Alien³ — Jeunet, not Fincher")
        old = sentence_spans(said["old"], titles, said_watched=True) if said["old"] else []
        if not named and old:
            # "wait no it was mean girls we rewatched, not clueless": the film it knows leaves, the other is said as
            # typed (without the viewing words after it)
            new = re.sub(r"\s+(?:that\s+)?(?:i|we)\s+(?:just\s+|actually\s+)?\w+$", "", said["new"].strip())
            return Correct(split_titles(new), TitleList.listed(s.text for s in old))
        if not named and not old and (version := version_said(said["new"], strong_only=True)) is not None:
            return Correct(TitleList(()), version=version)  # "no, it was the 1962 original": the latest add's other version
        if not named:
            return None
        if not old and said["old"] and (number := _SEQUEL_ONLY.match(said["old"].strip(" ,.!?"))) \
                and _TRAILING_SEQUEL.search(named[0].text.strip(" ,.!?")):
            # "It was Superman III, not II.": the same series, the other number
            return Correct(TitleList((TitleLine((named[0].text,)),)),
                           TitleList.listed([_sequel_of(named[0].text, number)]))
        if not old and said["old"] and len(said["old"].split()) <= 4 and not _DESCRIBED_ONE.match(said["old"].strip()):
            # "nah not fistful, it was for a few dollars more": the film taken back as typed, matched in the history
            return Correct(TitleList((TitleLine((named[0].text,)),)), split_titles(said["old"].strip(" ,.!?")))
        return Correct(TitleList((TitleLine((named[0].text,)),)),
                       TitleList.listed(s.text for s in old) if old else None)
    if meant is None and (said := _OOPS_TITLE.match(text)) and (relative := _relative_correction(said)) is not None:
        return relative  # "my mistake, the first one": the latest add's series, by its number
    if meant is None and titles is not None and (said := _OOPS_TITLE.match(text)) \
            and whole_title(said["new"], titles) is not None:
        return Correct(TitleList((TitleLine((said["new"].strip(),)),)), None)
    if meant is None:
        meant = _NOT_THIS_THAT.match(text)
        if meant is None or titles is None or _RECOMMEND.search(text):
            return None
        kept = meant["new"] or meant["new_last"] or meant["new_slip"]
        head = re.split(r"\s*[,;]\s*(?=the\s+(?:one|version)\b)", kept, maxsplit=1)[0]  # "Deep Blue Sea, the one of ..."
        if whole_title(head, titles) is None:  # "not little mermaid, it was aladdin, i'm getting my disney mixed up"
            head = re.split(r"\s*[,;]\s*", kept, maxsplit=1)[0]
        if whole_title(head, titles) is None or genres_in(meant["old"] or meant["old_first"] or meant["old_slip"] or "",
                                                          REQUEST_GENRE_WORDS):
            return None
    groups = meant.groupdict()
    new = groups.get("new") or groups.get("new_last") or groups.get("new_slip")
    old = groups.get("old") or groups.get("old_first") or groups.get("old_slip")
    if old:  # "i mean shanghai noon not rush hour, the one he act cowboy": the description is the new film's
        # "... not 2 😅": an emoji or mark after the film taken back is no part of it
        old = re.sub(r"[^\w)'!?.]+$", "", _before_its_description(old))
        # ... nor a laugh or an apology: "oops i meant ghostbusters not ghost lmao"
        old = re.sub(r"(?:[\s,]+(?:lol|lmao|lmfao|haha+|hehe+|rofl|xd|sorry|my bad|oops))+[\s!.]*$", "", old, flags=re.I) or old
    if not new.strip(" ,.!?") or new.strip().lower() in PRONOUNS or (old and not old.strip(" ,.!?")):
        return None
    if DECADE.fullmatch(new.strip(" ,.!?")) or re.fullmatch(r"(?:19|20)\d{2}", new.strip(" ,.!?")):
        return None  # "sorry i meant 80s not 70s": the years of the last request change, no title
    said = re.split(r"\s*[,;]\s*", new, maxsplit=1)[0].strip(" ,.!?")  # the talk after a comma names no kind
    if (genres_in(said, REQUEST_GENRE_WORDS) or RELATIVE.search(said)) and not (
            titles is not None and whole_title(said, titles) is not None):
        return None  # "nah i meant a comedy", "yeah nah i meant older stuff": the request changes, no title
    head = re.split(r"\s*[,;]\s*|\s+(?=" + _THE_ONE + ")", new, maxsplit=1)[0]
    if head != new and titles is not None and whole_title(head, titles) is not None:
        # "I meant Die Hard with a Vengeance, the third one, sorry", "i meant alien the first one": the title, not
        # what follows it
        new = head
    if old is None and (_NOT_A_TITLE.match(new) or len(new.split()) > 8 or groups.get("wanted") or groups.get("make")) and not (
            titles is not None and whole_title(_TALK_AFTER_MEANT.sub("", re.split(r"\s*,\s*", new.strip(" .!?"))[0]),
                                               titles) is not None):
        # "I meant to watch it", "I meant what I said", "i wanted to say hi": no title replaced; "I meant It" is one
        return None
    if titles is not None and whole_title(new.strip(" .!?"), titles) is None \
            and whole_title(bare := _TALK_AFTER_MEANT.sub("", new.strip(" .!?")), titles) is not None:
        new = bare  # "I wanted to write Casablanca instead": the film, not the word after it
    if old and (number := _SEQUEL_ONLY.match(old.strip(" ,.!?"))):
        # "I meant die hard 2 not 3": the same series, the other number; "i meant the road warrior the second one not
        # the first", no number to take: the latest add is what is replaced
        # "wait I meant the first Die Hard, not 2" (the series' first film written out): its number 2, where the
        # catalogue names a film so ("Die Hard with a Vengeance, not 2" names none: the latest add is replaced)
        old = _sequel_of(new, number) if _TRAILING_SEQUEL.search(new.strip(" ,.!?")) or (
            _as_digits(number) != "1" and titles is not None
            and whole_title(_sequel_of(new, number), titles) is not None) else None
    if titles is not None and not sentence_spans(new, titles, said_watched=True) and (
            old is None or not sentence_spans(old, titles, said_watched=True)) and (
            version := version_said(new, strong_only=True)) is not None:
        # "I meant the Cronenberg (1986)", "Pardon me — I meant the 1962 original with Mitchum, not the remake": the
        # latest add's other version
        return Correct(TitleList(()), version=version)
    if old and titles is not None and _DESCRIBED_ONE.match(old.strip()) and not sentence_spans(
            old, titles, said_watched=True) and sentence_spans(new, titles, said_watched=True):
        old = None  # "I meant The Mask of Zorro, not the Jim Carrey one": no title said, the latest add is replaced
    return Correct(_named_in(new, titles), split_titles(old) if old else None)


# a kind said fine again: "horror is ok now", "war films are back on", "I don't mind westerns now" (not "i only like drama
# now", only that kind, nor "I don't like horror actually")
_ALLOWED_AGAIN = re.compile(r"\b(?:is|are|'s|'re) (?:(?:fine|ok(?:ay)?|good|allowed) (?:again|now|after all)|back on)\b|"
                            r"\b(?:i )?(?<!only )(?<!just )(?<!n't )(?<!not )(?<!never )(?<!really )"
                            r"(?:like|love|don'?t mind) [a-z' -]+? (?:again|now|after all|actually)\b", re.I)
# a taste said before, taken back: "forget what I said about comedies", "ignore the bit about horror"
_TASTE_TAKEN_BACK = re.compile(r"\b(?:forget|ignore|scratch|disregard|never mind)\s+(?:what i (?:said|told you)|the bit|"
                               r"(?:all\s+)?that|everything i said)\s+about\s+(?P<kind>[\w' -]+?)(?=\s*(?:[,.;!?]|$|\band\b))", re.I)

# a word that describes a film, said of one just named: "it was funny enough", "that one is a bit scary", "I didn't
# find Fargo funny at all" (not "it's horror I can't stand": a kind)
_FILM_ADJECTIVES = frozenset("funny hilarious silly scary spooky creepy frightening terrifying gory romantic comedic "
                             "lighthearted light-hearted feel-good".split())
_SAID_OF_A_FILM = re.compile(r"(?:\b(?:it|that(?:\s+one)?|this(?:\s+one)?|which)\s*(?:was|is|'s|were)(?:n't|\s+not)?\s+|"
                             # the film by name, marked by `_films_marked` ("I didn't find Fargo funny")
                             r"\b(?:find|found|finds|thought|think)\s+(?:it|that(?:\s+one)?|this(?:\s+one)?|them|\uFFFC)\s+)"
                             r"(?:[\w-]+\s+){0,2}$", re.I)


def said_of_a_film(text: str, titles: TitleIndex | None) -> bool:
    """Whether every kind of film the text names is a word said of one film ("it was funny enough", "I didn't find
    Fargo funny"): no taste for a kind, nothing asked."""
    kinds = genre_spans(text, REQUEST_GENRE_WORDS)
    marked = _films_marked(text, titles) if kinds else text
    return bool(kinds) and all(text[start:stop].lower() in _FILM_ADJECTIVES and _SAID_OF_A_FILM.search(marked, 0, start)
                               for start, stop, _ in kinds)


def _films_marked(text: str, titles: TitleIndex | None) -> str:
    """`text` with each catalogue title the sentence names as one mark, padded to its length (offsets kept)."""
    for span in sentence_spans(text, titles, said_watched=True) if titles is not None else []:
        text = text[:span.start] + "\uFFFC" + " " * (span.stop - span.start - 1) + text[span.stop:]
    return text
# an "only" taken back: "lift the drama-only thing", "drop the comedies only rule"
_ONLY_LIFTED = re.compile(r"\b(?:lift|drop|cancel|scrap|end|remove|stop|forget|ditch)\s+(?:the\s+|that\s+|my\s+)?(?P<kind>[\w'-]+?)"
                          r"(?:[- ]only|\s+only)(?:\s+(?:thing|rule|restriction|filter|bit|setting))?\b", re.I)


# a sequel said by its number alone: "3", "part 3", "iii", "the third one", "the first"
_SEQUEL_ONLY = re.compile(r"^(?:the\s+)?(?:part\s+|pt\.?\s*|number\s+|no\.?\s*)?(?P<number>\d{1,2}|[ivx]{1,4}|one|two|three|four|five|"
                          r"(?P<first>first|original|1st)|second|third|fourth|fifth|2nd|3rd|4th|5th)(?:\s+one)?$", re.I)
_TRAILING_SEQUEL = re.compile(r"\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4}|two|three|four|five)$", re.I)
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "ii": "2", "iii": "3", "iv": "4", "v": "5",
                 "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4", "fifth": "5", "5th": "5"}


def _as_digits(said: re.Match) -> str:
    """A `_SEQUEL_ONLY` number as digits: "third" -> "3", "iv" -> "4", and "1" for the first film."""
    number = said["number"].lower()
    return "1" if said["first"] or number in ("1", "i", "one") else _NUMBER_WORDS.get(number, number)


def _sequel_of(title: str, said: re.Match) -> str:
    """`title` with its sequel number replaced by the one `said` alone: ("die hard 2", "3") -> "die hard 3"; the
    first film is the title without a number."""
    base = _TRAILING_SEQUEL.sub("", title.strip(" ,.!?"))
    number = _as_digits(said)
    return base if number == "1" else f"{base} {number}"


# words after a sequel's number in a correction that are talk: "it was part 2 lol, the one with the flashbacks", "it
# was 3 not 2 my bad"
_TALK_AFTER_NUMBER = frozenset({"lol", "haha", "sorry", "actually", "i", "then", "not", "think", "my", "bad", "oops", "tho",
                                "though", "lmao", "sry", "obviously", "obvs"})


def number_said(words: str) -> str | None:
    """The sequel number `words` say alone ("part 2 lol, the one with ...", "the second one", "part one"), as
    digits ("1" for the first film); None when they say more than a number."""
    head = re.split(r"[,.;!?(]", words, maxsplit=1)[0].split()  # no regex over what follows: any length is cheap
    while head and head[-1].lower() in _TALK_AFTER_NUMBER:
        head.pop()
    found = _SEQUEL_ONLY.match(" ".join(head))
    return _as_digits(found) if found else None


# words after the film meant that are no part of it: "I wanted to write Casablanca instead", "... Casablanca sorry"
_TALK_AFTER_MEANT = re.compile(r"\s+(?:instead|sorry|please|pls|then|lol|oops|my bad)\b.*$", re.I)


# "the sequel" in a correction: the film after the latest add in its series (bot.service reads it)
_THE_SEQUEL = re.compile(r"^\s*(?:the|its|it'?s)\s+sequel\b", re.I)
NEXT_IN_SERIES = "next"


# a film described, not named: "the Jim Carrey one", "the old version"
_DESCRIBED_ONE = re.compile(r"^(?:the|that)\s+(?:\S+\s+){0,4}?(?:one|version|film|movie|sequel|prequel|remake|original)\b", re.I)


# an apology after a repair: "..., not aliens sorry"
_APOLOGY_AFTER = re.compile(r"(?:[\s,]+(?:sorry|my bad|my mistake|lol|oops|haha))+[\s.!]*$", re.I)
# what describes the film meant after its name: "alien the first one", "heat the de niro one"
_THE_ONE = r"the\s+(?:(?:first|original|second|third|1st|2nd|3rd|older|newer)\s+)?one\b"


def never_saw_it(text: str) -> bool:
    """ "actually I never saw it" said as the whole message (talk after it aside), not as one clause beside a film
    asked about ("Is the latest Bond any good? We have not seen it.")."""
    return bool(_NEVER_SAW_IT.match(text))


def no_then_a_place(text: str) -> bool:
    """ "no, the second one": a film by its place after a "no" (a correction of the latest add, or the answer to
    "which one?")."""
    return bool(_NO_THE_NTH.match(text))


MAX_PART = 12  # no series numbers its films further; a larger number said alone is a year
_PART_WORD = re.compile(r"\W*(?:part|pt\.?|number|no\.|episode|chapter)\s", re.I)


def _relative_correction(said: re.Match | None) -> Correct | None:
    """"no wait it was part 2 lol", "I meant the second one", "I meant part 3, not part 2": a film said by its number
    alone, in the series of the latest add (the service resolves it); what describes it after is dropped ("i meant
    part two the one with young de niro")."""
    if said is None:
        return None
    groups = said.groupdict()
    new = groups.get("new") or groups.get("new_last") or ""
    new = re.split(r"\s+(?=the one (?:with|where|from|that|about|in)\b)", new, maxsplit=1)[0]
    new = re.sub(r"\s+only$", "", new.strip(), flags=re.I)  # "it was part 4 only, not 3"
    old = groups.get("old") or groups.get("old_first") or ""
    number = number_said(new)
    if number is None and _THE_SEQUEL.match(new):
        number = NEXT_IN_SERIES  # "no wait, that was the sequel. Part II.": the film after the latest add
    if number is None or number.isdigit() and int(number) > MAX_PART and not _PART_WORD.match(new):
        return None  # "it was the 86 one": a year, the version (not part 86); "part 13" is a part
    before = number_said(old) if old else ""
    if before is None:
        return None  # "I meant part 2, not Heat": a title after all, read as one
    return Correct(TitleList(()), None, number, before)


# an aside in brackets that describes the film: "(the airport one)", "(a great one)"; not a year, nor a title's other
# name ("Seven (Se7en)")
_DESCRIBED_ASIDE = re.compile(r"\s*\((?:the|that|a|an)\s[^()]*\)", re.I)


def _named_in(rest: str, titles: TitleIndex | None) -> TitleList:
    """The titles a command names: its pieces, or, where some piece is talk ("mars attacks, i only saw the
    trailer"), the catalogue titles the words name."""
    pieces = split_titles(_DESCRIBED_ASIDE.sub("", rest))  # "Die Hard 2 (the airport one)": the film, not the aside
    if titles is not None and any(looks_conversational(p) for p in pieces.titles):
        spans = sentence_spans(rest, titles, said_watched=True)
        if spans:
            return TitleList.listed(s.text for s in spans)
    return pieces


def _add(match: re.Match) -> AddWatched | None:
    titles = split_titles(_TRAILING_NOISE.sub("", match["rest"]))
    lines = tuple(line for line in titles.lines if " ".join(line.pieces).lower() not in PRONOUNS)
    if not lines:
        return None
    liked = bool(match["fan"]) or (match["verb"] or "").lower() in ("loved", "liked", "enjoyed", "adored")
    return AddWatched(TitleList(lines, titles.skipped), liked=liked)


def read_message(text: object, titles: TitleIndex | None = None) -> Intent:
    """What one message (or one clause of it: bot.understanding) asks for. With the catalogue's `titles`, a
    message that is one title is that title, whatever genre words it holds, and titles ruled out are read."""
    command = read_command(text, titles)
    return command if command is not None else read_open(clean_text(text).strip(), titles)


def _talk_after_command(command: re.Match | None, titles: TitleIndex | None) -> bool:
    """Whether a command matched, with nothing after it but talk: "clear my history please, i want to start over",
    not "forget about me, I watched Heat and Fargo" (a title in what follows) nor "wipe everything, ok, now give me
    a comedy" (a request)."""
    return command is not None and not (command["chatter"] and (asks_for_films(command["chatter"]) or titles is not None
                                                                and sentence_spans(command["chatter"], titles)))


def read_command(text: object, titles: TitleIndex | None = None) -> Intent | None:
    """The exact readings: closed command forms (undo, yes/no, forget me, remove X, I meant X, history), small
    talk, and "I watched ..." with its verb; None for open language."""
    if not isinstance(text, str) or not clean_text(text).strip():
        return Rejected(render.EMPTY_MESSAGE)
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejected(render.TOO_LONG.format(length=len(text), limit=MAX_MESSAGE_CHARS))
    text = clean_text(text).strip()
    if _HELP.match(text):
        return Help()
    if (reply := read_short_reply(text, titles)) is not None:
        return reply
    if (question := read_question(text, titles)) is not None:
        return question
    if (talk := _small_talk(text)) is not None:
        return talk
    if _talk_after_command(_FORGET_ME.match(text), titles):
        return ForgetMe()
    if _talk_after_command(_START_OVER.match(text) or _CLEAR_AND_START.match(text), titles):
        return StartOver()
    if (correction := _correction(text, titles)) is not None:
        return correction
    if (taken_back := _TASTE_TAKEN_BACK.search(text)) and (genres := genres_in(taken_back["kind"], REQUEST_GENRE_WORDS)):
        # "ok forget what I said about comedies, I'm in the mood to laugh today": the dislike goes (bot.policy drops
        # it where none is held); an ask after it is read with the rest of the message
        return SetTaste(allowed_genres=tuple(genres))
    if (remove := _REMOVE.match(mend_verb_slip(text, _SLIP_COMMANDS))):  # "remvoe bravehart": a slip of "remove"
        if titles is not None and whole_title(text, titles) is not None:
            return AddWatched(split_titles(text), guessed=True)  # "Drop Dead Gorgeous" names a movie, removes nothing
        if titles is not None and (opening := next((s for s in sentence_spans(text, titles, said_watched=True)
                                                    if s.start == 0 and not s.everyday), None)) is not None \
                and remove.start("rest") < opening.stop:
            return None  # "drop dead gorgeous i have seen tho": the title holds the verb; the sentence is read as said
        if remove["undo_named"] and not (titles is not None and any(s.start == 0 for s in sentence_spans(
                re.sub(r"[\s,]+(?:please|pls|plz|thanks|thx|too|as well)\W*$", "", remove["rest"], flags=re.I),
                titles, said_watched=True))) and (head := re.match(r"\w+", remove["rest"])) is not None \
                and head.group().lower() in encoder_words():  # "undo bravehart": a misspelt film, not a word
            return Undo()  # "undo latest", "undo plz", "undo one": the undo command, no film named
        rest = _FROM_LIST.sub("", removal_named(remove["rest"], titles))
        if (article := _SPANISH_ARTICLE.match(rest)) and not (titles is not None and any(
                s.start == 0 for s in sentence_spans(rest, titles, said_watched=True))):
            rest = rest[article.end():]  # "quita el Armagedon": the verb's article, unless a title holds it ("el padrino")
        named = _named_in(rest, titles)
        if rest.strip(" ,.!?").lower() in PRONOUNS or named.titles and all(
                n.strip(" ,.!?;").lower() in PRONOUNS for n in named.titles):
            # "remove both of them", "Kindly remove it again; I was thinking of another picture": the latest add
            return Undo(takes_out=True, both=bool(_BOTH.search(rest)))
        return RemoveWatched(named)
    if (taken := _TAKE_OFF.match(text)) and not (titles is not None and whole_title(text, titles) is not None) and (
            not taken["plain"] or taken["plain"].strip().lower() in PRONOUNS
            # "Take 3 and 4 off, I was snoring": films of the latest add by their numbers
            or all(_BARE_NUMBER.match(piece) for piece in split_titles(taken["plain"]).titles)
            # "Take the Empire one off, son.": a film of the history by a word of its title
            or THE_NAMED_ONE.match(taken["plain"]) or _BY_ITS_PLACE.fullmatch(taken["plain"].strip())
            or (titles is not None and all(
                # "take jaws 2 and psycho off, i only saw bits"
                whole_title(piece, titles) is not None for piece in split_titles(taken["plain"]).titles))
            # "take dead poets off, my sister watched it", "take robocp off, that was my brother": a short name, matched in
            # the history, said seen by another or mixed up; "take robocp off": one word, a typed name
            or (taken["talk"] and re.search(r"\b(?:watched|saw|seen|was|were|mix(?:ed)?|confused|wrong|mistake|never|"
                                            # "take the fugitve off i only caught the last five minutes"
                                            r"didn'?t|caught|only|fell asleep|slept|dozed|asleep|left|walked|"
                                            # "take Ben Hurr off, I'm thinking of a different one"
                                            r"thinking|different|another|meant)\b", taken["talk"], re.I) or not taken["talk"]
                and len(taken["plain"].split()) == 1)
            and len(taken["plain"].split()) <= 4 and not _NOT_A_NAME.search(taken["plain"])
            and not re.match(r"\s*(?:a|an|some|any|your|ur|his|her|their|our)\s", taken["plain"], re.I)
            and not re.search(r"\s(?:back|again)\s*$", taken["plain"], re.I)):
        named = (taken["rest"] or taken["titled"] or taken["subject"] or taken["unwanted"] or taken["unmeant"]
                 or taken["plain"] or taken["listed"])
        talk = taken["talk"] or taken["listed_talk"] or taken["subject_talk"]
        if talk and REMOVAL_TAKEN_BACK.search(talk):
            return SmallTalk("kept")  # asked and taken back in one message: nothing removed
        # "take it off my list", "that shouldn't be on my list": the latest add, and never a removal put back
        if named.strip().lower() in PRONOUNS:  # "i didn't mean that" after a removal: puts it back
            return Undo(takes_out=not taken["unmeant"], both=bool(_BOTH.search(named)))
        return RemoveWatched(split_titles(named))
    if (part := _PART_SAID.match(text)) and len(part["talk"].split()) <= 8 and not _NOT_NOW.search(part["talk"]) \
            and not _TAKES_OUT.search(part["talk"]) and not asks_for_films(part["talk"]) and (not part["talk"].strip(" .!,") or _SEEN_CUE.search(part["talk"])):
        # "and part 2 once", "part 1 also done, last week itself", "and the second one sunday": that film of the
        # latest add's series was seen
        number = part["number"] or part["numbered"] or part["numbered2"]
        said = part["part"] or f"part {number or _NTH_PART[part['nth'].lower()]}"
        return AddWatched(TitleList((TitleLine((said,)),)))
    if (after := _REMOVE_AFTER.match(text)) and not _NOT_A_NAME.search(after["named"]) and not (
            titles is not None and whole_title(text, titles) is not None) and not (after["weak"] and (
                titles is None or (named_span := whole_title(after["named"], titles)) is None or named_span.everyday)):
        # "the kids are away", "go away", "Friday off!": no film
        meant = _MEANT.match(text[after.end("named"):].split(",", 1)[-1].strip()) if "," in text else None
        if meant is not None and meant["new"] and not meant["old"] and titles is not None \
                and whole_title(meant["new"].strip(" .!?"), titles) is not None:
            return Correct(_named_in(meant["new"], titles), split_titles(after["named"]))  # "X away, I meant Y"
        return RemoveWatched(split_titles(after["named"]))  # "bravehart also remove pls, I mixed it up"
    if _HISTORY.search(text) and not _RECOMMEND.search(text) or _ON_MY_LIST.search(text):
        return ShowHistory()
    if (add := _ADD.match(mend_verb_slip(text))) and (added := _add(add)) is not None:
        return added
    if (put := PUT_IN.match(text)) and (titles is None or whole_title(put["title"], titles) is not None):
        return AddWatched(TitleList.listed([put["title"]]))
    return None


# "Please put North by Northwest in its place.", "stick Heat on my list instead": a film the speaker adds
PUT_IN = re.compile(r"^\W*(?:(?:please|pls|kindly|can you|could you|would you|do one thing,?|ok(?:ay)?,?|so,?|just)\s+)*(?:put|pop|stick|bung|slot)\s+"
                     # "ok just put patriot games back on there": a film taken off, put back
                     r"(?P<title>.+?)\s+(?:in (?:its|it's|their) (?:place|stead)|(?:back\s+)?on (?:(?:my|the) (?:list|history)|there)"
                     r"(?: instead)?|(?:back\s+)?in (?:my|the) (?:list|history)(?: instead)?)(?:\s+(?:please|pls|instead|then|thanks))*\W*$", re.I)


# a count of viewings alone ("like 40 times lol", "twice"): talk about a film said before it, never a title
_HOW_OFTEN = re.compile(rf"^(?:like|about|maybe|probably|prob|literally|at least|over|easily|well)?\s*(?:{A_COUNT}|twice|once)"
                        r"(?:\s+(?:lol|haha+|lmao|now|already|by now|at least|easy|easily|over the years))*[\s.!]*$", re.I)


# a message that starts by ruling out a kind of film ("no horror and no war stuff pls, ..."), however long
_NO_KIND_FIRST = re.compile(r"^\s*(?:(?:and|also|but|plus|oh and|oh)\s+)?(?:no|nothing|not|anything but|none of)\s+"
                            r"(?:more\s+)?\w", re.I)


# a title that opens a clause of its own after the verdict on the one before: "fargo was ok but heat was amazing"
_VERDICT_OF_THE_NAME = re.compile(r"\s+(?:was|is|were|'s)\s+(?:(?:so|really|pretty|way|much|even|far|a\s+lot|just|also|still|"
                                  r"kinda|super|very|absolutely|honestly|actually)\s+)*(?:better|worse|the\s+best|great|amazing|"
                                  r"awesome|brilliant|fantastic|incredible|excellent|wonderful|superb|hilarious|terrifying|scary|"
                                  r"funny|boring|dull|overrated|underrated|cheesy|good|fine|ok|okay|meh|terrible|awful|fun|perfect|"
                                  r"epic|iconic|mid|trash|garbage|peak|a\s+classic|a\s+masterpiece)\b"
                                  r"|\s*,?\s+\d+(?:\.\d+)?\s*(?:/|out of)\s*(?:10|5|100)\b", re.I)
_DAY_OR_THING_BEFORE = re.compile(r"\b(?:the|this|that|my|our|last|next|on)\s+$", re.I)
_VERDICT_ENDS = re.compile(r"\s*(?:[.,!;]|$|tho\b|though\b|too\b|imo\b|lol\b|tbh\b)", re.I)
_NEXT_VERDICT_OPENS = re.compile(r"(?:,|;|\bbut|\band|\bwhile|\bwhereas|\bthough)\s+$", re.I)


def _with_titles_cut_off(said: TitleList, text: str, titles: TitleIndex) -> TitleList:
    """The titles read, with those the verdict's tail after the first one cut off ("aliens was good but alien was
    way better"): a name that opens the next clause, itself given a verdict or a score, is a title said too."""
    cut = _TRAILING_NOISE.search(text)
    if cut is None or not said.lines:
        return said
    lost = [s.text for s in titles.spans(text) if s.start >= cut.start()  # everyday names too: a verdict is said of it
            and _NEXT_VERDICT_OPENS.search(text, 0, s.start) and _VERDICT_OF_THE_NAME.match(text, s.stop)
            and not (s.everyday and (_DAY_OR_THING_BEFORE.search(text, 0, s.start) or s.text.lower().startswith("the ")
                                     # (not "dave was hilarious all night, he kept doing the accent": a person's evening)
                                     or not _VERDICT_ENDS.match(text, _VERDICT_OF_THE_NAME.match(text, s.stop).end())))]  # "... but the heat was awful"
    return TitleList.listed([*said.titles, *lost]) if lost else said


def read_open(text: str, titles: TitleIndex | None = None) -> Intent:
    """What a message that is no exact command (read_command gave None) most likely asks for, by its words: the
    reading that bot.act_reader's model may overrule."""
    lines = [line for line in text.splitlines() if line.strip()]
    asking_lines = sum(1 for line in lines if _RECOMMEND.search(line))
    if len(lines) > 1 and asking_lines * 3 <= len(lines):
        # a pasted list, one title per line: genre and request words inside titles ("Crimes and Misdemeanors",
        # "Something Wild") are part of the titles
        return AddWatched(split_titles(text))
    if titles is not None and whole_title(text, titles) is not None:
        return AddWatched(split_titles(text), guessed=True)
    if _HOW_OFTEN.match(text):
        return SmallTalk("chat")  # "like 40 times": how often, after a film said before it
    if (titles is not None and not asking_lines and not LIKE.search(text) and not NEGATIVE.search(text)
            and sentence_spans(text, titles)):
        # "my kids loved Cascadia": a catalogue title in a sentence that asks nothing states it, even beside
        # words that could be moods ("kids")
        return AddWatched(_with_titles_cut_off(split_titles(_TRAILING_NOISE.sub("", text)), text, titles),
                          liked=bool(LIKED.search(text)))
    if asking_lines == 0 and (taste := taste_in(text, titles)) is not None:
        return taste
    # a bare genre or mood ("comedy", "something funny", "a thriller from the 80s"), "a French film" or "nothing
    # after 1995" asks; a title with its year ("Crimes and Misdemeanors (1989)") names a movie
    short = len(text.split()) <= 10 and not _TITLE_YEAR.search(text)
    if asking_lines or LIKE.search(text) or short and (genres_in(text, REQUEST_GENRE_WORDS) or _A_MOVIE.search(text)
                                  or YEAR_BOUNDS.search(text) or DECADE.search(text) or YEARS.search(text)
                                  or YEAR_AND_UP.search(text)
                                  # "only American ones please": a country's films asked, a filter it lacks
                                  or UNSUPPORTED["language"].search(text)
                                  or RELATIVE.search(text)):
        return read_request(text, titles)
    if titles is not None and NEGATIVE.search(text) and (ruled_out := read_request(text, titles)).excluded_movies:
        return ruled_out  # "no more Star Wars": a request without them
    if _NO_KIND_FIRST.match(text) and genres_in(text, REQUEST_GENRE_WORDS):
        return read_request(text, titles)  # "no horror and no war stuff pls, had a rough week": kinds ruled out
    return AddWatched(split_titles(text), guessed=True) if len(text) <= 200 else Rejected(render.LONG_NOT_UNDERSTOOD)


__all__ = ["own_taste_after_theirs", "THE_NAMED_ONE", "EXCLUSIVE", "ONE_OFF", "PUT_IN", "STANDING_YEARS", "THIRD_PERSON_HAS", "never_saw_it", "no_then_a_place", "number_said", "standing_years_in", "version_said", "MAX_MESSAGE_CHARS", "MAX_TITLES", "MOOD_GENRES", "UNSUPPORTED", "Constraints", "TitleLine", "TitleList",
           "clean_text", "Help", "ShowHistory", "StartOver", "AddWatched", "RemoveWatched", "Recommend", "Rejected",
           "SetTaste", "SmallTalk", "ForgetMe", "Answer", "Undo", "Correct", "SeenThose", "Intent", "read_message",
           "read_command", "read_open", "taste_in", "asks_for_films", "taste_pieces", "taste_read", "read_request",
           "read_short_reply", "read_question", "NEXT_IN_SERIES", "both_versions_said", "talk_beside_titles", "version_kind", "IT_WAS_NOT", "BRACKETED_ASIDE_AT_THE_END", "DESCRIBES_THE_ONE_BEFORE", "ORDINAL_INDEX", "TAKEN_BACK", "split_titles", "looks_conversational", "mend_verb_slip",
           "removal_named"]
