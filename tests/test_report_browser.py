"""The HTML report in a real browser: headless Chromium loads it cleanly.

A copy of the report gets a small probe script at the top of its head. The
probe records every error event (script errors and resources that fail to
load) and, once the page has loaded, writes the state of every image and the
list of fetched resources into an attribute of ``<body>``. Chromium's
``--dump-dom`` prints the DOM after the load event, so the test reads the
probe's findings from it; ``--screenshot`` saves a picture of the page in
``test-artifacts/``.

Needs Debian's ``chromium`` package (``apt-get install -y chromium``); the
test is skipped, saying so, when it is not installed.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="imbalance.report needs the report extra")

from imbalance.datasets import load_purchases
from imbalance.evaluation import compare
from imbalance.report import write_report

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Flags that keep Chromium off the network and away from the user's profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (event) {
  var target = event.target || {};
  window.__errors.push(event.message || ("failed to load " + (target.src || "?")));
}, true);
window.addEventListener("load", function () {
  var images = Array.prototype.map.call(document.images, function (image) {
    return {alt: image.alt, complete: image.complete, width: image.naturalWidth,
            height: image.naturalHeight};
  });
  var resources = performance.getEntriesByType("resource").map(function (r) {
    return r.name;
  });
  document.body.setAttribute("data-probe", JSON.stringify(
    {errors: window.__errors, images: images, resources: resources}));
});
</script>"""

if CHROMIUM is None and os.environ.get("IMBALANCE_REQUIRE_BROWSER"):
    # CI installs Chromium and sets this, so a failed install cannot pass as a skip.
    raise RuntimeError(
        "IMBALANCE_REQUIRE_BROWSER is set but Chromium is not installed; "
        "install it with apt-get install -y chromium."
    )
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install -y chromium); the "
    "report's browser check needs it",
)


def _run_chromium(page: Path, screenshot: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        completed = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--window-size=1280,2000",
                f"--screenshot={screenshot}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def _probe_findings(dom: str) -> dict:
    match = re.search(r'data-probe="([^"]*)"', dom)
    assert match, "the probe did not run: the page never fired its load event"
    return json.loads(html.unescape(match.group(1)))


def test_report_loads_in_chromium_and_every_image_shows(tmp_path):
    """Check the page loads without errors, fetches nothing, shows every image."""
    data = load_purchases().head(400)
    X, y = data.drop(columns="bought"), data["bought"]
    result = compare(X, y, ["random-under"], cv="1x2")
    report = write_report(result, X, y, tmp_path / "report.html")
    probed = tmp_path / "probed.html"
    page = report.read_text(encoding="utf-8")
    probed.write_text(page.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)

    findings = _probe_findings(_run_chromium(probed, screenshot))

    assert findings["errors"] == []
    assert findings["resources"] == []  # images are inline; nothing is fetched
    assert len(findings["images"]) == page.count("<img ") == 6
    for image in findings["images"]:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, image
    assert screenshot.read_bytes().startswith(b"\x89PNG")


def test_probe_sees_a_broken_image(tmp_path):
    """Check that the probe would notice an image that does not load."""
    page = tmp_path / "broken.html"
    page.write_text(
        f"<!DOCTYPE html><html><head>{PROBE}</head><body>"
        '<img src="missing.png" alt="gone"></body></html>',
        encoding="utf-8",
    )
    findings = _probe_findings(_run_chromium(page, tmp_path / "broken.png"))
    assert findings["images"] == [
        {"alt": "gone", "complete": True, "width": 0, "height": 0}
    ]
    assert findings["errors"] and "missing.png" in findings["errors"][0]
