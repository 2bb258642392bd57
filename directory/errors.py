"""The directory's one error hierarchy: what it refuses on purpose, and why.

Every refusal names, where it can, the input at fault (`field`: a record's field, an id). The
API answers each kind with its HTTP status in one place (api/errors.py); the command line prints
the message. Anything else that escapes is a bug.
"""

from __future__ import annotations


class DirectoryError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message, self.field = message, field


class NotFound(DirectoryError, LookupError):
    """No such service, change, batch or suggestion (or not one the caller may see)."""


class NotAllowed(DirectoryError, PermissionError):
    """The caller may not do this (outside their areas, not an admin)."""


class Conflict(DirectoryError):
    """The directory's state forbids it: the service exists already, the suggestion was
    decided already, the last admin cannot be deactivated."""


class Invalid(DirectoryError, ValueError):
    """Data that validates as data but cannot be used (coverage we cannot place, a record that
    is not the service it is sent for)."""


class PreconditionRequired(DirectoryError):
    """An edit must say which revision it is based on."""


class Stale(DirectoryError):
    """The thing changed since the version the edit was based on; `current` is its state now."""

    def __init__(self, message: str, current: object, revision: int) -> None:
        super().__init__(message)
        self.current, self.revision = current, revision
