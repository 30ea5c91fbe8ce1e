"""diplograph's exceptions: one base class the CLI catches, real bugs keep their traceback."""


class DiplographError(Exception):
    """Base of every error diplograph reports to a person in one line."""


class ModelError(DiplographError, ValueError):
    """A record outside the model: unknown label or type, bad date, dangling end."""


class StoreError(DiplographError):
    """The database refused or failed a statement."""


class StoreUnavailable(StoreError):
    """No server answered at the URI (the message names the URI, never the password)."""


class EmbeddedError(DiplographError):
    """The embedded server could not be started, reached or shared."""


class CypherNotFound(DiplographError):
    """No Cypher file of that name in the library."""


class InputError(DiplographError):
    """An article could not be read: empty, binary, undecodable, too large."""
