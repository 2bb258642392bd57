"""`passerelle users …`: admin and editor accounts, from the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from directory.accounts import (
    EDITOR_SCOPES,
    AccountError,
    Role,
    create_account,
    end_sessions,
    set_active,
    set_password,
)
from directory.vocab import Scope
from infra.config import get_settings
from infra.db import make_engine, make_session_factory, transaction

users_app = typer.Typer(help="Admin and editor accounts.")
console = Console()
errors = Console(stderr=True)


@users_app.command("create")
def users_create(
    email: Annotated[str, typer.Option(help="Login e-mail address.")],
    role: Annotated[Role, typer.Option(help="admin: everything; editor: only their areas.")],
    area: Annotated[
        list[str] | None,
        typer.Option(
            help="For editors, repeatable: municipality:<NIS>, arrondissement:<code>, "
            "province:<code> or region:VLG|WAL|BRU."
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
) -> None:
    """Create an account. The password comes from PASSERELLE_PASSWORD or a hidden prompt."""
    password = _password_from_env_or_prompt()
    areas: list[tuple[Scope, str]] = []
    for value in area or []:
        scope, _, code = value.partition(":")
        if scope not in {s.value for s in EDITOR_SCOPES} or not code:
            errors.print(
                f"[red]--area {value!r}: use <scope>:<code>, scope one of "
                f"{', '.join(s.value for s in EDITOR_SCOPES)}"
            )
            raise typer.Exit(2)
        areas.append((Scope(scope), code))
    factory = make_session_factory(make_engine(get_settings().database_url))
    try:
        with transaction(factory) as session:
            account = create_account(
                session, email=email, password=password, role=role, areas=areas, display_name=name
            )
            summary = f"{account.email} ({account.role})"
    except AccountError as error:
        errors.print(f"[red]{error}")
        raise typer.Exit(2) from error
    console.print(f"Created {summary}.")


def _password_from_env_or_prompt() -> str:
    password = os.environ.get("PASSERELLE_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        errors.print("[red]Set PASSERELLE_PASSWORD or run this in a terminal to be asked.")
        raise typer.Exit(2)
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _on_account(change: Callable[[Session], str]) -> None:
    factory = make_session_factory(make_engine(get_settings().database_url))
    try:
        with transaction(factory) as session:
            message = change(session)
    except AccountError as error:
        errors.print(f"[red]{error}")
        raise typer.Exit(2) from error
    console.print(message)


@users_app.command("password")
def users_password(email: Annotated[str, typer.Option(help="Login e-mail address.")]) -> None:
    """Set a new password (from PASSERELLE_PASSWORD or a hidden prompt); every session of the
    account ends."""
    password = _password_from_env_or_prompt()
    _on_account(
        lambda session: (
            f"New password for {set_password(session, email, password).email}; its sessions ended."
        )
    )


@users_app.command("deactivate")
def users_deactivate(email: Annotated[str, typer.Option(help="Login e-mail address.")]) -> None:
    """Stop an account at once: its sessions end and it can no longer log in (history keeps it)."""
    _on_account(lambda session: f"Deactivated {set_active(session, email, False).email}.")


@users_app.command("activate")
def users_activate(email: Annotated[str, typer.Option(help="Login e-mail address.")]) -> None:
    """Let a deactivated account log in again."""
    _on_account(lambda session: f"Activated {set_active(session, email, True).email}.")


@users_app.command("sign-out")
def users_sign_out(email: Annotated[str, typer.Option(help="Login e-mail address.")]) -> None:
    """End every session of an account (a lost laptop, a shared computer)."""
    _on_account(lambda session: f"Ended {end_sessions(session, email)} session(s).")
