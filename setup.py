"""The one packaging setting pyproject.toml cannot express: models/ ships as the package `xxgk_models` and
training_data/ as `xxgk_training_data` (training a user's model set from corrections adds to it).

The trained models stay at the repository root (models/labels-v1, models/narrative-0.3.0, ...);
setuptools' package-dir maps that folder to an importable package, so wheels and editable
installs both carry them and extractor/resources.py finds them with importlib.resources.
Everything else (metadata, dependencies, package data) is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["extractor", "extractor.*"]), "xxgk_models", "xxgk_training_data"],
    package_dir={"xxgk_models": "models", "xxgk_training_data": "training_data"},
)
