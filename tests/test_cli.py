"""Tests of the ``imbalance`` command line."""

from __future__ import annotations

import errno
import importlib
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from imbalance import SmallClassWarning, registry
from imbalance.base import BaseSampler, Resampled
from imbalance.cli import _io as cli_io
from imbalance.cli import app, main
from imbalance.cli._output import parse_label
from imbalance.metrics import ConfusionCounts

runner = CliRunner()
SRC = Path(__file__).resolve().parents[1] / "src"


def run(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_usage_error(result, message: str) -> None:
    """Exit code 2, one ``Error:`` line on stderr holding message, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def sample_frame() -> pd.DataFrame:
    """60 rows: classes 0 (45), 1 (12), 2 (3); one missing value, duplicates.

    Row 1 repeats row 0; row 50 (class 1) has the features of row 2 (class 0).
    """
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "size": rng.normal(size=60).round(3),
            "visits": rng.integers(0, 10, size=60),
            "label": np.repeat([0, 1, 2], [45, 12, 3]),
            "color": rng.choice(["red", "blue"], size=60),
        }
    )
    frame.loc[5, "size"] = np.nan
    frame.iloc[1] = frame.iloc[0]  # a duplicate row
    frame.iloc[50, :2] = frame.iloc[2, :2]  # same numbers as row 2 ...
    frame.iloc[50, 3] = frame.iloc[2, 3]  # ... and color, but class 1
    return frame


@pytest.fixture(params=["csv", "parquet"])
def data_file(request, tmp_path) -> Path:
    path = tmp_path / f"data.{request.param}"
    frame = sample_frame()
    if request.param == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)
    return path


@pytest.fixture
def csv_file(tmp_path) -> Path:
    path = tmp_path / "data.csv"
    sample_frame().dropna().to_csv(path, index=False)
    return path


def read(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)


# --------------------------------------------------------------------------
# The program and its help
# --------------------------------------------------------------------------


def test_help_lists_the_commands():
    """Check that --help names every command."""
    result = run("--help")

    assert result.exit_code == 0
    for command in ("inspect", "resample", "metrics"):
        assert command in result.stdout


def test_main_module_runs_the_cli_main(monkeypatch, capsys):
    """Check that python -m imbalance calls the console script's main."""
    main_module = importlib.import_module("imbalance.__main__")
    monkeypatch.setattr(sys, "argv", ["imbalance", "--version"])

    with pytest.raises(SystemExit) as exit_info:
        main_module.main()

    assert main_module.main is main
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("imbalance ")


@pytest.mark.slow
def test_python_dash_m_runs_the_command():
    """Check that python -m imbalance runs the same program in a new process."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    counts = "metrics --tp 1 --fn 1 --tn 1 --fp 1".split()
    result = subprocess.run(
        [sys.executable, "-m", "imbalance", *counts, "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["metrics"]["accuracy"] == 0.5


def test_resample_help_lists_the_registered_methods():
    """Check that resample --help names every registered sampler."""
    result = run("resample", "--help")

    for name in registry.sampler_names():
        assert name in result.stdout


# --------------------------------------------------------------------------
# inspect
# --------------------------------------------------------------------------


def test_inspect_example_reports_counts_and_baseline():
    """Check inspect on the bundled example: counts, ratio, baseline."""
    report = run_json("inspect", "--example", "purchases")

    frame = pd.read_csv(_bundled())
    counts = frame["bought"].value_counts()
    assert report["target"] == "bought"
    assert [(c["label"], c["count"]) for c in report["classes"]] == [
        (0, counts[0]),
        (1, counts[1]),
    ]
    assert report["imbalance_ratio"] == pytest.approx(counts[0] / counts[1])
    assert report["baseline_accuracy"] == pytest.approx(counts[0] / len(frame))
    assert report["non_numeric_features"] == ["device", "region"]


def _bundled() -> Path:
    return SRC / "imbalance" / "datasets" / "data" / "purchases.csv.gz"


def test_inspect_prints_a_table_without_colour_codes():
    """Check the human output: the class table and the baseline, no ANSI codes."""
    result = run("inspect", "--example", "purchases")

    assert result.exit_code == 0
    assert "4,762" in result.stdout and "95.2%" in result.stdout
    assert "accuracy to beat" in result.stdout
    assert "\x1b[" not in result.stdout


def test_inspect_file_reports_every_fact(data_file):
    """Check counts, shares, missing values, duplicates and conflicts of a file."""
    report = run_json("inspect", data_file, "--target", "label")

    assert [(c["label"], c["count"]) for c in report["classes"]] == [
        (0, 45),
        (1, 12),
        (2, 3),
    ]
    assert report["classes"][0]["share"] == pytest.approx(45 / 60)
    assert report["imbalance_ratio"] == pytest.approx(45 / 3)
    assert report["baseline_accuracy"] == pytest.approx(45 / 60)
    assert report["missing_values"] == {"size": 1}
    assert report["duplicate_rows"] == 1
    assert report["conflicting_rows"] == 2
    assert report["non_numeric_features"] == ["color"]


def test_inspect_warns_about_a_tiny_class(data_file):
    """Check that a class under 6 rows is named, with the methods it rules out."""
    report = run_json("inspect", data_file, "--target", "label")

    tiny = [w for w in report["warnings"] if w.startswith("Class 2 ")]
    assert len(tiny) == 1
    assert "only 3 row(s)" in tiny[0] and "SMOTE" in tiny[0]
    assert "k_neighbors=5" in tiny[0] and "cross-validation" in tiny[0]
    assert not any(w.startswith("Class 1 ") for w in report["warnings"])
    assert any("missing values (size)" in w for w in report["warnings"])


def test_inspect_of_string_labels(tmp_path):
    """Check that string class labels are counted and reported as strings."""
    path = tmp_path / "words.csv"
    pd.DataFrame({"x": range(10), "y": ["no"] * 8 + ["yes"] * 2}).to_csv(
        path, index=False
    )

    report = run_json("inspect", path, "-t", "y")

    assert report["majority_class"] == "no" and report["minority_class"] == "yes"
    assert report["imbalance_ratio"] == 4.0


def test_inspect_warns_about_a_target_that_is_not_a_label(tmp_path):
    """Check that a target with very many values is questioned, its table cut."""
    path = tmp_path / "prices.csv"
    pd.DataFrame({"x": range(100), "price": np.arange(100) * 1.5}).to_csv(
        path, index=False
    )

    report = run_json("inspect", path, "-t", "price")
    human = run("inspect", path, "-t", "price")

    assert len(report["classes"]) == 100
    assert "'price' has 100 distinct values" in report["warnings"][0]
    assert report["warnings"][1].startswith("100 classes have fewer than 6 rows")
    assert len(report["warnings"]) == 2
    assert "... 80 more" in human.stdout


def test_click_usage_errors_exit_2():
    """Check that an option of the wrong type is a usage error, exit code 2."""
    result = run("resample", "--example", "purchases", "--seed", "abc")

    assert result.exit_code == 2
    assert "Error: Invalid value for '--seed'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv", "-t", "y"], "File 'missing.csv' does not exist."),
        (["data.xlsx", "-t", "y"], "Cannot tell the format of 'data.xlsx'"),
        (["--example", "nope"], "Unknown example 'nope'. Known examples: purchases."),
        (["--example", "purchases", "-t", "nope"], "Column 'nope' is not in example"),
        ([], "Give a data file (CSV or Parquet), or --example purchases"),
    ],
)
def test_inspect_bad_input_exits_2(args, message):
    """Check that bad input gives exit code 2 and a one-line message."""
    assert_usage_error(run("inspect", *args), message)


def test_inspect_without_target_lists_the_columns(csv_file):
    """Check that a missing --target is refused with the file's columns."""
    result = run("inspect", csv_file)

    assert_usage_error(result, "Give --target. The columns of")
    assert "size, visits, label, color" in result.stderr


def test_inspect_refuses_data_and_example_together(csv_file):
    """Check that DATA and --example cannot be combined."""
    result = run("inspect", csv_file, "--example", "purchases")

    assert_usage_error(result, "Give either a data file or --example, not both")


def test_inspect_unreadable_file_exits_2(tmp_path):
    """Check that a file that is not CSV inside gives a clean error."""
    path = tmp_path / "broken.parquet"
    path.write_text("not parquet")

    assert_usage_error(run("inspect", path, "-t", "y"), "Cannot read")


# --------------------------------------------------------------------------
# resample
# --------------------------------------------------------------------------


def test_resample_example_balances_the_classes(tmp_path):
    """Check random-under on the example: the counts reported and written agree."""
    output = tmp_path / "balanced.csv"

    report = run_json(
        "resample", "--example", "purchases", "-m", "random-under", "-o", output
    )

    written = pd.read_csv(output)
    n_buyers = int((pd.read_csv(_bundled())["bought"] == 1).sum())
    assert written["bought"].value_counts().to_dict() == {0: n_buyers, 1: n_buyers}
    assert {c["label"]: c["after"] for c in report["classes"]} == {
        0: n_buyers,
        1: n_buyers,
    }
    assert report["n_rows_after"] == len(written) == 2 * n_buyers
    assert list(written.columns) == list(pd.read_csv(_bundled()).columns)


def test_resample_file_keeps_columns_and_input(data_file, tmp_path):
    """Check a resample of a file: counts before/after, columns, input untouched."""
    output = tmp_path / f"out{data_file.suffix}"
    original_bytes = data_file.read_bytes()

    report = run_json(
        "resample", data_file, "-t", "label", "-m", "random-over", "-o", output
    )

    written, original = read(output), read(data_file)
    assert data_file.read_bytes() == original_bytes
    assert list(written.columns) == list(original.columns)
    assert written.dtypes.to_dict() == original.dtypes.to_dict()
    assert written["label"].value_counts().to_dict() == {0: 45, 1: 45, 2: 45}
    assert [(c["label"], c["before"], c["after"]) for c in report["classes"]] == [
        (0, 45, 45),
        (1, 12, 45),
        (2, 3, 45),
    ]
    pd.testing.assert_frame_equal(written.iloc[:60], original)


def test_resample_keeps_a_categorical_target_in_parquet(tmp_path):
    """Check that a categorical target keeps its dtype and categories."""
    path, output = tmp_path / "cat.parquet", tmp_path / "out.parquet"
    frame = pd.DataFrame(
        {"label": pd.Categorical(["a"] * 25 + ["b"] * 5), "x": range(30)}
    )
    frame.to_parquet(path)

    run_json("resample", path, "-t", "label", "-m", "random-over", "-o", output)

    written = pd.read_parquet(output)
    assert written["label"].dtype == frame["label"].dtype
    assert written["label"].value_counts().to_dict() == {"a": 25, "b": 25}
    assert list(written.columns) == ["label", "x"]


@pytest.mark.parametrize("method", ["random-under", "smote"])
def test_resample_keeps_a_parquet_index(tmp_path, method):
    """Check that rows read with index labels (customer ids) keep them."""
    path, output = tmp_path / "ids.parquet", tmp_path / "out.parquet"
    frame = sample_frame().dropna().drop(columns="color")
    frame.index = pd.Index([f"c{i:03d}" for i in range(len(frame))], name="customer")
    frame.to_parquet(path)

    params = ["-p", "k_neighbors=2"] if method == "smote" else []
    run_json("resample", path, "-t", "label", "-m", method, *params, "-o", output)

    written = pd.read_parquet(output)
    assert written.index.name == "customer"
    assert list(written.columns) == list(frame.columns)
    original = written.index.isin(frame.index)
    pd.testing.assert_frame_equal(
        written[original], frame.loc[written.index[original]], check_freq=False
    )
    assert written.index.is_unique
    assert (~original).any() == (method == "smote")


def test_resample_csv_gets_no_index_column(csv_file, tmp_path):
    """Check that a frame read without labels is written without an index."""
    output = tmp_path / "out.csv"
    run_json("resample", csv_file, "-t", "label", "-m", "random-under", "-o", output)
    assert list(pd.read_csv(output).columns) == list(pd.read_csv(csv_file).columns)


def test_resample_human_output_shows_before_and_after(csv_file, tmp_path):
    """Check that the table shows each class's counts before and after."""
    output = tmp_path / "out.csv"

    result = run(
        "resample", csv_file, "-t", "label", "-m", "random-under", "-o", output
    )

    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "│ 0 " in line]
    assert rows and "44" in rows[0] and "-41" in rows[0]
    assert f"to {output}" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("not majority", {0: 44, 1: 44, 2: 44}),
        ("not-majority", {0: 44, 1: 44, 2: 44}),
        ("minority", {0: 44, 1: 12, 2: 44}),
        ("1=20,2=10", {0: 44, 1: 20, 2: 10}),
    ],
)
def test_resample_strategy_forms(csv_file, tmp_path, strategy, expected):
    """Check that --strategy takes words and class=count read as integer classes."""
    output = tmp_path / "out.csv"

    run_json(
        "resample", csv_file, "-t", "label", "-m", "random-over",
        "-s", strategy, "-o", output,
    )  # fmt: skip

    assert pd.read_csv(output)["label"].value_counts().to_dict() == expected


def test_resample_ratio_strategy(tmp_path):
    """Check that a float --strategy is the wanted minority/majority ratio."""
    path, output = tmp_path / "two.csv", tmp_path / "out.csv"
    pd.DataFrame({"x": range(50), "y": [0] * 40 + [1] * 10}).to_csv(path, index=False)

    run_json(
        "resample", path, "-t", "y", "-m", "random-under", "-s", "0.5", "-o", output
    )

    assert pd.read_csv(output)["y"].value_counts().to_dict() == {0: 20, 1: 10}


def test_resample_seed_fixes_the_rows(csv_file, tmp_path):
    """Check that the same --seed gives the same file and another seed another."""
    paths = [tmp_path / f"out{i}.csv" for i in range(3)]
    for path, seed in zip(paths, [1, 1, 2]):
        run_json(
            "resample", csv_file, "-t", "label", "-m", "random-under",
            "--seed", seed, "-o", path,
        )  # fmt: skip

    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_resample_param_reaches_the_sampler(csv_file, tmp_path):
    """Check that --param name=value sets a sampler parameter."""
    output = tmp_path / "out.csv"

    report = run_json(
        "resample", csv_file, "-t", "label", "-m", "random-under",
        "-p", "replacement=true", "-o", output,
    )  # fmt: skip

    assert report["params"]["replacement"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-m", "nope"], "Unknown sampler 'nope'. Known samplers: random-under"),
        (["-m", "random-under", "-s", "most"], "--strategy 'most' is not a strategy."),
        (["-m", "random-under", "-s", "1=ten"], "the count of class '1' must be a"),
        (["-m", "random-under", "-s", "x=3"], "--strategy names class 'x'"),
        (["-m", "random-under", "-s", "7=3"], "names class 7, which is not in y"),
        (["-m", "random-under", "-s", "1=20"], "asks an under-sampler to grow class"),
        (["-m", "random-under", "-p", "k=3"], "--param 'k' is not a parameter of"),
        (["-m", "random-under", "-p", "oops"], "--param 'oops' must read name=value"),
        ([], "Give --method, one of: random-under"),
    ],
)
def test_resample_bad_request_exits_2(csv_file, tmp_path, args, message):
    """Check that a bad method, strategy or parameter exits 2, writing nothing."""
    output = tmp_path / "out.csv"

    result = run("resample", csv_file, "-t", "label", "-o", output, *args)

    assert_usage_error(result, message)
    assert not output.exists()


def test_resample_names_a_non_numeric_column(csv_file, tmp_path):
    """Check that a sampler needing numbers is refused a text column, by name."""
    numeric = [
        name
        for name in registry.sampler_names()
        if registry.get_sampler_class(name)._numeric
    ]
    if not numeric:
        pytest.skip("no registered sampler needs numeric features")

    result = run("resample", csv_file, "-t", "label", "-m", numeric[0], "-o",
                 tmp_path / "out.csv")  # fmt: skip

    assert_usage_error(result, "Column 'color' is not numeric")
    assert "Encode it (one-hot or ordinal) or drop it first" in result.stderr
    suggested = result.stderr.split("does not need numeric features: ")[1]
    assert "random-under" in suggested and "random-over" in suggested


def test_resample_refuses_to_write_over_its_input(csv_file):
    """Check that the input is never the output, even with --force."""
    before = csv_file.read_bytes()
    spelled_otherwise = csv_file.parent / ".." / csv_file.parent.name / csv_file.name

    for output in (csv_file, spelled_otherwise):
        result = run("resample", csv_file, "-t", "label", "-m", "random-under",
                     "-o", output, "--force")  # fmt: skip
        assert_usage_error(result, "is the input file; imbalance never writes over")
    assert csv_file.read_bytes() == before


def test_resample_refuses_a_hard_link_to_its_input(csv_file):
    """Check that a second name of the input file counts as the input."""
    link = csv_file.parent / "link.csv"
    os.link(csv_file, link)

    result = run("resample", csv_file, "-t", "label", "-m", "random-under",
                 "-o", link, "--force")  # fmt: skip

    assert_usage_error(result, "is the input file")


def test_resample_refuses_the_bundled_example_file():
    """Check that --example's own file cannot be the output."""
    result = run("resample", "--example", "purchases", "-m", "random-under",
                 "-o", _bundled(), "--force")  # fmt: skip

    assert_usage_error(result, "is the input file")


def test_resample_refuses_an_existing_output_unless_forced(csv_file, tmp_path):
    """Check that an existing output is kept, and replaced only with --force."""
    output = tmp_path / "out.csv"
    output.write_text("keep me\n")
    args = ["resample", csv_file, "-t", "label", "-m", "random-under", "-o", output]

    assert_usage_error(run(*args), "already exists. Choose another name, or pass")
    assert output.read_text() == "keep me\n"

    assert run(*args, "--force").exit_code == 0
    assert len(pd.read_csv(output)) == 9


def test_resample_refuses_a_missing_output_folder(csv_file, tmp_path):
    """Check that an output in a folder that does not exist is refused."""
    output = tmp_path / "nowhere" / "out.csv"

    result = run(
        "resample", csv_file, "-t", "label", "-m", "random-under", "-o", output
    )

    assert_usage_error(result, "does not exist. Create it first.")


def test_resample_write_failure_exits_1_and_leaves_nothing(
    csv_file, tmp_path, monkeypatch
):
    """Check that a failed write exits 1 and leaves no output and no temp file."""
    output = tmp_path / "out.csv"

    def write_half_then_fail(frame, path, kind, keep_index):
        path.write_text("size,vis")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli_io, "_write", write_half_then_fail)
    result = run(
        "resample", csv_file, "-t", "label", "-m", "random-under", "-o", output
    )

    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: Could not write '{output}': No space left on device."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


class BrokenSampler(BaseSampler):
    """A sampler that fails halfway, to check that nothing is written."""

    _numeric = False

    def __init__(self, *, sampling_strategy="auto", random_state=None):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state

    def _fit_resample(self, X, y):
        raise RuntimeError("the sampler broke")


def test_resample_sampler_failure_writes_nothing(csv_file, tmp_path, monkeypatch):
    """Check that a sampler failing while running exits 1 with no output file."""
    monkeypatch.setitem(registry.SAMPLERS, "broken", "tests.test_cli:BrokenSampler")
    output = tmp_path / "out.csv"

    result = run("resample", csv_file, "-t", "label", "-m", "broken", "-o", output)

    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


class AdvisingSampler(BrokenSampler):
    """A sampler that keeps every row and warns, to check warnings are reported."""

    def _fit_resample(self, X, y):
        warnings.warn("class 2 is tiny", SmallClassWarning, stacklevel=2)
        return Resampled(np.arange(len(y)))


def test_resample_reports_sampler_warnings(csv_file, tmp_path, monkeypatch):
    """Check that a sampler's warning reaches stderr plainly, and the JSON."""
    monkeypatch.setitem(registry.SAMPLERS, "advising", "tests.test_cli:AdvisingSampler")
    args = ["resample", csv_file, "-t", "label", "-m", "advising"]

    human = run(*args, "-o", tmp_path / "a.csv")
    report = run_json(*args, "-o", tmp_path / "b.csv")

    assert human.exit_code == 0
    assert human.stderr == "Warning: class 2 is tiny\n"
    assert report["warnings"] == ["class 2 is tiny"]


def test_successful_write_leaves_no_temp_file(csv_file, tmp_path):
    """Check that the temporary file is gone after a write."""
    output = tmp_path / "out.parquet"

    run_json("resample", csv_file, "-t", "label", "-m", "random-under", "-o", output)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv", "out.parquet"]


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------


def test_metrics_from_counts_prints_table_and_summary():
    """Check the worked example: the table and the baseline in words."""
    result = run("metrics", "--tp", 24, "--fn", 14, "--tn", 682, "--fp", 40)

    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "sensitivity │ 0.632" in text and "baseline accuracy │ 0.950" in text
    summary = " ".join(ConfusionCounts(tp=24, fn=14, tn=682, fp=40).summary().split())
    assert summary in text


def test_metrics_from_counts_json():
    """Check that --json gives every metric of ConfusionCounts.to_dict()."""
    report = run_json("metrics", "--tp", 24, "--fn", 14, "--tn", 682, "--fp", 40)

    expected = ConfusionCounts(tp=24, fn=14, tn=682, fp=40)
    assert report["metrics"] == pytest.approx(expected.to_dict())
    assert report["summary"] == expected.summary()


def test_metrics_from_a_binary_file(tmp_path):
    """Check metrics from labels in a file, positive class given or defaulted."""
    path = tmp_path / "pred.csv"
    truth = ["yes"] * 3 + ["no"] * 7
    pred = ["yes", "no", "yes", "no", "no", "no", "yes", "no", "no", "no"]
    pd.DataFrame({"truth": truth, "pred": pred}).to_csv(path, index=False)
    args = ["metrics", "--labels", path, "--truth", "truth", "--pred", "pred"]

    default = run_json(*args)
    flipped = run_json(*args, "--positive", "no")

    assert default["positive_label"] == "yes"
    assert default["metrics"]["tp"] == 2 and default["metrics"]["fp"] == 1
    assert flipped["metrics"] == pytest.approx(
        ConfusionCounts.from_labels(truth, pred, pos_label="no").to_dict()
    )


def test_metrics_from_a_multiclass_file(tmp_path):
    """Check the per-class report of three classes, with the baseline."""
    path = tmp_path / "pred.parquet"
    frame = pd.DataFrame({"t": [0, 0, 0, 1, 1, 2], "p": [0, 0, 1, 1, 1, 0]})
    frame.to_parquet(path)
    args = ["metrics", "--labels", path, "--truth", "t", "--pred", "p"]

    report = run_json(*args)
    human = run(*args)

    assert report["kind"] == "multiclass"
    assert report["report"]["1"]["recall"] == 1.0
    assert report["baseline_accuracy"] == pytest.approx(0.5)
    assert report["accuracy"] == pytest.approx(4 / 6)
    assert human.exit_code == 0 and "macro avg" in human.stdout
    assert report["warnings"] and "Precision is undefined" in report["warnings"][0]
    assert human.stderr.startswith("Warning: Precision is undefined")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tp", "1", "--fn", "2"], "Give all four counts --tp --fn --tn --fp;"),
        ([], "Give the four counts (--tp --fn --tn --fp), or a file of labels"),
        (["--labels", "p.csv", "--tp", "1", "--fn", "1", "--tn", "1", "--fp", "1"],
         "Give either the four counts or --labels, not both."),
        (["--labels", "p.csv", "--truth", "t"], "Give --pred."),
        (["--labels", "p.csv", "--truth", "t", "--pred", "p", "--positive", "x"],
         "--positive names class 'x'"),
        (["--labels", "m.csv", "--truth", "t", "--pred", "p", "--positive", "1"],
         "--positive applies to two classes"),
    ],
)  # fmt: skip
def test_metrics_bad_usage_exits_2(tmp_path, monkeypatch, args, message):
    """Check that incomplete or contradictory options exit 2 with the fix."""
    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"t": [0, 1, 1], "p": [0, 1, 0]}).to_csv("p.csv", index=False)
    pd.DataFrame({"t": [0, 1, 2], "p": [0, 1, 0]}).to_csv("m.csv", index=False)

    assert_usage_error(run("metrics", *args), message)


def test_metrics_negative_count_exits_2():
    """Check that ConfusionCounts' own validation becomes exit code 2."""
    result = run("metrics", "--tp", -1, "--fn", 1, "--tn", 1, "--fp", 1)

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


# --------------------------------------------------------------------------
# Parsing class labels typed on the command line
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "text", "expected"),
    [
        ([0, 1], "1", 1),
        ([True, False], "true", True),
        ([True, False], "0", False),
        ([0.5, 1.5], "1.5", 1.5),
        (["a", "b"], "1", "1"),
    ],
)
def test_parse_label_follows_the_column_dtype(values, text, expected):
    """Check that a typed label becomes a value of the target column's dtype."""
    label = parse_label(text, pd.Series(values, name="y"), "--strategy")

    assert label == expected and type(label) is type(expected)
