"""SVG snapshots of F4 5 Whys on the demo workspace."""

from __future__ import annotations

from tests.snapshot_support import SIZE, demo_app


def test_whys_tree_with_the_highlighted_chain(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=show)


def test_whys_node_selected_with_a_guidance_hint(snap_compare, tmp_path):
    async def select_the_short_branch(pilot):
        await pilot.press("f4")
        pilot.app.screen.query_one("#whys").select_item("whys", "why07")
        await pilot.pause()
        assert "ends at why 4" in str(pilot.app.screen.query_one("#whys-hint").render())

    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, run_before=select_the_short_branch)
