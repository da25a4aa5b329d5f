"""Similar provisions: the starting point of a comparative review.

More-like-this from a Convention obligation or a national provision, over three signals:
the source's most distinctive words (Bo1 key terms in its own language field, weighted
relative to the best one), the lexicon concepts it mentions, each matched in any language
(so an English obligation finds French and Spanish laws, see ``crosslang.concepts``), and, when the source is tagged or is a Convention paragraph, provisions
tagged with the same obligations and articles.  Only
national provisions of *other* instruments are listed: the other language version of the
same law, or the Convention itself, are not what a comparison is looking for.
"""
from __future__ import annotations

from whoosh import query as Q

from ..errors import KBError, QueryError
from ..language import detect_language
from .crosslang import concepts
from .live import live
from .results import SearchHit, to_hit
from .schema import text_field

KEY_TERMS = 15
TAG_BOOST = 2.0
CROSS_BOOST = 0.5


def similar(index_dir, provision_iri: str | None = None, obligation_text: str | None = None,
            limit: int = 10) -> list[SearchHit]:
    """National provisions of other instruments most like the source, best first."""
    if bool(provision_iri) == bool(obligation_text):
        raise QueryError("give either a provision IRI or an obligation text")
    searcher = live(index_dir).searcher
    if provision_iri:
        source = searcher.document(provision=provision_iri)
        if source is None:
            raise KBError(f"the provision {provision_iri} is not in the search index")
        text, lang = source["body"], source["lang"]
    else:
        source = {}
        text = obligation_text
        lang = detect_language(text, min_hits=1) or "en"
    field = text_field(lang)
    keys = searcher.key_terms_from_text(field, text, numterms=KEY_TERMS)
    top = max((w for _, w in keys), default=1.0) or 1.0
    options = [Q.Term(field, term, boost=weight / top) for term, weight in keys]
    shared = concepts(text, lang)
    if shared:
        options.append(Q.Or(shared, boost=CROSS_BOOST))
    for name, boost in (("obligation", TAG_BOOST), ("article", 1.0)):
        options += [Q.Term(name, v.lower(), boost=boost)
                    for v in (source.get(name) or "").split(",") if v]
    if not options:
        return []
    exclude = [Q.Term("jurisdiction", "int")]
    if source.get("instrument"):
        exclude.append(Q.Term("instrument", source["instrument"]))
    final = Q.AndNot(Q.Or(options), Q.Or(exclude))
    results = searcher.search(final, limit=limit, terms=True)
    return [to_hit(hit) for hit in results]

