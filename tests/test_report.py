"""Tests of imbalance.report: the page, its figures and the 2-D views."""

from __future__ import annotations

import base64
import logging
import re

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="imbalance.report needs the report extra")

from imbalance.datasets import load_purchases
from imbalance.evaluation import compare
from imbalance.report import _page, is_report_file, render_report, write_report
from imbalance.report._figures import cost_curve
from imbalance.report._projection import resampling_views

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def small():
    data = load_purchases().head(500)
    X, y = data.drop(columns="bought"), data["bought"]
    result = compare(X, y, ["random-under", "smote"], cv="1x2", cost_fn=5)
    return result, X, y


@pytest.fixture(scope="module")
def page(small) -> str:
    return render_report(*small, title="Small <test>")


def test_page_is_self_contained(page):
    """Check that the page loads nothing from elsewhere and runs no script."""
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources and all(
        source.startswith("data:image/png;base64,") for source in sources
    )
    assert "http://" not in page and "https://" not in page


def test_every_image_is_a_png(page):
    """Check that each embedded image decodes to a PNG of the stated size."""
    images = re.findall(
        r'<img src="data:image/png;base64,([^"]+)"[^>]*width="(\d+)"', page
    )
    # classes, and per model: confusion, curves, cost, calibration; 2-D views
    assert len(images) == 6
    for encoded, width in images:
        data = base64.b64decode(encoded)
        assert data.startswith(PNG_SIGNATURE)
        assert int.from_bytes(data[16:20], "big") == int(width)


def test_page_holds_every_section(page):
    """Check the sections, strategies, baseline row and the escaped title."""
    for heading in (
        "Classes",
        "Summary",
        "Each strategy against none",
        "Model: logistic",
        "Confusion matrices",
        "Precision-recall and ROC curves",
        "Expected cost against threshold",
        "Calibration before and after prior correction",
        "Training data before and after resampling",
    ):
        assert f">{heading}</h" in page
    assert "<h1>Small &lt;test&gt;</h1>" in page
    assert page.count('<tr class="baseline">') == 1
    assert "0.167 = cost_fp / (cost_fp + cost_fn)" in page
    assert "<th>cost at 0.167, corrected</th>" in page
    for strategy in ("none", "random-under", "smote"):
        assert f"<td>{strategy}</td>" in page


def test_a_report_is_told_from_other_files(page, tmp_path):
    """Check that only a page this package rendered counts as a report."""
    ours, other = tmp_path / "ours.html", tmp_path / "other.html"
    ours.write_text(page, encoding="utf-8")
    other.write_text(page.replace('name="generator"', 'name="author"'), "utf-8")
    assert is_report_file(ours)
    assert not is_report_file(other) and not is_report_file(tmp_path / "none.html")
    assert not is_report_file(tmp_path)  # a folder


def test_write_report_is_atomic_and_refuses_existing(
    small, tmp_path, caplog, monkeypatch
):
    """Check the file is written whole, logged, and not replaced unless asked."""
    monkeypatch.setattr(_page, "render_report", lambda *a, **k: "<html></html>\n")
    path = tmp_path / "report.html"
    with caplog.at_level(logging.INFO, logger="imbalance"):
        assert write_report(*small, path) == path
    assert path.read_text(encoding="utf-8") == "<html></html>\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left
    assert any("Wrote the report to" in r.getMessage() for r in caplog.records)
    with pytest.raises(FileExistsError, match="already exists"):
        write_report(*small, path)
    path.write_text("old", encoding="utf-8")
    write_report(*small, path, overwrite=True)
    assert path.read_text(encoding="utf-8") == "<html></html>\n"


def test_report_refuses_other_data(small):
    """Check that labels of another length are refused."""
    result, X, y = small
    with pytest.raises(ValueError, match="y has 499 labels but the comparison"):
        render_report(result, X, y.iloc[1:])


def test_views_mark_added_and_removed_rows(small):
    """Check the 2-D views: under-sampling removes, SMOTE adds, counts add up."""
    result, X, y = small
    views = resampling_views(result, X, y.to_numpy())
    n_train = len(result.splits.splits[0][0])
    before, under, smote = views
    assert len(before.kept) == n_train and len(before.synthetic) == 0
    assert len(under.kept) + len(under.removed) == n_train
    assert under.kept_positive.sum() * 2 == len(under.kept)
    assert len(smote.removed) == 0 and len(smote.kept) == n_train
    n_negative = int((~smote.kept_positive).sum())
    assert smote.kept_positive.sum() + len(smote.synthetic) == n_negative


def test_cost_curve_matches_counting():
    """Check the expected cost curve against counting errors at each threshold."""
    rng = np.random.default_rng(0)
    is_positive = rng.random(300) < 0.1
    probability = np.round(rng.random(300), 2)  # ties on purpose
    thresholds = np.linspace(0, 1, 41)
    curve = cost_curve(is_positive, probability, 5.0, 1.0, thresholds)
    for threshold, value in zip(thresholds, curve):
        predicted = probability >= threshold
        fn = np.sum(is_positive & ~predicted)
        fp = np.sum(~is_positive & predicted)
        assert value == pytest.approx((5 * fn + fp) / 300)
