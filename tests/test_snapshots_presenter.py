"""SVG snapshots of presenter mode (a small and a projector-sized terminal) and the Prime Directive."""

from __future__ import annotations

from datetime import timedelta

from tests.snapshot_support import FIXED_NOW, SIZE, demo_app


class _Clock:
    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self):
        return self.now


def presenter_app(folder, *, steps: int, minutes: float):
    """The demo in presenter mode, ``steps`` into the agenda, its timer run for ``minutes``."""
    app = demo_app(folder)
    clock = _Clock()
    app.clock = clock

    async def present(pilot):
        await pilot.press("f2", "f8")
        await pilot.pause()
        for _ in range(steps):
            await pilot.press("n")
        await pilot.press("t")
        clock.now += timedelta(minutes=minutes)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    return app, present


def test_presenter_80x24_amber(snap_compare, tmp_path):
    app, present = presenter_app(tmp_path, steps=2, minutes=12.5)  # 5 Whys, 12:30 of 15 min
    assert snap_compare(app, terminal_size=(80, 24), run_before=present)


def test_presenter_200x60_over_time(snap_compare, tmp_path):
    app, present = presenter_app(tmp_path, steps=1, minutes=16)  # Timeline, a minute over
    assert snap_compare(app, terminal_size=(200, 60), run_before=present)


def test_prime_directive(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("f1", "p")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)
