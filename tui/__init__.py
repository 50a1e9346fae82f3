"""Newsline: read news articles beside the timeline extracted from them.

The package's core layers (corpus, text, temporal, timeline, store) never import Textual or Rich,
so they run headless; only ``tui.app`` is the terminal interface.
"""

__version__ = "0.1.0"
