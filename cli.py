"""`python cli.py …` runs the same typer app as the `xxgk` console script."""

from extractor.cli_app import app

if __name__ == "__main__":
    app()
