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
    end_sessions,
    issue_token,
    set_active,
    set_password,
)
from directory.vocab import Scope

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def test_password_is_hashed_and_checked(session: Session) -> None:
    account = create_account(
        session, email="A@Example.org", password="sable vert neuf lanternes", role=Role.ADMIN
    )
    assert account.email == "a@example.org"
    assert "lanternes" not in account.password_hash
    assert account.password_hash.startswith("$argon2")
    assert authenticate(session, "a@example.org", "sable vert neuf lanternes") is account
    assert authenticate(session, "a@example.org", "y" * 12) is None
    assert authenticate(session, "nobody@example.org", "sable vert neuf lanternes") is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"password": "short"}, "password"),
        ({"password": "aaaaaaaaaaaa"}, "password"),  # long enough, trivially guessed
        ({"password": "password1234"}, "password"),
        ({"password": "e@example.org2026"}, "password"),  # the person's own e-mail
        ({"email": "not-an-email"}, "email"),
        ({"role": Role.EDITOR, "areas": []}, "areas"),
        ({"role": Role.EDITOR, "areas": [(Scope.MUNICIPALITY, "99999")]}, "areas"),
        ({"role": Role.EDITOR, "areas": [(Scope.REGION, "XYZ")]}, "areas"),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(
    session: Session, kwargs: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "email": "e@example.org",
        "password": "sable vert neuf lanternes",
        "role": Role.ADMIN,
    }
    with pytest.raises(AccountError, match=f"^{field}:"):
        create_account(session, **(values | kwargs))  # type: ignore[arg-type]


def test_tokens_expire(session: Session) -> None:
    account = create_account(
        session,
        email="ed@example.org",
        password="sable vert neuf lanternes",
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
        session,
        email="ed2@example.org",
        password="sable vert neuf lanternes",
        role=Role.ADMIN,
        areas=[],
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


def test_a_reset_password_ends_every_session(session: Session) -> None:
    account = create_account(
        session, email="r@example.org", password="sable vert neuf lanternes", role=Role.ADMIN
    )
    token = issue_token(session, account, NOW).token
    with pytest.raises(AccountError, match="password"):
        set_password(session, "r@example.org", "aaaaaaaaaaaa")
    set_password(session, "R@example.org", "ocre tiède pour sept bouleaux")
    assert account_for_token(session, token, NOW) is None
    assert authenticate(session, "r@example.org", "ocre tiède pour sept bouleaux") is account


def test_a_deactivated_account_cannot_log_in_and_its_sessions_end(session: Session) -> None:
    account = create_account(
        session, email="d@example.org", password="sable vert neuf lanternes", role=Role.ADMIN
    )
    token = issue_token(session, account, NOW).token
    set_active(session, "d@example.org", False)
    assert account_for_token(session, token, NOW) is None
    assert authenticate(session, "d@example.org", "sable vert neuf lanternes") is None
    set_active(session, "d@example.org", True)
    assert authenticate(session, "d@example.org", "sable vert neuf lanternes") is account
    assert end_sessions(session, "d@example.org") == 0
    with pytest.raises(AccountError, match="email"):
        set_active(session, "nobody@example.org", False)
