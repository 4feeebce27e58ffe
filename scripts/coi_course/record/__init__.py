"""The learner's record: the completion record page and the lessons' "last updated" line
(``certificate``), and the record's check code (``check_code``).

May import: ``coi_course.quiz``, ``coi_course.course`` and the base modules.
"""
