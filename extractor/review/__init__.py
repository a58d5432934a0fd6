"""Review and correct extracted reports (the `xxgk review` web app and the corrections behind it).

A user-facing part: it uses the pipeline through `extractor.api` and the database, and no stage
imports it.
"""
