"""Evidence of contract runs: the JSON report `intreg contract --report` writes and the site
reads, in one model."""
