"""Live preview: records kept loaded and the site rebuilt page by page while `intreg serve` runs."""
