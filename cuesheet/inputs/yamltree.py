"""YAML text -> a node tree with line numbers, at libyaml's speed when PyYAML has it.

The show-file reader never constructs Python values from YAML (see
:mod:`cuesheet.inputs.showfile`); it walks the composed nodes.  PyYAML's
pure-Python parser takes about 30 s and 775 MiB for a 100,000-cue file, so
:func:`compose` reads the events of libyaml's parser (C) and builds the tree
itself, of small nodes (:class:`ScalarNode`, :class:`SequenceNode`, :class:`MappingNode`:
a tag, a value and a line, about half the memory of PyYAML's).  Without
libyaml, or when libyaml refuses the text, PyYAML's pure-Python parser
composes it (its tree is copied into the same small nodes), so every error is
PyYAML's own, with its wording and line.

Tags: a plain empty, ``~`` or ``null`` scalar is tagged null, every other scalar
text (``tag:yaml.org,2002:str``), unless the file gives a tag; the reader asks
about nulls only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import yaml
from yaml import events

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Resolver(yaml.resolver.BaseResolver):
    """Tags nulls only: PyYAML's resolver tries a dozen expressions on every scalar."""

    def resolve(self, kind: type[yaml.Node | Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode or kind is ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULLS else STR_TAG
        if kind is yaml.SequenceNode or kind is SequenceNode:
            return str(self.DEFAULT_SEQUENCE_TAG)
        return str(self.DEFAULT_MAPPING_TAG)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""


class _PyComposer(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver
):
    """PyYAML's pure-Python parser and composer, with :class:`_Resolver`."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


class Node:
    """A composed YAML node: its tag, its value and the line it starts on (from 0)."""

    __slots__ = ("line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line


class ScalarNode(Node):
    """A scalar: ``value`` is its text as written."""

    __slots__ = ()
    value: str


class SequenceNode(Node):
    """A list: ``value`` is its items."""

    __slots__ = ()
    value: list[Node]


class MappingNode(Node):
    """A mapping: ``value`` is its (key, value) pairs in file order."""

    __slots__ = ()
    value: list[tuple[Node, Node]]


class Composed(NamedTuple):
    """A composed document: its root node and how many aliases (``*name``) it uses."""

    root: Node | None
    """The root node; ``None`` for an empty document."""
    aliases: int
    """Alias nodes in the text.  Zero means every node appears once in the tree:
    nothing is shared, so nothing can expand past what was written."""


def _small(node: yaml.Node, seen: dict[int, Node], shared: list[int] | None = None) -> Node:
    """PyYAML's node tree as small nodes (aliases stay shared, each use counted in ``shared``)."""
    done = seen.get(id(node))
    if done is not None:
        if shared is not None:
            shared[0] += 1
        return done
    line = node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        seen[id(node)] = made = ScalarNode(node.tag, node.value, line)
        return made
    if isinstance(node, yaml.SequenceNode):
        seen[id(node)] = items = SequenceNode(node.tag, [], line)
        items.value.extend(_small(item, seen, shared) for item in node.value)
        return items
    seen[id(node)] = pairs = MappingNode(node.tag, [], line)
    pairs.value.extend((_small(k, seen, shared), _small(v, seen, shared)) for k, v in node.value)
    return pairs


class _Refused(Exception):
    """The event composer met what it leaves to PyYAML (its message is PyYAML's)."""


def compose(text: str) -> Composed:
    """The node tree of the single YAML document ``text`` (its root ``None`` when empty).

    Raises :class:`yaml.YAMLError` (PyYAML's, with its marks) for text that is not YAML.
    """
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return _compose_events(text)
        except (yaml.YAMLError, _Refused):
            pass  # libyaml's words differ from PyYAML's: ask PyYAML for the error
    python = _PyComposer(text)
    try:
        node: yaml.Node | None = python.get_single_node()
    finally:
        python.dispose()
    shared = [0]
    return Composed(None if node is None else _small(node, {}, shared), shared[0])


def _compose_events(text: str) -> Composed:
    """Compose from libyaml's events (see the module docstring); :class:`_Refused` when unsure."""
    from yaml._yaml import CParser

    parser = CParser(text)
    resolve = _Resolver().resolve
    lines: dict[int, int] = {}  # one int object per line number, shared by its nodes
    anchors: dict[str, Node] = {}
    aliases = 0
    stack: list[list[Any]] = []  # [collection node, key waiting for its value]
    try:
        get: Callable[[], Any] = parser.get_event
        get()  # StreamStartEvent
        if isinstance(get(), events.StreamEndEvent):
            return Composed(None, 0)
        while True:
            event = get()
            kind = type(event)
            node: Node
            if kind is events.AliasEvent:
                if event.anchor not in anchors:
                    raise _Refused("undefined alias")
                node = anchors[event.anchor]
                aliases += 1
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                node = stack.pop()[0]
            else:
                line = lines.setdefault(event.start_mark.line, event.start_mark.line)
                if event.anchor is not None and event.anchor in anchors:
                    raise _Refused("duplicate anchor")
                made = _node(event, kind, line, resolve)
                if event.anchor is not None:
                    anchors[event.anchor] = made
                if kind is not events.ScalarEvent:
                    stack.append([made, None])
                    continue
                node = made
            if not stack:
                break
            top = stack[-1]
            if type(top[0]) is SequenceNode:
                top[0].value.append(node)
            elif top[1] is None:
                top[1] = node
            else:
                top[0].value.append((top[1], node))
                top[1] = None
        if not isinstance(get(), events.DocumentEndEvent) or not isinstance(
            get(), events.StreamEndEvent
        ):
            raise _Refused("more than one document")
        return Composed(node, aliases)
    finally:
        parser.dispose()


def _node(event: Any, kind: type, line: int, resolve: Callable[..., str]) -> Node:
    """The node a scalar or collection-start event opens."""
    tag = event.tag
    if kind is events.ScalarEvent:
        if tag is None or tag == "!":
            tag = resolve(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, line)
    if kind is events.MappingStartEvent:
        if tag is None or tag == "!":
            tag = resolve(MappingNode, None, event.implicit)
        return MappingNode(tag, [], line)
    if kind is events.SequenceStartEvent:
        if tag is None or tag == "!":
            tag = resolve(SequenceNode, None, event.implicit)
        return SequenceNode(tag, [], line)
    raise _Refused(f"unexpected {kind.__name__}")
