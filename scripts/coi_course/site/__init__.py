"""Tools for a built site: the link, anchor and third-party checker (``linkcheck``) over the HTML
scanner (``htmlscan``), the sub-path test server (``serve``), robots.txt (``robots``) and the build's output
folder check and lock (``output``).

May import: the base modules only.
"""
