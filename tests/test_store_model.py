"""Random sessions of toggles, notes, undo and redo agree with a plain model, in memory and on disk."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import numbered_text, open_article

TEXT = numbered_text(6)
TAGS = ("claim", "quote", "event")

_OPS = st.one_of(
    st.tuples(st.just("toggle"), st.lists(st.integers(0, 5), min_size=1, max_size=3), st.sampled_from(TAGS)),
    st.tuples(st.just("note"), st.integers(0, 5), st.sampled_from([None, "a", "b\nc"])),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)

State = dict[int, tuple[frozenset[str], str | None]]


def _model_step(state: State, op: tuple) -> State:
    new = dict(state)
    if op[0] == "toggle":
        indices, tag = sorted(set(op[1])), op[2]
        add = not all(tag in new.get(i, (frozenset(), None))[0] for i in indices)
        for i in indices:
            tags, note = new.get(i, (frozenset(), None))
            new[i] = (tags | {tag} if add else tags - {tag}, note)
    else:
        tags, _ = new.get(op[1], (frozenset(), None))
        new[op[1]] = (tags, op[2])
    return {i: v for i, v in new.items() if v[0] or v[1] is not None}


def _observed(notes) -> State:
    found = {i: (frozenset(notes.tags_of(i)), notes.note_of(i)) for i in range(6)}
    return {i: v for i, v in found.items() if v[0] or v[1] is not None}


@settings(max_examples=25, deadline=None)
@given(st.lists(_OPS, max_size=14))
def test_random_sessions_match_the_model(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notes = open_article(folder, TEXT)
        states: list[State] = [{}]  # states[k]: after k applied steps
        done = 0
        for op in ops:
            if op[0] == "undo":
                assert bool(notes.undo()) == (done > 0)
                done = max(done - 1, 0)
            elif op[0] == "redo":
                assert bool(notes.redo()) == (done < len(states) - 1)
                done = min(done + 1, len(states) - 1)
            else:
                after = _model_step(states[done], op)
                changed = notes.toggle(op[1], op[2]) if op[0] == "toggle" else notes.set_note(op[1], op[2])
                assert changed == (after != states[done])
                if changed:
                    del states[done + 1:]
                    states.append(after)
                    done += 1
            assert _observed(notes) == states[done]
        assert _observed(open_article(folder, TEXT)) == states[done]
