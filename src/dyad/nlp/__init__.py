"""Reading documents: spaCy pipeline, actors, structure and interactions."""
from dyad.nlp.extract import Extractor

__all__ = ["Extractor"]
