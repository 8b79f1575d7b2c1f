"""Every HTML page of the built test site is valid per the Nu Html Checker
(vnu-jar from npm, run with the machine's Java): 0 errors."""

from __future__ import annotations

import shutil
import subprocess

from .conftest import VNU, require


def test_every_page_is_valid_html(theme_site):
    require(VNU.is_file(), f"vnu-jar not installed ({VNU}): run `make test-deps` (npm ci)")
    java = shutil.which("java")
    require(java is not None, "java not found: the Nu Html Checker needs a Java runtime")
    pages = sorted(theme_site.rglob("*.html"))
    assert len(pages) > 30
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "text", *map(str, pages)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    report = (done.stderr + done.stdout).splitlines()
    errors = [line for line in report if line.strip() and not line.startswith("Document checking completed")]
    assert done.returncode == 0 and not errors, "\n".join(errors[:40])
