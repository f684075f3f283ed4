"""dyad: evidence-linked, time-aware relations between armed groups, read from reporting."""
__version__ = "0.1.0"
