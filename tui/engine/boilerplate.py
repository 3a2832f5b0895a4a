"""Tell page furniture from content, paragraph by paragraph.

Both sides of a real comparison carry furniture: bylines, photo credits,
share buttons, forum chrome, disclaimers, lone page numbers.  Listed as
"added" or "dropped" it drowns the real differences, so the pipeline labels
it and keeps it out of the way.  :func:`classify` gives each paragraph either
``None`` (content) or a short human reason ("byline", "forum chrome", ...).

Precision matters more than recall: hiding a real sentence is worse than
showing a byline.  Hence every rule is *anchored* (it must describe the whole
paragraph, not a word inside it) and *short* (each rule has a word budget, so
a sentence that merely mentions "follow", "share" or a date stays content).

Three layers, applied in order:

1. :data:`RULES`, a table of self-evident line rules, one row per family
   member: the reason, a compiled regex that must match the whole paragraph,
   the most words such a line may have, and whether it only counts in the
   header/footer zone (a lone "12" ends a web page but numbers a chapter
   inside a book).  Adding a rule is adding a row.
2. Document context: a paragraph in another script or language than the
   body (the body's script and language are measured over its long
   paragraphs), short lines repeated beside furniture, and cookie banners
   only while the document itself does not talk about cookies.
3. Neighbourhood: lines that are only chrome *next to* chrome (a user name
   alone, "Location: Leeds", "bob said:"), grown outwards from lines the
   first layers already labelled as forum chrome, navigation or dates.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from . import regex_cache
from .stoplists import WORD
from .text_density import furniture_by_density

__all__ = ["EDGE_PARAGRAPHS", "MAX_FURNITURE_CHARS", "Rule", "RULES", "classify"]


#: No furniture line is longer: the longest the rules find in the fixtures is 307 characters (a
#: disclaimer), a link alone 115. The bound is what keeps every pattern below fast on any
#: line: a fullmatch of a pattern with nested quantifiers on 50,000 digits took minutes.
MAX_FURNITURE_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of furniture: the whole paragraph must match ``pattern`` within ``max_words``.

    ``edge_only`` rules describe lines that are furniture in a page header or
    footer but may be structure inside a long text (a diary's "3 May 1944",
    a chapter number "12", a scene break "* * *"): they count only among the
    first or last :data:`EDGE_PARAGRAPHS` paragraphs or right next to other furniture.

    No line longer than :data:`MAX_FURNITURE_CHARS` matches any rule.

    ``needs`` lists lower-case fragments one of which every matching line
    contains: a pattern that scans the whole line (``.*`` before a phrase) is
    slow, and most lines hold none of its words, so those are not tried.
    """

    reason: str
    pattern: re.Pattern[str]
    max_words: int
    edge_only: bool = False
    needs: tuple[str, ...] = ()

    def matches(self, text: str, word_count: int) -> bool:
        if word_count > self.max_words or len(text) > MAX_FURNITURE_CHARS:
            return False
        if self.needs and not any(map(_fold_case(text).__contains__, self.needs)):
            return False
        return self.pattern.fullmatch(text) is not None


def _rule(
    reason: str,
    regex: str,
    max_words: int = 8,
    *,
    edge_only: bool = False,
    needs: tuple[str, ...] = (),
) -> Rule:
    """A rule from a verbose, case-insensitive regex (use ``(?-i:...)`` where case matters)."""
    return Rule(
        reason, regex_cache.compile(regex, re.IGNORECASE | re.VERBOSE), max_words, edge_only, needs
    )


# Letters re.IGNORECASE matches to another letter that str.lower() does not give:
# "ſ" is an "s", "ı" and "İ" are an "i", and old Cyrillic forms are their modern letter.
_LIKE_IGNORECASE = str.maketrans(
    {
        "ſ": "s",
        "ı": "i",
        "İ": "i",
        "ᲀ": "в",
        "ᲁ": "д",
        "ᲂ": "о",
        "ᲃ": "с",
        "ᲄ": "т",
        "ᲅ": "т",
        "ᲆ": "ъ",
        "ᲇ": "ѣ",
    }
)


@functools.lru_cache(maxsize=64)  # the rules of one line ask in turn
def _fold_case(text: str) -> str:
    """Lower case as re.IGNORECASE sees it: a fragment the pattern matches is in here."""
    lowered = text.lower()
    return lowered if lowered.isascii() else text.translate(_LIKE_IGNORECASE).lower()


#: How many paragraphs at each end of a document count as its header or footer.
EDGE_PARAGRAPHS = 5


# --- Building blocks -------------------------------------------------------
# All patterns are compiled VERBOSE: whitespace outside character classes is
# ignored, so long alternations are split over lines freely.

# A capitalised name word; the lookahead makes it atomic so "JaneDoe" cannot
# be re-split on failure (keeps matching linear), and the particles let
# "Ana de la Cruz" or "Ludwig van Beethoven" through.
_NAME_WORD = (
    r"(?:(?-i:[A-Z\u00C0-\u00DE][\w'’.\-]*)(?![\w'’.\-])"
    r" | (?:de|van|von|der|den|al|bin|la|le|da|di|du|del)\b)"
)
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME}){{0,4}}"

# "Reporting by", "Additional reporting by", "Editing by", "Photography by" ...
_CREDIT_ROLE = r"""
    (?:additional\s+)?
    (?:reporting|writing|editing|edited|written|reported|compiled|produced|research|fact-checking
      |translation|translated|posted|published|submitted|photography|graphics|design|illustrations?|video)
    (?:\s+and\s+\w+)?\s+by"""
# What may follow the first name of a credit line: more names, connectors
# ("in London", "; Editing by"), and nothing else -- no lowercase verb.
_CREDIT_TAIL = rf"""(?:\s*(?:[;,:&/] | \b(?:and|in|from|at|with|for|of|the)\b
    | {_CREDIT_ROLE}\b | {_NAME_WORD}))*"""

_MONTH = r"""(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
    |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"""
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?"
# Each token ends at a word boundary and separators are non-word characters,
# so a line splits into tokens one way only: no catastrophic backtracking.
# "Last updated" is deliberately not a token: a policy's version stamp is content.
_DATE_TOKEN = rf"""(?:published|updated|posted|first|on|at|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?
    |am|pm|a\.m|p\.m|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|mst|mdt|et|pt|ist|jst|aest
    |ago|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|yesterday|today)\b"""
_DATE_SEP = r"[\s,.:/|·•()+\-–—]*"
# A day with its month, a numeric date, a clock time or "... ago": "June 1944" alone is a heading.
_DAY = r"\b\d{1,2}(?:st|nd|rd|th)?\b"
_DATE_ANCHOR = rf"""(?=.*(?:\b{_MONTH}\b.*{_DAY} | {_DAY}.*\b{_MONTH}\b | \d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}
    | \d{{1,2}}:\d{{2}} | \d+\s+\w+\s+ago\b))"""

_URL = r"[<(\[]?(?:https?://|www\.)\S+?[>)\]]?[.,]?"
_SOCIAL_SITE = r"""(?:twitter|x|facebook|instagram|tiktok|linkedin|threads|bluesky|mastodon|youtube
    |google\s+news|telegram|whatsapp|pinterest|reddit|flipboard|snapchat)"""
_SOCIAL_TARGET = rf"(?:{_SOCIAL_SITE}|@\w+)"
_SOCIAL_TARGETS = rf"{_SOCIAL_TARGET}(?:\s*(?:,|\band\b|&)\s*{_SOCIAL_TARGET})*"
_SHARE_ITEM = rf"""(?:share(?:\s+this(?:\s+(?:article|story|post|page))?)?(?:\s+(?:on|via)\s+{_SOCIAL_SITE})?
    |tweet(?:\s+this)?|e-?mail|print|pin(?:\s+it)?|{_SOCIAL_SITE}|messenger|copy\s+(?:link|url)
    |save(?:\s+article)?|gift(?:\s+this)?\s+article|comments?)"""
_FORUM_ACTION = r"""(?:quote|reply|report|like|likes|unlike|multi-?quote|reply\s+with\s+quote|bookmark
    |permalink|thanks|edit|delete|flag|upvote|downvote|vote|helpful|not\s+helpful|share\s+post|report\s+post)"""
_FORUM_RANK = r"""(?:moderator|super\s+moderator|global\s+moderator|administrator|admin|staff\s+member
    |(?:well-known|senior|junior|new|active|gold|premium|platinum|registered|banned|verified)\s+(?:member|user)
    |member|thread\s+starter|original\s+poster|op)"""
_FORUM_STAT = r"""(?:joined|member\s+since|registered|messages|posts|total\s+posts|threads|reaction\s+score
    |likes\s+received|trophy\s+points|solutions|reputation|karma)"""
_STAT_VALUE = rf"""(?:\d[\d,.]*[km]? | (?:\d{{1,2}}\s+)?{_MONTH}\.?\s+(?:\d{{1,2}},?\s+)?\d{{4}}
    | \d{{4}}-\d{{2}}-\d{{2}} | \d{{1,2}}/\d{{1,2}}/\d{{2,4}})"""
_NAV_ITEM = r"""(?:register|log\s*in|log\s*out|sign\s+in|sign\s+up|sign\s+out|top|back\s+to\s+top|go\s+to\s+top
    |skip\s+to\s+(?:main\s+)?content|skip\s+navigation|toggle\s+navigation|(?:main|open|close)\s+menu|menu
    |forums|what's\s+new|new\s+posts|unread|mark\s+forums\s+read
    |(?:previous|next)\s+(?:thread|page|article|post)
    |next|prev|previous|jump\s+to|go\s+to\s+page|close|loading)"""
_COUNTED = r"""(?:comments?|replies|reply|views?|likes?|shares?|reactions?|votes?|points|retweets?|reposts?
    |responses?|answers?|followers?|tweets?)"""
_AGENCY = r"""(?:reuters|the\s+associated\s+press|associated\s+press|ap|afp|bloomberg|dpa|xinhua|ians|pti|upi
    |tass|efe|ansa|kyodo|pa\s+media|press\s+association)"""
_PHOTO_AGENCY = r"""(?-i:REUTERS|AP\s+Photo|AFP|EPA(?:-EFE)?|Getty\s+Images|Shutterstock|Alamy
    |PA(?:\s+Media|\s+Wire)?|Xinhua|ANP|dpa|picture\s+alliance|AAP|NurPhoto)"""
_STAFF_TITLE = r"""(?:(?:senior|chief|staff|political|business|foreign|science|health|economics
      |technology|sports|special|contributing|deputy|associate|managing|investigative)\s+)*
    (?:writer|reporter|correspondent|editor|columnist|contributor|journalist)"""
_FOREIGN_DISCLAIMER = r"""(?:alle\s+rechte\s+vorbehalten|haftungsausschluss
    |(?:meinung|ansicht)\w*\s+(?:des|der)\s+(?:autors|autorin|verfassers|verfasserin)
    |(?:meinung|ansicht|position)\w*\s+der\s+redaktion
    |tous\s+droits\s+réservés|n'engagent\s+que|les\s+opinions\s+exprimées
    |todos\s+los\s+derechos\s+reservados|las\s+opiniones\s+expresadas
    |tutti\s+i\s+diritti\s+riservati|le\s+opinioni\s+espresse
    |все\s+права\s+защищены|мнение\s+(?:автора|редакции)|точка\s+зрения\s+автора)"""
# One word of each disclaimer above, which every match holds.
_FOREIGN_DISCLAIMER_WORDS = (
    "vorbehalten",
    "haftungsausschluss",
    "autor",
    "verfasser",
    "redaktion",
    "droits",
    "engagent",
    "exprimées",
    "derechos",
    "expresadas",
    "diritti",
    "espresse",
    "защищены",
    "мнение",
    "зрения",
)


# --- The table ---------------------------------------------------------------
# Order matters only where two rows could both match; the first one names it.

RULES: tuple[Rule, ...] = (
    # Bylines: "By Jane Doe", "By Jane Doe and Ali Khan, Reuters", "BY JANE DOE | Updated ...".
    # Names must be capitalised, so "By the end of the year ..." stays content.
    _rule(
        "byline",
        rf"by\s*:?\s+{_NAMES} (?:\s*(?:,|\||[–—-]|\bin\b|\bfor\b)\s*[^.!?]{{0,60}})? \.?",
        16,
    ),
    # Credit lines of wire copy: "Reporting by Jane Doe in London; Editing by Tom Roe".
    # Only names and connectors follow, so "Reporting by Reuters showed ..." is content.
    _rule("byline", rf"[(\[]?\s*{_CREDIT_ROLE}\s+{_NAME_WORD}{_CREDIT_TAIL}\s*[)\]]?\.?", 50),
    # A blog or forum byline with a handle: "Posted by greywater_gus on June 4, 2024".
    _rule(
        "byline",
        r"(?:posted|submitted|shared)\s+by\s+@?[\w.\-]+(?:\s+(?:on|at)\s+[^.!?]{1,40})?",
        10,
    ),
    # "Jane Doe, Senior Political Correspondent".
    _rule(
        "byline", rf"{_NAME}\s*[,|–—-]\s*{_STAFF_TITLE}(?:\s+(?:at|for|in)\s+[^.!?]{{1,40}})?", 12
    ),
    # "The Associated Press contributed to this report."
    _rule(
        "byline", r".*\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?", 20
    ),
    # An agency name alone, as wire copy ends: "(Reuters)", "— The Associated Press".
    _rule("byline", rf"[\s(\[—–-]*{_AGENCY}[\s)\].]*", 4),
    # A line made only of a date and/or time: "March 3, 2024", "Updated 10:12 AM GMT",
    # "Mar 3, 2024 at 10:12 AM", "3 hours ago".  A dateline opening a news paragraph has words.
    _rule(
        "date only", rf"{_DATE_ANCHOR}{_DATE_SEP}(?:{_DATE_TOKEN}{_DATE_SEP})+", 14, edge_only=True
    ),
    # Photo credits and captions: "Photo: Jane Doe", "Graphics: <url>", "(Photo by X/Getty Images)".
    # The label must be followed by ":", "by <Name>" or "credit", so "Photo finishes are rare" is content.
    _rule(
        "credit",
        rf"""[(\[]?\s*(?:(?:cover|file|top|main|header|featured|lead)\s+)?
        (?:photo|photos|photograph|picture|pictures|image|images|graphic|graphics|illustration
          |video|footage|map|chart|infographic|photo\s+credit|image\s+credit)
        \s*(?::|\bby\s+{_NAME}|\bcredit\b|\bcourtesy\b|©).*""",
        50,
    ),
    _rule("credit", r"(?:image|media|video)\s+(?:caption|source)\b.*", 50),
    _rule(
        "credit",
        rf"""[(\[]?\s*(?:(?:image|photo|picture)\s+)?courtesy\s+of\s+(?:the\s+)?{_NAME}
        (?:\s*[/,]\s*[^.!?]{{0,40}})?[)\]]?\.?""",
        10,
    ),
    # A caption ending in its credit, or the credit alone: "Souček after the win. | Foto: Reuters",
    # "… for two years. Source: Supplied", "Foto: LA NACION". Only after a full stop or a bar.
    _rule(
        "credit",
        r"""(?:.*[.|]\s*)?(?:photo|foto|bild|crédit|crédito|credit|source|fuente|fonte|quelle)
        \s*:\s*[^\s:.|][^\s:|]*(?:\s+[^\s:|]+){0,3}""",
        60,
        needs=("photo", "foto", "bild", "cr", "source", "fuente", "fonte", "quelle"),
    ),
    # A caption ending in an agency credit: "A man walks past a shop, March 3. REUTERS/Jane Doe".
    # The agency is matched case-sensitively and a name must follow, so "a Reuters/Ipsos poll" is content.
    _rule(
        "credit",
        rf""".*\b{_PHOTO_AGENCY}(?:\s+via\s+Getty\s+Images)?\s*/\s*{_NAME}
        (?:\s*/\s*file(?:\s+photo)?)?\s*\)?\.?""",
        60,
        needs=("/",),
    ),
    # Share bars and social handles: "Share", "Share this:", "Facebook Twitter Email", "@janedoe".
    _rule("social", rf"(?:{_SHARE_ITEM}\b\s*[:|·•,/]*\s*)+", 10),
    _rule("social", r"(?:@\w{2,}[\s,|·]*)+", 6),
    # "Follow @janedoe", "Follow us on Instagram", "Follow Jane on X @janedoe" -- but not
    # "Follow the money": a handle, a social site or "us" must be there.
    _rule("social", rf"follow\s+us(?:\s+(?:on|at)\s+{_SOCIAL_TARGETS})?[.!:]?", 12),
    _rule("social", rf"follow\b.*(?:(?<!\S)@\w+|\bon\s+{_SOCIAL_SITE}\b).*", 12),
    _rule("social", rf"like\s+us\s+on\s+{_SOCIAL_SITE}.*", 10),
    # Calls to action: newsletters, subscriptions, apps.  Each starts with the imperative.
    _rule(
        "call to action",
        r"""(?:sign\s+up|subscribe|register)\b
        .*\b(?:newsletters?|updates|alerts|briefing|digest|mailing\s+list|inbox)\b.*""",
        25,
    ),
    _rule(
        "call to action",
        r"(?:get|receive|join)\b.*\b(?:newsletters?|briefing|digest|mailing\s+list)\b.*",
        25,
    ),
    _rule("call to action", r"subscribe(?:\s+(?:now|today|here))?[.!]?", 3),
    _rule("call to action", r"click\s+here\b.*", 20),
    _rule("call to action", r"(?:download|get)\s+(?:the|our)\s+(?:\w+\s+)?app\b.*", 15),
    _rule("call to action", r"listen\s+to\s+this\s+(?:article|story)\b.*", 10),
    # A related story's title after its label, in the languages of the dev pages and their
    # neighbours: "Lire aussi : Les critiques de la CNIL", "Lesen Sie auch: …", "Read also: …".
    _rule(
        "link only",
        r"""(?:lire(?:\s+aussi)?|voir\s+aussi|lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema
          |lea\s+también|leer\s+más|ver\s+también|leia\s+(?:também|mais)|veja\s+também
          |read\s+also|also\s+read|see\s+also)\s*:\s*\S.*""",
        25,
    ),
    # Links alone: a URL, "Related: <url>", "Read more: Why rates rose".
    # Only link-list labels: "You can write to us at: <url>" in a policy is content.
    _rule(
        "link only",
        rf"""(?:(?:related|read\s+more|more|see(?:\s+also)?|also\s+read|sources?|via|links?|original(?:\s+article)?
          |full\s+(?:story|article|report)|watch|listen|h/t|hat\s+tip)\s*[:>»\-–—]\s*)?{_URL}""",
        8,
    ),
    _rule(
        "link only",
        r"""(?:related|read\s+more|see\s+also|also\s+read|read\s+also|recommended|more\s+on\s+this(?:\s+story)?
          |related\s+(?:articles?|coverage|stories|content|reading)|more\s+from\s+\w+(?:\s+\w+)?
          |read\s+the\s+full\s+(?:story|article|report)|continue\s+reading|full\s+story)
        \s*(?:[:>»\-–—].*)?""",
        25,
    ),
    _rule("link only", r"\[[^\]]+\]\([^)\s]+\)", 25),
    # Disclaimers, standards notes, copyright.
    # "The views expressed are the author's own": a views phrase, an author, and "own"/"solely"/...
    _rule(
        "disclaimer",
        r"""(?=.*\b(?:views|opinions)\s+(?:expressed|stated|in\s+this)\b)
        (?=.*\b(?:author|writer|contributor|columnist)s?\b)
        (?=.*\b(?:own|solely|alone|necessarily)\b).*""",
        60,
        needs=("views", "opinions"),
    ),
    _rule(
        "disclaimer",
        r".*\bnot\s+necessarily\s+reflect\s+the\s+(?:views?|opinions?|positions?|policy|policies)\s+of\b.*",
        60,
        needs=("necessarily",),
    ),
    _rule("disclaimer", r"our\s+standards\s*:.*", 12),
    _rule("disclaimer", r"disclaimer\s*:.*", 60),
    _rule(
        "disclaimer",
        rf"(?:copyright\s*)?(?:©|\(c\))\s*\S.* | copyright\s+(?:\d{{4}}|by\s+{_NAME_WORD}).*",
        20,
    ),
    _rule("disclaimer", r".*\ball\s+rights\s+reserved\b.*", 20),
    _rule(
        "disclaimer",
        r"""\(?\s*this\s+(?:story|article|post|piece|content)\s+(?:has\s+been|was)\s+
        (?:refiled|corrected|updated|amended)\b.*""",
        40,
    ),
    _rule(
        "disclaimer",
        r"""\(?\s*(?:this\s+(?:story|article|post|piece)\s+(?:has\s+not\s+been|was\s+not|is|was|has\s+been)
          |originally)
        .*\b(?:syndicated|auto-generated|edited\s+by|(?:originally|first)\s+(?:published|appeared)
          |republished|creative\s+commons)\b.*""",
        40,
    ),
    # The same notes in other languages (German, French, Spanish, Italian, Russian).
    _rule("disclaimer", rf".*{_FOREIGN_DISCLAIMER}.*", 60, needs=_FOREIGN_DISCLAIMER_WORDS),
    # Cookie banners: a cookie mention together with a consent prompt.  A document
    # *about* cookies keeps these as content (see _drop_topic_cookie_notices).
    _rule(
        "cookie notice",
        r"""(?=.*\b(?:we|this\s+(?:web)?site|our\s+(?:web)?site|uses?)\b)
        .*\bcookies?\b.*\b(?:accept|agree|consent|continu\w*\s+to\s+(?:use|browse)|learn\s+more|got\s+it
          |manage|preferences)\b.*""",
        60,
        needs=("cookie",),
    ),
    _rule(
        "cookie notice",
        r"""(?:accept|reject|allow)(?:\s+all)?(?:\s+cookies)?
        | manage\s+(?:cookie\s+)?(?:preferences|settings) | got\s+it""",
        4,
    ),
    # A site or company footer: segments joined by "·" or "|", one of them an e-mail, URL or phone.
    # "Quillon Data Systems Ltd · 14 Harbour Row, Port Essel · legal@quillon.example"
    _rule(
        "footer",
        r"""(?=.*(?:\S@\S|https?://|www\.|\+?\d[\d\s()-]{7,}\d))
        [^·|•]{1,80}(?:\s[·|•]\s[^·|•]{1,80}){2,}""",
        25,
        edge_only=True,
    ),
    # Adverts and sponsored slots.
    _rule(
        "advert",
        r"""(?:advertisement|advertising|sponsored(?:\s+content)?|promoted|paid\s+(?:post|content)
          |partner\s+content
          |(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?
          |continue\s+reading\s+(?:the\s+main\s+story|below)|scroll\s+to\s+continue(?:\s+with\s+content)?
          |skip\s+advert(?:isement)?)[.:]?""",
        8,
    ),
    # Forum chrome: member stats ("Joined: Mar 2019"), post numbers, ranks, post actions, quote headers.
    _rule("forum chrome", rf"{_FORUM_STAT}(?:\s*:\s*|\s+){_STAT_VALUE}", 6),
    _rule("forum chrome", r"(?:post\s+)?\#\d{1,6}", 2),
    _rule("forum chrome", _FORUM_RANK, 3),
    _rule("forum chrome", rf"(?:{_FORUM_ACTION}\b\s*[:|·•,/]*\s*)+", 8),
    _rule(
        "forum chrome",
        r"(?:originally\s+posted\s+by|quote\s+from\s*:|last\s+edited(?:\s+by)?\s*:?)\s*\S.*",
        14,
    ),
    _rule(
        "forum chrome",
        r"""thread\s+starter\s+\S.* | click\s+to\s+expand\W*
        | you\s+must\s+log\s+in\s+or\s+register\s+to\s+reply\s+here\.?""",
        12,
    ),
    # A comment section's header under an article: "2 comments on “Issue 85”", "Leave a Reply";
    # and a comment's "Jane Roe wrote on March 11th, 2015 at 02:57:".
    _rule(
        "comments",
        r"""\d[\d,.]*\s+(?:comments?|responses?|replies|thoughts?)\s+(?:on|to)\s+\S.*
        | (?:leave|post|add|write)\s+a\s+(?:reply|comment|response)(?:\s+to\s+\S.*)?""",
        16,
    ),
    _rule(
        "comments",
        r"\S+(?:\s+\S+){0,3}\s+(?:said|wrote|posted|replied)\s+on\s+.{0,40}\d.{0,30}:",
        16,
    ),
    # A wire service's note to its clients, set apart in double brackets:
    # "((For previous columns by the author, Reuters customers can click on ...))".
    _rule("wire notice", r"\(\(.*\)\)", 60),
    # Site navigation: "Register", "Log in", "Top", breadcrumbs, pagers, reading times, tag lists.
    _rule("navigation", rf"(?:{_NAV_ITEM}\b\s*[:|·•,/›»<>«‹]*\s*)+", 8),
    _rule("navigation", r"home(?:\s*[>›»/|]\s*[\w'&-]+(?:\s+[\w'&-]+){0,4})+", 12),
    _rule("navigation", r"page\s+\d+(?:\s+of\s+\d+)?", 4),
    _rule("navigation", r"\d+\s*(?:-\s*)?min(?:ute)?s?\s+read", 4),
    _rule(
        "navigation",
        r"(?:tags|topics|filed\s+under|categories|category|posted\s+in|related\s+topics)\s*:.+",
        30,
    ),
    # Lone numbers and counters: "1", "(2)", "1/12", "12 Comments", "Share 3".
    # "3. Data retention" has words, so it is a heading, not junk.
    _rule(
        "number junk",
        r"[(\[]?\s*\d{1,5}\s*[.)\]]? | \d{1,3}\s*(?:/|of)\s*\d{1,3}",
        3,
        edge_only=True,
    ),
    _rule(
        "number junk",
        rf"\d[\d,.]*[km]?\s*{_COUNTED} | (?:{_COUNTED}|share|tweet)\s*[:(]?\s*\d[\d,.]*[km]?\)?",
        3,
    ),
    # Separators and ornaments: "* * *", "———".
    _rule("decoration", r"[^\w]+", 8, edge_only=True),
)

# Lines that are chrome only next to chrome: a user name alone, "Location: Leeds",
# "bob said:", "Guest", "Online".  Alone they could be a one-word heading.
_NEIGHBOUR_RULES: tuple[Rule, ...] = (
    _rule("forum chrome", r"[\w.\-]{2,30}", 1),
    _rule("forum chrome", r"(?:location|gender|age|status|from|website)\s*:\s*\S.{0,40}", 6),
    _rule("forum chrome", r"\S+(?:\s+\S+){0,2}\s+(?:said|wrote|posted)\s*:", 4),
    _rule("forum chrome", r"online|offline|guest|last\s+seen\b.*", 5),
)
_COOKIE = regex_cache.compile(r"\bcookies?\b", re.IGNORECASE)
# Reasons whose lines seed the neighbourhood growth of _NEIGHBOUR_RULES.
_CHROME_SEEDS = frozenset({"forum chrome", "navigation", "date only"})
_POST_CHROME = frozenset({"forum chrome", "date only"})


def classify(paragraphs: Sequence[str]) -> tuple[str | None, ...]:
    """One entry per paragraph: ``None`` for content, else a short reason it is furniture."""
    texts = [" ".join(p.split()) for p in paragraphs]
    words = [WORD.findall(text.casefold()) for text in texts]  # once, for every layer
    rules: dict[str, Rule | None] = {}  # a repeated line (a menu, a refrain) is matched once
    reasons = _place_edge_rules(
        [
            rules[text] if text in rules else rules.setdefault(text, _line_rule(text))
            for text in texts
        ]
    )
    reasons = _drop_topic_cookie_notices(texts, reasons)
    reasons = _mark_foreign(texts, words, reasons)
    reasons = _mark_repeated(texts, reasons)
    reasons = _mark_comment_counts(texts, reasons)
    contents = _table_of_contents(texts, reasons)
    reasons = ["table of contents" if i in contents else r for i, r in enumerate(reasons)]
    reasons = _grow_chrome(texts, reasons)
    by_density = furniture_by_density(texts, words, reasons)
    return tuple(known or found for known, found in zip(reasons, by_density, strict=True))


def _word_count(line: str) -> int:
    """Words of a line as :func:`classify` normalised it (single spaces, no ends): no second split."""
    return line.count(" ") + 1 if line else 0


def _line_rule(text: str) -> Rule | None:
    """The first :data:`RULES` row describing the whole line, if any."""
    word_count = _word_count(text)
    if not word_count or len(text) > MAX_FURNITURE_CHARS:
        return None
    within = min(word_count, len(_RULES_WITHIN) - 1)
    # Most lines match no row without fragments, which one search tells: only the rows with
    # fragments (cheap to turn down by them) are left to try.
    rows = _RULES_WITHIN[within] if _any_plain_row(within).fullmatch(text) else _NEEDING[within]
    return next((rule for rule in rows if rule.matches(text, word_count)), None)


@functools.cache
def _any_plain_row(words: int) -> re.Pattern[str]:
    """The alternation of the patterns of the rows without ``needs`` that admit a line of
    ``words`` words: it matches a line when one of them does, so a content line is turned down
    by one search, not one per row (each of 99,000 distinct one-word names was tried against
    57 rows). The rows with ``needs`` scan the whole line and are left out."""
    return regex_cache.compile(
        "|".join(
            f"(?:{rule.pattern.pattern}\n)"  # the line end closes a comment
            for rule in _RULES_WITHIN[words]
            if not rule.needs
        ),
        re.IGNORECASE | re.VERBOSE,
    )


# The rows whose word budget admits a line of n words, in table order: a long
# paragraph (most of a book) is not offered to the many short-line rules at all.
_RULES_WITHIN = tuple(
    tuple(rule for rule in RULES if rule.max_words >= n)
    for n in range(max(r.max_words for r in RULES) + 2)
)
# The same rows, those with ``needs`` only.
_NEEDING = tuple(tuple(rule for rule in rows if rule.needs) for rows in _RULES_WITHIN)


def _place_edge_rules(matched: Sequence[Rule | None]) -> list[str | None]:
    """Reasons of the matched rules, dropping edge-only matches in the middle of the text.

    An edge-only match stays when it is in the header or footer, or touches a
    paragraph that a position-free rule labelled (a forum post's timestamp).
    """
    count = len(matched)
    anchored = [rule.reason if rule and not rule.edge_only else None for rule in matched]
    return [
        rule.reason
        if rule
        and (not rule.edge_only or _is_near_edge(i, count) or _touches_furniture(i, anchored))
        else None
        for i, rule in enumerate(matched)
    ]


def _is_near_edge(index: int, count: int) -> bool:
    return index < EDGE_PARAGRAPHS or index >= count - EDGE_PARAGRAPHS


def _drop_topic_cookie_notices(texts: Sequence[str], reasons: list[str | None]) -> list[str | None]:
    """Keep cookie sentences as content when the document itself talks about cookies.

    A privacy policy has a "Cookies" heading and says "we use cookies ... you
    can accept or refuse them": that is its content.  A banner (and its
    "Accept cookies" button) is the only cookie mention on a news page, so a
    single mention anywhere else is enough to keep every cookie line.
    """
    mentioned_elsewhere = any(
        reason != "cookie notice" and "cookie" in _fold_case(text) and _COOKIE.search(text)
        for text, reason in zip(texts, reasons, strict=True)
    )
    if not mentioned_elsewhere:
        return reasons
    return [None if reason == "cookie notice" else reason for reason in reasons]


# --- Scripts and languages -------------------------------------------------

_LONG_PARAGRAPH_LETTERS = 60
_MIN_FOREIGN_LETTERS = 3
_SCRIPT_ALIASES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "IDEOGRAPHIC": "CJK"}

# Frequent function words that are NOT also English words, so English prose
# never scores for another language ("die", "was", "also", "son", "per" are left out).
_STOPWORDS = {
    "en": frozenset(
        "the and of to is are was were that with this have has from not be been which their they would".split()
    ),
    "de": frozenset(
        """der das und ist nicht ein eine einer sich mit auf für dem des von zu sind wird werden oder auch
        dieser diese diesem dieses keine nur bei nach über sie wieder im zum zur wir ich""".split()
    ),
    "fr": frozenset(
        "le la les et est des une du que qui dans pas sur sont cette avec ne au aux leur nous vous été".split()
    ),
    "es": frozenset(
        "el los las y es del que por una se su está están como pero más esta este fue".split()
    ),
    "it": frozenset(
        "il gli della che una sono di nel alla anche questo questa delle degli è".split()
    ),
    "nl": frozenset(
        "het een niet dat zijn voor worden wordt ook naar maar bij deze wij uit".split()
    ),
    "pt": frozenset("os não uma dos das pelo pela são está foram também seu sua".split()),
}
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, stop in _STOPWORDS.items() if word in stop)
    for word in set().union(*_STOPWORDS.values())
}
_MIN_LANGUAGE_HITS = 3
# Another script or language is furniture only while it stays a minority of the text.
_MAX_FOREIGN_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class _ScriptProfile:
    """How many letters a paragraph has, and the script most of them (>= 60 %) are in."""

    script: str | None
    letters: int


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    """The Unicode script family of a letter ("LATIN", "CYRILLIC", "CJK", ...), None for non-letters."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return _SCRIPT_ALIASES.get(first, "CJK" if name.startswith("CJK") else first) or None


def _script_profile(text: str) -> _ScriptProfile:
    if text.isascii():  # plain-text books and licences: every letter is Latin
        letters = len(text) - len(text.translate(_WITHOUT_ASCII_LETTERS))
        return _ScriptProfile("LATIN" if letters else None, letters)
    counts: Counter[str] = Counter()
    for char, n in Counter(text).items():  # distinct characters only: a book has few
        if script := _script(char):
            counts[script] += n
    total = sum(counts.values())
    if not total:
        return _ScriptProfile(None, 0)
    script, count = counts.most_common(1)[0]
    return _ScriptProfile(script if count >= 0.6 * total else None, total)


_WITHOUT_ASCII_LETTERS = str.maketrans("", "", string.ascii_letters)


def _language(words: Sequence[str]) -> str | None:
    """The language whose function words clearly dominate a paragraph's ``words``, if any."""
    function_words = list(filter(_STOPWORD_LANGUAGES.__contains__, words))
    if len(function_words) < _MIN_LANGUAGE_HITS:  # no language can score enough: most lines
        return None
    scores = dict.fromkeys(_STOPWORDS, 0)
    for word in function_words:
        for language in _STOPWORD_LANGUAGES[word]:
            scores[language] += 1
    # Stable: ties go to the language listed first, as Counter.most_common would.
    (best, hits), (_, runner_up) = sorted(scores.items(), key=lambda item: item[1], reverse=True)[
        :2
    ]
    return best if hits >= _MIN_LANGUAGE_HITS and hits >= 2 * runner_up else None


def _body_sample(
    texts: Sequence[str], profiles: Sequence[_ScriptProfile], reasons: Sequence[str | None]
) -> list[int]:
    """Indices that speak for the body: the long unlabelled paragraphs (all unlabelled if none is long).

    Labelled lines are left out so a long disclaimer cannot pass for the body.
    """
    unlabelled = [i for i, reason in enumerate(reasons) if reason is None and texts[i]]
    return [i for i in unlabelled if profiles[i].letters >= _LONG_PARAGRAPH_LETTERS] or unlabelled


def _body_script(profiles: Sequence[_ScriptProfile]) -> str | None:
    """The script holding most letters of the body sample."""
    letters: Counter[str] = Counter()
    for profile in profiles:
        if profile.script:
            letters[profile.script] += profile.letters
    return letters.most_common(1)[0][0] if letters else None


def _body_language(languages: Sequence[str | None]) -> str | None:
    """The language most paragraphs of the body sample are written in, if they tell."""
    counts = Counter(lang for lang in languages if lang)
    return counts.most_common(1)[0][0] if counts else None


def _foreign_reason(
    language: str | None,
    profile: _ScriptProfile,
    body_script: str | None,
    body_language: str | None,
) -> str | None:
    """ "other script" / "other language" when a paragraph is clearly not in the body's."""
    if profile.letters < _MIN_FOREIGN_LETTERS or profile.script is None:
        return None
    if body_script and profile.script != body_script:
        return "other script"
    if body_language and language and language != body_language:
        return "other language"
    return None


def _mark_foreign(
    texts: Sequence[str], words: Sequence[Sequence[str]], reasons: list[str | None]
) -> list[str | None]:
    """Label minority paragraphs written in another script or language than the body.

    A bilingual document is not furniture: when the foreign paragraphs hold
    more than :data:`_MAX_FOREIGN_SHARE` of the letters, nothing is labelled.
    Another script is furniture anywhere (a Cyrillic line in an English
    article); another language in the same script only beside furniture (a
    German disclaimer in the footer), since a French epigraph or a quoted
    Latin motto inside a book is content.
    """
    profiles = [_script_profile(t) for t in texts]
    languages = [_language(w) for w in words]  # once each: the sample and verdicts need them
    sample = _body_sample(texts, profiles, reasons)
    body_script = _body_script([profiles[i] for i in sample])
    body_language = _body_language([languages[i] for i in sample])
    foreign = {
        i: reason
        for i, (language, profile) in enumerate(zip(languages, profiles, strict=True))
        if reasons[i] is None
        and (reason := _foreign_reason(language, profile, body_script, body_language))
    }
    total_letters = (
        sum(profiles[i].letters for i, reason in enumerate(reasons) if reason is None) or 1
    )
    if sum(profiles[i].letters for i in foreign) > _MAX_FOREIGN_SHARE * total_letters:
        return reasons
    return [
        label
        if label == "other script" or (label and _touches_furniture(i, reasons))
        else reasons[i]
        for i, label in ((i, foreign.get(i)) for i in range(len(reasons)))
    ]


# --- Repetition and neighbourhood -------------------------------------------

_MIN_REPEATS = 3
_MAX_REPEATED_WORDS = 6


def _touches_furniture(
    index: int, reasons: Sequence[str | None], kinds: frozenset[str] | None = None
) -> bool:
    """Whether a paragraph next to ``index`` is furniture (of one of ``kinds``, if given)."""
    neighbours = (reasons[j] for j in (index - 1, index + 1) if 0 <= j < len(reasons))
    return any(r is not None and (kinds is None or r in kinds) for r in neighbours)


def _mark_repeated(texts: Sequence[str], reasons: list[str | None]) -> list[str | None]:
    """Label short lines that recur in the document and sit next to furniture at least once.

    A poster's name or a footer link recurs beside chrome; a poem's refrain
    recurs too, but among verses, so it stays content.  Lines with sentence
    punctuation are never taken.
    """
    keys = [_repeat_key(text) for text in texts]
    counts = Counter(k for k in keys if k)
    near = _beside(i for i, reason in enumerate(reasons) if reason is not None)
    beside_furniture = {
        key for i, key in enumerate(keys) if key and counts[key] >= _MIN_REPEATS and i in near
    }
    return [
        "repeated" if reason is None and key in beside_furniture else reason
        for key, reason in zip(keys, reasons, strict=True)
    ]


#: "2 Gedanken zu „Folge 70: Star Trek: Picard“", "3 commentaires sur « … »": a count, at most
#: three words, then a title in quotation marks. Linear on any line: the count starts where a
#: number starts (a run of digits is tried once, not from each of its digits), and the title is
#: taken unstripped (``\s*`` around a lazy group rescans a run of spaces at every step) and
#: stripped where it is used.
_COUNT_OF_TITLE = regex_cache.compile(
    r"(?<![\d.,])\d[\d.,]*\s+(?:\S+\s+){0,3}?[«„“\"‘'‹「](.+?)[»“”\"’'›」]"
)


def _mark_comment_counts(texts: Sequence[str], reasons: list[str | None]) -> list[str | None]:
    """Label "<count> <words> “<a title on the page>”", in any language, a comment section's header.

    The quoted title, short as a heading and repeating another paragraph of
    the page (the headline), is what tells "2 Gedanken zu „Folge 70“" from a
    sentence that quotes.
    """
    lines = {text.casefold() for text in texts}
    return [
        "comments"
        if reason is None
        and (match := _COUNT_OF_TITLE.fullmatch(text))
        and _word_count(title := match.group(1).strip()) <= HEADING_MAX_WORDS
        and title.casefold() in lines
        else reason
        for text, reason in zip(texts, reasons, strict=True)
    ]


#: A table of contents is at least this many lines in a row, each naming a heading further on
#: (the dev half's two tables have 4 and 13 items; 2 to 4 score the same there, 5 loses one).
CONTENTS_MIN_ITEMS = 3
#: A heading has at most this many words; the title of a table of contents at most
#: CONTENTS_TITLE_MAX_WORDS ("Contents", "Table of contents", "Inhalt").
HEADING_MAX_WORDS = 12
CONTENTS_TITLE_MAX_WORDS = 3
#: A line ending with a colon announces a list when it has this many words ("ATF consists of
#: the following components:"); "Contents:" or "Table of contents:" does not.
ANNOUNCING_MIN_WORDS = 4
# "1.2 ", "IV. ", "a) " before a contents line; "[edit]" after a heading.
_SECTION_NUMBER = regex_cache.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.|[a-z]\))\s+")
#: Starts at its bracket and stops at the next one, so a run of brackets or of spaces is read
#: once; the space before it is stripped where it is used.
_BRACKETED_TAIL = regex_cache.compile(r"\[[^\[\]]*\]$")


def _table_of_contents(texts: Sequence[str], reasons: Sequence[str | None]) -> set[int]:
    """The lines of each table of contents, with its title line ("Contents").

    A table of contents is a run of short lines each repeating, in order, a
    heading found later, numbered or not ("1.1 Equality with the adjoint"
    above "Equality with the adjoint[edit]"): the repetition makes it chrome.
    Headings have text between them: lines repeating a run of lines are a
    menu shown twice, not contents. A list that prose announces ("ATF
    consists of the following components:") names headings too, and is text.
    """
    keyed: dict[str, str | None] = {}  # a menu or a refrain repeats: each text is keyed once
    keys = [keyed[t] if t in keyed else keyed.setdefault(t, _heading_key(t)) for t in texts]
    last_seen = {key: i for i, key in enumerate(keys) if key}
    named = [last_seen[key] if key and reasons[i] is None else -1 for i, key in enumerate(keys)]
    contents: set[int] = set()
    for first, end in _runs_naming_lines_below(named):
        if first and _announces(texts[first - 1]):
            continue
        # The title may repeat too ("Contents" in a side menu): then the items start below it.
        for start in (first, first + 1):
            if _names_headings(named[start:end], end):
                title = (
                    start > 0
                    and reasons[start - 1] is None
                    and _is_contents_title(texts[start - 1])
                )
                contents.update(range(start - bool(title), end))
                break
    return contents


def _runs_naming_lines_below(named: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(first, end) of each longest run of lines that repeat a line further down."""
    i = 0
    while i < len(named):
        j = i
        while j < len(named) and named[j] > j:
            j += 1
        if j > i:
            yield i, j
        i = j + 1


def _names_headings(named: Sequence[int], end: int) -> bool:
    """At least CONTENTS_MIN_ITEMS lines below ``end``, in order, with text between each two."""
    return (
        len(named) >= CONTENTS_MIN_ITEMS
        and named[0] >= end
        and all(b - a > 1 for a, b in itertools.pairwise(named))
    )


def _is_contents_title(text: str) -> bool:
    """ "Contents", "Table of contents", "Inhalt:": a few words, no digit, no sentence."""
    return (
        _word_count(text) <= CONTENTS_TITLE_MAX_WORDS
        and not any(map(str.isdigit, text))
        and not text.endswith((".", "!", "?"))
    )


def _announces(text: str) -> bool:
    """Prose ending with a colon: "ATF consists of the following components:" lists them."""
    return text.endswith((":", "：")) and _word_count(text) >= ANNOUNCING_MIN_WORDS


def _heading_key(text: str) -> str | None:
    """A short line without its section number and bracketed tail, case-folded; None if long."""
    if not text or _word_count(text) > HEADING_MAX_WORDS:
        return None
    key = _BRACKETED_TAIL.sub("", _SECTION_NUMBER.sub("", text.casefold(), count=1)).rstrip()
    return key or None


_SENTENCE_PUNCTUATION = regex_cache.compile(r"[.!?,;\"“”]")


def _repeat_key(text: str) -> str | None:
    """The key under which a short, unpunctuated line is counted; None for lines never taken."""
    if not text or _word_count(text) > _MAX_REPEATED_WORDS or _SENTENCE_PUNCTUATION.search(text):
        return None
    return text.casefold()


def _grow_chrome(texts: Sequence[str], reasons: list[str | None]) -> list[str | None]:
    """Label weak chrome candidates that touch chrome, repeatedly, so a block grows as a whole.

    A user name alone is indistinguishable from a one-word heading, except
    that it sits in a run of "Joined:", "Messages:", "Reply" lines.
    """
    grown = list(reasons)
    pending = {i for i, text in enumerate(texts) if grown[i] is None and _is_weak_chrome(text)}
    seeds = [i for i, reason in enumerate(grown) if reason in _CHROME_SEEDS]
    # Wave by wave: a line can only come to touch chrome through a line the last wave labelled
    # (both labels are seeds), so each wave looks beside the last one, not at every line left
    # (which made a run of 100,000 "Reply" lines quadratic).
    while wave := sorted(pending.intersection(_beside(seeds))):
        for i in wave:
            # A word beside a menu is a menu item: only a post's chrome makes a page a forum.
            beside_posts = _touches_furniture(i, grown, _POST_CHROME)
            grown[i] = "forum chrome" if beside_posts else "navigation"
        pending.difference_update(wave)
        seeds = wave
    return grown


def _beside(indices: Iterable[int]) -> set[int]:
    """The paragraphs next to any of ``indices`` (one may be past an end)."""
    return {j for i in indices for j in (i - 1, i + 1)}


def _is_weak_chrome(text: str) -> bool:
    word_count = _word_count(text)
    return any(rule.matches(text, word_count) for rule in _NEIGHBOUR_RULES)
