"""Write ``rules/told.json``: what telling every shipped rule finds (see regex_facts.Told), so
that a fresh process runs its rules told from the first text instead of parsing all of them
again once it has seen a megabyte. A test fails when the file is out of date; run

    python -m tui.temporal.tell_rules

after changing a rule, a word list or the analyses of ``regex_facts``."""

from __future__ import annotations

from pathlib import Path

from tui.temporal import engine
from tui.temporal.regex_facts import told_table


def shipped_told_table() -> str:
    """The told table of the shipped rules, told afresh."""
    rules = engine.RuleSet(engine._load_yaml("words.yaml"), engine._load_yaml("rules.yaml"))
    return told_table(rule.regex for rule in rules.rules)


def main() -> None:
    path = Path(engine.__file__).with_name("rules") / engine.TOLD_FILE
    path.write_text(shipped_told_table(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
