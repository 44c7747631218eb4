"""`pm-postmortem serve`: a link with a token, refused without it, stopped cleanly by Ctrl+C."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pm_postmortem.core import store
from pm_postmortem.core.model import new_workspace
from pm_postmortem.serve import announcement

SRC = str(Path(__file__).resolve().parents[1] / "src")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    lines: list[str]


def start_serving(path: Path, *extra: str) -> Served:
    """Start `pm-postmortem serve` and read its output up to the first line with a link."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pm_postmortem", "serve", str(path), "--port", str(free_port()), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if "http://" in line:
            url = next(word for word in line.split() if word.startswith("http://"))
            return Served(process, url, lines)
    raise AssertionError(f"serve printed no link: {lines}")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_ready(url: str) -> None:
    """The first line is printed before the server listens: try until it answers."""
    for _ in range(200):
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("serve never answered")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, new_workspace("Checkout outage", severity="S2", incident_date=date(2026, 3, 10)))
    running = start_serving(path)
    try:
        wait_ready(running.url)
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait(timeout=30)


def test_the_link_opens_the_app_and_a_wrong_or_missing_token_is_refused(served: Served) -> None:
    parts = urllib.parse.urlsplit(served.url)
    token = urllib.parse.parse_qs(parts.query)["token"][0]
    assert len(token) >= 16 and parts.hostname == "127.0.0.1"
    assert served.lines[0].startswith("Open http://127.0.0.1:")

    status, page = get(served.url)
    assert status == 200
    assert "pm-postmortem · checkout" in page and f"ws://127.0.0.1:{parts.port}/ws" in page

    base = f"http://127.0.0.1:{parts.port}"
    for refused in (f"{base}/?token={token[:-1]}x", f"{base}/", f"{base}/ws", f"{base}/static/js/textual.js"):
        status, body = get(refused)
        assert status == 403, refused
        assert body == "This pm-postmortem session opens only with its full link.\n"


def test_ctrl_c_stops_it_cleanly(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    rest, _ = served.process.communicate(timeout=60)
    assert served.process.returncode == 0
    assert rest.splitlines()[-1] == "stopped"
    assert "Traceback" not in rest


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, new_workspace("Checkout outage"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "pm_postmortem", "serve", str(path), "--port", str(port)],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC}, timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.startswith(f"pm-postmortem: cannot listen on 127.0.0.1:{port}: ")
    assert len(result.stderr.splitlines()) == 1


def test_the_announcement_says_who_can_open_the_link() -> None:
    local = announcement("127.0.0.1", 8000, "t" * 32)
    assert local[0] == f"Open http://127.0.0.1:8000/?token={'t' * 32} in a browser to follow and suggest."
    assert local[1] == "Only this machine can open it; --host 0.0.0.0 lets the room in."
    everyone = announcement("0.0.0.0", 8000, "t" * 32)
    assert "0.0.0.0" not in everyone[0]
    assert everyone[1].startswith("Anyone who can reach this machine on port 8000 and has the link")


def test_on_every_address_it_says_so_and_the_page_points_back_at_the_address_used(tmp_path: Path) -> None:
    path = tmp_path / "checkout.toml"
    store.save_workspace(path, new_workspace("Checkout outage"))
    running = start_serving(path, "--host", "0.0.0.0")
    try:
        parts = urllib.parse.urlsplit(running.url)
        assert parts.hostname != "0.0.0.0"
        local = f"http://127.0.0.1:{parts.port}/?{parts.query}"
        wait_ready(local)
        status, page = get(local)
        assert status == 200 and f"ws://127.0.0.1:{parts.port}/ws" in page
        rest = running.process.stdout.readline()
        assert rest.startswith(f"Anyone who can reach this machine on port {parts.port} and has the link")
    finally:
        running.process.send_signal(signal.SIGINT)
        running.process.communicate(timeout=60)
    assert running.process.returncode == 0


async def test_a_session_with_the_token_shows_the_workspace_and_ctrl_c_ends_it(served: Served) -> None:
    import aiohttp

    parts = urllib.parse.urlsplit(served.url)
    token = urllib.parse.parse_qs(parts.query)["token"][0]
    async with (
        aiohttp.ClientSession(cookies={"pm_postmortem_token": token}) as session,
        session.ws_connect(f"ws://127.0.0.1:{parts.port}/ws?width=120&height=36") as socket,
    ):
        shown = b""
        while b"Checkout outage" not in shown:
            message = await socket.receive(timeout=60)
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
            shown += message.data if isinstance(message.data, bytes) else message.data.encode()
        served.process.send_signal(signal.SIGINT)
        while (await socket.receive(timeout=60)).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            pass
    rest, _ = await asyncio.to_thread(served.process.communicate, timeout=60)
    assert served.process.returncode == 0 and rest.splitlines()[-1] == "stopped"
