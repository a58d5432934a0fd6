"""See the package docstring of extractor."""
