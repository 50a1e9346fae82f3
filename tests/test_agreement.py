"""Each statistic against a published worked example."""

from __future__ import annotations

import math

import pytest

from tui.store.agreement import (
    cohen_kappa,
    count_table,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
)

# Krippendorff, K. (2011) "Computing Krippendorff's alpha-reliability", section C (nominal data,
# any number of observers, missing data): 4 observers, 12 units, None = missing. Published alpha:
# 0.743. Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., uses the same reliability data
# (his 4 raters x 12 units example) and reports AC1 = 0.7754 (pa = 0.8182, pe = 0.1903) and
# Fleiss' generalised kappa = 0.7612 (pe = 0.2387).
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def _units(raters: dict[str, list]) -> list[tuple]:
    return list(zip(*raters.values(), strict=True))


def _from_contingency(table: list[list[int]]) -> list[tuple[int, int]]:
    """Two raters' units from a contingency table (rows: rater A's category, columns: rater B's)."""
    return [(i, j) for i, row in enumerate(table) for j, n in enumerate(row) for _ in range(n)]


def test_cohen_wikipedia_50_items() -> None:
    # Wikipedia, "Cohen's kappa", worked example: 50 proposals, yes/yes 20, A yes B no 5,
    # A no B yes 10, no/no 15: po = 0.7, pe = 0.5, kappa = 0.4.
    units = _from_contingency([[20, 5], [10, 15]])
    assert cohen_kappa([a for a, _ in units], [b for _, b in units]) == pytest.approx(0.4)


def test_cohen_gwet_3x3_abstractors() -> None:
    # Gwet (2014), Handbook, 100 pregnancies classified by two abstractors (Ectopic, AIU, NIU):
    # Cohen's kappa 0.7964.
    units = _from_contingency([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    assert cohen_kappa([a for a, _ in units], [b for _, b in units]) == pytest.approx(0.79641, abs=5e-6)


def test_cohen_skips_units_either_rater_missed() -> None:
    assert cohen_kappa([1, None, 0, 1], [1, 0, 0, None]) == pytest.approx(1.0)


def test_fleiss_wikipedia_14_raters() -> None:
    # Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories:
    # P-bar = 0.378, Pe-bar = 0.213, kappa = 0.210.
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    assert percent_agreement(table) == pytest.approx(0.378, abs=5e-4)
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=5e-4)


def test_krippendorff_2011_nominal_with_missing_data() -> None:
    table = count_table(_units(KRIPPENDORFF_2011), [1, 2, 3, 4, 5])
    assert krippendorff_alpha(table) == pytest.approx(0.743, abs=5e-4)


def test_gwet_ac1_handbook_4_raters_with_missing_data() -> None:
    table = count_table(_units(KRIPPENDORFF_2011), [1, 2, 3, 4, 5])
    assert percent_agreement(table) == pytest.approx(0.81818, abs=5e-6)
    assert gwet_ac1(table) == pytest.approx(0.77544, abs=5e-6)
    assert fleiss_kappa(table) == pytest.approx(0.76117, abs=5e-6)


def test_gwet_ac1_handbook_3x3_abstractors() -> None:
    # Gwet (2014), Handbook: AC1 = 0.8493, pa = 0.89, pe = 0.2699 for the 3x3 table above.
    table = count_table(_from_contingency([[13, 0, 0], [0, 20, 7], [0, 4, 56]]), [0, 1, 2])
    assert percent_agreement(table) == pytest.approx(0.89)
    assert gwet_ac1(table) == pytest.approx(0.84933, abs=5e-6)


def test_kappa_paradox_where_ac1_stays_high() -> None:
    # One category dominating (INCEpTION #6155): 118 of 125 agree on "yes", kappa is about
    # zero, AC1 is not. Values by hand: po = 0.944, kappa pe = 0.94528, AC1 pe = 0.054432.
    units = _from_contingency([[118, 5], [2, 0]])
    kappa = cohen_kappa([a for a, _ in units], [b for _, b in units])
    assert kappa == pytest.approx((0.944 - 0.94528) / (1 - 0.94528))
    ac1 = gwet_ac1(count_table(units, [0, 1]))
    assert ac1 == pytest.approx((0.944 - 0.054432) / (1 - 0.054432))


def test_undefined_cases_give_nan() -> None:
    assert math.isnan(cohen_kappa([], []))
    assert math.isnan(cohen_kappa([1, 1], [1, 1]))
    assert math.isnan(krippendorff_alpha([[2, 0], [3, 0]]))
    assert math.isnan(krippendorff_alpha([[1, 0]]))
    assert math.isnan(fleiss_kappa([]))
    assert gwet_ac1([[2, 0], [3, 0]]) == pytest.approx(1.0)
