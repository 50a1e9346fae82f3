"""Every extraction rule in tui/temporal/rules/rules.yaml carries examples; each is checked here.

An example is [sentence, publication date, value], optionally followed by the type and the mod:
the expression the rule should find is marked [[ ]] in the sentence. A null value means nothing is
tagged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tui.temporal import extract
from tui.temporal.engine import RuleSet, _load_yaml, ruleset

RULES = ruleset().rules
EXAMPLES = [pytest.param(rule.id, ex, id=f"{rule.id}-{i}") for rule in RULES
            for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_every_rule_has_an_example(rule: str) -> None:
    assert next(r for r in RULES if r.id == rule).examples, f"rule {rule} has no example"


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example(rule: str, example: list) -> None:
    marked, dct, value, *rest = example
    expected_type = rest[0] if rest else next(r for r in RULES if r.id == rule).type
    expected_mod = rest[1:]  # checked only when the example gives one
    start = marked.find("[[")
    text = marked.replace("[[", "").replace("]]", "")
    found = extract(text, dt.date.fromisoformat(str(dct)))
    if value is None:
        assert found == [], f"{rule}: expected nothing in {text!r}, got {found}"
        return
    end = marked.find("]]") - 2
    got = [(t.text, t.value, t.type, *[t.mod][:len(expected_mod)]) for t in found if (t.start, t.end) == (start, end)]
    assert got == [(text[start:end], value, expected_type, *expected_mod)], f"{rule}: {text!r} gave {found}"


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_a_rule_id_used_twice_is_refused() -> None:
    rules = _load_yaml("rules.yaml")
    rules["rules"].append(dict(rules["rules"][0]))
    with pytest.raises(ValueError, match="used twice"):
        RuleSet(_load_yaml("words.yaml"), rules)
