"""The Convention's obligations catalogue: one classified ``Obligation`` per provision.

Gap analysis asks, for each thing the Convention requires, whether national law does it.
So every article paragraph, point and item and every annex part, entry, paragraph, point and
item gets a stable notation ("3.6.a.i", "A.I.1", "C.1.b.ii", "E.I.1.2") and three labels:

* ``strength`` — mandatory / endeavour / permissive / definitional;
* ``addressee`` — party / party-conditional / cop / secretariat / other;
* ``actionable`` — does it ask something of a Party's own law or administration?

The labels come from the wording, by the regex rules below, not from a table per notation, so
a reviewer can see (and argue with) why a provision got its label:

1. Definitions ("... means", "For the purposes of ...:") are definitional.
2. Otherwise the first sentence whose subject names an actor ("Each Party shall", "The
   Conference of the Parties shall") decides: the actor gives the addressee, the modal verb
   the strength, hedges near the modal ("shall endeavour", "as appropriate", "within its
   capabilities") make it an endeavour, and a qualified subject ("A Party with relevant
   sources", "where the Party determines ...") makes the addressee party-conditional.
3. Scope and constitutive sentences without an actor ("shall apply to", "is hereby
   established") are definitional.
4. Points, items and table entries without a verb of their own continue their parent's
   list lead-in ("Each Party shall:"), except that a point opening with an endeavour verb
   ("Endeavour to", "Take measures to", "Promoting") or offered as one option of a menu
   ("one or more of the following") is an endeavour.
5. Annex parts "subject to Article 4, paragraph 1" take the classification of that paragraph.
6. A sentence without an actor whose subject refers back ("The measures shall include ...",
   "Any such withdrawal ...") takes the addressee of the paragraph before it.

A Party obligation is not actionable when it only concerns dealings with the treaty bodies
(notify/submit/report to the Secretariat, COP or Depositary — except national reporting under
Article 21, which needs national data), cooperation between Parties, or the final clauses and
dispute settlement (articles titled "Settlement of disputes", "Amendments", "Ratification ...",
"Entry into force" ..., and the arbitration/conciliation annex).  A provision is also
actionable when one of its sub-provisions is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Instrument, Provision

STRENGTHS = ("mandatory", "endeavour", "permissive", "definitional")
ADDRESSEES = ("party", "party-conditional", "cop", "secretariat", "other")
_PARTY = ("party", "party-conditional")


@dataclass
class Obligation:
    """One classified Convention provision; ``notation`` is how people cite it ("3.6.a")."""

    notation: str
    article: str                 # top-level article number ("3") or annex letter ("A")
    provision: Provision
    text: str
    strength: str
    addressee: str
    actionable: bool
    condition: str = ""


@dataclass(frozen=True)
class _Reading:
    """What the rules concluded about one provision (or a list lead-in)."""

    strength: str
    addressee: str
    condition: str = ""
    procedural: bool = False     # only treaty-body dealings, cooperation or final clauses
    menu: bool = False           # lead-in offers its list as options ("one or more of")

    @property
    def actionable(self) -> bool:
        return self.addressee in _PARTY and self.strength != "definitional" and not self.procedural


# --- wording rules ---------------------------------------------------------------------

_MODAL = re.compile(r"\b(?:shall|may|should|must|undertakes|(?:is|are) (?:encouraged|invited)"
                    r"|(?:is|are) under an obligation)\b")
_DEFINITION = re.compile(r"”(?: \w+)? means\b|\bmeans (?:substances|any|an?)\b|^For the purposes of [^,]*:$"
                         r"|^References to “")
_SCOPE = re.compile(r"\bshall (?:not )?apply\b|\bshall not include\b|\bshall be available\b|\bconcerns\b"
                    r"|\b(?:is|are) excluded from\b|\bhereby (?:established|defined)\b")
_ENDEAVOUR_MODAL = re.compile(r"^(?:should|(?:is|are) (?:encouraged|invited))\b"
                              r"|^(?:shall|must) (?:endeavour|seek to|make every effort)\b")
_HEDGE = r"(?:as appropriate|where appropriate|where feasible|to the extent practicable" \
         r"|within (?:its|their)(?: respective)? capabilities)"
_HEDGED = re.compile(rf"\b(?:shall|undertakes)\b\W+(?:\w+\W+){{0,5}}?{_HEDGE}|{_HEDGE},? shall\b")
_OWN_ENDEAVOUR = re.compile(rf"^(?:Endeavour|Take measures|Taking measures|Consider|Promot(?:e|ing)"
                            rf"|Encourag(?:e|ing)|Supporting|Discourag(?:e|ing))\b|^(?:\S+\W+){{0,3}}?{_HEDGE}")
_MENU = re.compile(r"\b(?:one|two) or more of the\b")
_PASSIVE = re.compile(r"^(?:\w+ )?(?:not |only |also )?be\b")
_PROHIBITION = re.compile(r"^(?:No|no)\b")

_ACTORS = (
    ("cop", re.compile(r"\bConference of the Parties\b")),
    ("secretariat", re.compile(r"\b[Ss]ecretariat\b")),
    ("other", re.compile(r"\b(?:Committee|[Tt]ribunal|[Cc]ommission|Depositary|Secretary-General"
                         r"|Executive Director|Global Environment Facility|Mechanism|Programme"
                         r"|arbitrators?|part(?:y|ies) to (?:the|a) dispute|claimant party)\b")),
    ("party", re.compile(r"(?<!non-)(?<!not a )\bPart(?:y|ies)\b|\bregional economic integration organizations?\b")),
)
_AGENT = re.compile(r"\bby (?:any|each|a|the|all) Part(?:y|ies)\b")

# Conditions found in the subject ("A Party with relevant sources shall ...").
_SUBJECT_CONDITIONS = (
    re.compile(r"\b(?:A|An|Each|Any|a|an|each|any)\s+Party\s+(?:that|which|with|having|\w+ing)\b.*"),
    re.compile(r"\bParties(?: to this Convention)?\s+(?:that|which|with)\b.*"),
    re.compile(r"\b(?:An?|a|an) (?:exporting|importing) Party\b"),
    re.compile(r"\b(?:Developed|developing) country Parties\b"),
)
# Conditions anywhere in the provision's own words.
_CLAUSE_CONDITIONS = (
    re.compile(r"\b(?:if|where|when)\b[^.;:,]*?\bParty determines\b[^.;:,]*", re.I),
    re.compile(r"^For (?:its|their) (?:new|existing) sources\b"),
    re.compile(r"^For Parties to [^,]+"),
)

_TREATY_MATTERS = re.compile(r"\b(?:ratif\w*|accession|acced\w*|Depositary|withdraw from|votes?|amend\w*"
                             r"|register for|dispute|arbitra\w*|conciliation|reservations?|signature)\b", re.I)
_DEALING = re.compile(r"^(?:\w+\W+){0,4}?(?:notify|notifying|inform|submit|transmit|report|provide"
                      r"|communicate|deposit|declare|register|withdraw)\b[^.]*?"
                      r"\b(?:Secretariat|Depositary|Conference of the Parties|Secretary-General)\b", re.I)
_COOPERATION = re.compile(r"^(?:also )?(?:cooperate|coordinate|exchange)\b", re.I)
_NATIONAL_REPORTING = re.compile(r"\bArticle 21\b")

_SUBORDINATE = re.compile(r"^(?:and )?(?:Unless|If|When|Where|Before|After|In|For|To|Notwithstanding"
                          r"|No later than)\b", re.I)
_ANAPHOR = re.compile(r"(?:The|Any|These) (\w+)")
# Articles whose title says they are treaty machinery (disputes, amendments, final clauses).
_MACHINERY_TITLE = re.compile(r"\b(?:Settlement of disputes|Amendments?|amendment of annexes|Right to vote"
                              r"|Signature|Ratification|Entry into force|Reservations|Withdrawal|Depositary"
                              r"|Authentic texts|Arbitration)\b")
_RELATIVE = re.compile(r"\b(?:that|which|whom)\s+(?:the\s+)?$")
_REFERENCE = re.compile(r"subject to Article (\d+), paragraph (\d+)")
_MARKER = re.compile(r"^\s*(?:\d+\.|[a-z]\)|\([ivx]+\))\s*")
_SENTENCE_END = re.compile(r"(?<=[.:])\s+(?=[A-Z“])")


# --- catalogue ---------------------------------------------------------------------------

def catalogue(instrument: Instrument) -> list[Obligation]:
    """Every obligation of the Convention, in document order, classified by the rules above."""
    builder = _Builder(instrument)
    for top in instrument.provisions:
        if top.kind in ("article", "annex"):
            builder.add_top(top)
    return builder.obligations


class _Builder:
    """Walks the provision tree, giving notations and readings, remembering them by notation."""

    def __init__(self, instrument: Instrument):
        self.instrument = instrument
        self.obligations: list[Obligation] = []
        self.readings: dict[str, _Reading] = {}
        self.machinery = False         # inside an article/annex on treaty machinery

    def add_top(self, top: Provision) -> None:
        """An article or annex and everything below it."""
        self.machinery = bool(_MACHINERY_TITLE.search(top.heading))
        reading = self._read(top, None, None, top.number)
        self.readings[top.number] = reading
        position = len(self.obligations)
        self._add_children(top, top.number, reading, top.number)
        if _has_own_obligation(top):
            self._add(top, top.number, reading, top.number, position)

    def _add_children(self, parent: Provision, notation: str, reading: _Reading, article: str) -> None:
        inherited = self._list_reading(parent, reading, article)
        previous = None
        for child in parent.children:
            child_notation = f"{notation}.{child.number}"
            is_list_member = child.kind in ("point", "item", "entry")
            child_reading = self._read(child, inherited if is_list_member else None, previous, article)
            self.readings[child_notation] = child_reading
            position = len(self.obligations)
            self._add_children(child, child_notation, child_reading, article)
            if _has_own_obligation(child):
                self._add(child, child_notation, child_reading, article, position)
            previous = (child_reading, child.text)

    def _add(self, provision: Provision, notation: str, reading: _Reading, article: str,
             position: int) -> None:
        """Insert the obligation before its descendants (added first) to keep document order."""
        descendants = self.obligations[position:]
        actionable = not self.machinery and (reading.actionable or any(o.actionable for o in descendants))
        addressee = reading.addressee
        if addressee == "party" and reading.condition:
            addressee = "party-conditional"
        self.obligations.insert(position, Obligation(
            notation, article, provision, provision.text, reading.strength, addressee,
            actionable, reading.condition))

    # --- reading one provision ----------------------------------------------------------

    def _read(self, provision: Provision, inherited: _Reading | None,
              previous: tuple[_Reading, str] | None, article: str) -> _Reading:
        """Apply rules 1–5 of the module docstring to the provision's own words."""
        raw = _own_text(provision, self.instrument.text)
        reference = _REFERENCE.search(raw) if provision.kind == "part" else None
        if reference and f"{reference.group(1)}.{reference.group(2)}" in self.readings:
            return self.readings[f"{reference.group(1)}.{reference.group(2)}"]
        words = _clean(raw)
        sentences = _sentences(words)
        first = sentences[0] if sentences else ""
        if _DEFINITION.search(first):
            return _Reading("definitional", "other")
        governing = next((s for s in sentences if _actor_clause(s)), None)
        if inherited and not _actor_clause(first):
            governing = None                # "c) Endeavour to identify ... The Secretariat shall ..."
        if governing:
            return _classify(governing, article, _conditions(governing, words, inherited))
        if _SCOPE.search(first):
            return _Reading("definitional", _actor(_main_subject(_subject(first)), strict=False) or "other")
        if inherited:
            return _continue(inherited, words, article)
        modal_sentence = next((s for s in sentences if _MODAL.search(s)), None)
        if modal_sentence:
            return _classify(modal_sentence, article, _conditions("", words, None), previous)
        return _Reading("definitional", "other")

    def _list_reading(self, parent: Provision, reading: _Reading, article: str) -> _Reading:
        """How the parent introduces its list: its last sentence before the first child.

        "If it so determines the Party shall:" (7.3) governs points a)–c), not the paragraph's
        opening "Each Party shall notify the Secretariat"; a lead-in without an actor ("Such
        cooperation may include:") leaves the paragraph's reading in force.
        """
        if not parent.children:
            return reading
        lead = _clean(self.instrument.text[parent.start:parent.children[0].start])
        last = (_sentences(lead) or [""])[-1]
        menu = bool(_MENU.search(last))
        if _MODAL.search(last) and _actor(_subject(last), strict=False):
            condition = _join(reading.condition, _conditions(last, last, None))
            lead_reading = _classify(last, article, condition)
            if lead_reading.strength != "definitional":
                return replace(lead_reading, menu=menu)
        return replace(reading, menu=menu)


def _has_own_obligation(provision: Provision) -> bool:
    """Annexes, and articles split into paragraphs, are only containers of obligations."""
    if provision.kind == "annex":
        return False
    return not (provision.kind == "article" and any(c.kind == "paragraph" for c in provision.children))


def _classify(sentence: str, article: str, condition: str,
              previous: tuple[_Reading, str] | None = None) -> _Reading:
    """Strength, addressee and procedural flag from a sentence with a modal verb.

    A subject without an actor that refers back to the previous paragraph ("The measures
    shall include ..." after "A Party with relevant sources shall take measures") takes
    that paragraph's addressee and condition.
    """
    modal = _MODAL.search(sentence)
    subject, predicate = _main_subject(sentence[:modal.start()]), sentence[modal.start():]
    actor = _actor(subject, strict=False) or ("party" if _AGENT.search(predicate) else None)
    procedural = _procedural(predicate, sentence, article)
    if actor is None and previous is not None and _refers_back(subject, previous[1]):
        reading = previous[0]
        actor, condition = reading.addressee, _join(reading.condition, condition)
        procedural = procedural or reading.procedural
    actor = actor or "other"
    return _Reading(_strength(subject, predicate, sentence), actor,
                    condition if actor == "party" else "", procedural)


def _refers_back(subject: str, previous_text: str) -> bool:
    """"The measures"/"Any such withdrawal": a definite subject the previous text introduced."""
    if re.search(r"\bsuch\b", subject):
        return True
    match = _ANAPHOR.match(subject.strip())
    return bool(match) and re.search(rf"\b{re.escape(match.group(1))}\b", previous_text, re.I) is not None


def _continue(inherited: _Reading, words: str, article: str) -> _Reading:
    """A verbless point or item carries on its parent's lead-in (rule 4)."""
    strength = inherited.strength
    if strength != "definitional" and (inherited.menu or _OWN_ENDEAVOUR.search(words)):
        strength = "endeavour"
    condition = inherited.condition
    if inherited.addressee in _PARTY:
        condition = _join(condition, _clause_conditions(words))
    procedural = inherited.procedural or _procedural(words, words, article)
    return _Reading(strength, inherited.addressee, condition, procedural)


def _strength(subject: str, predicate: str, sentence: str) -> str:
    """Modal verb and hedges → mandatory / endeavour / permissive."""
    if _ENDEAVOUR_MODAL.search(predicate) or _HEDGED.search(sentence):
        return "endeavour"
    if predicate.startswith("may"):
        no_one = _PROHIBITION.search(subject.split(",")[-1].strip()) or predicate.startswith("may not")
        return "mandatory" if no_one else "permissive"
    return "mandatory"


def _procedural(predicate: str, sentence: str, article: str) -> bool:
    """True when the duty is only towards treaty bodies, other Parties, or the treaty itself."""
    action = _MODAL.sub("", predicate, count=1).strip(" ,")
    action = re.sub(r"^(?:(?:endeavour|seek|to)\s+)+", "", action)
    if _TREATY_MATTERS.search(sentence) or _COOPERATION.search(action):
        return True
    reporting = article == "21" or _NATIONAL_REPORTING.search(sentence)
    return bool(_DEALING.search(action)) and not reporting


def _actor_clause(sentence: str) -> bool:
    """Does this sentence have a modal whose (active) subject names an actor up front?"""
    modal = _MODAL.search(sentence)
    if not modal or _PASSIVE.search(sentence[modal.end():].strip()):
        return False
    return _actor(sentence[:modal.start()], strict=True) is not None


def _actor(subject: str, strict: bool) -> str | None:
    """The actor named earliest in ``subject``.

    ``strict`` only accepts an actor within the first words of a comma-separated part of the
    subject (or a "by the Parties" agent), so that "... requirements that the Conference of
    the Parties shall adopt" inside a point does not make the COP its subject.
    """
    found = []
    for name, pattern in _ACTORS:
        for match in pattern.finditer(subject):
            before = subject[:match.start()]
            if strict and _RELATIVE.search(before):
                continue                    # "Criteria that Parties may develop": not the subject
            if not strict or _near_segment_start(subject, match.start()) or _AGENT.search(subject):
                found.append((match.start(), name))
    return min(found)[1] if found else None


def _main_subject(subject: str) -> str:
    """The subject without leading subordinate clauses ("Unless ... by a Party, all exemptions")."""
    segments = subject.split(",")
    while len(segments) > 1 and _SUBORDINATE.search(segments[0].strip()):
        segments.pop(0)
    return ",".join(segments)


def _near_segment_start(text: str, position: int, max_words: int = 5) -> bool:
    segment = text[:position].rsplit(",", 1)[-1]
    return len(segment.split()) <= max_words


def _conditions(governing: str, words: str, inherited: _Reading | None) -> str:
    """The clause(s) that make a Party obligation conditional, as written."""
    found = [inherited.condition] if inherited else []
    subject = governing[:_MODAL.search(governing).start()] if _MODAL.search(governing) else ""
    for pattern in _SUBJECT_CONDITIONS:
        match = pattern.search(subject)
        if match:
            found.append(match.group().strip(" ,"))
            break
    found.append(_clause_conditions(words))
    return _join(*found)


def _clause_conditions(words: str) -> str:
    return _join(*(m.group().strip(" ,") for p in _CLAUSE_CONDITIONS for m in p.finditer(words)))


def _join(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return "; ".join(seen)


# --- text helpers -----------------------------------------------------------------------

def _own_text(provision: Provision, text: str) -> str:
    """The provision's words without those of its children (lead-in plus lead-out)."""
    pieces, cursor = [], provision.start
    for child in provision.children:
        pieces.append(text[cursor:child.start])
        cursor = child.end
    pieces.append(text[cursor:provision.end])
    return " ".join(pieces)


def _clean(raw: str) -> str:
    """Plain words: no headings, footnotes, table pipes, emphasis or leading number."""
    words = re.sub(r"^#{2,4}.*$", " ", raw, flags=re.M)
    words = re.sub(r"<sup>.*?</sup>", " ", words, flags=re.S)
    words = re.sub(r"\|\s*:?-{3,}:?\s*(?=\|)|[|*]", " ", words)
    words = " ".join(words.split())
    return _MARKER.sub("", words)


def _sentences(words: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(words) if s.strip()]


def _subject(sentence: str) -> str:
    modal = _MODAL.search(sentence)
    return sentence[:modal.start()] if modal else sentence
