"""Tools for a built site: the link, anchor and third-party checker (``linkcheck``) over the HTML
scanner (``htmlscan``), the sub-path test server (``serve``) and robots.txt (``robots``).

May import: the base modules only.
"""
