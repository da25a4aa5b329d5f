"""Full-text search over the Convention and national laws (Whoosh).

One document per citable unit (Convention paragraph, national article/section), with the
instrument's metadata, the unit's tags and its text analysed in its own language.

Query syntax (``search(index_dir, query)``):

* words (all required): ``mercury export``; phrases: ``"dental amalgam"``
* operators: ``AND``, ``OR``, ``NOT``, parentheses: ``mercury AND (lamp OR battery) NOT waste``
* fields: ``article:4``, ``obligation:3.6``, ``jurisdiction:pe``, ``lang:fr``, ``type:regulation``,
  ``status:accepted``, ``in_force:true``, ``year:2014``, ``year:[2010 TO 2020]``, ``title:…``,
  ``citation:…``, ``heading:…``, ``number:…``
* wildcards ``export*`` (two letters at least), fuzzy terms ``mercry~`` / ``mercry~2``

An empty query matches every unit, so filters alone list e.g. every Peruvian provision
tagged Article 11.  Malformed queries raise ``kb.errors.QueryError``.

The index lives beside the store (``index_dir_for``); it is a cache of the graph:
``rebuild_index`` recreates it, ``update_index`` refreshes the expressions an import or a
re-tag changed, ``update_provisions`` the units a review changed, ``ensure_index`` repairs a
missing or corrupt one.
"""
from .build import (IndexUnavailableError, ensure_index, index_dir_for, rebuild_index, update_index,
                    update_provisions)
from .facets import FacetValue
from .query import search
from .results import SearchHit, SearchResults
from .similar import similar

__all__ = ["search", "similar", "rebuild_index", "update_index", "update_provisions", "ensure_index",
           "index_dir_for", "SearchResults", "SearchHit", "FacetValue", "IndexUnavailableError"]
