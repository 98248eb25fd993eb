"""Tests of ``imbalance compare`` and ``imbalance demo``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imbalance.cli import app
from imbalance.datasets import load_purchases

runner = CliRunner()
FAST = ["--methods", "none,random-under", "--cv", "1x2"]


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def assert_usage_error(result, message: str) -> None:
    """Exit code 2, one ``Error:`` line on stderr holding message, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "shop.csv"
    frame = load_purchases().head(600)
    frame["bought"] = frame["bought"].map({0: "no", 1: "yes"})
    frame.to_csv(path, index=False)
    return path


def test_compare_json_has_summary_tests_and_baseline(data_file):
    """Check the JSON: every pipeline in the summary, tests in words, no report."""
    result = run("compare", data_file, "--target", "bought", *FAST, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["positive_label"] == "yes"
    rows = [(row["strategy"], row["model"]) for row in document["summary"]]
    assert rows == [
        ("none", "logistic"),
        ("none", "majority"),
        ("random-under", "logistic"),
    ]
    assert [test["metric"] for test in document["tests"]] == [
        "sensitivity",
        "precision",
        "pr_auc",
        "expected_cost",
        "decision_cost",
    ]
    assert document["threshold"] == 0.5
    assert document["tests"][0]["statement"].startswith(
        "random-under (logistic) raises sensitivity by"
    )
    assert document["report"] is None
    assert len(document["folds"]) == 3 * 2


def test_compare_prints_a_table_and_sentences(data_file):
    """Check the people's output: title, one row per pipeline, the sentences."""
    result = run(
        "compare", data_file, "-t", "bought", *FAST, "--cost-fn", "5", "--quiet"
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for row in ("none          logistic", "none          majority", "random-under"):
        assert row in out
    words = " ".join(out.split())
    assert "positive class 'yes'), 1x2" in words
    assert "a missed positive costing 5 and a false alarm 1" in words
    assert "- random-under (logistic) raises sensitivity by" in words
    assert result.stderr == ""  # no progress bar off a terminal


def test_compare_positive_and_models(data_file):
    """Check --positive and two models given with --model."""
    result = run(
        "compare",
        data_file,
        "-t",
        "bought",
        "--methods",
        "none",
        "--cv",
        "1x2",
        "--model",
        "logistic,random-forest",
        "--positive",
        "no",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["positive_label"] == "no"
    assert document["models"] == ["logistic", "random-forest", "majority"]


@pytest.mark.slow
def test_compare_writes_the_report(data_file, tmp_path):
    """Check --report writes the HTML page and --json names its path."""
    report = tmp_path / "out.html"
    args = ["compare", data_file, "-t", "bought", *FAST, "--report", report]
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["report"] == str(report.resolve())
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    forced = run(*args, "--force", "--quiet")
    assert forced.exit_code == 0, forced.stderr
    assert f"Report: {report.resolve()}" in forced.stdout.replace("\n", "")


def test_compare_refuses_an_existing_report(data_file, tmp_path):
    """Check that an existing report is kept unless --force, before any work."""
    report = tmp_path / "out.html"
    report.write_text("keep me", encoding="utf-8")
    result = run("compare", data_file, "-t", "bought", *FAST, "--report", report)
    assert_usage_error(result, "already exists. Choose another name, or pass --force")
    assert report.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--methods", "none,smoot"], "--methods names 'smoot', which is not known"),
        (["--model", "svm"], "--model names 'svm', which is not known"),
        (["--cv", "five"], "cv='five' is not a REPEATSxFOLDS scheme"),
        (["--positive", "maybe"], "pos_label='maybe' is not a class of y"),
        (["--report", "out.txt"], "must be an .html file"),
        (["--report", "no/such/folder/r.html"], "does not exist. Create it first"),
    ],
)
def test_compare_usage_errors(data_file, extra, message):
    """Check that bad options exit with 2 and a one-line message."""
    result = run("compare", data_file, "-t", "bought", "--cv", "1x2", *extra)
    assert_usage_error(result, message)


def test_compare_needs_a_target(data_file):
    """Check that a missing --target lists the columns."""
    assert_usage_error(run("compare", data_file), "Give --target")


def test_compare_refuses_a_missing_target_value(tmp_path):
    """Check that missing labels are refused by column name."""
    path = tmp_path / "holes.csv"
    frame = load_purchases().head(100)
    frame["bought"] = frame["bought"].astype(float)
    frame.loc[3, "bought"] = None
    frame.to_csv(path, index=False)
    result = run("compare", path, "-t", "bought", "--cv", "1x2")
    assert_usage_error(result, "The target 'bought' has 1 missing value(s)")


def test_demo_refuses_existing_report_and_missing_folder(tmp_path):
    """Check that demo never replaces a file it did not write without --force."""
    (tmp_path / "report.html").write_text("keep me", encoding="utf-8")
    result = run("demo", "--output-dir", tmp_path)
    assert_usage_error(result, "report.html' already exists")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "keep me"
    missing = run("demo", "--output-dir", tmp_path / "nowhere")
    assert_usage_error(missing, "does not exist. Create it first")


@pytest.mark.slow
def test_demo_end_to_end(tmp_path):
    """Check the whole demo: table, sentences, report path; time it (not asserted)."""
    start = time.perf_counter()
    result = run("demo", "--output-dir", tmp_path)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    report = tmp_path / "report.html"
    assert f"Report: {report.resolve()}" in result.stdout.replace("\n", "")
    for strategy in (
        "none",
        "random-under",
        "random-over",
        "smote",
        "enn",
        "smote-enn",
    ):
        assert f"\n {strategy} " in result.stdout
    assert "5x2" in result.stdout
    page = report.read_text(encoding="utf-8")
    assert page.count("<img ") == 6
    print(f"imbalance demo took {elapsed:.1f} s")
    # Running it again replaces its own report (and only that, see above).
    report.write_text(page.replace("</body>", "<p>stale</p></body>"), "utf-8")
    again = run("demo", "--output-dir", tmp_path)
    assert again.exit_code == 0, again.stderr
    assert "stale" not in report.read_text(encoding="utf-8")


def test_progress_bar_on_a_terminal_only_without_quiet(data_file, monkeypatch):
    """Check the bar over folds shows on a terminal, and --quiet hides it."""
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich then treats stderr as a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    args = ["compare", data_file, "-t", "bought", *FAST, "--json"]
    shown = run(*args)
    assert shown.exit_code == 0, shown.stderr
    assert "Cross-validating" in shown.stderr
    json.loads(shown.stdout)  # the bar never reaches stdout
    hidden = run(*args, "--quiet")
    assert "Cross-validating" not in hidden.stderr


def test_report_without_matplotlib_fails_before_work(data_file, tmp_path, monkeypatch):
    """Check that a missing report extra is exit 1 with the install command."""
    from imbalance.cli import _compare

    real_find_spec = _compare.importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "matplotlib" else real_find_spec(name, *args)

    monkeypatch.setattr(_compare.importlib.util, "find_spec", find_spec)
    result = run("demo", "--output-dir", tmp_path)
    assert result.exit_code == 1, result.stdout
    assert "pip install 'imbalance[report]'" in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []
