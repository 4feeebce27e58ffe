"""The learner's record: the completion record page and the lessons' "last updated" line
(``certificate``).

May import: ``coi_course.quiz``, ``coi_course.course`` and the base modules.
"""
