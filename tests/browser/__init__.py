"""Third-party checkers for the rendered HTML: the Nu HTML Checker and axe-core in Chromium."""
