"""A small, safe XML tree for camt files: local names, line numbers and element paths.

defusedxml's parser refuses what an attacker could use (entity expansion bombs, external
entities and, since a camt file never needs one, any document type declaration). The tree
keeps only what the reader needs: each element's local name (so one reader handles every
namespace version), its attributes, text, children, the line it starts on and its path
(``Document/BkToCstmrStmt/Stmt[2]/Ntry[1]``), for error messages that point at the place.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from finqr_desktop.domain.messages import msg

from .errors import BankFileError

logger = logging.getLogger(__name__)


@dataclass(slots=True, eq=False)
class Node:
    name: str
    namespace: str
    attributes: dict[str, str]
    line: int
    parent: Node | None = None
    # 1-based position among the parent's children of the same name.
    index: int = 1
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def path(self) -> str:
        """Where the element is, ``Document/BkToCstmrStmt[1]/Stmt[2]``; built only for
        messages, so reading a large file does not pay for it."""
        if self.parent is None:
            return self.name
        return f"{self.parent.path}/{self.name}[{self.index}]"

    def child(self, name: str) -> Node | None:
        for node in self.children:
            if node.name == name:
                return node
        return None

    def all(self, name: str) -> list[Node]:
        return [node for node in self.children if node.name == name]

    def find(self, path: str) -> Node | None:
        """The first element down a ``/``-separated path of local names."""
        node: Node | None = self
        for name in _steps(path):
            node = node.child(name)
            if node is None:
                return None
        return node

    def find_all(self, path: str) -> Iterator[Node]:
        head, _, rest = path.partition("/")
        for node in self.all(head):
            if rest:
                yield from node.find_all(rest)
            else:
                yield node

    def value(self, path: str) -> str:
        """The stripped text at ``path``, "" when the element is missing."""
        node = self.find(path)
        return node.text.strip() if node is not None else ""

    def fail(self, reason: str, below: str = "") -> BankFileError:
        """An error placed at this element (or at the missing ``below`` path under it)."""
        return BankFileError(
            reason, line=self.line, path=f"{self.path}/{below}" if below else self.path
        )


class _Builder:
    """The parser's target: builds ``Node``s, reading the line from the expat parser."""

    def __init__(self) -> None:
        self.expat = None
        self.stack: list[Node] = []
        self.counts: list[defaultdict[str, int]] = [defaultdict(int)]
        self.root: Node | None = None
        self.texts: list[list[str]] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        namespace, _, name = tag[1:].rpartition("}") if tag[0] == "{" else ("", "", tag)
        counts = self.counts[-1]
        counts[name] += 1
        parent = self.stack[-1] if self.stack else None
        if attributes:
            attributes = {key.rpartition("}")[2]: value for key, value in attributes.items()}
        node = Node(
            name, namespace, attributes, self.expat.CurrentLineNumber, parent, counts[name]
        )
        if parent is not None:
            parent.children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        self.counts.append(defaultdict(int))
        self.texts.append([])

    def end(self, tag: str) -> None:
        node = self.stack.pop()
        node.text = "".join(self.texts.pop())
        self.counts.pop()

    def data(self, text: str) -> None:
        if self.texts:
            self.texts[-1].append(text)

    def close(self) -> Node | None:
        return self.root


@lru_cache(maxsize=256)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split("/"))


def parse_xml(data: bytes, progress: Callable[[float], None] | None = None) -> Node:
    """The document's root element, or BankFileError naming the line of a syntax error."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    # The line of each element comes from the expat parser inside defusedxml's (pure
    # Python) XMLParser: ElementTree's elements do not record it.
    builder.expat = parser.parser
    try:
        chunk = max(len(data) // 40, 1 << 16)
        for start in range(0, len(data), chunk):
            parser.feed(data[start : start + chunk])
            if progress is not None:
                progress(min(start + chunk, len(data)) / len(data))
        root = parser.close()
    except DefusedXmlException as error:
        raise BankFileError(
            msg(
                "the XML file holds a construct that is refused for safety ({construct})",
                construct=type(error).__name__,
            )
        ) from None
    except (SyntaxError, expat.ExpatError) as error:
        line = getattr(error, "lineno", None) or getattr(error, "position", (None,))[0]
        # The parser's own description of the fault stays in English.
        raise BankFileError(
            msg("the file is not well-formed XML: {problem}", problem=str(error)), line=line
        ) from None
    if root is None:
        raise BankFileError(msg("the XML file has no root element"))
    return root
