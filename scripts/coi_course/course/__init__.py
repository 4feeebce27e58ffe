"""The course's content beyond quizzes: lesson headings and front matter (``lessons``), the
abbreviation list (``glossary``), the gift decision helper's rules (``gift_rules``), Buddhist Era
dates (``thai_dates``), the content version and date of an edition (``content_version``) and the
agency settings block of mkdocs.yml (``agency``).

May import: the base modules only.
"""
