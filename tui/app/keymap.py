"""Every key binding of the reader, with an id a user keymap can remap, and the keymap loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    keys: str
    action: str
    description: str
    scope: str  # where the binding lives: "app", "article", "timeline", or "panes" for both panes
    footer: str = ""  # a short label puts the binding in the footer; the help screen lists them all


# One table for the bindings, the footer and the help screen, so they can never disagree. The footer
# labels are short so that Help and Quit still fit at 80 columns.
COMMANDS: tuple[Command, ...] = (
    Command("cursor-down", "j,down", "cursor_down", "Next sentence / entry", "panes"),
    Command("cursor-up", "k,up", "cursor_up", "Previous sentence / entry", "panes"),
    Command("page-down", "pagedown,space", "page_down", "Page down", "panes"),
    Command("page-up", "pageup,b", "page_up", "Page up", "panes"),
    Command("first", "home,g", "first", "First sentence / entry", "panes"),
    Command("last", "end,G", "last", "Last sentence / entry", "panes"),
    *(Command(f"tag-{n}", str(n), f"screen.toggle_tag('{n}')", f"Toggle tag {n} (sentence or range)", "article")
      for n in range(1, 10)),
    Command("pick-tag", "t", "screen.pick_tag", "Tag picker (any tag, type to filter)", "article", "Tag"),
    Command("note", "c", "screen.edit_note", "Add or edit a note on the sentence", "article", "Note"),
    Command("range", "v", "screen.toggle_range", "Start or end a range of sentences", "article"),
    Command("cancel", "escape", "screen.cancel", "Cancel the range, else clear the filter", "article"),
    Command("next-tagged", "right_square_bracket", "screen.next_tagged", "Next tagged sentence", "article"),
    Command("previous-tagged", "left_square_bracket", "screen.previous_tagged", "Previous tagged sentence",
            "article"),
    Command("filter", "f", "screen.filter_tag", "Show only sentences with a tag (f, Escape: all)", "article"),
    Command("add-timex", "a", "screen.add_timex", "Add a date the tagger missed in this sentence", "article"),
    Command("jump", "enter", "jump", "Jump to the entry's sentence", "timeline", "Jump"),
    Command("edit-timex", "e", "screen.edit_timex", "Correct the entry's value, or reject it", "timeline",
            "Correct"),
    Command("switch-pane", "tab", "switch_pane", "Switch between article and timeline", "app", "Pane"),
    Command("next-article", "n", "next_article", "Next article", "app", "Next"),
    Command("previous-article", "p", "previous_article", "Previous article", "app", "Prev"),
    Command("pick-article", "o", "pick_article", "Article list (type to filter)", "app"),
    Command("search", "slash", "search", "Search the article", "app", "Find"),
    Command("set-date", "d", "set_date", "Set the publication date", "app", "Date"),
    Command("undo", "u", "undo", "Undo", "app"),
    Command("redo", "ctrl+r", "redo", "Redo", "app"),
    Command("review", "O", "review", "Review orphaned and moved annotations, corrections", "app"),
    Command("help", "question_mark,f1", "help", "Help: every key", "app", "Help"),
    Command("quit", "q", "app.quit", "Quit", "app", "Quit"),
)

DEFAULT_KEYMAP_PATH = Path("~/.config/newsline/keymap.yaml").expanduser()
MAX_KEYMAP_BYTES = 64 * 1024


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, each carrying its command id."""
    scopes = {scope, "panes"} if scope in ("article", "timeline") else {scope}
    return [Binding(c.keys, c.action, c.footer or c.description, show=bool(c.footer), id=c.id,
                    tooltip=c.description)
            for c in COMMANDS if c.scope in scopes]


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """A user keymap ``{binding id: "key,key"}`` and a problem message (file and what is wrong), if any.

    A bad keymap never stops the app: the defaults stay and the message says why.
    """
    try:
        if path.stat().st_size > MAX_KEYMAP_BYTES:
            return {}, f"{path}: keymap larger than {MAX_KEYMAP_BYTES // 1024} KB, ignored"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as error:
        return {}, f"{path}: cannot read keymap ({error})"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        return {}, f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})"
    if data is None:
        return {}, None
    known = {c.id for c in COMMANDS}
    if not isinstance(data, dict):
        return {}, f"{path}: a keymap maps binding ids to keys, e.g. 'next-article: ctrl+n'"
    keymap, unknown = {}, []
    for binding_id, keys in data.items():
        if binding_id not in known or not isinstance(keys, str) or not keys.strip():
            unknown.append(str(binding_id))
        else:
            keymap[binding_id] = keys
    problem = f"{path}: unknown binding ids or empty keys ignored: {', '.join(unknown)}" if unknown else None
    return keymap, problem


def keys_for(command: Command, keymap: dict[str, str]) -> str:
    """The keys a command answers to once the user keymap applies."""
    return keymap.get(command.id, command.keys)
