"""Read Moodle XML the way Moodle's importer does (question/format/xml uses lib/xmlize.php).

xmlize parses with PHP's ``xml_parse_into_struct`` and ``XML_OPTION_SKIP_WHITE`` on: every piece of
character data that is only whitespace is dropped. PHP's xml extension runs on libxml2, which hands
text over in pieces: a run of ASCII ends where a non-ASCII character (a Thai letter) or an entity
reference begins, so in escaped HTML the space of ``&lt;/strong&gt; พ.ร.ป.`` is a piece of its own
and is lost; a CDATA section arrives whole. lxml is libxml2 too, and a parser target sees the same
pieces, so ``moodle_parse`` keeps exactly the text Moodle keeps.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lxml import etree

PHP_WHITESPACE = " \t\n"  # what ext/xml's skip-white test treats as white (xml.c)


class _SkipWhite:
    """Parser target: an ElementTree built from libxml2's pieces, whitespace-only pieces dropped."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.pieces: list[str] = []  # every piece libxml2 reported, for tests of this module

    def start(self, tag, attrib) -> None:
        self.builder.start(tag, dict(attrib))

    def end(self, tag) -> None:
        self.builder.end(tag)

    def data(self, piece: str) -> None:
        self.pieces.append(piece)
        if piece.strip(PHP_WHITESPACE):
            self.builder.data(piece)

    def close(self) -> ET.Element:
        return self.builder.close()


def moodle_parse(data: bytes) -> ET.Element:
    """The document as Moodle's xmlize sees it (whitespace-only text pieces gone)."""
    parser = etree.XMLParser(target=_SkipWhite(), resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)
