"""arnews: Arabic news text — normalization, boilerplate, sentences and named entities.

>>> import arnews
>>> arnews.normalize("العَرَبِيّة")
'العربية'
"""

from arnews.boilerplate import BoilerplateConfig, strip_boilerplate
from arnews.entities import extract_entities
from arnews.frames import entities_frame, to_frame
from arnews.normalization import (
    DigitsMode,
    NormalizeConfig,
    Normalized,
    normalize,
    normalize_with_map,
)
from arnews.pipeline import Document, PipelineConfig, process, process_many
from arnews.segmentation import SegmentConfig, split_sentences
from arnews.tokenization import tokenize
from arnews.types import Article, Cleaned, Entity, Removed, Sentence, Span, Token

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BoilerplateConfig",
    "Cleaned",
    "DigitsMode",
    "Document",
    "Entity",
    "NormalizeConfig",
    "Normalized",
    "PipelineConfig",
    "Removed",
    "SegmentConfig",
    "Sentence",
    "Span",
    "Token",
    "__version__",
    "entities_frame",
    "extract_entities",
    "normalize",
    "normalize_with_map",
    "process",
    "process_many",
    "split_sentences",
    "strip_boilerplate",
    "to_frame",
    "tokenize",
]
