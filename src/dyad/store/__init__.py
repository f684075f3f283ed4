"""Persistence of extractions and analyst judgements (SQLite by default, PostgreSQL by URL)."""
from .errors import StoreError
from .imports import ImportCounts
from .ingest import structure_id
from .store import Store
from .views import ActorView, AliasSeen, InteractionView, Judgement, StructureView

__all__ = ["ActorView", "AliasSeen", "ImportCounts", "InteractionView", "Judgement", "Store", "StoreError",
           "StructureView", "structure_id"]
