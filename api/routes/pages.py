"""The web faces at stable addresses: /widget.js, /demo/, /search, /admin (and their assets).

Municipalities hard-code these addresses, so they never move. Everything is plain files from
api/web/ (no build step, no framework downloaded at run time).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

from api.errors import NotFound

WEB = Path(__file__).resolve().parent.parent / "web"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
}

router = APIRouter(include_in_schema=False)


def _file(folder: Path, name: str, cache: str = "no-cache") -> FileResponse:
    if any(ord(char) < 0x20 for char in name):  # "%00" would make the path resolution fail
        raise NotFound(f"no such file: {name!r}")
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        raise NotFound(f"no such file: {name}")
    response = FileResponse(path, media_type=TYPES.get(path.suffix, "application/octet-stream"))
    response.headers["Cache-Control"] = cache
    return response


@router.get("/widget.js")
async def widget() -> FileResponse:
    response = _file(WEB, "widget.js")
    # Embedded by municipalities' pages on their own origins.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@router.get("/static/{name:path}")
async def static(name: str) -> FileResponse:
    return _file(WEB, name)


@router.get("/demo")
async def demo_redirect() -> RedirectResponse:
    return RedirectResponse("/demo/")


@router.get("/demo/{name:path}")
async def demo(name: str = "") -> FileResponse:
    return _file(EXAMPLES / "demo", name or "index.html")


@router.get("/search")
async def search_page() -> FileResponse:
    return _file(WEB, "search.html")


@router.get("/admin")
@router.get("/admin/")
async def admin_page() -> FileResponse:
    return _file(WEB, "admin.html")
