"""The workspace picker driven as a user would: empty state, filter, open, new, copy, rename, delete."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input

from pm_postmortem.core import store
from pm_postmortem.core.model import TimelineEvent, new_workspace
from pm_postmortem.core.paths import data_dir, workspaces_dir
from pm_postmortem.tui.app import PostmortemApp
from pm_postmortem.tui.screens.confirm import ConfirmScreen
from pm_postmortem.tui.screens.intake import IntakeScreen
from pm_postmortem.tui.screens.picker import PickerScreen, TextPrompt
from pm_postmortem.tui.screens.versions import VersionsScreen
from pm_postmortem.tui.screens.workspace import WorkspaceScreen
from tests.pilot_support import screen_lines, wait_until

SIZE = (120, 36)


def write(name: str, title: str, day: int, severity: str | None = "S2") -> Path:
    workspace = new_workspace(title, severity=severity)
    workspace.updated = datetime(2026, 3, day, 14, 2, tzinfo=UTC)
    path = workspaces_dir() / f"{name}.toml"
    store.save_workspace(path, workspace)
    return path


@pytest.fixture
def three() -> list[Path]:
    """Three workspaces; the newest is the VAT one."""
    return [
        write("checkout", "Checkout outage", 2),
        write("datev-vat", "DATEV export wrote wrong VAT codes", 9, "S1"),
        write("login", "Login slow for EU customers", 5, None),
    ]


def app() -> PostmortemApp:
    instance = PostmortemApp(None, cursor_blink=False)
    instance.animation_level = "none"  # no scrolling animations for pilot to wait for
    return instance


def saved_names() -> list[str]:
    return sorted(path.name for path in workspaces_dir().glob("*.toml"))


def titles(pilot) -> list[str]:
    table = pilot.app.screen.query_one("#picker-table", DataTable)
    return [table.get_row_at(row)[0].plain for row in range(table.row_count)]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_empty_state_offers_the_demo_and_d_opens_it():
    async with app().run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.query_one("#picker-empty").display
        assert not screen.query_one("#picker-table").display
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pilot.app.editor.workspace.metadata.title.startswith("Duplicated bookings in DATEV")
    assert (workspaces_dir() / "demo.toml").is_file()


async def test_empty_state_n_starts_the_intake():
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(pilot.app.screen, IntakeScreen)


async def test_demo_key_works_with_workspaces_too(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title.startswith("Duplicated bookings")
    assert (workspaces_dir() / "demo.toml").is_file()


async def test_the_demo_key_reopens_an_existing_demo_instead_of_overwriting_it():
    demo = write("demo", "Our own notes in the demo", 1)
    before = demo.read_bytes()
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title == "Our own notes in the demo"
    assert demo.read_bytes() == before
    assert saved_names() == ["demo.toml"]


async def test_lists_newest_first_with_details(three):
    async with app().run_test(size=SIZE) as pilot:
        assert titles(pilot) == [
            "DATEV export wrote wrong VAT codes",
            "Login slow for EU customers",
            "Checkout outage",
        ]
        table = pilot.app.screen.query_one("#picker-table", DataTable)
        row = [cell.plain for cell in table.get_row_at(0)]
        assert row[1:] == ["S1", "Draft", datetime(2026, 3, 9, 14, 2, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M"), "datev-vat"]
        assert table.get_row_at(1)[1].plain == "—"


async def test_typing_filters_by_title_or_name_and_escape_clears(three):
    async with app().run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert screen.focused is screen.query_one("#picker-table")
        await type_text(pilot, "OUT")  # typed while the table has focus: goes to the filter
        assert screen.query_one("#picker-filter", Input).value == "OUT"
        assert titles(pilot) == ["Checkout outage"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "v-v")  # the file name (datev-vat) matches too
        assert titles(pilot) == ["DATEV export wrote wrong VAT codes"]
        await type_text(pilot, "z")
        assert titles(pilot) == []
        assert screen.query_one("#picker-nomatch").display
        await pilot.press("escape")
        assert screen.query_one("#picker-filter", Input).value == ""
        assert len(titles(pilot)) == 3
        assert screen.focused is screen.query_one("#picker-table")


async def test_enter_opens_the_selected_workspace(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pilot.app.editor.workspace.metadata.title == "Login slow for EU customers"


async def test_filter_then_enter_opens_the_match(three):
    async with app().run_test(size=SIZE) as pilot:
        await type_text(pilot, "check")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title == "Checkout outage"


async def test_ctrl_n_starts_the_intake(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        assert isinstance(pilot.app.screen, IntakeScreen)
        await pilot.press("escape")  # nothing typed: back to the list
        assert isinstance(pilot.app.screen, PickerScreen)
        assert len(pilot.app.screen_stack) == 2


async def test_duplicate_copies_to_a_new_file_and_selects_it(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "ctrl+d")  # Checkout outage
        await pilot.pause()
        copy = workspaces_dir() / "checkout-copy.toml"
        assert store.load_workspace(copy).metadata.title == "Checkout outage (copy)"
        screen = pilot.app.screen
        assert screen.selected().path == copy
        assert titles(pilot)[0] == "Checkout outage (copy)"


async def test_rename_changes_the_title_inside_the_file_and_keeps_the_name(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("ctrl+u")
        await type_text(pilot, "[red]VAT [/]codes")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        assert titles(pilot)[0] == "[red]VAT [/]codes"
    assert store.load_workspace(three[1]).metadata.title == "[red]VAT [/]codes"
    assert saved_names() == ["checkout.toml", "datev-vat.toml", "login.toml"]


async def test_rename_cancelled_with_escape_changes_nothing(three):
    before = three[1].read_bytes()
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "x", "escape")
        assert isinstance(pilot.app.screen, PickerScreen)
    assert three[1].read_bytes() == before


async def test_an_empty_title_is_refused_in_the_prompt_which_stays_open(three):
    before = three[1].read_bytes()
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r", "ctrl+u", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)
        assert any("✗ a post-mortem needs a title; escape keeps the old one" in line for line in screen_lines(pilot.app))
        await type_text(pilot, "VAT codes")
        assert not any("✗" in line for line in screen_lines(pilot.app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
    assert three[1].read_bytes() != before
    assert store.load_workspace(three[1]).metadata.title == "VAT codes"


async def test_delete_asks_then_moves_the_file_to_the_trash(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+x")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "DATEV export wrote wrong VAT codes" in pilot.app.screen.question
        assert pilot.app.screen.question.startswith(f"Delete {three[1].name}, ")  # two titles may match
        await pilot.press("n")  # declined: nothing happens
        assert three[1].exists()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert not three[1].exists()
        assert (data_dir() / "trash" / "datev-vat.toml").is_file()
        assert titles(pilot) == ["Login slow for EU customers", "Checkout outage"]
        messages = [str(note.message) for note in pilot.app._notifications]
        assert any("trash" in message for message in messages)


async def test_deleting_the_last_one_shows_the_empty_state():
    write("only", "Only one", 1)
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+x", "y")
        await pilot.pause()
        assert pilot.app.screen.query_one("#picker-empty").display


async def test_a_corrupt_file_is_listed_with_its_problem_and_does_not_crash(three):
    (workspaces_dir() / "broken.toml").write_text("title = [unclosed\n", encoding="utf-8")
    async with app().run_test(size=SIZE) as pilot:
        table = pilot.app.screen.query_one("#picker-table", DataTable)
        rows = [[cell.plain for cell in table.get_row_at(row)] for row in range(table.row_count)]
        broken = next(row for row in rows if row[-1] == "broken")
        assert "cannot be opened" in broken[0] and "not valid TOML" in broken[0]
        assert rows[-1] == broken  # no date: listed last
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        assert pilot.app.editor is None
        await pilot.press("ctrl+d", "ctrl+r")  # refused with a message, no crash
        assert isinstance(pilot.app.screen, PickerScreen)


async def test_markup_like_titles_are_shown_literally():
    write("markup", "[red]x [/] and [b]more", 1)
    async with app().run_test(size=SIZE) as pilot:
        cell = pilot.app.screen.query_one("#picker-table", DataTable).get_row_at(0)[0]
        assert isinstance(cell, Text)
        assert cell.plain == "[red]x [/] and [b]more"
        assert not cell.spans
        await pilot.press("ctrl+x")  # the question names it literally too
        assert "“[red]x [/] and [b]more”" in pilot.app.screen.question


async def test_open_a_typed_path(tmp_path, three):
    elsewhere = tmp_path / "team" / "incident.toml"
    store.save_workspace(elsewhere, new_workspace("Kept next to the code"))
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(pilot.app.screen, TextPrompt)
        pilot.app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.editor.workspace.metadata.title == "Kept next to the code"


async def test_a_folder_is_refused_in_the_prompt_and_what_was_typed_stays(tmp_path, three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        field = pilot.app.screen.query_one(Input)
        field.value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt) and field.value == str(tmp_path)
        assert any("is a folder; add the name of a .toml file to it" in line for line in screen_lines(pilot.app))


async def test_a_typed_path_that_does_not_exist_offers_to_create_it(tmp_path):
    target = tmp_path / "new-one.toml"
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        pilot.app.screen.query_one(Input).value = str(target)
        await pilot.press("enter", "y")
        assert isinstance(pilot.app.screen, IntakeScreen)
        assert pilot.app.screen.path == target


async def test_the_open_workspace_cannot_be_deleted_from_the_picker(three):
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.show_picker()
        await pilot.pause()
        await pilot.press("ctrl+x")
        assert isinstance(pilot.app.screen, PickerScreen)
        assert three[1].exists()
        await pilot.press("escape")  # back to the open workspace
        assert isinstance(pilot.app.screen, WorkspaceScreen)


async def test_import_markdown_from_the_picker_opens_the_imported_workspace(tmp_path):
    from pm_postmortem.core.importer import import_markdown

    source = Path(__file__).parent / "fixtures" / "sre_format.md"
    expected, _ = import_markdown(source.read_text(encoding="utf-8"))
    app = PostmortemApp(None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+g")
        for char in str(source):
            await pilot.press(char)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.editor is not None)
        assert app.editor.workspace.metadata.title == expected.metadata.title
        assert len(app.editor.workspace.actions) == len(expected.actions) > 0
        saved = store.load_workspace(app.session.path)
        assert saved.whys.root_cause_statement == expected.whys.root_cause_statement


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "binary"),
        (b"# Post-Mortem: Huge\n## Timeline\n" + b"- 10:00 event\n" * 30_000, "too large to import"),
    ],
    ids=["binary", "too-large"],
)
async def test_import_of_a_file_that_cannot_be_read_says_why_and_opens_nothing(
    tmp_path, content, message
):
    junk = tmp_path / "junk.md"
    junk.write_bytes(content)
    app = PostmortemApp(None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+g")
        for char in str(junk):
            await pilot.press(char)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app._notifications)
        assert app.editor is None
        [notification] = app._notifications
        assert "junk.md" in notification.message and message in notification.message
        assert not app.screen.query_one(DataTable).loading


def versions_rows(pilot) -> list[list[str]]:
    table = pilot.app.screen.query_one("#versions-table", DataTable)
    return [[cell.plain for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_versions_lists_the_kept_versions_and_enter_restores_one(three):
    workspace = store.load_workspace(three[1])
    contents = [three[1].read_bytes()]
    for minute in (5, 6):
        workspace.timeline.append(TimelineEvent(time=datetime(2026, 3, 9, 14, minute, tzinfo=UTC), text="alert"))
        store.save_workspace(three[1], workspace)
        contents.append(three[1].read_bytes())
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")  # the highlighted row: the VAT workspace, the newest
        assert isinstance(pilot.app.screen, VersionsScreen)
        rows = versions_rows(pilot)
        assert [row[2] for row in rows] == ["1", "0"]  # newest first, with their events
        assert all(row[1].endswith("KiB") for row in rows)
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[0]) for row in rows)  # saves seconds apart
        await pilot.press("escape")  # closing changes nothing
        assert isinstance(pilot.app.screen, PickerScreen)
        assert three[1].read_bytes() == contents[2]
        await pilot.press("ctrl+l", "down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        messages = [str(note.message) for note in pilot.app._notifications]
        assert any(message.startswith("Restored the version of") for message in messages)
    assert three[1].read_bytes() == contents[0]
    kept = [version.path.read_bytes() for version in store.backup_versions(three[1])]
    assert kept == [contents[2], contents[1], contents[0]]  # nothing lost


async def test_a_file_that_cannot_be_opened_gets_its_last_good_version_back(three):
    good = three[0].read_bytes()
    store.write_text(three[0], "title = [unclosed\n")  # the good content is kept as a version
    async with app().run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "ctrl+l")  # the broken one is listed last
        assert "checkout.toml" in str(pilot.app.screen.query_one("#versions-title").render())
        await pilot.press("enter")
        await pilot.pause()
        assert "Checkout outage" in titles(pilot)
    assert three[0].read_bytes() == good


async def test_at_80_columns_two_files_of_the_same_title_stay_apart():
    write("checkout-redesign-rollout", "Checkout redesign", 2)
    write("checkout-redesign-rollout-2", "Checkout redesign", 3)
    async with app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = [line for line in screen_lines(pilot.app) if "Checkout redesign" in line]
        files = [line.rstrip(" │▁▂▃▄▅▆▇█▌▐").split()[-1] for line in rows]
        assert len(files) == 2 and len(set(files)) == 2
        assert all(name.startswith("checko") and "…" in name for name in files)
        assert {name.split("…")[1] for name in files} == {"llout", "out-2"}  # the ends differ


async def test_the_versions_list_keeps_its_keys_in_sight_at_80x24(three):
    workspace = store.load_workspace(three[1])
    for minute in range(12):
        workspace.timeline.append(TimelineEvent(time=datetime(2026, 3, 9, 14, minute, tzinfo=UTC), text="alert"))
        store.save_workspace(three[1], workspace)
    async with app().run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(pilot.app.screen, VersionsScreen)
        shown = " ".join(line.strip(" █│") for line in screen_lines(pilot.app))
        assert "enter: restore the highlighted version" in shown
