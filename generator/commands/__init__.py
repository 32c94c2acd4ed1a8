"""One module per `intreg` verb; each exposes a function that returns an exit code."""
