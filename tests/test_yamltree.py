"""Show files composed by libyaml's events give what PyYAML's own parser gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cuesheet.errors import InputError
from cuesheet.inputs import showfile, yamltree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
needs_libyaml = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml"
)


def _shape(node: yaml.Node | yamltree.Node | None) -> object:
    """A node tree as plain values: tag, text and line of every node."""
    if node is None:
        return None
    line = node.line if isinstance(node, yamltree.Node) else node.start_mark.line
    if isinstance(node, (yaml.ScalarNode, yamltree.ScalarNode)):
        return (node.tag, node.value, line)
    if isinstance(node, (yaml.SequenceNode, yamltree.SequenceNode)):
        return (node.tag, [_shape(item) for item in node.value], line)
    return (node.tag, [(_shape(k), _shape(v)) for k, v in node.value], line)


def _pure(text: str) -> yaml.Node | None:
    composer = yamltree._PyComposer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


@needs_libyaml
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_compose_to_the_same_tree_and_show(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _shape(yamltree._compose_events(text).root) == _shape(_pure(text))
    pure = _pure(text)
    assert pure is not None
    assert showfile.loads(text, path) == showfile._Reader(str(path)).show(yamltree._small(pure, {}))


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, 'y', \"z\"]\nc:\n  - ~\n  - null\n  -\n  - ''\n  - no\n",
        "a: &x {k: v}\nb: *x\nc: !!str 12\nd: |\n  two\n  lines\n",
        "",
        "plain\n",
        "- 1\n- - 2\n  - 3\n",
    ],
)
def test_tags_values_and_lines_match_pyyaml(text: str) -> None:
    assert _shape(yamltree.compose(text).root) == _shape(_pure(text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: Act 1: The Sea\n", "mapping values are not allowed here"),
        ("title: [x\n", "expected ',' or ']'"),
        ("a: *nowhere\n", "found undefined alias 'nowhere'"),
        ("a: &x 1\nb: &x 2\n", "second occurrence"),
        ("a: 1\n---\nb: 2\n", "but found another document"),
    ],
)
@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure"])
def test_errors_are_pyyamls_with_its_line(
    text: str, message: str, libyaml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if libyaml and not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
    with pytest.raises(yaml.YAMLError) as caught:
        _pure(text)
    with pytest.raises(InputError) as error:
        showfile.loads(text, "show.yaml")
    assert message in str(error.value)
    pyyaml = caught.value
    mark = getattr(pyyaml, "problem_mark", None) or getattr(pyyaml, "context_mark", None)
    if mark is not None:
        assert error.value.line == mark.line + 1


def test_without_libyaml_the_pure_parser_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    text = EXAMPLES[0].read_text(encoding="utf-8")
    fast = showfile.loads(text)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert showfile.loads(text) == fast


_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
"""Nine aliases of nine aliases of...: 9**9 scalars from nine short lines."""


@pytest.fixture(params=[True, False], ids=["libyaml", "pure"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the test with libyaml's events, then with PyYAML's pure-Python composer."""
    if request.param and not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(yaml, "__with_libyaml__", request.param)


@pytest.mark.usefixtures("composer")
def test_aliases_are_counted_by_either_composer() -> None:
    assert yamltree.compose("a: &x {k: v}\nb: *x\nc: [*x, *x]\n").aliases == 3
    assert yamltree.compose("a: &x {k: v}\nb: '*x'\n").aliases == 0
    assert yamltree.compose("").aliases == 0


@pytest.mark.usefixtures("composer")
def test_an_alias_bomb_is_refused_with_one_line() -> None:
    with pytest.raises(InputError) as error:
        showfile.loads(_BOMB, "bomb.yaml")
    assert str(error.value).startswith("bomb.yaml: YAML aliases expand to ")
    assert "an alias bomb?" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_few_aliases_within_the_budget_are_read() -> None:
    text = (
        "title: Anthems\ntimezone: Europe/Moscow\nstart: 20:14\nsegments:\n"
        "  - title: Flags\n    cues:\n"
        "      - &anthem {music: Alexander Alexandrov - State Anthem, duration: '3:10'}\n"
        "      - *anthem\n"
    )
    assert yamltree.compose(text).aliases == 1
    cues = [cue for _, cue in showfile.loads(text, "anthems.yaml").cues()]
    assert [cue.duration_ms for cue in cues] == [190_000, 190_000]
    assert cues[0].title == cues[1].title
