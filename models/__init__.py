"""The trained models (one versioned folder each, with its meta.json), installed as the package `xxgk_models`.

setup.py maps this folder to that package so the models ship inside the wheel; the code finds
them through importlib.resources (extractor/resources.py), from a checkout or an installation.
"""
