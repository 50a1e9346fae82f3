"""Chance-corrected agreement between annotators (nominal categories, stdlib only).

The multi-rater statistics take a *count table*: one row per unit (a sentence), one column per
category, each cell the number of raters who put that unit in that category. Rows may sum to
different numbers (raters missing on some units); units with fewer than two ratings carry no
agreement information and are skipped where the formula needs pairs.

Each function returns ``nan`` where the statistic is undefined (e.g. every rating in one category
for kappa or alpha, or no unit rated twice).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

Rating = Hashable | None  # None: this rater did not rate this unit


def count_table(units: Iterable[Sequence[Rating]], categories: Sequence[Hashable]) -> list[list[int]]:
    """Turn per-unit ratings (one entry per rater, None for missing) into a count table."""
    column = {category: j for j, category in enumerate(categories)}
    table = []
    for ratings in units:
        row = [0] * len(categories)
        for rating in ratings:
            if rating is not None:
                row[column[rating]] += 1
        table.append(row)
    return table


def cohen_kappa(a: Sequence[Rating], b: Sequence[Rating]) -> float:
    """Cohen's kappa for two raters over the units both rated."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    n = len(pairs)
    if not n:
        return math.nan
    observed = sum(x == y for x, y in pairs) / n
    left, right = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    return _chance_corrected(observed, expected)


def _chance_corrected(observed: float, expected: float) -> float:
    return math.nan if expected >= 1 else (observed - expected) / (1 - expected)


def _paired(table: Sequence[Sequence[int]]) -> list[tuple[Sequence[int], int]]:
    return [(row, r) for row in table if (r := sum(row)) >= 2]


def percent_agreement(table: Sequence[Sequence[int]]) -> float:
    """The share of agreeing rater pairs, averaged over units rated at least twice."""
    paired = _paired(table)
    if not paired:
        return math.nan
    return sum(sum(c * (c - 1) for c in row) / (r * (r - 1)) for row, r in paired) / len(paired)


def _prevalence(table: Sequence[Sequence[int]]) -> list[float]:
    """Each category's share of the ratings, averaged over rated units (Gwet 2014, ch. 2-4)."""
    rated = [(row, r) for row in table if (r := sum(row)) >= 1]
    categories = len(table[0]) if table else 0
    return [sum(row[k] / r for row, r in rated) / len(rated) for k in range(categories)] if rated else []


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float:
    """Fleiss' kappa; with a varying number of raters per unit, Gwet's generalisation."""
    shares = _prevalence(table)
    if not shares:
        return math.nan
    return _chance_corrected(percent_agreement(table), sum(p * p for p in shares))


def gwet_ac1(table: Sequence[Sequence[int]]) -> float:
    """Gwet's AC1: chance agreement from how far prevalence is from uniform, so it stays
    meaningful when one category dominates (where kappa collapses towards zero)."""
    shares = _prevalence(table)
    if len(shares) < 2:
        return math.nan
    expected = sum(p * (1 - p) for p in shares) / (len(shares) - 1)
    return _chance_corrected(percent_agreement(table), expected)


def krippendorff_alpha(table: Sequence[Sequence[int]]) -> float:
    """Krippendorff's alpha for nominal data, from the coincidence of pairable values.

    alpha = 1 - (n - 1) * sum_u (m_u^2 - sum_c r_uc^2) / (m_u - 1) / (n^2 - sum_c n_c^2),
    over units with m_u >= 2 values, n the number of pairable values, n_c those in category c.
    """
    paired = _paired(table)
    n = sum(r for _, r in paired)
    if not paired:
        return math.nan
    totals = [sum(row[k] for row, _ in paired) for k in range(len(paired[0][0]))]
    expected = n * n - sum(t * t for t in totals)
    if expected == 0:
        return math.nan
    observed = sum((r * r - sum(c * c for c in row)) / (r - 1) for row, r in paired)
    return 1 - (n - 1) * observed / expected
