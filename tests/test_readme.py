"""Check that the README's Python tour runs as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def test_readme_python_examples_run(capsys):
    """Check that every Python block of the README runs and prints the summary."""
    blocks = python_blocks()
    assert blocks, "the README has no Python example"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})
    assert "always-negative baseline" in capsys.readouterr().out
