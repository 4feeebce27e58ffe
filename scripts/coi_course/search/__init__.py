"""Thai search: word segmentation with PyThaiNLP (``thai_words``, also run as a helper process) and
the rewritten index plus the patches to Material's search worker (``index``; the query script is
``data/thai_query.js``).

May import: the base modules only.
"""
