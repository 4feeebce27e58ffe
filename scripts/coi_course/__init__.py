"""coi_course: the tools behind the conflict-of-interest e-learning site.

The package is grouped by capability; each folder's ``__init__`` says what it does and what it may
import. Imports run one way only, from the top of this list to the bottom:

- ``cli``, ``bench/``: commands; may import everything below.
- ``publish/``: offline ZIP, SCORM package, Moodle exports; may import record, quiz, course, base.
- ``record/``: the learner's completion record; may import quiz, course, base.
- ``quiz/``: quiz model, loader, pages, keys, navigation; may import course and base.
- ``search/``: Thai search index and query script; base only.
- ``course/``: lessons, glossary, gift rules, dates, content version; base only.
- ``site/``: checks and tools for a built site (links, HTML scan, server, robots.txt); base only.
- base modules at this level: ``project`` (paths, settings), ``errors`` (file:line errors),
  ``templating`` (the one Jinja environment), ``yaml_source`` (YAML with line numbers). They import
  nothing from the package but each other.

MkDocs hooks in scripts/hooks/ are thin wrappers around these modules; nothing here imports MkDocs
(except ``publish.package``, which runs a build, and the benchmarks).
"""

__version__ = "0.1.0"
