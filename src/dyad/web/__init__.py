"""The analysts' web app: pages and a JSON API over :class:`dyad.api.Dyad` (``dyad serve``)."""
from dyad.web.app import create_app

__all__ = ["create_app"]
