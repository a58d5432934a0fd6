"""training_data/ installed as the package `xxgk_training_data` (setup.py): the annotated samples the shipped
models were trained from, which `xxgk train --from-db/--from-json` adds reviewers' corrections to."""
