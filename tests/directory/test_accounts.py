"""Accounts: hashed passwords, scoped areas that exist, expiring tokens."""

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from directory.accounts import (
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
