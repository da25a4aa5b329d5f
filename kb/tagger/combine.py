"""Turn rule signals, classifier probabilities and instrument context into article decisions.

Per article, a *rule score* comes from lexicon hits: a strong (Minamata-specific) term counts
fully, a topic term counts when a mercury anchor is close, less when the anchor is further away
in the provision, and less again when only the instrument context supplies the mercury
(vague "weak" terms at a discount).  The final score mixes it with the textcat probability,
``weight * rule + (1 - weight) * textcat``, and an article is assigned above its threshold
(a shared one plus a per-article shift).  All of these are calibrated on held-out predictions
of training data only (:func:`kb.tagger.train.calibrate`), never on the items being scored.

Then the conventions of GUIDELINES.md that need more than one provision: definitions that
never name mercury take nothing; an article that only gives force to an annex takes the
annex's labels (the instrument's main labels when the annex is not among the provisions);
Articles 3, 4, 10 and 19 give way to a stronger label (:func:`_primary`); a provision with no
label of its own takes the labels of the provisions it cites by number (:mod:`kb.tagger.refs`)
if it enforces them, or if it is a short follow-up clause of a mercury instrument; a short list
entry naming mercury takes its instrument's main labels; and generic enforcement of a mercury
instrument takes them too (:mod:`kb.tagger.context`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from .context import enacts_annex, instrument_groups, is_annex, main_labels, shared_heading
from .refs import citations, own_number, part
from .terms import Hit, Signals

TIER_WEIGHT = {"strong": 1.0, "terms": 1.0, "weak": 0.6}
ADJACENT, NEAR, FAR, CONTEXT = 0.9, 0.8, 0.5, 0.4  # topic term and anchor: a few tokens apart,
# close, elsewhere in the provision, only in the instrument
ADJACENT_TOKENS = 5
LIST_ENTRY = 150  # characters: a schedule row or list entry naming mercury
FOLLOW_UP = 600  # characters: a clause that only adjusts or applies a cited provision
SHORT_TITLE = 300  # characters: a short-title provision, not a long commencement clause
TITLE_HEAD = 200  # characters: a title cue this early makes the provision a title/commencement
TITLE_DAMPING = 0.3
MAX_EVIDENCE = 3
HEADING = 40  # characters: the number and heading of a provision
MAX_LABELS = 3  # a provision implements at most three articles (so do all gold items); more
# labels above threshold means a scope, report or list clause naming topics, keep the clearest
OUTRANK_3 = {"4", "5", "7", "8", "9", "10", "11", "12", "16", "19"}  # see _primary


@dataclass
class Params:
    weight: float = 0.7
    threshold: float = 0.5
    near: int = 25  # tokens between a topic term and a mercury anchor to count as "close"
    largely: float = 0.8  # share of labelled provisions above which an instrument is "about
    # mercury" (half of it: "a mercury instrument"); fixed, not calibrated: every fold chose 0.8,
    # and a fold that drifted to 0.6 spread main labels over a general law's provisions
    offsets: dict[str, float] = field(default_factory=dict)  # per-article threshold shifts

    def to_dict(self) -> dict:
        return asdict(self)

    def cut(self, article: str) -> float:
        """The article's threshold: rare or noisy articles are calibrated apart."""
        return self.threshold + self.offsets.get(article, 0.0)


def rule_scores(signals: Signals, params: Params, skip: int = 0, context: float = 0.0,
                until: int | None = None) -> dict[str, tuple[float, list[Hit]]]:
    """Rule score and supporting hits per article, within characters [skip, until).

    ``context`` is what a topic term counts in a provision with no mercury word of its own
    when something else ties it to mercury (its instrument, a cited provision); 0 otherwise."""
    end = 10**12 if until is None else until
    anchors = [tok for start, _, tok in signals.anchors if skip <= start < end]
    limit = _limit(signals, skip, end)
    by_article: dict[str, list[tuple[float, Hit]]] = {}
    for hit in signals.hits:
        if not skip <= hit.start < end:
            continue
        if hit.tier == "strong":
            base = 1.0
        elif anchors:
            distance = min(abs(a - hit.token) for a in anchors)
            base = (ADJACENT if distance <= ADJACENT_TOKENS
                    else NEAR if distance <= params.near or limit else FAR)
        else:
            base = context
        value = base * TIER_WEIGHT[hit.tier]
        if value:
            by_article.setdefault(hit.article, []).append((value, hit))
    out = {}
    for article, scored in by_article.items():
        distinct = len({h.term for _, h in scored})
        best = max(v for v, _ in scored)
        out[article] = (min(1.0, best + 0.05 * (distinct - 1)), [h for _, h in scored])
    return out


def _is_title(signals: Signals, skip: int) -> bool:
    return any(skip <= s < skip + TITLE_HEAD for s, _ in signals.titles)


def _evidence(text: str, article: str, hits: list[Hit]) -> list[dict]:
    spans: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if spans and h.start < spans[-1][1]:
            continue
        spans.append((h.start, h.end))
    return [{"article": article, "start": s, "end": e, "quote": text[s:e]}
            for s, e in spans[:MAX_EVIDENCE]]


def _obligations(hits: list[Hit]) -> list[str]:
    return list(dict.fromkeys(h.obligation for h in hits if h.obligation))


def _own_scores(signals: Signals, probs: dict[str, float], params: Params, skip: int,
                ) -> tuple[dict[str, float], dict]:
    """Pass 1: the provision read on its own.

    A definitions provision that never names mercury defines no mercury-specific term, so it
    takes nothing, whatever topic words it defines ("pequeña minería", "effluent").
    """
    if signals.deontic == "definition" and not _anchored(signals, skip):
        return {}, {}
    rules = rule_scores(signals, params, skip)
    damp = TITLE_DAMPING if _is_title(signals, skip) else 1.0
    scores = {a: damp * (params.weight * rules.get(a, (0.0, []))[0]
                         + (1 - params.weight) * probs.get(a, 0.0))
              for a in set(rules) | set(probs)}
    return scores, rules


def _limit(signals: Signals, skip: int, end: int = 10**12) -> bool:
    """A mercury limit value in the provision's own text (characters [skip, end): after the
    shared heading)."""
    return any(skip <= s < end for s in signals.limits)


def _anchored(signals: Signals, skip: int) -> bool:
    return any(s >= skip for s, _, _ in signals.anchors)


def _primary(articles: list[str], rules: dict, limit: bool = False) -> list[str]:
    """Drop labels the Convention itself subordinates to a stronger one in the same provision.

    Article 3 excludes mercury-added products and wastes (Art. 3.2(c), 3.1), and a provision
    on processes, mining, releases, storage, sites, health or monitoring that names "mercury
    compounds" or "elemental mercury" is not a supply or trade rule: 3 gives way to those
    labels unless a Minamata-specific supply term (strong) is there.  Article 10 storage is
    only mercury kept for an allowed use, never waste: 10 gives way to 11, unless 11 rests
    only on storage words.  A product named only as the thing collected or disposed of
    ("spent lamps containing mercury shall be taken back") is a waste rule: 4 gives way to 11
    when every Article 4 hit is an Annex A product name or a bare "mercury content", and none
    a product rule.  Waste "contaminated with mercury" is mercury waste by the Convention's
    own definition (Art. 11.2): 12 gives way to 11 when it rests only on contamination words,
    not a site.  Monitoring mercury in environmental media and biota ("biological
    monitoring", "fish tissue": Art. 19.1(b)) is Article 19 even where the medium is a mine's
    effluent: 9 gives way to 19 there unless a release is controlled (a limit value, a
    mercury-release term).  The sample, analysis and test method of a product or waste rule
    are not research and monitoring: 19 gives way to the other label when it rests only on
    such weak words.  A table of mercury limit values for emissions or effluents (``limit``)
    is a point-source control, and the monitoring it prescribes is the source's own: 19 gives
    way to 8 or 9 there unless a Minamata-specific monitoring term (strong: "mercury
    inventory", "fish tissue") is present (GUIDELINES: ambient monitoring is 19, point-source
    control 8/9).
    """
    keep = set(articles)
    strong3 = any(h.tier == "strong" for h in rules.get("3", (0.0, []))[1])
    if "3" in keep and keep & OUTRANK_3 and not strong3:
        keep.discard("3")
    if "10" in keep and "11" in keep:
        waste = any(h.tier != "weak" for h in rules.get("11", (0.0, []))[1])
        keep.discard("10" if waste else "11")
    hits4 = rules.get("4", (0.0, []))[1]
    if "4" in keep and "11" in keep and hits4 and all(
            (h.obligation or "A.").startswith("A.") for h in hits4):
        keep.discard("4")
    hits12 = rules.get("12", (0.0, []))[1]
    if "12" in keep and "11" in keep and hits12 and all(
            h.tier != "strong" and h.term.startswith("contamin") for h in hits12):
        keep.discard("12")
    hits9, hits19 = rules.get("9", (0.0, []))[1], rules.get("19", (0.0, []))[1]
    if "9" in keep and "19" in keep and hits9 and not limit and any(
            h.obligation == "19.1.b" for h in hits19) and all(h.tier != "strong" for h in hits9):
        keep.discard("9")
    if "19" in keep and limit and keep & {"8", "9"} and hits19 and not any(
            h.tier == "strong" for h in hits19):
        keep.discard("19")
    if "19" in keep and len(keep) > 1 and hits19 and all(h.tier == "weak" for h in hits19):
        keep.discard("19")
    return [a for a in articles if a in keep]


def _cited(items: list[dict], group: list[int], rows: dict[int, list[str]], skip: int,
           ) -> dict[int, tuple[list[str], list[tuple[int, int]]]]:
    """Labels a provision takes from the provisions of its instrument that it cites by number:
    the labels most of the cited provisions carry (``rows``: labels of provisions that name
    mercury themselves, so a chain of citations cannot spread a label further), with the
    spans of the citations that point at labelled provisions (the evidence)."""
    by_number: dict[str, int] = {}
    for i in group:
        number = own_number(items[i], skip)
        if number and number not in by_number:
            by_number[number] = i
    out = {}
    for i in group:
        here = part(items[i])
        seen, labelled, spans = {i}, [], []
        for numbers, start, end in citations(items[i]["text"][skip:]):
            found = [by_number[here + n] for n in numbers if here + n in by_number]
            new = [j for j in dict.fromkeys(found) if j not in seen and rows[j]]
            seen.update(found)
            if new:
                labelled += [rows[j] for j in new]
                spans.append((skip + start, skip + end))
        if labelled:
            counts = Counter(a for row in labelled for a in row)
            top = max(counts.values())
            out[i] = (sorted((a for a, n in counts.items() if n == top), key=int), spans)
    return out


def decide(items: list[dict], signals: list[Signals], probs: list[dict[str, float]],
           params: Params) -> list[dict]:
    """Tag items (possibly several instruments) and return the public output dicts."""
    out: list[dict | None] = [None] * len(items)
    for group in instrument_groups(items):
        skip = shared_heading([items[i]["text"] for i in group])
        own = {i: _own_scores(signals[i], probs[i], params, skip) for i in group}
        labelled = [_primary([a for a, s in own[i][0].items() if s >= params.cut(a)], own[i][1],
                             _limit(signals[i], skip)) for i in group]
        heading_rules = rule_scores(signals[group[0]], params, until=skip) if skip else {}
        title_rules = {}  # strong terms in a short title ("... Mercury Pollution Claims Act"),
        # not in a clause repealing another instrument ("The Mercury Export ... are revoked")
        for i in group:
            if (_is_title(signals[i], skip) and len(items[i]["text"]) - skip < SHORT_TITLE
                    and _anchored(signals[i], skip) and not signals[i].repeals):
                title_rules.update({a: v for a, v in rule_scores(signals[i], params, skip).items()
                                    if v[0] >= 1.0})
        share = sum(1 for row in labelled if row) / len(group)
        first = signals[group[0]]
        named = {a for a, (v, _) in {**heading_rules, **title_rules}.items() if v >= 1.0}
        mercury = bool(len(group) > 1 and (share >= params.largely / 2 or title_rules
                                           or any(s < skip for s, _, _ in first.anchors)))
        largely = share >= params.largely or bool(title_rules)
        # the instrument's labels obey the same subordination as one provision's ("Disposal of
        # Lamps Containing Mercury Act": a waste instrument, not a product one)
        mains = set(_primary(sorted(main_labels(labelled) | named, key=int),
                             {**heading_rules, **title_rules}))
        cited = _cited(items, group, {i: row if _anchored(signals[i], skip) else []
                                      for i, row in zip(group, labelled)}, skip)
        annexes = sorted({a for i, row in zip(group, labelled) if is_annex(items[i], skip)
                          for a in row}, key=int)
        for i, row in zip(group, labelled):
            scores, rules = own[i]
            sig = signals[i]
            evidence_hits = {a: hits for a, (_, hits) in rules.items()}
            inherited: list[tuple[int, int]] = []
            definition = sig.deontic == "definition"
            blank = not row and not _is_title(sig, skip) and not definition
            anchored = _anchored(sig, skip)
            enforcing = [e for e in sig.enforcement if e[0] >= skip]
            listed = anchored and len(items[i]["text"]) - skip < LIST_ENTRY
            if blank and (annexes or mains) and enacts_annex(items[i]["text"][skip:]):
                row = annexes or sorted(mains, key=int)  # annex not given: its instrument's
                for a in row:
                    scores[a] = max(scores.get(a, 0.0), params.cut(a))
            elif blank and i in cited and (
                    enforcing or mercury and len(items[i]["text"]) - skip < FOLLOW_UP):
                row, inherited = cited[i]
                for a in row:
                    scores[a] = max(scores.get(a, 0.0), params.cut(a))
                # citing a mercury provision ties this one's topic words to mercury, as a
                # mercury word close by would ("sent for final disposal" of the banned product)
                _raise(scores, evidence_hits, rule_scores(sig, params, skip, context=NEAR),
                       probs[i], params)
            elif blank and listed and mains:
                row = sorted(mains, key=int)
                for a in row:
                    scores[a] = max(scores.get(a, 0.0), params.cut(a))
            elif blank and mercury:
                if not anchored:
                    _raise(scores, evidence_hits, rule_scores(sig, params, skip, context=CONTEXT),
                           probs[i], params)
                    row = [a for a, s in scores.items() if s >= params.cut(a)]
                if not row and mains and (enforcing or largely):
                    for a in mains:
                        scores[a] = max(scores.get(a, 0.0), params.cut(a))
                    inherited = enforcing[:1]
            articles = _primary(sorted((a for a, s in scores.items() if s >= params.cut(a)),
                                       key=int), rules, _limit(sig, skip))
            if len(articles) > MAX_LABELS:
                # the heading says what the provision does ("Article 18 Report"); the topics it
                # lists come after
                headed = {h.article for h in sig.hits if skip <= h.start < skip + HEADING}
                top = sorted(articles, key=lambda a: (a in headed, scores[a] - params.cut(a)),
                             reverse=True)
                articles = sorted(top[:MAX_LABELS], key=int)
            out[i] = _output(items[i], articles, scores, evidence_hits, inherited, sig)
    return out  # type: ignore[return-value]


def _raise(scores: dict[str, float], evidence_hits: dict, rules: dict, probs: dict[str, float],
           params: Params) -> None:
    """Raise article scores with rule scores read in context; the terms become the article's
    evidence when they raised it or it had none."""
    for a, (v, hits) in rules.items():
        score = params.weight * v + (1 - params.weight) * probs.get(a, 0.0)
        if score > scores.get(a, 0.0) or not evidence_hits.get(a):
            evidence_hits[a] = hits
        scores[a] = max(scores.get(a, 0.0), score)


def _output(item: dict, articles: list[str], scores: dict[str, float], evidence_hits: dict,
            inherited: list[tuple[int, int]], sig: Signals) -> dict:
    text = item["text"]
    evidence, obligations = [], []
    for a in articles:
        hits = evidence_hits.get(a, [])
        obligations += _obligations(hits)
        if hits:
            evidence += _evidence(text, a, hits)
        else:
            evidence += [{"article": a, "start": s, "end": e, "quote": text[s:e]}
                         for s, e in inherited]
    return {"id": item["id"], "articles": articles,
            "scores": {a: round(scores[a], 3) for a in sorted(scores, key=int)
                       if scores[a] >= 0.05},
            "obligations": list(dict.fromkeys(obligations)),
            "evidence": evidence, "deontic": sig.deontic}
