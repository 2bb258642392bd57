"""Who may edit what: admins everything, editors only services that lie inside their areas.

"Inside" follows the geography: a municipality lies inside its arrondissement, province and
region; a police zone or judicial district inside the areas all its municipalities share. A service covering Liège lies inside an editor's area "province of Liège"; the
Walloon helpline (region WAL) does not, so a municipal contact person cannot change it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.accounts import Role
from directory.models import Account, Arrondissement, Municipality, Province
from directory.vocab import Scope

Area = tuple[str, str | None]  # (scope, code)


class AreaTree:
    """The containing areas of every municipality, arrondissement and province."""

    def __init__(self, parents: dict[Area, tuple[Area, ...]]) -> None:
        self._parents = parents

    @classmethod
    def from_session(cls, session: Session) -> AreaTree:
        parents: dict[Area, tuple[Area, ...]] = {}
        for p in session.scalars(select(Province)):
            parents[(Scope.PROVINCE.value, p.code)] = ((Scope.REGION.value, p.region_code),)
        for a in session.scalars(select(Arrondissement)):
            above = [(Scope.REGION.value, a.region_code)]
            if a.province_code:
                above.insert(0, (Scope.PROVINCE.value, a.province_code))
            parents[(Scope.ARRONDISSEMENT.value, a.code)] = tuple(above)
        for m in session.execute(
            select(
                Municipality.nis_code,
                Municipality.arrondissement_code,
                Municipality.province_code,
                Municipality.region_code,
            )
        ):
            above = [(Scope.ARRONDISSEMENT.value, m[1]), (Scope.REGION.value, m[3])]
            if m[2]:
                above.insert(1, (Scope.PROVINCE.value, m[2]))
            parents[(Scope.MUNICIPALITY.value, m[0])] = tuple(above)
        # A police zone or judicial district lies inside what all its municipalities lie in
        # (zone Rupel inside the province of Antwerp; the district of Brussels in no province).
        members: dict[Area, list[Area]] = {}
        for nis, zone, district in session.execute(
            select(
                Municipality.nis_code,
                Municipality.police_zone_code,
                Municipality.judicial_district_code,
            )
        ):
            for area in (
                (Scope.POLICE_ZONE.value, zone),
                (Scope.JUDICIAL_DISTRICT.value, district),
            ):
                if area[1]:
                    members.setdefault(area, []).append((Scope.MUNICIPALITY.value, nis))
        for area, inside in members.items():
            shared = set(parents[inside[0]]).intersection(*(parents[m] for m in inside[1:]))
            parents[area] = tuple(a for a in parents[inside[0]] if a in shared)
        return cls(parents)

    def within(self, area: Area, container: Area) -> bool:
        if area[1] is None:  # national, or a named area we could not place
            return False
        return area == container or container in self._parents.get(area, ())


def account_areas(account: Account) -> list[Area]:
    return [(a.scope, a.code) for a in account.areas]


def may_edit(account: Account, areas: Iterable[Area], tree: AreaTree) -> bool:
    """Whether the account may edit a service with these areas (also for its new areas)."""
    if not account.active:
        return False
    if account.role == Role.ADMIN.value:
        return True
    areas = list(areas)
    own = account_areas(account)
    return bool(areas) and all(any(tree.within(a, mine) for mine in own) for a in areas)
