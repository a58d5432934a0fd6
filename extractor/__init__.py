"""xxgk: government information-disclosure annual reports → checked JSON and database rows."""

from .version import __version__

__all__ = ["__version__"]
