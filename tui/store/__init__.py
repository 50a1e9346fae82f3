"""Annotations saved as YAML: tag sets, one file per article per annotator, export and agreement.

No Textual, no Rich: the reader app drives this API, and so can scripts and tests.
"""

from tui.store.annotations import AnnotationStore, ArticleAnnotations, Change, sentences_label
from tui.store.document import Annotation, Correction, read_contents
from tui.store.export import export_rows, format_stats, gold_record, stats, write_csv, write_jsonl
from tui.store.files import StoreFileError
from tui.store.tagset import Tag, TagSet, default_tagset, ensure_default_tagset, load_tagset

__all__ = [
    "Annotation",
    "AnnotationStore",
    "ArticleAnnotations",
    "Change",
    "Correction",
    "StoreFileError",
    "Tag",
    "TagSet",
    "default_tagset",
    "ensure_default_tagset",
    "export_rows",
    "format_stats",
    "gold_record",
    "load_tagset",
    "read_contents",
    "sentences_label",
    "stats",
    "write_csv",
    "write_jsonl",
]
