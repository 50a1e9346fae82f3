"""A plain install, run from another folder, still opens the bundled samples."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_the_samples_and_runs_from_anywhere(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("newsline-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for sample in (ROOT / "seeds").iterdir():
        assert f"tui/seeds/{sample.name}" in names
    assert "tui/app/newsline.tcss" in names
    for rules_file in ("words.yaml", "rules.yaml", "told.json"):
        assert f"tui/temporal/rules/{rules_file}" in names
    target = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                              str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Only the installed copy and the dependencies may be importable, not this checkout.
    deps = [p for p in sys.path if p.endswith("site-packages")]
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join([str(target), *deps]),
           "NEWSLINE_CACHE_DIR": os.environ["NEWSLINE_CACHE_DIR"]}
    result = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path[:0] = "
                             f"{[str(target), *deps]!r}; from tui.cli import main; "
                             "import tui; print(tui.__file__); sys.exit(main(['timeline']))"],
                            capture_output=True, text=True, cwd=elsewhere, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(target))
    assert "2018-09-18 → 2018-09-20" in result.stdout
    assert "[002_498fca90dac2c9ed]" in result.stdout
