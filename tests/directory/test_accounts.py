"""Accounts: hashed passwords, scoped areas that exist, expiring tokens."""

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from directory.accounts import (
    TOKEN_IDLE,
    TOKEN_LIFETIME,
    AccountError,
    Role,
    account_for_token,
    authenticate,
    create_account,
    issue_token,
)
from directory.vocab import Scope

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def test_password_is_hashed_and_checked(session: Session) -> None:
    account = create_account(session, email="A@Example.org", password="x" * 12, role=Role.ADMIN)
    assert account.email == "a@example.org"
    assert "x" * 12 not in account.password_hash and account.password_hash.startswith("$argon2")
    assert authenticate(session, "a@example.org", "x" * 12) is account
    assert authenticate(session, "a@example.org", "y" * 12) is None
    assert authenticate(session, "nobody@example.org", "x" * 12) is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"password": "short"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"role": Role.EDITOR, "areas": []}, "areas"),
        ({"role": Role.EDITOR, "areas": [(Scope.MUNICIPALITY, "99999")]}, "areas"),
        ({"role": Role.EDITOR, "areas": [(Scope.REGION, "XYZ")]}, "areas"),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(
    session: Session, kwargs: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"email": "e@example.org", "password": "p" * 12, "role": Role.ADMIN}
    with pytest.raises(AccountError, match=f"^{field}:"):
        create_account(session, **(values | kwargs))  # type: ignore[arg-type]


def test_tokens_expire(session: Session) -> None:
    account = create_account(
        session,
        email="ed@example.org",
        password="p" * 12,
        role=Role.EDITOR,
        areas=[(Scope.PROVINCE, "60000")],
    )
    issued = issue_token(session, account, NOW)
    assert account_for_token(session, issued.token, NOW) is account
    assert account_for_token(session, issued.token, issued.expires_at) is None
    assert account_for_token(session, "forged", NOW) is None


def test_a_session_ends_when_idle_and_after_its_lifetime_whatever_the_activity(
    session: Session,
) -> None:
    account = create_account(
        session, email="ed2@example.org", password="p" * 12, role=Role.ADMIN, areas=[]
    )
    issued = issue_token(session, account, NOW)
    assert issued.expires_at == NOW + TOKEN_IDLE
    # Used every 20 minutes: still in after 7 hours 40 minutes.
    moment = NOW
    while moment < NOW + dt.timedelta(hours=7, minutes=40):
        moment += dt.timedelta(minutes=20)
        assert account_for_token(session, issued.token, moment) is account, moment
    # ...but never past its lifetime.
    assert account_for_token(session, issued.token, NOW + TOKEN_LIFETIME) is None
    # Left alone for 30 minutes: out.
    other = issue_token(session, account, NOW)
    assert account_for_token(session, other.token, NOW + dt.timedelta(minutes=29)) is account
    later = NOW + dt.timedelta(minutes=29) + TOKEN_IDLE
    assert account_for_token(session, other.token, later) is None
