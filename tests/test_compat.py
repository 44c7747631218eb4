"""The private Textual names the app relies on still exist and behave (run first on an upgrade)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from pm_postmortem.tui.compat import (
    PASTE_END,
    PASTE_START,
    WholePasteParser,
    read_pastes_whole,
    resize_column,
)


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def test_resize_column_changes_the_drawn_width():
    app = OneTable()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_row("a rather long text that is cut")
        await pilot.pause()
        column = table.ordered_columns[0]
        resize_column(table, column, 10)
        await pilot.pause()
        assert column.width == 10 and not column.auto_width
        assert column.get_render_width(table) == 10 + 2 * table.cell_padding
        assert "a rather long text" not in table.render_line(1).text


COLOURED = "10:02 ops: plain \x1b[31mred\x1b[0m done"


def test_a_bracketed_paste_with_escapes_arrives_whole_and_in_order():
    """Textual's parser turns the text from a pasted escape on into keys typed before the paste."""
    from textual import events

    sent = f"a{PASTE_START}{COLOURED}{PASTE_END}b"
    parser = WholePasteParser()
    assert [(type(event).__name__, getattr(event, "text", getattr(event, "key", None))) for event in parser.feed(sent)] == [
        ("Key", "a"), ("Paste", COLOURED), ("Key", "b"),
    ]
    for size in (1, 2, 3, 5, 7):  # read in pieces, the markers split anywhere but the start's
        parser = WholePasteParser()
        pieces = [sent[:2 + len(PASTE_START)], *(sent[i:i + size] for i in range(2 + len(PASTE_START), len(sent), size))]
        received = [event for piece in pieces for event in parser.feed(piece)]
        assert [event.text for event in received if isinstance(event, events.Paste)] == [COLOURED], size
        assert [event.key for event in received if isinstance(event, events.Key)] == ["a", "b"], size


def test_the_terminal_drivers_read_with_it():
    import textual._xterm_parser
    import textual.drivers.linux_driver

    read_pastes_whole()
    read_pastes_whole()
    assert textual.drivers.linux_driver.XTermParser is WholePasteParser
    assert textual._xterm_parser.XTermParser is WholePasteParser


@given(
    pasted=st.text(alphabet=st.sampled_from("ab \x1b[]0123456789;m~\x07\r\n\x00é"), max_size=60).filter(
        lambda text: PASTE_END not in text),
    cuts=st.lists(st.integers(1, 8), max_size=12),
)
def test_any_paste_read_in_any_pieces_arrives_once_as_sent(pasted, cuts):
    """Whatever a paste holds (escapes, partial end markers, NUL) and however the reads split it."""
    from textual import events

    sent = f"{PASTE_START}{pasted}{PASTE_END}x"
    pieces, start = [], len(PASTE_START)
    pieces.append(sent[:start])
    for size in cuts:
        pieces.append(sent[start:start + size])
        start += size
    pieces.append(sent[start:])
    parser = WholePasteParser()
    received = [event for piece in pieces if piece for event in parser.feed(piece)]
    assert [event.text for event in received if isinstance(event, events.Paste)] == [pasted.replace("\x00", "")]
    assert [event.key for event in received if isinstance(event, events.Key)] == ["x"]
