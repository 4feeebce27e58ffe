"""Code that only the tests use (e.g. a port of Moodle's GIFT parser)."""
