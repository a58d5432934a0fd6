"""The extractor's version, recorded in every report and in batch resume keys."""

__version__ = "0.1.0"
