"""Whom a disclosing sentence shares data *with*: "we share it with mortgage lenders",
"with Amazon and AdMarketplace to verify you navigated". A kind of recipient in lower
case, or a name, that no list of kinds holds: `parties.recipients` adds what this finds
to the kinds it reads by their words.

Most "with"s share with no one ("complying with the law", "a report with more detailed
information", "a person with parental responsibility"), so the object is cut at the first
word that starts something else and kept only when it can be someone: a name `names.who`
calls an organisation, or words in lower case that end in one who does something
("lenders", "researchers") or a body or person ("partners", "other members").
"""

from __future__ import annotations

import re

from lexdocs.review import vocabulary as voc
from lexdocs.review.capitals import CAP_RUN
from lexdocs.review.lexicon import DATA_RE, GROUND_RE, RECIPIENT_RE, SENTENCE, key, lexical
from lexdocs.review.names import NOT_WITH, PRODUCT_NOUNS, who

__all__ = ["disclosing", "shared_with"]


def disclosing(text: str) -> list[str]:
    """The sentences that hand data over or look at it (by their verb)."""
    return [s for s in SENTENCE.split(text) if voc.DISCLOSURE_VERB.search(s)]


def shared_with(text: str, own: frozenset[str], made: frozenset[str],
                defined: frozenset[str]) -> dict[str, str]:
    """The objects of each "with" in `text`'s disclosing sentences that are someone (key →
    as written), grounds for disclosure taken out first; `own`, `made` and `defined` as
    `parties.recipients` has them: the organisation's names, its products, and the terms
    the text defines, which are no one."""
    kinds: dict[str, str] = {}
    for s in disclosing(text):
        s = GROUND_RE.sub(lambda g: " \ue000 " + " " * len(g.group()), s)
        if " and " in s:  # "the Food and Drug Administration" is one body, not two objects
            s = CAP_RUN.sub(lambda n: n.group().replace(" and ", " " + _AND + " "), s)
        for m in _WITH.finditer(s):
            if NOT_WITH.search(s[max(0, m.start() - 40):m.start()]):
                continue  # "complying with …", "provides us with results": no recipient
            then = s[m.end():m.end() + 40].split(None, 1)
            rest = _NAME_GOES_ON.match(s, m.end())
            for part in _coordinated(m.group(1), then[0] if then else ""):
                if rest and part[-1:].isalnum() and m.group(1).endswith(part) and (
                        part.split()[-1][:1].isupper() or part.endswith(_AND)):
                    # a name the five words cut: "with Acme and the Federal Trade
                    # Commission" shares with the Commission, not "Federal Trade"
                    part += rest.group()
                part = part.replace(_AND, "and")
                obj = part.split()
                while obj and obj[0].casefold() in _ONLY:
                    obj.pop(0)  # "with just your friends": your friends
                if (obj and obj[0].casefold() in ("our", "your")) or _OURS.search(part):
                    continue  # "with our website": ours or yours, never a third party's;
                    # so are "members of our Trust and Safety Team"
                while obj and obj[0].casefold() in _DETERMINERS:
                    obj.pop(0)
                if len(obj) > 1 and obj[-1].casefold() in voc.SEAT_WORDS:
                    obj.pop()  # "with Acme Holdings Registered in Ireland": where it sits
                if obj and len(obj) > 1 and _POSSESSIVE.search(obj[0]) and (
                        obj[1].casefold() in _OBJECT_STOP):
                    continue  # "with an individual's consent": consent, given by no recipient
                phrase = " ".join(obj)
                if (obj and obj[0].casefold() not in _OBJECT_STOP
                        and obj[-1].casefold() not in _OBJECT_HEAD_STOP
                        and key(phrase) not in defined
                        and not RECIPIENT_RE.search(lexical(phrase))
                        and not DATA_RE.search(lexical(phrase))
                        and not _THING.search(phrase)
                        # Judged alike in any case: "SHARE" is no acronym here.
                        and who(phrase, own, made) in ("organisation", "term", "acronym")
                        and not re.search(rf"\b(?:{PRODUCT_NOUNS})s?$", phrase, re.I)
                        and (not phrase.islower() or _AGENT.search(phrase))):
                    kinds.setdefault(key(phrase), phrase)
    return kinds


_WITH = re.compile(r"\bwith ((?:[\w'-]+ ){0,4}[\w'-]+)", re.I)
_AND = "\u00aand"
"""An "and" inside a name, written so that no cut finds it ("ª", a letter, for "a"): one
word still, the length it has, so that offsets hold."""
_OURS = re.compile(r"\bof (?:our|your)\b", re.I)
_NAME_GOES_ON = re.compile(r"(?: [A-Z][\w'-]*)+")
_OBJECT_CUT = re.compile(r"\b(?:and|or|for|to|in|who|whom|that|which|if|when|unless|as|so|"
                         r"because|by|on|at|from|under|including|such|where|whose|via|"
                         # a clause joined to the sentence: "share information with Meta but
                         # don't necessarily use our Products" (Facebook's) shares with Meta
                         r"but|yet|while|whilst|although|though|whereas|whether|after|before|"
                         r"until|once|since|"
                         # a verb of the sentence after its subject: "content created with
                         # other users is flagged" (Snap's) shares with "other users"
                         r"is|are|was|were|has|have|had|will|would|may|might|can|could|"
                         r"must|shall|should|"
                         # where the reader is sent next, its comma lost: "information that
                         # WhatsApp shares with Meta see the WhatsApp Help Center article"
                         # (Instagram's) shares with Meta; "See Tickets" is a name
                         r"(?-i:see|visit|read|refer|click|learn))\b", re.I)
_ONLY = frozenset(["just", "only", "even", "solely", "exclusively", "directly", "also"])
_DETERMINERS = frozenset(["a", "an", "the", "our", "their", "its", "certain", "other", "some",
                          "select", "selected", "trusted", "either", "both", "neither"])
# What a "with" shares when it is no one: "a report with more detailed information".
_THING = re.compile(r"\b(?:information|data|details|content|contents)\b", re.I)
_COORDINATE = re.compile(r"^(?:and|or|and/or)$", re.I)


def _coordinated(objects: str, then: str = "") -> list[str]:
    """The objects of a "with" joined by "and", "or" or a comma, up to the first word
    that starts something else: "with Amazon and AdMarketplace to verify you navigated"
    shares with two, and "verify" is what for. A last word joined by "or" that a
    determiner follows in the sentence (`then`) is a verb with its object, another
    clause: "with third party services or permit this kind of …" shares with one."""
    out: list[str] = []
    pieces = _OBJECT_CUT.split(objects)
    cuts = _OBJECT_CUT.findall(objects)
    if not pieces[0].strip():
        # "whom we share it with and the controls we give you" (Snap's privacy policy): a
        # "with" that ends its clause, its object before it, shares with nothing after it
        return []
    for i, piece in enumerate(pieces):
        if (i == len(pieces) - 1 and i and len(piece.split()) == 1
                and then.casefold() in _CLAUSE_OBJECT):
            break
        if (i and piece.strip().casefold() in _INFINITIVE_VERB and i < len(cuts)
                and cuts[i].casefold() == "to"):
            break
        out.append(piece)
        if i < len(cuts) and not _COORDINATE.match(cuts[i]):
            break
    return out


_CLAUSE_OBJECT = frozenset(str.split("this that these those the a an any our your their its"))


_OBJECT_STOP = frozenset(str.split(
    "you your us it them this that these those care respect regard regards any all the applicable "
    "law laws our consent permission world effect effects result results expectation "
    "expectations understanding intention tools tool "
    # a preposition: the sentence's object came before the "with" ("the third parties we
    # have shared it with over the past 12 months", Quora's privacy policy)
    "over during within since until after before about across through throughout into upon "
    "between among "
    # what comes with each item sent: "the opt-out directions sent with each text" (Parler's)
    "each every "
    # the means, not a recipient: "with the help of automated systems" (LinkedIn's)
    "help assistance aid use"))
_OBJECT_HEAD_STOP = frozenset(str.split("consent permission responsibility responsibilities"))
"""The last word of a "with" object that is what someone has, not who they are: "a person
with parental responsibility" (WeChat's), "with prior consent"."""
_AGENT = re.compile(
    r"(?:[a-z]{2}(?:er|or|ist|ant|(?<!m)ent|ian|ee|ary|arie)s?|"
    r"\b(?:partners?|affiliates?|compan(?:y|ies)|firms?|entit(?:y|ies)|organi[sz]ations?|"
    r"institutions?|agenc(?:y|ies)|authorit(?:y|ies)|bod(?:y|ies)|groups?|people|persons?|"
    r"individuals?|members?|friends?|famil(?:y|ies)|users?|part(?:y|ies)|teams?|staff|"
    r"business(?:es)?|banks?|schools?|universit(?:y|ies)|hospitals?|governments?|police|"
    r"courts?|child(?:ren)?|parents?|guardians?|colleagues?|contacts?|followers?|"
    r"communit(?:y|ies)|public|networks?|platforms?|services?|sites?|apps?|brands?|"
    r"merchants?|sellers?|buyers?|creators?|experts?|professionals?|clients?|customers?|"
    r"peers?|recipients?|others?|institutes?|associations?|foundations?|charit(?:y|ies)|"
    r"societ(?:y|ies)|clubs?|unions?|councils?|boards?|committees?|departments?|offices?|"
    r"ministr(?:y|ies)))$")
"""The last word of a "with" object in lower case that is someone: one who does
something ("mortgage lenders", "researchers", "employees"), or a person or body by name
("partners", "other members", "third-party services"). "Content … with adult nudity
given the non-pornographic context" (Pinterest's community guidelines) named none, nor did
"take action with reports of intellectual property infringement" (Spotify's): a noun in
"-ment" names a thing, not one who does it."""
_INFINITIVE_VERB = frozenset(str.split(
    "want wants wish wishes need needs like choose chooses decide decides agree agrees "
    "intend intends plan plans hope hopes seek seeks try tries refuse refuses elect elects "
    "opt opts continue continues"))
"""A verb joined to a "with" object by "and", before "to": "a person with parental
responsibility and want to know more" (WeChat's) was "a third party was added (want)"."""


_POSSESSIVE = re.compile(r"['’]s$")
