"""Quizzes: the schema (``model``), reading ``quizzes/*.yml`` with file:line errors (``loader``), the
generated quiz and progress pages (``render``), answer keys and sealing (``keys``) and placing quiz
pages in the navigation (``nav``).

May import: ``coi_course.course`` (lesson headings) and the base modules (project, errors,
templating, yaml_source).
"""
