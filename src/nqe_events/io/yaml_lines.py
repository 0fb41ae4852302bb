"""YAML reading that keeps line numbers, and the YAML 1.1 traps turned off.

PyYAML follows YAML 1.1, where ``no``, ``on`` and ``off`` are booleans (the "Norway problem"); a
programme file only treats ``true``/``false`` as booleans. Line numbers are kept by composing the node
tree once and mapping every field path to the line where its value starts.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["ProgrammeLoader", "line_map", "load_yaml"]


class ProgrammeLoader(yaml.SafeLoader):
    """SafeLoader whose booleans are only ``true`` and ``false``."""


ProgrammeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
ProgrammeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _no_duplicate_keys(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"clé « {key} » répétée / repeated key '{key}'",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


ProgrammeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def load_yaml(text: str) -> tuple[Any, dict[tuple[int | str, ...], int]]:
    """The data and a map from field path to 1-based line."""
    data = yaml.load(text, Loader=ProgrammeLoader)
    node = yaml.compose(text, Loader=ProgrammeLoader)
    lines: dict[tuple[int | str, ...], int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(
    node: yaml.Node, path: tuple[int | str, ...], out: dict[tuple[int | str, ...], int]
) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            out[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), out)


def line_map(lines: dict[tuple[int | str, ...], int]) -> Any:
    """A function giving the line of the deepest known prefix of a path."""

    def line_of(loc: tuple[int | str, ...]) -> int | None:
        for end in range(len(loc), -1, -1):
            found = lines.get(loc[:end])
            if found is not None:
                return found
        return None

    return line_of
