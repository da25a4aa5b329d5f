"""One blueprint per area of the application; templates are in ``webapp/templates/<area>/``."""
from .api import bp as api
from .auth import bp as auth
from .convention import bp as convention
from .dashboard import bp as dashboard
from .imports import bp as imports
from .instruments import bp as instruments
from .jurisdictions import bp as jurisdictions
from .review import bp as review
from .search import bp as search
from .sparql import bp as sparql

BLUEPRINTS = (dashboard, jurisdictions, instruments, convention, search, imports, review, sparql,
              api, auth)
