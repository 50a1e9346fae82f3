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
    scope: str  # "app", "article" or "timeline": where the binding lives
    show: bool = True


# One table for the bindings and the help screen, so the two can never disagree.
COMMANDS: tuple[Command, ...] = (
    Command("cursor-down", "j,down", "cursor_down", "Next sentence / entry", "article", show=False),
    Command("cursor-up", "k,up", "cursor_up", "Previous sentence / entry", "article", show=False),
    Command("page-down", "pagedown,space", "page_down", "Page down", "article", show=False),
    Command("page-up", "pageup,b", "page_up", "Page up", "article", show=False),
    Command("first", "home,g", "first", "First sentence / entry", "article", show=False),
    Command("last", "end,G", "last", "Last sentence / entry", "article", show=False),
    Command("timeline-down", "j,down", "cursor_down", "Next entry", "timeline", show=False),
    Command("timeline-up", "k,up", "cursor_up", "Previous entry", "timeline", show=False),
    Command("timeline-page-down", "pagedown,space", "page_down", "Page down", "timeline", show=False),
    Command("timeline-page-up", "pageup,b", "page_up", "Page up", "timeline", show=False),
    Command("timeline-first", "home,g", "first", "First entry", "timeline", show=False),
    Command("timeline-last", "end,G", "last", "Last entry", "timeline", show=False),
    *(Command(f"tag-{n}", str(n), f"screen.toggle_tag('{n}')", f"Toggle tag {n} (sentence or range)", "article",
              show=False) for n in range(1, 10)),
    Command("pick-tag", "t", "screen.pick_tag", "Tag…", "article"),
    Command("note", "c", "screen.edit_note", "Note", "article"),
    Command("range", "v", "screen.toggle_range", "Start or end a range of sentences", "article", show=False),
    Command("cancel", "escape", "screen.cancel", "Cancel the range, else clear the filter", "article",
            show=False),
    Command("next-tagged", "right_square_bracket", "screen.next_tagged", "Next tagged sentence", "article",
            show=False),
    Command("previous-tagged", "left_square_bracket", "screen.previous_tagged", "Previous tagged sentence",
            "article", show=False),
    Command("filter", "f", "screen.filter_tag", "Show only sentences with a tag (f, Escape: all)", "article",
            show=False),
    Command("add-timex", "a", "screen.add_timex", "Add a date the tagger missed in this sentence", "article",
            show=False),
    Command("jump", "enter", "jump", "Jump to the entry's sentence", "timeline"),
    Command("edit-timex", "e", "screen.edit_timex", "Correct", "timeline"),
    Command("switch-pane", "tab", "switch_pane", "Switch pane", "app"),
    Command("next-article", "n", "next_article", "Next article", "app"),
    Command("previous-article", "p", "previous_article", "Previous article", "app"),
    Command("pick-article", "o", "pick_article", "Articles", "app"),
    Command("search", "slash", "search", "Search", "app"),
    Command("set-date", "d", "set_date", "Publication date", "app"),
    Command("undo", "u", "undo", "Undo", "app"),
    Command("redo", "ctrl+r", "redo", "Redo", "app", show=False),
    Command("review", "O", "review", "Review orphaned and moved annotations, corrections", "app", show=False),
    Command("help", "question_mark,f1", "help", "Help", "app"),
    Command("quit", "q", "quit", "Quit", "app"),
)

DEFAULT_KEYMAP_PATH = Path("~/.config/newsline/keymap.yaml").expanduser()
MAX_KEYMAP_BYTES = 64 * 1024


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, each carrying its command id."""
    return [Binding(c.keys, c.action, c.description, show=c.show, id=c.id)
            for c in COMMANDS if c.scope == scope]


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
