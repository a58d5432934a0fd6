"""Every correction teaches the models: corrected reports → training samples → a new model set.

A user-facing part beside the pipeline (`xxgk train --from-db/--from-json`): it reads reviewers'
corrections (the database, or the review app's JSON export), re-reads each corrected document
through the pipeline's row and sentence stages to recover what was printed, turns the corrections
into samples for the label classifier and the narrative model, and trains a new model set that
`--models DIR` selects at extraction. No stage imports it.
"""
