"""Check that the README's Python tour runs as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def test_readme_python_examples_run(capsys):
    """Check that the README's Python blocks run in order and print results."""
    blocks = python_blocks()
    assert blocks, "the README has no Python example"
    namespace: dict = {}  # one session: later blocks use earlier names
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "always-negative baseline" in printed
    assert "at 0.5" in printed
