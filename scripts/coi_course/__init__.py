"""coi_course: the tools behind the conflict-of-interest e-learning site.

Each module does one thing (loading quizzes, rendering pages, checking links, ...). MkDocs hooks in
scripts/hooks/ are thin wrappers around these modules; nothing here imports MkDocs.
"""

__version__ = "0.1.0"
