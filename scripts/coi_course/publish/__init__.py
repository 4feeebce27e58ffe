"""Outputs for other systems: the offline ZIP and the SCORM 1.2 package (``package``) and the Moodle
question banks in GIFT and Moodle XML (``exports``), the learners' results files (``results``) and
the training officer's report made from them (``report``).

May import: ``coi_course.record``, ``coi_course.quiz``, ``coi_course.course`` and the base modules.
"""
