"""The core layers run headless: importing and using them never loads Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import pkgutil, importlib, sys
import tui
for module in pkgutil.walk_packages(tui.__path__, "tui."):
    if module.name.startswith(("tui.app", "tui.__main__")):
        continue
    importlib.import_module(module.name)
from tui.corpus import bundled_seeds_dir, load_articles
from tui.analysis import analyze
articles = load_articles([bundled_seeds_dir()])
assert sum(len(analyze(a).timeline.dated) for a in articles) > 10
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_core_layers_never_import_textual_or_rich():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
