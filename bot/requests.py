"""A request's constraints, read from its words (pure): genres and moods wanted or not, with negation scoped to its
clause ("not a fan of musicals", "nothing older than 1990"), a decade or year bound, a "like <title>" anchor,
titles ruled out ("no more Star Wars", with the catalogue's TitleIndex), and what the catalogue cannot filter by.
"""
from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from bot.intents import Recommend
from bot.mentions import names_a_title, sentence_spans, whole_title
from recommender.constraints import Constraints
from recommender.parsing import GENRE_ALIASES  # one genre vocabulary for LLM answers and user requests

if TYPE_CHECKING:
    from recommender.titles import TitleIndex

# "i've seen it like 40 times": "like" before a count is "about", never a movie to start from
A_COUNT = (r"(?:\d+|a (?:few|couple|dozen|hundred|thousand|million)(?: of)?|two|three|four|five|ten|twenty|fifty|"
           r"a hundred|many|so many)\s*(?:times|x)\b")  # not "once": "like Once Upon a Time in the West" is a film
PRONOUNS = {"it", "them", "those", "these", "that", "this", "both", "all", "one", "all of them", "both of them"}
LIKE = re.compile(r"(?:\b(?:something|smth|sth|somethin|anything|movies?|films?|pictures?|flicks?|more|stuff|ones?|else|similar|one|others?|another)"
                  r"\s+(?:just\s+|a bit\s+)?"
                   # "find me some like Dances with Wolves" (not "Some Like It Hot": a verb asks first)
                   r"like|\b(?:find|give|show|get|recommend|suggest|want|need)\s+(?:me\s+|us\s+)?(?:some|a\s+few|a\s+couple)"
                   r"\s+(?:more\s+)?like|\bsimilar (?:to|of)|"
                   # "give me 5 like Brazil", "Give 5 like Brazil."
                   r"(?:\b(?:find|give|gimme|show|get|recommend|suggest|want|need)\s+(?:me\s+|us\s+)?|^\W*)(?:\d{1,2}|two|three|"
                   r"four|five|six|ten)\s+(?:more\s+)?like(?!\s*-?\s*minded)|"
                   # "like proper old, 40s or 50s": "like" said as a filler before what is asked, not a film to match
                   r"^\s*like(?!\s+(?:(?:proper|really|super|very|real|properly|kinda|pretty|way)\s+)?(?:old|older|new|newer|"
                   r"recent|\d0'?s|(?:from|in|around)\s+(?:the\s+)?(?:\d|early|late|mid))\b)|\bin (?:the )?(?:vein|style|register|mou?ld) of|\bin the spirit of|\b(?:with|w/?|w) (?:the |a )?(?:same )?(?:vibes?|feel|mood|energy) (?:of|as)|\bakin to|\balong the lines of|\bin the same vein as|"
                   # "like actually made in kenya": "like" a filler before an adverb, no film to start from
                   rf"\breminiscent of|\bthe likes of)\s+(?!{A_COUNT})(?!to\s)"
                   r"(?!(?:actually|really|literally|honestly|seriously|properly|genuinely)\b)(?P<title>.+?)"
                   # a period ends the title, but not the one of "Mrs. Doubtfire", "Dr. Strangelove"
                   r"(?=\s*(?:[,;!?]|(?<!\bmrs)(?<!\bmr)(?<!\bdr)(?<!\bst)(?<!\bvs)(?<!\bjr)\.\s|\.$|\bbut\b|"
                   r"\bthough\b|\bexcept\b|\bwithout\b|\bfrom the\b|$))", re.I)
# A decade in digits or words, with a part of it: "the 90s", "'80s", "the 1970s", "the nineties", "early 90s",
# "late seventies", "mid-80s" (a closed list: the rule is exact)
DECADE_WORDS = {"twenties": "2", "thirties": "3", "forties": "4", "fifties": "5", "sixties": "6", "seventies": "7",
                "eighties": "8", "nineties": "9"}
DECADE_PARTS = {"early": (0, 4), "mid": (3, 7), "middle": (3, 7), "late": (6, 9),  # years of the decade each names
                # "the second half of the 90s", "first half of the eighties"
                "first half of": (0, 4), "second half of": (5, 9), "latter half of": (5, 9), "back half of": (5, 9)}
_PARTS = "|".join(part.replace(" ", r"\s+") for part in DECADE_PARTS)
DECADE = re.compile(rf"\b(?<!in my )(?<!in our )(?<!in his )(?<!in her )(?<!in their )(?<!in your )"  # an age: "in our seventies"
                    rf"(?:the\s+)?(?:(?P<part>{_PARTS})(?:\s+|-)?(?:the\s+)?'?)?"
                    rf"(?:(?P<century>19|20)?(?P<decade>[0-9])0'?s|(?P<word>{'|'.join(DECADE_WORDS)}))\b", re.I)
# Words that turn what follows, to the end of the clause, into something not wanted. The first group also states a
# taste that holds for later requests ("I hate horror"); the second limits this request only ("no horror").
_KIND_STEMS = (r"(?:sci-?\s?fi|science fiction|horror|comed|rom-?com|romanc|western|musical|war\b|crime|thriller|drama|action|"
               r"animat|cartoon|documentar|fantasy|myster|kids|children|noir|adventure|superhero)")
_DISLIKE_CUES = (r"hate[sd]?|dislike[sd]?|detest|loathe|can'?t stand|cannot stand|could(?:n'?t| not) (?:stand|bear|stomach)|(?:can'?t|cannot) be doing with|(?:do|does|did)n'?t (?:like|enjoy|"
                 # "we didn't do sleepless in seattle": a film not watched, where "I don't do horror" is a taste
                 r"care for|love)|(?:do|does)n'?t do|(?:do|does|did) not (?:like|enjoy|care for)|(?:do|does) not do|not (?:a |the )?(?:big |huge )?fan of|"
                 r"not into|sick of|tired of|fed up with|had enough of|had (?:my|more than my) fill of|no more|enough (?:of )?|never again|"
                 # "im done w sci fi forever"
                 # (a kind of film, not a film nor what was suggested: "I'm done with Heat, what next?")
                 r"(?:i'?m|im|i am|we'?re|we are)\s+(?:so\s+|totally\s+|officially\s+)?(?:done|finished)\s+(?:with|w/?)"
                 rf"(?=\s+(?:all\s+)?{_KIND_STEMS}[\w-]*(?:\s+(?:movies?|films?|stuff|flicks))?"
                 rf"(?:\s*(?:,|and|or|&)\s*{_KIND_STEMS}[\w-]*(?:\s+(?:movies?|films?|stuff|flicks))?)*"
                 # "I'm done with horror after that last one tho, anything else?"
                 r"(?:\s+after\s+(?:that|this)(?:\s+(?:last\s+)?one)?)?(?:\s+(?:tho|though|honestly|tbh|fr|ngl|lol|bro|fam))?"
                 r"\s*(?:forever|for good|for now|for tonight|for a while|now|lol|[,.;!?]|$))|"
                 # "not really a horror person", "not a horror fan": the genre sits between the cue and the noun
                 r"not (?:really |much of |exactly |a big |a huge |big on )*(?:an? )?"
                 r"(?=(?:[a-z'-]+ ){1,3}(?:person|people|fans?|guy|gal|girl|lover|type|buff|kind of (?:person|guy))"
                 r"\b)")
# a film's worth weighed against another's ("not as good as the first"; not "not as long as Heat", a wish for less)
_WEIGHED = r"(?:good|bad|great|fun|funny|scary|strong|clever|entertaining|enjoyable|memorable|exciting|impressive|tense|gripping)"
# a quality said lacking in films shown: "not scary enough", "aren't scary for my friends"
_LACKING = r"\s+(?:(?:very|that|so|really|even|remotely)\s+)?(?:scary|frightening|funny|exciting|romantic|gory)\s+(?:enough|for)\b"
_NOT_NOW_CUES = (r"(?:do|does)n'?t watch|never watch|"
                 # a mood complained of: "not that one, too sad" rules drama out, as "nothing too sad" does
                 r"too(?=\s+(?:sad|depressing|emotional|soppy|mushy|scary|gory|violent)\b)|"
                 # "no actually make it a comedy", "no wait, a thriller": a repair of the request, not a negation
                 r"no(?![\s,!.]+(?:actually|wait|sorry|hang on|make it|i mean|i meant)\b)"
                 # "oh wait no i HAVE seen raising arizona": the "no" takes back what was said, the clause goes on
                 r"(?![\s,!.]+(?:i|we)\s+(?:have|did|do|'ve|had|haven'?t|havent|didn'?t|didnt|never|hadn'?t)\b)|not(?!\s+(?:yet\s+|actually\s+|even\s+)?(?:seen|watched|saw|see|watch)\b)"
                 # "scream 2 was fine, not as good as the first": a film weighed against another, none ruled out
                 r"(?!\s+(?:quite\s+|nearly\s+|half\s+|anywhere\s+near\s+)?(?:as|so)\s+" + _WEIGHED + r"\s+as\b)"
                 # "I'm not done with westerns", "not sick of horror yet": weariness denied, nothing ruled out
                 r"(?!\s+(?:(?:yet|even|ever|really)\s+)?(?:done|finished|over|sick|tired|bored|fed up)\b)"
                 # "I'm not picky re: westerns", "not fussed": no kind ruled out
                 r"(?!\s+(?:(?:too|that|very|really|overly)\s+)?(?:picky|fussy|choosy)\b)"
                 # "the old ones are not scary for my friends", "not funny enough": the films lack it, no kind ruled out
                 r"(?!" + _LACKING + r")|without|w/o|except|nothing|none|avoid|anything but|other than|skip|less|"
                 r"(?:isn'?t|aren'?t)(?!\s+(?:quite\s+|nearly\s+|half\s+|anywhere\s+near\s+)?(?:as|so)\s+" + _WEIGHED + r"\s+as\b)"
                 r"(?!" + _LACKING + r")|"
                 r"(?<!n't )(?<!not )(?<!never )(?:exclude|excluding|leave out|leaving out|(?:(?<=if you )|(?<=if u )|(?<!you )(?<!u )(?<!ya ))left out|omit|omitting)|spare (?:me|us)(?= the\b)|"
                 r"(?:do|does)n'?t want|(?:nobody|no one|noone)(?:'s| is) (?:up for|in the mood for|into|keen on)|"
                 r"(?:nobody|no one|noone) (?:wants?|likes?|fancies)|"
                 r"do not want|not in the mood for|rather not|(?:don'?t|dont|do not|never) (?:show|give|recommend|suggest)(?: me| us)?"
                 r"(?!\s+(?:the same|those|these|them|that|any of (?:those|these|them))\b)|"
                 r"no need for|"
                 # "the 14yo vetoed anything serious"
                 r"veto(?:e?d|es)?|ruled out|rules out|"
                 # "those all sound rather serious", "these look a bit scary", "they're way too violent": said of a list
                 r"(?:those|these|they|them)(?:'re| all| are| both)*\s+(?:(?:all\s+)?(?:sound|look|seem)s?\s+)?"
                 r"(?:rather|a bit|a little|quite|way too|far too|too|very|pretty|kinda|kind of)(?=\s+\w+\s*(?:[,.;!?]|$))")
NEGATIVE = re.compile(rf"\b(?:(?P<dislike>{_DISLIKE_CUES})|(?P<not_now>{_NOT_NOW_CUES}))\b", re.I)
# A lasting dislike said after the genre: "horror isn't my thing", "westerns are not for me"; it reaches back to
# the clause's start.
_DISLIKE_AFTER = re.compile(r"\b(?:isn'?t|is not|'?s not|aren'?t|are not|ain'?t)\s+(?:really\s+|exactly\s+|quite\s+)?"
                            r"(?:my thing|for me|my (?:cup of tea|jam|genre|style|kind of (?:thing|movie|film)s?))\b"
                            r"|\b(?:doesn'?t|does not|don'?t|do not) do (?:it|much|anything) for me\b"
                            # "I find westerns tedious", "we find musicals a bit dull"
                            r"|\b(?:i|we)\s+(?:really\s+|just\s+|always\s+)?find\s+(?:[\w'-]+\s+){1,3}(?:so\s+|very\s+|rather\s+|"
                            r"a bit\s+|a little\s+|terribly\s+|pretty\s+|really\s+|kinda\s+|quite\s+)?(?:tedious|boring|dull|"
                            r"tiresome|dreary|unwatchable|a bore|a chore|a slog|too \w+)\b"

                            # the kind, then "no": "Westerns no, please", "horror? nope"
                            r"|^\s*(?:(?!(?:or|and|yes|any|more|is|are|got|list)\b)[\w'-]+\s*){1,3}[,?!]*\s*\b(?:no|nope|nah)\b"
                            r"(?:[\s,]+(?:thanks|thank you|please|pls))?[\s.!]*$", re.I)
CLAUSE_END = re.compile(r"[,.;!?]|\bbut\b|\bthough\b|\bhowever\b|\binstead\b|\brather\b", re.I)
# Mood and audience words, mapped to the genres the catalogue has (user requests only; LLM answers use
# GENRE_ALIASES alone).
MOOD_GENRES = {
    "funny": "Comedy", "funnier": "Comedy", "sillier": "Comedy", "scarier": "Horror", "creepier": "Horror",
    "hilarious": "Comedy", "laugh": "Comedy", "comedic": "Comedy", "feel-good": "Comedy",
    "something cute": "Comedy", "smth cute": "Comedy", "sth cute": "Comedy", "cute movie": "Comedy", "cute film": "Comedy",
    "cute movies": "Comedy", "cute films": "Comedy",
    "feel good": "Comedy", "lighthearted": "Comedy", "light-hearted": "Comedy", "silly": "Comedy",
    "scary": "Horror", "spooky": "Horror", "creepy": "Horror", "frightening": "Horror", "terrifying": "Horror",
    "gory": "Horror", "slasher": "Horror", "zombie": "Horror",
    "romance": "Romance", "love story": "Romance", "love stories": "Romance", "date night": "Romance",
    "snogging": "Romance", "kissing": "Romance", "smooching": "Romance", "love film": "Romance", "love films": "Romance",
    "love movie": "Romance", "love movies": "Romance", "chick flick": "Romance", "chick flicks": "Romance",
    "rom com": "Romance", "rom-com": "Romance",
    "for kids": "Children's", "for the kids": "Children's", "kid-friendly": "Children's", "kid friendly": "Children's",
    "family-friendly": "Children's", "family friendly": "Children's", "for children": "Children's",
    "for my kids": "Children's", "for the family": "Children's", "for the whole family": "Children's",
    "for the grandchildren": "Children's", "for my grandchildren": "Children's", "for the grandkids": "Children's",
    "for my grandkids": "Children's", "for my granddaughter": "Children's", "for my grandson": "Children's",
    "for the little ones": "Children's",
    # said of the films, singular: "any kid movies from the 90s?", "kiddie stuff" (not "the karate kid")
    "kid movie": "Children's", "kid movies": "Children's", "kid film": "Children's", "kid films": "Children's",
    "kid's movies": "Children's", "kids movie": "Children's", "kids movies": "Children's", "kids film": "Children's",
    "kids films": "Children's", "kids' movies": "Children's", "kid stuff": "Children's", "kiddie": "Children's", "kiddie movies": "Children's",
    "baby stuff": "Children's", "babyish": "Children's", "baby movies": "Children's", "kiddy": "Children's",
    "cartoon": "Animation", "cartoons": "Animation", "pixar": "Animation", "disney": "Animation", "anime": "Animation",
    "thrilling": "Thriller", "suspenseful": "Thriller", "tense": "Thriller", "edge of my seat": "Thriller",
    "action-packed": "Action", "action packed": "Action", "explosions": "Action", "fights": "Action",
    "futuristic": "Sci-Fi", "space": "Sci-Fi", "robots": "Sci-Fi", "time travel": "Sci-Fi",
    "magic": "Fantasy", "magical": "Fantasy", "dragons": "Fantasy", "fairy tale": "Fantasy",
    "whodunit": "Mystery", "whodunnit": "Mystery", "detective": "Mystery", "mysterious": "Mystery",
    "gangster": "Crime", "gangsters": "Crime", "heist": "Crime", "mafia": "Crime", "mob": "Crime", "cop": "Crime",
    "cowboy": "Western", "cowboys": "Western", "sad": "Drama", "tearjerker": "Drama", "emotional": "Drama",
    "serious": "Drama", "singing": "Musical", "songs": "Musical", "dancing": "Musical", "battle": "War",
    "soldiers": "War", "historical": "War", "true story": "Documentary", "real life": "Documentary",
}
# Genre words of the languages people mix into English ("Comédies musicales, please", "Films de guerre", "algo de
# terror"): a closed list, as the catalogue's genres are
OTHER_LANGUAGE_GENRES = {
    # French
    "comédie": "Comedy", "comedie": "Comedy", "film de guerre": "War", "films de guerre": "War",
    "guerre": "War", "drame": "Drama", "horreur": "Horror", "épouvante": "Horror", "policier": "Crime", "polars": "Crime",
    "aventure": "Adventure", "dessin animé": "Animation", "dessins animés": "Animation", "dessin anime": "Animation",
    "dessins animes": "Animation", "romantique": "Romance", "comédie romantique": "Romance", "documentaire": "Documentary",
    "pour enfants": "Children's", "films noirs": "Film-Noir", "film policier": "Crime",
    # Spanish, Portuguese, Italian
    "comedia": "Comedy", "comédia": "Comedy", "commedia": "Comedy", "de terror": "Horror", "acción": "Action",
    "ação": "Action", "aventuras": "Adventure", "de aventura": "Adventure", "animación": "Animation", "animação": "Animation",
    "dibujos animados": "Animation", "desenhos animados": "Animation", "desenho animado": "Animation",
    "cartoni animati": "Animation", "guerra": "War", "ciencia ficción": "Sci-Fi", "ficção científica": "Sci-Fi",
    "fantascienza": "Sci-Fi", "romántica": "Romance", "romántico": "Romance", "romântico": "Romance",
    "romântica": "Romance", "documental": "Documentary", "documentales": "Documentary", "documentário": "Documentary",
    "infantil": "Children's", "infantiles": "Children's", "faroeste": "Western", "suspenso": "Thriller",
    "policíaca": "Crime", "policial": "Crime", "drama": "Drama",
    # German
    "komödie": "Comedy", "komödien": "Comedy", "krimi": "Crime", "kriegsfilm": "War", "kriegsfilme": "War",
    "liebesfilm": "Romance", "liebesfilme": "Romance", "zeichentrick": "Animation", "zeichentrickfilm": "Animation",
    "zeichentrickfilme": "Animation", "horrorfilm": "Horror", "horrorfilme": "Horror", "gruselfilm": "Horror",
    "abenteuerfilm": "Adventure", "kinderfilm": "Children's", "kinderfilme": "Children's",
}
REQUEST_GENRE_WORDS = {**GENRE_ALIASES, **MOOD_GENRES, **OTHER_LANGUAGE_GENRES}
_WORDS_NOT_AGES = dict(REQUEST_GENRE_WORDS)  # the same words, without a child's age read as a kind (`genres_in`)
# countries, their people and their languages, as said of films (a closed list): no filter the catalogue has
_NATIONS = ("kenyan|nigerian|ghanaian|south african|african|scottish|scots|irish|welsh|british|australian|aussie|"
            "kiwi|new zealand|canadian|mexican|brazilian|argentin(?:e|ian)|cuban|swedish|norwegian|danish|finnish|"
            "icelandic|dutch|belgian|polish|czech|hungarian|russian|soviet|ukrainian|greek|turkish|iranian|persian|"
            "israeli|arabic|egyptian|indian|pakistani|bengali|tamil|telugu|thai|vietnamese|filipino|indonesian|"
            "malaysian|singaporean|taiwanese|hong kong|cantonese|mandarin|portuguese|austrian|swiss|scandinavian|"
            "nordic|european|asian|latin american|nollywood|french|spanish|german|italian|japanese|korean|chinese|"
            "hindi|swahili|jamaican|caribbean|trinidadian|haitian|colombian|chilean|peruvian|venezuelan|moroccan|"
            "algerian|tunisian|lebanese|syrian|iraqi|afghan|nepali|sri lankan|bangladeshi|ethiopian|somali|ugandan|"
            "tanzanian|zimbabwean|senegalese|romanian|bulgarian|serbian|croatian|bosnian|slovak|georgian|armenian|"
            "quebecois|québécois|flemish|catalan|basque|galician|estonian|latvian|lithuanian|mongolian|tibetan")
_COUNTRIES = ("kenya|nigeria|ghana|south africa|africa|scotland|ireland|wales|britain|great britain|the uk|uk|england|"
              "australia|new zealand|nz|aotearoa|canada|mexico|brazil|argentina|cuba|sweden|norway|denmark|finland|"
              "iceland|holland|the netherlands|belgium|poland|russia|the soviet union|ussr|ukraine|greece|turkey|iran|"
              "israel|egypt|india|pakistan|thailand|vietnam|the philippines|indonesia|malaysia|singapore|taiwan|"
              "hong kong|china|japan|korea|south korea|france|spain|italy|germany|portugal|austria|switzerland|europe|"
              "asia|latin america|scandinavia|my country|our country|jamaica|the caribbean|trinidad|haiti|colombia|chile|"
              "peru|venezuela|morocco|lebanon|romania|serbia|croatia|quebec|québec|"

              # the catalogue is mostly American, and yet it cannot keep to American films: "anything from the US?"
              "the us|the usa|the u\\.s\\.?|the states|the united states|america")
_LANGUAGES = ("french|spanish|german|italian|japanese|korean|chinese|mandarin|cantonese|hindi|russian|swedish|portuguese|"
              "arabic|swahili|polish|dutch|greek|turkish|tagalog|urdu|tamil|persian|farsi|hebrew|danish|norwegian|finnish|"
              "welsh|irish|gaelic|yoruba|igbo|hausa|pidgin|afrikaans|zulu|xhosa|vietnamese|thai|indonesian|malay|"
              "another language|other languages|a foreign language")
# Things people ask for that the catalogue cannot filter by: the service says so instead of ignoring them.
UNSUPPORTED = {
    # "short" / "long" of a film, not of a day, a story or a time ("after a long day of spreadsheets", "long story
    # short", "as long as it's funny")
    "length": re.compile(r"(?<!\bas )(?<!\bso )(?<!\bstory )\b(?:short|long)(?:er|ish)?\b(?!\s+(?:day|days|week|weeks|time|times|story|"
                         r"night|nights|shift|while|way|weekend|drive|flight|trip|list|run|wait|term|month|months|year|"
                         r"years|haul|hours?|meeting|commute|walk|as|ago|winters?|summers?|autumns?|evenings?|afternoons?|mornings?|"
                         r"holidays?|journey|ride)\b)(?!-)|\b(?:length|runtime|running time|"
                         r"(?:under|below|less than|no more than|no longer than|not over|nothing over|at most|max(?:imum)?(?: of)?) "
                         # "under ninety minutes", "under an hour and a half"
                         r"(?:an?|one|two|three|\d+(?:\.\d)?|(?:forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]\w+)?|"
                         r"(?:a |one )?hundred(?: and \w+)?) ?(?:hours?|hrs?|minutes?|mins?)|\d+ ?(?:minutes?|mins?|hours?|hrs?) or (?:less|under|shorter)|"
                         r"\d+ (?:minutes?|mins?|hours?) long|quick watch)\b", re.I),
    # (not a reason a film was turned down: "not that one, I dont like the actor")
    "cast": re.compile(r"(?<!like the )(?<!stand the )(?<!like that )(?<!stand that )(?<!like this )"
                       r"\b(?:starring|stars?|actors?|actress(?:es)?|directed by|director|with (?:tom|brad|meryl|leonardo|"
                       r"denzel|julia|will|harrison|keanu|al|robert|jack|morgan|scarlett|jennifer) [a-z]+)\b"
                       # a person's name, as capitals, before "movies" or after "with": "some Tom Hanks movies"
                       r"|(?-i:\b[A-Z][a-z]+ [A-Z][a-z]+(?:'s)? (?:movies|films|flicks)\b|\bwith [A-Z][a-z]+ [A-Z][a-z]+\b)", re.I),
    "language": re.compile(r"\b(?:french|spanish|german|italian|japanese|korean|chinese|hindi|bollywood|foreign|"
                           # (not "I don't mind subtitles": no filter asked)
                           r"(?<!don't mind )(?<!dont mind )(?<!do not mind )(?<!fine with )(?<!ok with )(?<!okay with )"
                           r"(?<!happy with )(?<!no problem with )(?<!mind )subtitle[sd]|dubbed|in english|non-english)\b|"
                           # a country or a language said of the films: "any good kenyan movies?", "a Mandarin-language
                           # film", "got any films made here in nz?", "something in swahili"
                           rf"\b(?:{_NATIONS})(?:-language)?\s+(?:films?|movies?|cinema|flicks?|ones|classics?|productions?)\b|"
                           rf"\b(?:films?|movies?|flicks?|ones|anything|something|stuff)\s+(?:made\s+|shot\s+|produced\s+)?"
                           rf"(?:in|from)\s+(?:{_COUNTRIES})\b(?!['’]s)|\bmade\s+(?:here\s+)?in\s+(?:{_COUNTRIES})\b|"
                           rf"\b(?:{_NATIONS}|{_LANGUAGES})-language\b|"
                           # a country said not wanted: "a comedy from the 1980s that isn't American", "not a British one"
                           rf"\b(?:that|which)\s+(?:isn'?t|is\s+not|aren'?t|are\s+not|wasn'?t|weren'?t)\s+(?:{_NATIONS}|american)\b|"
                           # "Only American ones", "just US films", "American-made movies please"
                           r"\b(?:only|just|strictly)\s+(?:american|us|u\.s\.|hollywood)(?:[\s-]made)?\s+(?:ones|films|movies|flicks|stuff)\b|"
                           r"\bamerican[\s-]made\b|\b(?:american|hollywood)\s+(?:ones|films|movies|flicks)\s+only\b|"
                           rf"\bnon[\s-](?:{_NATIONS}|american|hollywood)\b|\bnot\s+(?:an?\s+)?(?:{_NATIONS}|american|hollywood)\s+(?:ones?|films?|movies?)\b|"
                           # "anything in Welsh at all?", "any films in the Irish language?"
                           rf"\b(?:films?|movies?|flicks?|something|anything|ones?|stuff)\s+(?:in|speaking)\s+(?:the\s+)?(?:{_LANGUAGES})\b",
                           re.I),
    "rating": re.compile(r"\b(?:rated (?:r|pg|g)|pg-?13|imdb|rotten tomatoes|oscar|oscars|academy award|award-winning|"
                         r"award winning|critically acclaimed|best reviewed)\b", re.I),
    "streaming": re.compile(r"\b(?:on netflix|on hulu|on prime|on disney\+?|streaming|on amazon|to rent)\b", re.I),
    "series": re.compile(r"\b(?:tv|television) (?:series|shows?)\b|\b(?:series|shows?|sitcoms?|anime series|box ?sets?) to "
                         r"binge\b|\bsitcoms?\b|\bmini-?series\b|\bdocu-?series\b", re.I),
}


# words that hold a genre word and name no genre: "live action just doesn't hit for me" is no dislike of Action
# "my whole family is horrified": the people, not family films (those are "for my family", "a family film")
# a kind said of a country's films is that country's, a filter it has not: "she love Korean drama", "a British comedy
# from the 90s" (said so, with no list of every comedy or of the 90s)
_NATION_KIND = re.compile(rf"\b(?:{_NATIONS}|bollywood)\s+(?:dramas?|comed(?:y|ies)|horrors?|thrillers?|romances?|musicals?|"
                          r"westerns?|action|animations?|cartoons?|anime|documentar(?:y|ies))\b", re.I)
_NOT_A_GENRE = re.compile(r"\blive[- ]action\b|\bneo-?noirs?\b|"
                          # someone's laugh, a noun: "amadeus also superb, that laugh of mozart!!"
                          r"(?<!make )(?<!makes )(?<!made )\b(?:that|this|its)\s+laugh\b(?!-)|"
                          # the verb, not the kind: "I love movies about space", "my kids love films with dinosaurs" (a
                          # "love film" is a kind first, or after a word that picks films: "show me more love films")
                          r"(?<=\w\s)(?<!more\s)(?<!some\s)(?<!any\s)(?<!good\s)(?<!old\s)(?<!the\s)(?<!great\s)(?<!best\s)"
                          r"(?<!few\s)(?<!of\s)(?<!classic\s)(?<!\ba\s)\blove\s+(?=(?:films?|movies?)\b)|"
                          # someone laughing at a person: "my partner Chris laughs at me" (no comedy asked)
                          r"\blaugh(?:s|ed|ing)?\s+at\s+(?:me|us|him|her|them|my|our|his|her|their)\b|"
                          # children as people: "that our children still tease us about"
                          r"\b(?:my|our|his|her|their)\s+(?:children|kids|grandchildren|grandkids)\s+(?:still\s+|always\s+|never\s+)?"
                          r"(?:tease|teased|laugh|laughed|call|called|remind|reminded)\s+(?:us|me|him|her|them)\b|"
                          # a life said to be one: "my life is already a drama", "work has been a total horror show"
                          r"\b(?:life|day|week|year|job|work|thesis|family|marriage)\s+(?:is|was|'s|has been|feels like)"
                          r"\s+(?:already\s+|such\s+|just\s+|like\s+)?(?:a|an)\s+(?:(?:real|total|whole|proper|big|bit of a)\s+)?"
                          r"(?:drama|comedy|horror(?:\s+show|\s+story)?|thriller|musical|western|war(?:\s+zone)?)\b|"
                          # the children as people: "after a day w 3 kids", "the kids are finally out", "kids insisted",
                          # "kids now sleeping in our bed"
                          r"(?:^|(?<=[.!?;,]\s))(?:(?:the|my|our|his|her|their)\s+)?(?:kids|children)\s+(?:now\s+|finally\s+|just\s+|all\s+|both\s+)?"
                          r"(?:insisted|loved|liked|hated|enjoyed|said|fell|went|got|laughed|cried|screamed|"
                          r"sleeping|asleep|begged|chose|picked|had|put)\b|"
                          # "the kids want to watch it again": the film just named, not a kind asked for
                          r"\bkids\s+(?:want|wanna|wants)\s+(?:to\s+)?(?:watch|see)\s+(?:it|that|this|them)\s+again\b|"
                          # "kids these days smh": a remark on the young
                          r"\bkids\s+these\s+days\b|"
                          # the children in a time clause, or doing something, as people: "once the kids go down", "after the
                          # kids are done trick or treating", "the kids sneak downstairs after bedtime"
                          # (not "something for when the kids get home from school": the kids watch then)
                          r"\b(?:once|after|when|till|until|before|while)\s+(?:the|my|our)\s+(?:kids|children)\s+(?:go\s+(?:down|"
                          r"to\s+(?:bed|sleep))|went\s+(?:down|to\s+bed)|are\s+(?:asleep|in\s+bed|down|done|out|gone|away)|"
                          r"have\s+gone|fall\s+asleep|fell\s+asleep)\b|"
                          r"\b(?:the|my|our)\s+(?:kids|children)\s+(?:sneak|sneaks|snuck)\b|"
                          # "the joys of having three kids": a count of children is people
                          r"\bhaving\s+(?:\d|two|three|four|five|six)\s+kids\b(?!\s+(?:movies?|films?|stuff|shows?))|"
                          r"\bafter\s+a\s+(?:long\s+|whole\s+|full\s+)?day\s+(?:with|w/?)\s+(?:my\s+|the\s+|\d\s+|two\s+|three\s+|"
                          r"four\s+)?kids\b|"
                          # "kids are at camp", "kids are away": away, with or without "the"
                          r"\b(?:(?:the|my|our)\s+)?kids\s+(?:are|were|'re)\s+(?:all\s+|both\s+)?(?:away\b|(?:at|with|over at)\s+(?:camp|"
                          r"school|grandma'?s?|granny'?s?|nana'?s?|a\s+sleepover|their\s+(?:dad|mum|mom|father|mother|aunt|uncle|gran)'?s?|"
                          r"the\s+(?:grandparents|in-laws|neighbou?rs))\b)|"
                          r"\b(?:the|my|our)\s+kids\s+(?:are|were|'re)\s+(?:finally\s+|all\s+|both\s+)?(?:asleep|in bed|"
                          r"gone to bed|(?:out|down)(?=\s*(?:[,.;!]|$|for the night))|"
                          # away: "the kids are in the house of the abuela", "... at their dad's", "with their aunt"
                          r"(?:at|in|with|over at)\s+(?:the\s+house\s+of|grandma|granny|nana|abuela|school|camp|"
                          r"a\s+sleepover|the\s+(?:grandparents|in-laws|neighbou?rs))\b)|(?<!for )(?<!with )(?<!the )\b(?:my|our|his|her|their|your|whole|entire)\s+family\b"
                          r"(?![- ]friendly)(?!\s+(?:films?|movies?|flicks?|can|could|will|would|to)\b)", re.I)


# "comédie musicale" is a musical, not a comedy as well
_MUSICAL_COMEDY = re.compile(r"\bcom[ée]dies?\s+musicales?\b")


def _blanked(text: str) -> str:
    """The text with words that hold a genre's name and are no genre of the catalogue blanked ("live action", "my whole
    family")."""
    text = _MUSICAL_COMEDY.sub(lambda m: "musical".ljust(len(m.group())), text.lower())  # one kind, not two
    return _NOT_A_GENRE.sub(lambda m: " " * len(m.group()), text)


_COMPILED: dict[int, tuple[dict, list]] = {}


def _patterns(words: dict[str, str]) -> list[tuple[re.Pattern, re.Pattern, str]]:
    """(the word with a plural, with a plural or possessive, its genre) per word of `words`, longest first;
    compiled once per table (hundreds of words: compiled per message, they overflow re's own cache)."""
    cached = _COMPILED.get(id(words))
    if cached is None or cached[0] is not words or len(cached[1]) != len(words):
        compiled = [(re.compile(rf"(?<![a-z]){re.escape(alias)}s?(?![a-z])"),
                     re.compile(rf"(?<![a-z]){re.escape(alias)}(?:'?s)?(?![a-z])"), genre)
                    for alias, genre in sorted(words.items(), key=lambda kv: -len(kv[0]))]
        cached = _COMPILED[id(words)] = (words, compiled)
    return cached[1]


# an occasion that suggests a kind only where none is named: "something with action for date night" asks for action
_OCCASION = re.compile(r"\bdate\s+night\b", re.I)


def genres_in(text: str, words: dict[str, str] = GENRE_ALIASES) -> list[str]:
    found = []
    lowered = f" {_blanked(text)} "
    if words is REQUEST_GENRE_WORDS and _OCCASION.search(lowered) and (
            named := genres_in(_OCCASION.sub(" ", text), words)):
        return named
    for plural, _, genre in _patterns(words):
        if genre not in found and plural.search(lowered):
            found.append(genre)
    if words is REQUEST_GENRE_WORDS and not found and _CHILD_AGE.search(lowered) and not _FOR_GROWN_UPS.search(lowered):
        found.append("Children's")  # "my nephews are 6 and 8"; "a cartoon for a 6 yr old" asks for the cartoon
    return found


# A young child's age says who the film is for, as "for the kids" does, where no kind of film is named: "my 7 yr
# old", "a six-year-old", "my nephews are 6 and 8", "hes 7" (ages 2 to 11: a teenager's age asks for no children's film)
_YOUNG = r"(?:[2-9]|1[01]|two|three|four|five|six|seven|eight|nine|ten|eleven)"
_CHILD_AGE = re.compile(rf"\b{_YOUNG}[\s-]*(?:yrs?|years?)[\s-]*olds?\b"
                        r"|\b(?:kids|children|nephews?|nieces?|sons?|daughters?|grand(?:kids|children|sons?|daughters?)|"
                        rf"boys|girls|twins)\s+(?:are|is|aged)\s+{_YOUNG}(?:\s*(?:and|&|,)\s*{_YOUNG})*\b(?!\s*\d)"
                        # "hes 7 so nothing scary", "she's only 6"
                        rf"|\b(?:he'?s|she'?s|he is|she is|they'?re|they are)\s+(?:only\s+|just\s+)?{_YOUNG}\b(?!\s*(?:\d|/|%|out of|stars?|"
                        r"times|pm|am|o'?clock|hours?|mins?|minutes?|days?|weeks?|months?|years?(?! old)|foot|feet|ft|inch(?:es)?|"
                        r"kg|kilos?|lbs?|pounds?|percent))", re.I)



def kind_only_an_age(text: str) -> bool:
    """Whether the only kind of film the words name is a child's age ("she's 5 and was screaming at cruella")."""
    return genres_in(text, REQUEST_GENRE_WORDS) == ["Children's"] and not genres_in(text, _WORDS_NOT_AGES)


_FOR_GROWN_UPS = re.compile(r"\b(?:grown[- ]?ups?|adults?|for (?:us|me|myself)|after (?:they'?re|they are) (?:asleep|in bed))\b")


def genre_spans(text: str, words: dict[str, str] = REQUEST_GENRE_WORDS) -> list[tuple[int, int, str]]:
    """(start, stop, genre) of each genre or mood word in `text`, longest words first, none overlapping; with the
    request words, a young child's age too."""
    spans: list[tuple[int, int, str]] = []
    lowered = _blanked(text)
    for _, possessive, genre in _patterns(words):
        for found in possessive.finditer(lowered):
            if all(found.end() <= start or stop <= found.start() for start, stop, _ in spans):
                spans.append((found.start(), found.end(), genre))
    if words is REQUEST_GENRE_WORDS and not spans and not _FOR_GROWN_UPS.search(lowered):
        for found in _CHILD_AGE.finditer(lowered):
            if all(found.end() <= start or stop <= found.start() for start, stop, _ in spans):
                spans.append((found.start(), found.end(), "Children's"))
    return sorted(spans)


# A year said in words after a year's word, as voice typing writes it: "before nineteen seventy", "from like
# nineteen ninety-five", "since two thousand" (not "two thousand maniacs", "nineteen ninety five minutes"); and a
# bound's two digits: "pre-70", "post 85" (not "pre-70s", a decade, "post 10 pm", "pre 12 year olds")
_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NOT_A_YEAR_AFTER = (r"(?![\s-]+(?:minutes?|mins?|hours?|hrs?|times|hundred|thousand|dollars|bucks|movies|films|people|"
                     r"years?|and|" + "|".join(_UNITS + _TEENS + _TENS) + r")\b)")
_YEAR_IN_WORDS = re.compile(
    r"\b(?P<cue>(?:from|before|after|since|in|around|until|till|than|pre|post|circa)[\s-]+(?:(?:like|about|around|say|"
    r"roughly)\s+)?)"
    rf"(?>(?P<nineteen>nineteen)[\s-]+(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-]+(?P<unit>{'|'.join(_UNITS)}))?"
    rf"|(?P<teen>{'|'.join(_TEENS)})|oh[\s-]+(?P<oh>{'|'.join(_UNITS)}))"
    rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?P<millennium>{'|'.join(_UNITS)}))?)\b{_NOT_A_YEAR_AFTER}", re.I)
# a year said as its last two numbers in words after a year's word: "something from ninety eight" (not "from
# twenty five minutes in": from the forties on, and no unit of time or count after it)
_TENS_AND_UNIT = re.compile(r"(?<!\bborn )\b(?P<cue>(?:from|since|before|after)\s+)(?P<tens>forty|fifty|sixty|seventy|"
                            rf"eighty|ninety)[\s-]+(?P<unit>{'|'.join(_UNITS)})\b{_NOT_A_YEAR_AFTER}", re.I)
_SHORT_BOUND = re.compile(r"\b(?P<bound>pre|post)[\s-]?(?P<year>\d{2})\b(?!['’]?s\b)(?![\s-]*(?:%|\+|am|pm|min|mins|"
                          r"minutes?|hours?|hrs?|years?|yrs?|yo|kids?|people)\b)"
                          # "before 75", "after '85", "since 90" (from 30 on, or with its apostrophe: not "after 10")
                          r"|\b(?P<word>before|after|b4)\s+(?:(?:like|about|around|say)\s+)?(?:['’‘](?P<marked>\d{2})|"
                          r"(?P<plain>[3-9]\d))\b(?!['’]?s\b)(?![.:,]\d)(?![\s-]*(?:%|\+|am|pm|min|mins|minutes?|hours?|hrs?|"
                          r"years?|yrs?|yo|kids?|people|degrees|mph|miles|km|pages|dollars|bucks|percent|seconds?|secs?)\b)",
                          re.I)

# two digits for a year with what says "from then on": "like 95 and after", "from 85 on", "80 onwards" (from 30 on:
# "18 and up" is an age, so is "ages 40 and up")
_SHORT_ONWARDS = re.compile(r"(?<![\w$£€/.:'-])(?P<cue>(?:from|since|like|about|around|only|just)\s+(?:(?:like|about|around|say|"
                            r"roughly)\s+)?)(?P<year>[3-9]\d)"
                            r"(?=\s*(?P<after>(?:and|or)\s+(?:after|later|up|newer|beyond|onwards?)|onwards?|on(?=\s*(?:[,.;!?)]|$)))\b)"
                            # "95 onwards" alone (not "40 and up", an age)
                            r"|(?<![\w$£€/.:'-])(?P<bare>)(?P<year2>[3-9]\d)(?=\s*(?P<after2>onwards?)\b)", re.I)

_SHORT_IN_PARENTHESES = re.compile(r"\(\s*['’‘](?P<two>\d{2})\s*\)")
# a year's two digits after "from", marked ("a comedy from '99") or one end of a span of years ("thriller from 99 or
# 2000", "from 97 to 99"); not a time told ("back in '85", "in 96 or 97") nor an amount ("from 80 to 95 minutes")
_SHORT_FROM = re.compile(r"\bfrom\s+(?:['’‘](?P<marked>\d{2})\b|(?P<plain>[3-9]\d)(?=\s*(?:or|and|to|-|–)\s*(?:(?:19|20)\d{2}|['’‘]?\d{2})"
                         r"\b(?![\s-]*(?:%|am|pm|min|mins|minutes?|hours?|hrs?|years?|yrs?|times|people|persons|guests|kids|stars?|"
                         r"pages|dollars|bucks|miles|km|degrees)\b)))"
                         r"(?:(?P<joiner>\s*(?:or|and|to|-|–)\s*)(?:(?P<full>(?:19|20)\d{2})|['’‘]?(?P<second>\d{2})))?\b(?!['’]?s\b)", re.I)


def two_digit_year(two: int) -> int:
    """A year said by its last two digits: "'86" and "pre-70" are 1986 and 1970, "the 05 one" 2005."""
    return (1900 if two >= 30 else 2000) + two


def years_as_digits(text: str) -> str:
    """`text` with years said in words after a year's word written as digits ("before nineteen sixty" -> "before
    1960") and a bound's two digits as a year ("pre-70" -> "pre-1970"), so one reading of years serves them all."""
    def year(found: re.Match) -> str:
        if not found["nineteen"]:
            number = 2000 + (_UNITS.index(found["millennium"].lower()) + 1 if found["millennium"] else 0)
        elif found["tens"]:
            number = 1900 + 10 * (_TENS.index(found["tens"].lower()) + 2) + (
                _UNITS.index(found["unit"].lower()) + 1 if found["unit"] else 0)
        else:
            number = 1910 + _TEENS.index(found["teen"].lower()) if found["teen"] else 1901 + _UNITS.index(
                found["oh"].lower())
        return f"{found['cue']}{number}"

    def short(found: re.Match) -> str:
        if found["word"]:
            return f"{found['word']} {two_digit_year(int(found['marked'] or found['plain']))}"
        return f"{found['bound']}-{two_digit_year(int(found['year']))}"

    def onwards(found: re.Match) -> str:
        if found["year2"]:
            return f"19{found['year2']}"
        if found["after"].lower() == "on" and not found["cue"].lower().startswith(("from", "since")):
            return found.group()  # "like 80 on the list": only "from 80 on" says a year
        return f"{found['cue']}19{found['year']}"

    def in_parentheses(found: re.Match) -> str:  # "Cape Fear ('91)": the year a title is written with
        return f"({two_digit_year(int(found['two']))})"

    def tens_and_unit(found: re.Match) -> str:  # "from ninety eight": 1998
        return f"{found['cue']}19{_TENS.index(found['tens'].lower()) + 2}{_UNITS.index(found['unit'].lower()) + 1}"

    def short_from(found: re.Match) -> str:
        first = f"from {two_digit_year(int(found['marked'] or found['plain']))}"
        if found["joiner"] is None:
            return first
        return first + found["joiner"] + (found["full"] or str(two_digit_year(int(found["second"]))))

    text = _SHORT_IN_PARENTHESES.sub(in_parentheses, text)
    text = _TENS_AND_UNIT.sub(tens_and_unit, _YEAR_IN_WORDS.sub(year, text))
    return _SHORT_FROM.sub(short_from, _SHORT_ONWARDS.sub(onwards, _SHORT_BOUND.sub(short, text)))


# the words of a bound, for a year and for a decade: "before 1990", "pre-90s", "after the 80s"
_OLDER_THAN = r"before|b4|older than|earlier than|pre-?|prior to|predat(?:es?|ed|ing)|made before"
_NEWER_THAN = r"after|newer than|later than|more recent than|post-?|postdat(?:es?|ed|ing)"
_ABOUT = r"(?:(?:like|about|around|say|roughly)\s+)?"  # "before like 1965": "like" is "about" there
YEAR_BOUNDS = re.compile(rf"\b(?P<older>{_OLDER_THAN})\s*{_ABOUT}(?P<year1>(?:19|20)\d{{2}})\b"
                          rf"|\b(?P<newer>{_NEWER_THAN}|since|from after)\s*{_ABOUT}"
                          r"(?P<year2>(?:19|20)\d{2})\b"
                          # the year itself kept: "only films up to and including 1995", "up to 1980"
                          rf"|\b(?P<upto>up to(?: and including)?|up until|"
                          # "only until 1984", "films till 1980" (not a life told: "I lived in Germany until 1992")
                          r"(?:(?<=^)|(?<=only )|(?<=just )|(?<=ones )|(?<=films )|(?<=movies )|(?<=stuff )|(?<=anything )|"
                          r"(?<=something )|(?<=one )|(?<=, ))(?:until|till|til)|through|thru)\s*"
                          rf"{_ABOUT}(?P<year3>(?:19|20)\d{{2}})\b", re.I)


# this year's films: "what would you recommend from this year's releases?", "whats good thats come out this year"
_THIS_YEAR = re.compile(r"\b(?:from|of|out|in|released|made)\s+this\s+year(?:'?s)?\b|\bthis\s+year'?s\s+(?:releases|films|movies)\b",
                        re.I)
# last year's films, and films out now, said without a year: "Anything like that from last year?", "any new releases?",
# "what's in cinemas right now" (years the catalogue may lack, said so)
_LAST_YEAR = re.compile(r"\b(?:from|out|released|made)\s+last\s+year\b|\blast\s+year'?s\s+(?:releases|films|movies)\b",
                        re.I)
_OUT_NOW = re.compile(r"\bnew\s+releases?\b|\b(?:came|come|coming)\s+out\s+(?:recently|lately|this\s+(?:month|week))\b|"
                      r"\bin\s+(?:the\s+)?(?:cinemas?|theaters?|theatres?)\s+(?:right\s+)?now\b|"
                      r"\b(?:from|of)\s+the\s+(?:last|past)\s+(?:few|couple\s+of|two|three)\s+years\b", re.I)
# the newest films the catalogue holds, asked for without a year: "the most new you have", "your latest films", "the
# newest ones you've got"
NEWEST_HELD = re.compile(r"\b(?:the|your)\s+(?:very\s+)?(?:newest|latest|most\s+recent|most\s+new)"
                         # (not "Toy Story 2, the newest one", "have you seen the latest?": a film described)
                         r"(?:(?:\s+(?:ones|films|movies|stuff|titles|releases))?\s+(?:you|u|ya)\s*(?:'ve|\s+have)?\s*"
                         r"(?:have|got|know|get|can\s+(?:find|give))\b|\s+(?:films|movies|releases|titles)\b(?!\s+(?:of|by|with)\b))",
                         re.I)
# A year or a span of years said outright: "from 1985", "made in 1994", "from 2024 or 2025", "between 1980 and
# 1990", "from 1990 on", "the year 2000".
YEARS = re.compile(rf"\b(?:(?:from\s+{_ABOUT}|(?:in|of|made in|released in|around)\s+)(?:the\s+year\s+)?|"
                   r"(?:the\s+)?year\s+|"  # "what about the year 2000 itself", "the newest you have, year 2000"
                   # "newer ones? like 2018, 2019", "then the newest you get, 2000"
                   r"\b(?:newer|more\s+recent|recent|later)(?:\s+(?:ones?|films?|movies?|stuff))?(?:\s+(?:please|pls|plz|then|tho|though))?"
                   r"\s*[?!]*\s*,?\s*(?:like|say|e\.?g\.?|such\s+as)\s+|"
                   r"\bnewest(?:\s+(?:one\s+)?(?:you|u)\s+(?:have|get|got|know))?\s*,\s*|"
                   # ... the years said as a sentence of their own after "newer ones?": "like 2018, 2019."
                   r"^\W*(?:like|say|e\.?g\.?|such\s+as)\s+(?=(?:19|20)\d{2}(?:\s*(?:,|or|and|-)\s*(?:19|20)\d{2})?\s*[.!?]*\s*$))"
                   r"(?P<first>(?:19|20)\d{2})(?!['’]?s\b)"  # not "from 1980s", a decade
                   r"(?:\s*(?:or|and|-|–|to|through|till|until|,(?=\s*(?:19|20)\d{2}\s*(?:[.!?]|$)))\s*(?P<last>(?:19|20)\d{2}|\d{2}(?![\d/%])))?"
                   r"(?P<on>\s*(?:on\b|onwards?|upwards?|or later|and later|or newer|and newer|or after|and after|and up|\+))?"
                   r"(?P<up>\s*(?:or earlier|and earlier|or before|or older|and older))?"
                   # (a count: "2000 movies"; not "newer, like 2020 films", a year past any count said)
                   r"(?![0-9])(?!(?<=19\d\d|2000)\s+(?:movies|films|titles|theaters|screens|people|times|dollars|reviews)\b)|\bbetween\s+(?P<low>(?:19|20)\d{2})\s+and\s+(?P<high>(?:19|20)\d{2})\b"
                   # a span of years alone: "1940-1959 only", "1985 to 1995"
                   # ... or its end in two digits: "Drama, 1970-79"
                   r"|(?<![\d/-])\b(?P<span_low>(?:19|20)\d{2})\s*(?:-|–|to)\s*(?P<span_high>(?:19|20)\d{2}|\d{2})\b(?![\d/-])",
                   re.I)
# a year said of the films, where a request says one: "2000 releases, then", "any good 1994 movies?" (not a count:
# "I've got 2000 movies on Plex", "my dad has 1950 movies on VHS")
_YEAR_OF_FILMS = re.compile(r"(?:^|[.!?,;:]\s*|\b(?:any|some|good|best|great|top|only|just|decent|classic|favou?rite)\s+)"
                            r"(?P<year>(?:19[2-9]|20[0-3])\d)\s+(?:releases?|films|movies|flicks|pictures|ones)\b"
                            # "1990 movies and newer", "1980 films or older": a bound, not that year
                            r"(?!\s*(?:(?:and|or)\s+(?:newer|older|later|earlier|after|before|up|on)|onwards?|\+))", re.I)
# Older or newer than the last list, with no year: "older ones", "something newer", "more recent", "old ones".
# ("from those old ones" points back at the list shown: no step)
_SAME_YEAR = re.compile(r"\b(?:(?:from|of|in)\s+)?(?:the\s+)?(?<!not the )(?<!not )same\s+year\b", re.I)
RELATIVE = re.compile(r"(?<!\bi'm )(?<!\bim )(?<!\bi am )(?<!\bwe're )(?<!\bwe are )(?<!\bi was )(?<!\bi’m )"  # "I'm older than I sound": the speaker
                      r"\b(?:(?P<older>older|earlier|less recent|(?<!those )(?<!these )old(?=\s+(?:ones?|movies?|films?|stuff)\b))"
                      r"|(?P<newer>newer|more recent|more modern|less old"
                      r"|recent(?=\s+(?:ones?|movies?|films?|stuff)\b)))"
                      r"\b(?!\s+than\s+(?:the\s+)?'?\d)"  # "newer than that", not "newer than 1990"
                      # people, not films: "for the older teens", "my older brother"
                      r"(?!\s+(?:teens?|teenagers?|kids?|children|brothers?|sisters?|sons?|daughters?|cousins?|crowd|folks|"
                      r"people|relatives|generation|grandkids|grandchildren|audience|siblings?|ladies|gents|members)\b)", re.I)
# Words that mark a request as changing the last one rather than starting anew: "only comedies", "comedies
# instead", "but older", "westerns too".
_ADJUSTING = re.compile(r"^\s*(?:(?:no|nah|naw|nope)\W+)?(?:but|and|now|just|ok(?:ay)?|then|what about|how about|ideally|"
                        r"preferably)\b|\b(?:only|instead|rather|also|"
                        r"too|as well|same but|this time|make (?:it|that|them|those|'em|em)\b)\b|\bthen\s*[?!.]*\s*$|"
                        # "Re-run the comedy list w/ that in mind": the list shown, again
                        r"\bre-?(?:run|do)\b|\b(?:the|that|those|these|your)\s+(?:list|ones|films|movies|suggestions|picks)\s+again\b|"
                        r"\bsame (?:question|request) again\b|"
                        # "action from the same decade": the last request's years kept
                        r"\b(?:the\s+)?same\s+(?:decade|era|period)\b|\b(?:from|of|in)\s+(?:that|this)\s+(?:decade|era|period)\b|"
                        # "more action pls" after "90s action": the kind said again, the years kept
                        rf"^\W*more\s+{_KIND_STEMS}|"
                        # "crime ones" said after a list: the kind changed, the rest kept
                        r"^\W*(?:(?:and|ok|now|just|so)\s+)?(?:the\s+|some\s+)?[\w-]+\s+ones\b(?:\s+(?:now|then|please|pls|instead))?\W*$|"
                        # "now ones in color from the seventies, same kind of thing": the last request's kind kept
                        r"\bsame\s+(?:kind|sort|type|genre|vibe|style)\b|\bmore of the same\b|"
                        # "so what remains in that genre?", "others of that kind"
                        r"\b(?:in|of|from)\s+(?:that|this|the same)\s+(?:genre|kind|category|vein|line)\b|"
                        # "Any of those a drama?": the list shown, narrowed
                        r"^\W*(?:\w+\W+){0,2}?(?:any|which|are any|is any)\s+of\s+(?:those|these|them)\b", re.I)
# Words that make what a request says hold for the rest of the conversation: a closed list
_STANDING = re.compile(r"\b(?:from now on|from here on(?: out| in)?|going forward|for good|in future|in the future|"
                       # "exclude musicals from everything you suggest to me, without exception"
                       r"without exception|as a (?:general |standing )?rule|(?:a |as a )?standing (?:instruction|order|rule)|"
                       r"(?:from|in|for) (?:everything|anything|all) (?:you (?:suggest|recommend)|from now)|"
                       r"for the rest of (?:the|this) (?:chat|conversation)|"
                       # "always give me war": every list from now on, that kind only
                       r"(?P<always>(?:^|(?<=[.!?,;]))\s*(?:(?:just|please|pls|and|so)\s+)?always\s+(?:give|show|recommend|suggest)\s+(?:me|us)"
                       r"(?!\s+(?:at\s+least|grief|hell|a\s+hard|stick|some\s+stick))))\b", re.I)
# moods a film may be too much of ("too heavy for a monday") and degrees ("too long"): "too" before them is no "also"
_TOO_MUCH = (r"heavy|dark|scary|sad|depressing|violent|serious|intense|bleak|gory|grim|romantic|mushy|soppy|sappy|childish|"
             r"creepy|frightening|much|many|long|old|late|early|slow")
# "comedies too"; not "too heavy for a monday"
_ALSO = re.compile(rf"\b(?:also|too(?!\s+(?:{_TOO_MUCH})\b)|as well)\b", re.I)
# a second request in its own words ("could you also recommend a comedy?"), not "comedies too"
_ALSO_ASKED = re.compile(r"\b(?:(?:could|can|would) you\s+)?also\s+(?:recommend|suggest)\b", re.I)
_ONLY = re.compile(r"\b(?:only|just)\b", re.I)
# "something newer, like from the 90s": "like" before a year is "for example", not a movie to start from.
_A_SCORE = re.compile(r"^(?:a\s+)?\d+(?:\.\d+)?\s*(?:/|out of|outta|of (?=10\b))\s*\d+\b", re.I)
_YEARISH = re.compile(r"^(?:from|in|before|after|around|since|made|released|older|newer|pre|post|the\s+(?:19|20)?\d0'?s)\b"
                      r"|^(?:(?:19|20)\d{2}|(?:19|20)?\d0'?s)\b", re.I)

# what turns a list or a guess down before "not that one": "nah", "meh", "boring, not that one"
TURN_DOWN_WORDS = r"nah|nope|no|meh|hmm+|ugh|eh|naw|boring|booring|yawn|lame"
# "not that one", "none of those" said of a list (bot.messages reads them as "undo" or "no", for a best guess just
# stored or a question open)
REJECTS_SUGGESTION = re.compile(rf"^\s*(?:(?:{TURN_DOWN_WORDS})[\s,!.]+)?(?:not (?:that|this) one|not the (?:first|second|third|last|1st|2nd|3rd) (?:one|film|movie|pick)|wrong (?:one|"
                                r"movie|film)|none of (?:them|those|these)|neither(?: of them)?)\b[\s!.]*"
                                # "not that one, something else": the same rejection, asking for another
                                r"(?:[,;]?\s*(?:something|anything) else|[,;]?\s*another(?: one)?|[,;]?\s*next)?"
                                # "not that one, please, it makes my wife cry": the reason said after it
                                # (not a repair: "not that one, I meant the 1995 one", "no, not that one. I watched Heat")
                                r"(?:[,;.!]\s+(?![^?]*\b(?:meant|mean|it was|watched|saw|second|third|other|looks? good|sounds? good|i'?ll (?:take|watch|go with))\b)[^?]*|[\s!.?]*)$", re.I)

_FILLER_WORDS = re.compile(r"[\s,]*(?:(?:anything|something|movies?|films?|stuff|ones?|made|released|from|that'?s|really|"
                           r"that is|which is|is|are|at all)[\s,]*)*", re.I)


_DECADES_JOINED = re.compile(r"\s*(?:and|or|&|to|through|thru|till|until|-|–|/|,)\s*(?:the\s+)?", re.I)


def decade_start(word: str | None = None, century: str | None = None, digit: str | None = None) -> int:
    """A decade's first year, said in words ("the twenties": 1920, films') or by its digit and maybe its century
    ("90s": 1990, "20s": 2020, "1920s": 1920)."""
    if word:
        return 1900 + 10 * int(DECADE_WORDS[word.lower()])
    return int(f"{century or ('20' if digit in '012' else '19')}{digit}0")


def decade_years(decade: re.Match) -> tuple[int, int]:
    """The first and last year a DECADE match names: "the 90s" 1990-1999, "the twenties" 1920-1929 (films), "the
    20s" 2020-2029, "early 80s" 1980-1984, "late seventies" 1976-1979."""
    start = decade_start(decade["word"], decade["century"], decade["decade"])
    first, last = DECADE_PARTS[" ".join(decade["part"].lower().split())] if decade["part"] else (0, 9)
    return start + first, start + last


# words that describe a film, not name a kind of them: two joined by "and" are one film's ("funny and romantic"),
# where two kinds joined are either ("comedies and dramas")
_KIND_ADJECTIVES = {"funny", "hilarious", "silly", "comedic", "lighthearted", "light-hearted", "feel-good", "romantic",
                    "scary", "spooky", "creepy", "gory", "frightening", "dramatic", "animated", "mysterious", "magical",
                    "thrilling", "suspenseful", "musical", "action-packed"}


# kinds a compound ends in ("action thriller", "crime drama", "horror comedy"); not "horror war or westerns", a list
_HEAD_KINDS = {"Thriller", "Comedy", "Drama", "Horror"}


def _compound_heads(text: str) -> set[str]:
    """The head kinds of the compounds ruled out ("no action-thrillers", "isn't romantic comedy"): only the word that
    narrows it is ruled out (action, romance), not the kind itself, unless that is also named alone."""
    spans = sorted(genre_spans(text, REQUEST_GENRE_WORDS))
    joined = {i for i, (first, second) in enumerate(zip(spans, spans[1:]))
              if first[2] != second[2] and (re.fullmatch(r"\s*-\s*", text[first[1]:second[0]]) or re.fullmatch(
                  r"\s+", text[first[1]:second[0]]) and (text[first[0]:first[1]].lower() in _KIND_ADJECTIVES
                                                        or second[2] in _HEAD_KINDS))}
    heads = {spans[i + 1][2] for i in joined}
    alone = {genre for i, (_, _, genre) in enumerate(spans) if i not in joined and i - 1 not in joined}
    return heads - alone


def _compound(text: str) -> bool:
    """Whether two genre names, or a mood and a genre, stand side by side as one kind of film: "a crime thriller",
    "romantic comedy", "sci-fi horror", "a funny western", "a scary thriller", "sci-fi with action" (not "comedy or
    drama", "comedies, dramas")."""
    spans = genre_spans(text, REQUEST_GENRE_WORDS)
    # "funny AND romantic", "scary and funny": two words that describe one film, joined
    if any(first[2] != second[2] and re.fullmatch(r"\s+(?:and|&|\+)\s+", text[first[1]:second[0]], re.I)
           and text[first[0]:first[1]].lower() in _KIND_ADJECTIVES and text[second[0]:second[1]].lower() in _KIND_ADJECTIVES
           for first, second in zip(spans, spans[1:])):
        return True
    # "romance but funny", "a thriller but scary": both kinds at once
    return any(first[2] != second[2] and re.fullmatch(r"[\s-]*|\s*,?\s*but(?: also)?\s+|\s+(?:with|with (?:some|a lot of|lots of|plenty of|a (?:little )?bit of|a touch of|"
                                                  r"a dash of|a hint of|a little|a few|a splash of|elements of))\s+",
                                                  text[first[1]:second[0]])
               for first, second in zip(spans, spans[1:]))


def _animated_kind(wanted: list[str], text: str) -> bool:
    """"kids movie? animated", "a comedy, animated please": animation is how the other kind is made, so both hold;
    not "cartoons or comedies". "adventure films for the family": who the kind is for, so both hold too."""
    return ("Animation" in wanted or "Children's" in wanted and bool(_FOR_AN_AUDIENCE.search(text))
            and not _FOR_THE_SPEAKER.search(text) and not set(wanted) & _NOT_FOR_CHILDREN) \
        and not re.search(r"\bor\b", text, re.I)


# kinds that hardly hold a children's film: "a scary movie to watch with the kids" is either kind, not both
_NOT_FOR_CHILDREN = {"Horror", "Thriller", "Crime", "War", "Film-Noir", "Mystery"}


# the audience a kind of film is asked for: "adventure films for the family", "a comedy for the kids"
# ... or who watches it with you: "one of adventure for sunday with the kids"
_FOR_AN_AUDIENCE = re.compile(r"\b(?:for|with)\s+(?:the|my|our)\s+(?:whole\s+|entire\s+)?(?:family|kids|children|"
                              r"little ones|grandkids|grandchildren)\b|\bfor\s+(?:a\s+)?family\s+(?:movie\s+)?(?:night|evening|"
                              r"time|day)\b", re.I)
# ... not beside one for the speaker: "a thriller for me and something for the kids"
_FOR_THE_SPEAKER = re.compile(r"\bfor\s+(?:me|us|myself|ourselves|the\s+grown-?ups|the\s+adults)\b", re.I)


# a reason that holds beyond tonight: "nothing w war pls, too heavy after a day w 3 kids" rules war out for good ...
# (words that name no kind themselves: "nothing too scary" rules out horror for tonight only)
_A_REASON = re.compile(r"\btoo\s+(?:heavy|dark|depressing|violent|bleak|grim|intense|upsetting|disturbing)\b"
                       r"(?!\s+for\s+(?!me\b|us\b))|\bgives? me nightmares\b", re.I)  # not "too heavy for the kids"
# ... unless it is said for once: "no horror tonight, too scary"
_FOR_ONCE = re.compile(r"\b(?:tonight|tonite|today|this time|right now|for now|this evening|at the moment|this weekend|"
                       r"this week|visiting)\b", re.I)


_WEARY_CUE = re.compile(r"(?:sick|tired|fed up|had enough|had (?:my|more than my) fill|(?:i'?m|im|i am|we'?re|we are)\s)", re.I)
# a denial right before a word of weariness: "I never get sick of", "I'm not done with" (bot.messages too)
DENIED_BEFORE = re.compile(r"(?:\b(?:never|not|hardly)|n't)\s+(?:\w+\s+){0,2}$", re.I)
# where what is wanted instead begins, ending what is not wanted: "no horror make it funny"
# ... or a "just" after the thing turned down: "i dont want gore just suspense" (not "not just", "just not")
_ASKED_INSTEAD = re.compile(r"\b(?:make it|make that|make them|switch (?:it )?to|go for|give me)\b|"
                            r"(?<=\w\s)(?<!\bnot\s)(?<!\bn't\s)(?<!\bno\s)(?<!'s\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bbe\s)"
                            r"\b(?:just|only)\b(?!\s+(?:not|no|don'?t)\b)", re.I)


def _negative_scopes(text: str) -> list[tuple[int, int, int, bool]]:
    """(cue start, cue end, scope end, states a lasting dislike) for each stretch that says what is not wanted."""
    scopes = []
    reasoned = bool(_A_REASON.search(text)) and not _FOR_ONCE.search(text)
    for cue in NEGATIVE.finditer(text):
        if _WEARY_CUE.match(cue.group()) and DENIED_BEFORE.search(text, 0, cue.start()):
            continue  # "I never get sick of westerns": no kind ruled out
        ends = [m.start() for m in (CLAUSE_END.search(text, cue.end()), _ASKED_INSTEAD.search(text, cue.end())) if m]
        scopes.append((cue.start(), cue.end(), min(ends, default=len(text)), cue["dislike"] is not None or reasoned))
    for cue in _DISLIKE_AFTER.finditer(text):
        start = max((end.end() for end in CLAUSE_END.finditer(text, 0, cue.start())), default=0)
        scopes.append((start, start, cue.end(), True))
    return scopes


def _blank(text: str, start: int, stop: int) -> str:
    return text[:start] + " " * (stop - start) + text[stop:]


# a bound said of a decade: "before the nineties", "pre-90s", "after the 80s", "since the seventies"
_BEFORE_DECADE = re.compile(rf"\b(?:{_OLDER_THAN})\s*$", re.I)
_AFTER_DECADE = re.compile(rf"\b(?:{_NEWER_THAN})\s*$", re.I)
_SINCE_DECADE = re.compile(r"\bsince\s*$", re.I)


# "any year is fine again", "any decade is fine actually, just action": the years of earlier requests and tastes go
ANY_YEAR = re.compile(r"\b(?:any|all|other) (?:years?|eras?|decades?)(?: (?:is|are))? (?:fine|ok(?:ay)?|good)\b|"
                      r"\b(?:older|old|newer|new|recent) (?:movies |films |ones |stuff )?(?:is|are) (?:fine|ok(?:ay)?) "
                      r"(?:again|now|after all)\b|\b(?:any|whatever) (?:year|decade|era)\b", re.I)
# a year and a direction with no preposition: "like 1985 and up", "1990 or later", "1970 and older"
YEAR_AND_UP = re.compile(r"\b(?P<year>(?:19|20)\d{2})\s*(?:(?P<up>and up|and newer|and later|and after|or later|or newer|or after|onwards?|upwards?|\+|"
                          # "newer, like 2015 on": "on" closing the phrase (not "1995 on video")
                          r"on(?=\s*(?:$|[.,!?;)]|please|pls|plz|only|thanks|tho|though|or\s+so)))"
                          r"|and (?:older|earlier|before)|or (?:older|earlier|before))(?!\w)", re.I)


def _bound_negated(body: str, at: int, scopes: list) -> bool:
    """Whether the year bound at `at` is what a negation takes ("nothing older than 1990": from 1990), not a genre
    said between them ("no horror after 1990" rules out the horror only)."""
    return any(cue_end <= at < end and _FILLER_WORDS.fullmatch(body[cue_end:at]) for _, cue_end, end, _ in scopes)


def _decade_window(body: str, decade: re.Match, scopes: list) -> tuple[int | None, int | None]:
    """The years a decade says, with the bound said before it ("before the nineties": up to 1989; "nothing
    before the 90s": from 1990); a decade inside a negation with no bound ("no 80s stuff") sets none."""
    first, last = decade_years(decade)
    said_before = body[:decade.start()]
    inside = any(start <= decade.start() < end for start, _, end, _ in scopes)
    bound = _BEFORE_DECADE.search(said_before) or _AFTER_DECADE.search(said_before) or _SINCE_DECADE.search(said_before)
    # as for a year: "nothing before the 90s" negates the bound, "no horror before the 90s" only the horror
    negated = bound is not None and _bound_negated(body, bound.start(), scopes)
    if bound is not None and bound.re is _BEFORE_DECADE:
        return (first, None) if negated else (None, first - 1)
    if bound is not None and bound.re is _AFTER_DECADE:
        return (None, last) if negated else (last + 1, None)
    if bound is not None:
        return (None, first - 1) if negated else (first, None)
    return (None, None) if inside else (first, last)


_RATHER_THAN = re.compile(r"\b(?:rather than|instead of)\s+", re.I)


def _rather_than_said_apart(text: str) -> str:
    """"Instead of horror let's watch a comedy", "Bradbury rather than explosions": the kind right after "rather than"
    or "instead of" (an article at most between) said as "not <kind>," so the negation ends with it."""
    for said in reversed(list(_RATHER_THAN.finditer(text))):
        kinds = genre_spans(text[said.end():])
        gap = text[said.end():said.end() + kinds[0][0]] if kinds else ""
        if kinds and not re.search(r"[,.;!?]", gap) and len(gap.split()) <= 1:
            stop = said.end() + kinds[0][1]
            text = f"{text[:said.start()]}not {text[said.end():stop]},{text[stop:]}"
    return text


# words said around a kind of film: "animated ones pls", "the scary stuff"
_AROUND_A_KIND = re.compile(r"\b(?:an?|ones?|movies?|films?|flicks?|stuff|things?|pls|please|plz|too|again|only|those|these|"
                            r"the|some|more|of|kind|sort|"
                            # "like the proper old disney ones": words that grade the kind
                            r"proper|real|old|older|oldie|classic|good|new|newer|early|original|nice|actual)\b|[^\w\s]", re.I)


def _a_kind_said(words: str, titles: TitleIndex | None) -> bool:
    """Whether the words after "like" name a kind of film and nothing else ("more like animated ones pls"), not a
    title that holds genre words ("something like Scary Movie")."""
    if not genres_in(words, REQUEST_GENRE_WORDS) or titles is not None and sentence_spans(words, titles):
        return False
    rest = words.lower()
    for _, plural, _ in _patterns(REQUEST_GENRE_WORDS):
        rest = plural.sub(" ", rest)
    return not _AROUND_A_KIND.sub(" ", rest).strip()


# a film to start from said with "after": "After Heat, what should I watch?", "what could I see after Heat?" (checked
# against the catalogue in read_request)
_AFTER_A_FILM = re.compile(r"(?:^\s*(?:and\s+|so\s+|ok\s+)?|\b(?:watch|see|put on)\s+(?:next\s+)?)after\s+"
                           r"(?P<title>.+?)(?=\s*(?:[,;!?]|\.\s|\.$|$))", re.I)
# what follows "After <film>," when the list is to start from the film: a bare ask
_ASK_AFTER_A_FILM = re.compile(r"\s*,\s*(?:so\s+|then\s+|now\s+)?(?:what(?:'s| is)?\s+(?:next|now|should|could|would|can|shall|do)|"
                               r"any(?:thing|\s+ideas|\s+suggestions)?|something|recommend|suggest|give\s+me|got\s+any)\b", re.I)


def read_request(text: str, titles: TitleIndex | None = None) -> Recommend:
    """A request's constraints: genres and moods wanted or not (negation scoped to its clause), a decade or year
    bound (negated too: "nothing older than 1990"), a "like <title>" anchor, titles ruled out ("no more Star
    Wars", with the catalogue's `titles`), and what cannot be filtered by."""
    like = LIKE.search(text) or _AFTER_A_FILM.search(text)
    if like and like.re is _AFTER_A_FILM and (titles is None or (after := whole_title(like["title"], titles)) is None
                                   or after.everyday and not like["title"].strip()[:1].isupper()
                                   or like.start() == 0 and not _ASK_AFTER_A_FILM.match(text, like.end("title"))):
        # "after dinner, what should we watch?", "what should we watch after the game?": no film to start from;
        # "After Titanic, I never want to see another romance": a sentence of its own, no ask
        like = None
    if like and (_YEARISH.match(like["title"].strip()) or _A_SCORE.match(like["title"].strip())
                 or _a_kind_said(like["title"], titles)):
        like = None  # "like from the 90s", "alien 3 like 2/5 tbh", "more like animated ones pls": no movie to start from
    like_title = like["title"].strip().strip("\"'“”") if like else ""
    if re.sub(r"(?:\s+(?:please|pls|plz|too|again|only|lol|thanks|thx))+[\s!.?]*$", "", like_title.lower()) in PRONOUNS:
        like_title = ""  # "more like those": like what was said, the history
    pronoun = re.match(r"(?:it|that|this|those|these|them)\b(?!')(?=\s*(?:$|,|from|before|after|but|in|with|only|please|pls)\b)",
                       like_title, re.I)
    if pronoun:  # "something like that from 1995 or later": like what was said, and the rest asked too
        like_title = ""
    body = _blank(text, like.start("title"), like.start("title") + pronoun.end() if pronoun else like.end("title")) \
        if like else text
    body = _rather_than_said_apart(body)
    scopes = _negative_scopes(body)
    excluded_movies: list[int] = []
    disliked_movies: list[int] = []
    for span in sentence_spans(body, titles, all_tiers=True) if titles is not None else []:
        # a title's words are not genre words ("Star Wars"); inside a negation the title itself is ruled out
        for start, _, end, lasting in scopes:
            if start <= span.start and span.stop <= end:
                excluded_movies += span.movies
                # ... and disliked for good only where the words name the film ("had enough misery with exams":
                # a word)
                disliked_movies += span.movies if lasting and names_a_title(span, body) else ()
        body = _blank(body, span.start, span.stop)
    excluded: list[str] = []
    disliked: list[str] = []
    positive = list(body)
    for start, _, end, lasting in scopes:
        # a compound ruled out for this list narrows it ("more, but no action-thrillers": no action); a lasting
        # dislike of one ("I can't stand romantic comedies") keeps both kinds out
        heads = set() if lasting else _compound_heads(body[start:end])
        for genre in genres_in(body[start:end], REQUEST_GENRE_WORDS):
            if genre in heads:
                continue
            excluded.append(genre) if genre not in excluded else None
            if lasting and genre not in disliked:
                disliked.append(genre)
        positive[start:end] = " " * (end - start)
    # "animated ones that aren't pixar": a kind of film named by its name is wanted, whatever narrower word of it
    # (a studio, a mood) is ruled out
    by_name = genres_in("".join(positive), GENRE_ALIASES)
    ruled_by_name = {g for start, _, end, _ in scopes for g in genres_in(body[start:end], GENRE_ALIASES)}
    narrower = [g for g in excluded if g in by_name and g not in ruled_by_name]
    excluded = [g for g in excluded if g not in narrower]
    disliked = [g for g in disliked if g not in narrower]
    wanted = [g for g in genres_in("".join(positive), REQUEST_GENRE_WORDS) if g not in excluded]
    min_year = max_year = None
    decades = list(DECADE.finditer(body))
    for i, decade in enumerate(decades):  # the first decade that sets a window: "not the 80s, the 90s please"
        window = _decade_window(body, decade, scopes)
        if window != (None, None):
            min_year, max_year = window
            # "the 1930s and 1940s", "the 70s or 80s", "the 60s to the 80s": one window over the decades joined
            later = decades[i + 1] if i + 1 < len(decades) else None
            if (later is not None and window[0] is not None and window[1] is not None
                    and _DECADES_JOINED.fullmatch(body[decade.end():later.start()])):
                last = _decade_window(body, later, scopes)
                if last[1] is not None and last[1] > window[1]:
                    max_year = last[1]
            break
    for bound in YEAR_BOUNDS.finditer(body):
        negated = _bound_negated(body, bound.start(), scopes)  # "nothing older than 1990": from 1990
        if bound["upto"]:  # "up to and including 1995": up to 1995
            year = int(bound["year3"])
            min_year, max_year = (year + 1, max_year) if negated else (min_year, year)
        elif bound["older"]:  # "before 1990": up to 1989; "nothing before 1990": from 1990
            year = int(bound["year1"])
            min_year, max_year = (year, max_year) if negated else (min_year, year - 1)
        else:  # "after 1990": from 1991; "nothing after 1990": up to 1990
            year = int(bound["year2"])
            min_year, max_year = (min_year, year) if negated else (year + 1, max_year)
    one_year_from = False  # "from 1980" alone: that year, or the first of them after "newer"
    for said in YEARS.finditer("".join(positive)):
        one_year_from = False
        if said["low"] or said["span_low"]:
            low, high = int(said["low"] or said["span_low"]), int(said["high"] or said["span_high"])
            if high < 100:  # "1970-79": the end in the start's century
                high += low // 100 * 100 + (100 if high < low % 100 else 0)
            min_year, max_year = sorted((low, high))
        else:
            first, last = int(said["first"]), int(said["last"] or said["first"])
            if last < 100:  # "from 1990-95": the end in the start's century
                last += first // 100 * 100 + (100 if last < first % 100 else 0)
            min_year, max_year = (None if said["up"] else min(first, last)), (None if said["on"] else max(first, last))
            one_year_from = said.group().lower().startswith("from") and not (said["last"] or said["on"] or said["up"])
    if min_year is None and max_year is None and (said := YEAR_AND_UP.search("".join(positive))):
        min_year, max_year = (int(said["year"]), None) if said["up"] else (None, int(said["year"]))
    elif min_year is None and max_year is None and (said := _YEAR_OF_FILMS.search("".join(positive))):
        min_year = max_year = int(said["year"])
    elif min_year is None and max_year is None and _THIS_YEAR.search("".join(positive)):
        min_year = max_year = datetime.date.today().year  # "what's come out this year": a year the catalogue may lack
    elif min_year is None and max_year is None and _LAST_YEAR.search("".join(positive)):
        min_year = max_year = datetime.date.today().year - 1
    elif min_year is None and max_year is None and _OUT_NOW.search("".join(positive)):
        min_year = datetime.date.today().year - 2  # "any new releases?": the last few years
    elif min_year is None and max_year is None and titles is not None and NEWEST_HELD.search("".join(positive)):
        # "then the most new you have": the catalogue's last two years
        min_year = max((m.year for m in titles.catalog.movies if m.year), default=1) - 1
    elif min_year is None and max_year is None and (said := YEAR_AND_UP.search(body)):
        # "(so nothing 1990+)": ruled out, from that year on; "nothing 1960 or older": after it
        min_year, max_year = (None, int(said["year"]) - 1) if said["up"] else (int(said["year"]) + 1, None)
    relative = ""
    for word in RELATIVE.finditer(body):
        negated = any(start <= word.start() < end for start, _, end, _ in scopes)  # "nothing older": newer
        relative = "newer" if bool(word["older"]) == negated else "older"
    if relative == "newer" and one_year_from:
        max_year = None  # "newer, from 1980": from 1980 on
    if not relative and min_year is None and max_year is None and _SAME_YEAR.search(body):
        relative = "same"  # "drama from the same year pls": the year of the film it starts from
    unsupported = tuple(key for key, pattern in UNSUPPORTED.items() if pattern.search(body))
    if _NATION_KIND.search(body):
        wanted, excluded, min_year, max_year, like_title = [], [], None, None, ""
        unsupported = tuple(dict.fromkeys((*unsupported, "language")))
    constraints = Constraints(tuple(wanted), tuple(excluded), min_year, max_year, like_title,
                              all_genres=len(wanted) == 2 and (_compound("".join(positive)) or _animated_kind(wanted, body)))
    # Rules on a closed vocabulary decide whether this changes the last request or starts a new one: a movie to
    # start from starts anew; a relative word, an adjusting word ("only", "instead", "too"), or a request that only
    # sets years or only rules things out changes the last one.
    years_only = (min_year is not None or max_year is not None) and not wanted
    exclusions_only = bool(excluded or excluded_movies) and not wanted and min_year is None and max_year is None
    follow_up = not like_title and bool(relative or _ADJUSTING.search(body) or years_only or exclusions_only)
    if follow_up and wanted and not relative and _ALSO_ASKED.search(body):
        follow_up = False  # "could you also recommend a comedy for the family?": another request, not this one changed
    standing = bool(_STANDING.search(body))  # "only sci-fi from now on", "no horror going forward": for good
    if standing:
        disliked += [g for g in excluded if g not in disliked]
    return Recommend(constraints, unsupported=unsupported, any_year=bool(ANY_YEAR.search(body)), disliked_genres=tuple(disliked),
                     excluded_movies=tuple(dict.fromkeys(excluded_movies)),
                     disliked_movies=tuple(dict.fromkeys(disliked_movies)), follow_up=follow_up,
                     relative=relative, only_genres=tuple(wanted) if standing and (
                         _ONLY.search(body) or _STANDING.search(body)["always"]) else (),
                     # "something the kids can watch too, children's films only": "only" replaces the genres
                     also=follow_up and bool(_ALSO.search(body)) and not _ONLY.search(body))




__all__ = ["CLAUSE_END", "DECADE", "LIKE", "MOOD_GENRES", "NEGATIVE", "NEWEST_HELD", "PRONOUNS", "REJECTS_SUGGESTION", "RELATIVE",
           "TURN_DOWN_WORDS",
           "REQUEST_GENRE_WORDS", "UNSUPPORTED", "ANY_YEAR", "YEARS", "YEAR_AND_UP", "YEAR_BOUNDS", "decade_years", "genre_spans", "genres_in", "kind_only_an_age", "read_request", "two_digit_year"]
