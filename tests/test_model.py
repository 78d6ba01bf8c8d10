"""EDTF dates at their true precision: parsing, bounds, compatibility, and how readers see them."""
from __future__ import annotations

from datetime import date

import pytest

from builder.model import EdtfDate, EdtfError


@pytest.mark.parametrize("text, precision, label", [
    ("2024-11-04", "day", "4 November 2024"),
    ("2024-11", "month", "November 2024"),
    ("2024-23", "season", "Autumn 2024"),
    ("2024", "year", "2024"),
    ("2023?", "year", "2023 (uncertain)"),
    ("2024-11-04~", "day", "about 4 November 2024"),
    ("2010/2024", "interval", "2010 – 2024"),
    ("../2024-10-01", "interval", "… – 1 October 2024"),
])
def test_precision_and_label(text, precision, label):
    parsed = EdtfDate.parse(text)
    assert parsed.precision == precision
    assert parsed.label() == label


def test_bounds_follow_precision():
    assert (EdtfDate.parse("2024-02").lower, EdtfDate.parse("2024-02").upper) == (date(2024, 2, 1), date(2024, 2, 29))
    winter = EdtfDate.parse("2024-24")
    assert (winter.lower, winter.upper) == (date(2024, 12, 1), date(2025, 2, 28))


@pytest.mark.parametrize("text", ["2024-02-30", "2023-13", "2024-25", "24-11-04", "November 2024", "2025/2024", "../..", ""])
def test_impossible_or_foreign_dates_are_refused(text):
    with pytest.raises(EdtfError):
        EdtfDate.parse(text)


def test_compatible_means_one_holds_the_other():
    day, month, other = EdtfDate.parse("2024-11-04"), EdtfDate.parse("2024-11"), EdtfDate.parse("2024-12")
    assert day.compatible(month) and month.compatible(day)
    assert not day.compatible(other)


def test_sorting_puts_coarse_dates_before_their_days():
    dates = sorted(EdtfDate.parse(t) for t in ["2024-11-04", "2024", "2023?", "2024-11", "2010/2024"])
    assert [d.text for d in dates] == ["2010/2024", "2023?", "2024", "2024-11", "2024-11-04"]
