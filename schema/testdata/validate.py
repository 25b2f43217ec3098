#!/usr/bin/env python3
"""Validate documents against a JSON Schema (draft 2020-12), independently
of r3l's own code, for the tests of package schema and cmd/r3l.

    validate.py SCHEMA [DOCUMENT...]

SCHEMA is a JSON file; documents are .json files or YAML files (.yaml,
.yml). The schema is checked against the draft 2020-12 meta-schema, then
each document against the schema, with format checking off. The result is
one JSON object on standard output:

    {"schema": [problems with the schema], "documents": {"PATH": [errors]}}

An empty list means valid. The exit code is 0 when the checks ran, 2 when
they could not (a file that cannot be read or parsed).

YAML is read as r3l (yaml.v3) and yaml-language-server read it, by the YAML
1.2 core schema: only true/false (any case form) are booleans, so `no` and
`yes` stay text; dates stay text; mapping keys are the text written.
PyYAML's default YAML 1.1 rules would read `code: no` as false.
"""

import json
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """A loader with the YAML 1.2 core schema's implicit types."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def construct_mapping(loader, node):
    # Keys are the text as written: answers' keys are ids such as 1.2,
    # never numbers.
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
        else:
            key = json.dumps(loader.construct_object(key_node, deep=True))
        out[key] = loader.construct_object(value_node, deep=True)
    return out


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
CoreLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith((".yaml", ".yml")):
            return yaml.load(f, Loader=CoreLoader)
        return json.load(f)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
        docs = {path: load(path) for path in argv[2:]}
    except (OSError, ValueError, yaml.YAMLError) as e:
        print(f"validate.py: {e}", file=sys.stderr)
        return 2
    cls = jsonschema.Draft202012Validator
    result = {"schema": [], "documents": {}}
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        result["schema"].append(f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
    if not result["schema"]:
        validator = cls(schema)  # no format_checker: formats are not checked
        for path, doc in docs.items():
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
            result["documents"][path] = [
                f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors
            ]
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
