"""Save the README's screenshots: the reader on the bundled samples, as SVG.

    python docs/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from tui.app.app import NewslineApp
from tui.cli import load_corpus

HERE = Path(__file__).parent
SHOTS = {
    "reader-160x50.svg": ((160, 50), ["j", "j", "1", "j", "j", "j", "2"]),
    "reader-80x24.svg": ((80, 24), ["j"]),
    "timeline-80x24.svg": ((80, 24), ["tab", "j", "j"]),
}


async def shoot(name: str, size: tuple[int, int], keys: list[str], annotations: Path) -> None:
    app = NewslineApp(load_corpus([]), annotations=annotations)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        app.save_screenshot(str(HERE / name))


async def main() -> None:
    for name, (size, keys) in SHOTS.items():
        with tempfile.TemporaryDirectory() as folder:
            await shoot(name, size, keys, Path(folder))
        print(HERE / name)


if __name__ == "__main__":
    asyncio.run(main())
