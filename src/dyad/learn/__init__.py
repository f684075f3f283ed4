"""Learned extraction: candidate pairs and their features, the relation model, its training."""
