"""Linear undo/redo as in vim: a new change after an undo drops the steps that were undone."""

from __future__ import annotations

from typing import Generic, TypeVar

Step = TypeVar("Step")


class History(Generic[Step]):
    """The session's steps, oldest first; ``_done`` of them are applied."""

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._done = 0

    def push(self, step: Step) -> None:
        del self._steps[self._done:]
        self._steps.append(step)
        self._done += 1

    def undo(self) -> Step | None:
        """The step to revert, or None when there is nothing left to undo."""
        if not self._done:
            return None
        self._done -= 1
        return self._steps[self._done]

    def redo(self) -> Step | None:
        """The step to apply again, or None when nothing was undone."""
        if self._done == len(self._steps):
            return None
        self._done += 1
        return self._steps[self._done - 1]

    def last(self) -> Step | None:
        """The most recent step still applied."""
        return self._steps[self._done - 1] if self._done else None

    @property
    def can_undo(self) -> bool:
        return self._done > 0

    @property
    def can_redo(self) -> bool:
        return self._done < len(self._steps)
