"""`pm-postmortem serve`: the follow view in the browsers of the room, behind a secret link.

textual-serve starts one `pm-postmortem follow` process per browser tab. Every request must carry
the link's token (in the query the first time; the page then keeps it in a cookie for its
websocket and files): without it the answer is 403 and nothing of the workspace.
"""

from __future__ import annotations

import asyncio
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

TOKEN_COOKIE = "pm_postmortem_token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def follow_command(path: Path, domain_context: Path | None = None) -> str:
    """The shell command each browser tab runs: this Python, following ``path``."""
    command = [sys.executable, "-m", "pm_postmortem", "follow", str(path.resolve())]
    if domain_context is not None:
        command += ["--domain-context", str(domain_context.resolve())]
    return shlex.join(command)


class TokenServer(Server):
    """textual-serve's server, refusing every request without the token."""

    def __init__(self, command: str, *, host: str, port: int, token: str, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token.encode("ascii")

    async def _make_app(self) -> web.Application:
        # textual-serve's own (private) hook for building the aiohttp app: tests/test_serve.py
        # checks every route refuses a wrong token, so a rename there cannot go unnoticed.
        app = await super()._make_app()
        app.middlewares.append(self._check_token)
        return app

    @web.middleware
    async def _check_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE, "")
        if not secrets.compare_digest(given.encode("utf-8", "replace"), self.token):
            raise web.HTTPForbidden(text="This pm-postmortem session opens only with its full link.\n")
        response = await handler(request)
        if "token" in request.query and not response.prepared:
            response.set_cookie(TOKEN_COOKIE, self.token.decode(), httponly=True, samesite="Strict")
        return response

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with its websocket and file addresses on the host the browser used."""
        self.public_url = f"{request.scheme}://{request.host}"  # no await until the page is built
        # aiohttp_jinja2's template decorator keeps the undecorated method as __wrapped__
        # (functools.wraps), but its stub types the result as a bare Callable.
        return await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command line has already said where to go."""

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C (or SIGTERM); every follower process is stopped on the way out."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with suppress(NotImplementedError):  # Windows: Ctrl+C arrives as KeyboardInterrupt
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,  # the log line would hold the token
        )


def address_for_others() -> str:
    """This machine's address on its network (no packet is sent), else its name."""
    with suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    return socket.gethostname()


def announcement(host: str, port: int, token: str) -> list[str]:
    """What `serve` prints: the link first, then who can open it."""
    shown = address_for_others() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    lines = [f"Open http://{shown}:{port}/?token={token} in a browser to follow and suggest."]
    if host in LOCAL_HOSTS:
        lines.append("Only this machine can open it; --host 0.0.0.0 lets the room in.")
    else:
        lines.append(
            f"Anyone who can reach this machine on port {port} and has the link can follow and suggest: "
            "share it in the meeting only."
        )
    lines.append("Ctrl+C stops it.")
    return lines
