"""The one exception type users see.

Everything the user can cause (bad file, missing metadata, malformed query, busy store)
raises a subclass of ``KBError``; the CLI prints its message and exits non-zero without a
traceback, the web app turns it into a 4xx page.  Anything else is a bug.
"""


class KBError(Exception):
    """A problem the user can fix; ``str(err)`` is the message to show."""


class InputError(KBError):
    """A source file cannot be read, parsed or described (nothing of it was stored)."""


class MetadataError(InputError):
    """Required metadata of an instrument is missing or invalid."""


class QueryError(KBError):
    """A SPARQL query is malformed or not allowed."""


class StoreBusyError(KBError):
    """Another process holds the embedded knowledge base."""
