"""Accounts, passwords and bearer tokens.

Passwords are hashed with argon2id. Tokens are random, handed out once, and stored only as
their SHA-256, so the database alone never lets anyone in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from directory.models import (
    Account,
    AccountArea,
    ApiToken,
    Arrondissement,
    Municipality,
    Province,
    Region,
)
from directory.vocab import Scope

# A session ends after 30 minutes without a request, and after 8 hours in any case: admin pages
# are often left open on shared office computers.
TOKEN_LIFETIME = dt.timedelta(hours=8)
TOKEN_IDLE = dt.timedelta(minutes=30)
_EXTEND_AFTER = dt.timedelta(minutes=1)  # at most one write per minute of activity
MIN_PASSWORD_LENGTH = 12
# zxcvbn's scale: 0 too guessable … 4 very unguessable. 3 resists an offline attack on a slow
# hash; "aaaaaaaaaaaa" and "password1234" score 0 and 1.
MIN_PASSWORD_SCORE = 3
_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown e-mail as slow as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class Role(StrEnum):
    ADMIN = "admin"  # everything
    EDITOR = "editor"  # only services inside the account's areas


EDITOR_SCOPES = (Scope.MUNICIPALITY, Scope.ARRONDISSEMENT, Scope.PROVINCE, Scope.REGION)


class AccountError(ValueError):
    pass


def create_account(
    session: Session,
    *,
    email: str,
    password: str,
    role: Role,
    areas: list[tuple[Scope, str]] = (),  # type: ignore[assignment]
    display_name: str | None = None,
) -> Account:
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError("email: not an e-mail address")
    check_password(password, email)
    if role is Role.EDITOR and not areas:
        raise AccountError("areas: an editor needs at least one area")
    for scope, code in areas:
        if not _area_exists(session, scope, code):
            raise AccountError(f"areas: there is no {scope.value} {code!r}")
    if session.scalar(select(Account).where(Account.email == email)):
        raise AccountError(f"email: an account for {email} exists already")
    account = Account(
        email=email,
        display_name=display_name,
        password_hash=_hasher.hash(password),
        role=role.value,
        areas=[AccountArea(scope=scope.value, code=code) for scope, code in areas],
    )
    session.add(account)
    session.flush()
    return account


def _area_exists(session: Session, scope: Scope, code: str) -> bool:
    table = {
        Scope.MUNICIPALITY: Municipality,
        Scope.ARRONDISSEMENT: Arrondissement,
        Scope.PROVINCE: Province,
        Scope.REGION: Region,
    }.get(scope)
    return table is not None and session.get(table, code) is not None


def check_password(password: str, email: str) -> None:
    """Refuse a short or guessable password (zxcvbn, Dropbox's maintained estimator, which
    knows common passwords, repeats, keyboard walks and the person's own e-mail)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
    verdict = zxcvbn(password[:100], user_inputs=[email, *email.split("@"), "passerelle"])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        hint = verdict["feedback"]["warning"] or "add a few uncommon words"
        raise AccountError(f"password: too easy to guess ({hint.rstrip('.')})")


def _account(session: Session, email: str) -> Account:
    account = session.scalar(select(Account).where(Account.email == email.strip().lower()))
    if account is None:
        raise AccountError(f"email: no account {email.strip().lower()}")
    return account


def end_sessions(session: Session, email: str) -> int:
    """Sign the account out everywhere; the number of sessions ended."""
    account = _account(session, email)
    ended = session.execute(delete(ApiToken).where(ApiToken.account_id == account.id))
    return int(getattr(ended, "rowcount", 0) or 0)


def set_password(session: Session, email: str, password: str) -> Account:
    """A new password (a reset by an operator, or the person's own change); every session of the
    account ends, so a stolen token dies with the old password."""
    account = _account(session, email)
    check_password(password, account.email)
    account.password_hash = _hasher.hash(password)
    end_sessions(session, account.email)
    return account


def set_active(session: Session, email: str, active: bool) -> Account:
    """Deactivate (tokens stop working at once, logins fail) or reactivate an account."""
    account = _account(session, email)
    account.active = active
    if not active:
        end_sessions(session, account.email)
    return account


def authenticate(session: Session, email: str, password: str) -> Account | None:
    account = session.scalar(select(Account).where(Account.email == email.strip().lower()))
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None or not account.active:
        return None
    return account


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once, never stored
    expires_at: dt.datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, account: Account, now: dt.datetime) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    expires = now + min(TOKEN_IDLE, TOKEN_LIFETIME)
    session.add(
        ApiToken(
            account_id=account.id, token_hash=_digest(token), created_at=now, expires_at=expires
        )
    )
    session.execute(delete(ApiToken).where(ApiToken.expires_at < now))  # tidy expired ones
    session.flush()
    return IssuedToken(token, expires)


def account_for_token(session: Session, token: str, now: dt.datetime) -> Account | None:
    found = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if found is None or found.expires_at <= now or not found.account.active:
        return None
    # Activity keeps the session alive, up to its lifetime.
    extended = min(now + TOKEN_IDLE, found.created_at + TOKEN_LIFETIME)
    if extended - found.expires_at >= _EXTEND_AFTER:
        found.expires_at = extended
    return found.account


def revoke_token(session: Session, token: str) -> None:
    session.execute(delete(ApiToken).where(ApiToken.token_hash == _digest(token)))
