"""Batch ingest at scale: documents parsed in parallel on Ray, stored by the driver alone."""
from .ray_extract import RayExtractor, load_pipeline

__all__ = ["RayExtractor", "load_pipeline"]
