"""Outputs for other systems: the offline ZIP and the SCORM 1.2 package (``package``) and the Moodle
question banks in GIFT and Moodle XML (``exports``).

May import: ``coi_course.record``, ``coi_course.quiz``, ``coi_course.course`` and the base modules.
"""
