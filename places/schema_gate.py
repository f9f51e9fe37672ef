"""A fast gate in front of the JSON Schema check: "this document is certainly valid", or not sure.

Why a gate: jsonschema walks a document as a general interpreter of the schema, building error
objects, paths and scopes as it goes; on a journey of 100,000 stays that takes about 9 s, most
of the cost of opening such a file. Nearly every file that is opened is valid, and for a valid
file the only answer wanted is "no problems". So the schema is compiled once into nested
closures that return a plain bool, and jsonschema runs only when the gate does not say True,
to produce the messages (which therefore stay exactly what they were).

Why it is sound: the gate must never say True for a document jsonschema (with the loader's
ECMA-262 ``pattern``) would reject, or a broken file would get past the schema. So:

* It implements only the keywords the schema uses, each with jsonschema's own rules (its type
  predicates: ``True`` is no integer, ``1.0`` is one; its equality for ``enum`` and ``const``:
  ``1 == 1.0`` but ``True != 1``; ``len`` for string lengths; the loader's ``_ecma_regex``).
  A schema holding any other keyword, or a keyword with a value of an unexpected kind, does
  not compile (:class:`UnsupportedSchema`), and the loader then always uses jsonschema: a
  later edit of the schema can make the gate useless, never wrong.
* Every compiled check is exact (True exactly when jsonschema finds no error there), not just
  cautious: ``oneOf`` counts passing branches, and a branch that said False merely to be
  safe could make two passing branches look like one.
* Any exception while checking (a RecursionError from deep nesting, a comparison Python
  refuses) means "not sure": the gate returns False and jsonschema decides, as before.
"""
from __future__ import annotations

import json
import numbers
import re
import sys
from functools import lru_cache
from typing import Any, Callable

from .loader import _ecma_regex
from .resources import schema_path

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"title", "description", "$comment"})
ROOT_ONLY = frozenset({"$schema", "$id", "$defs"})
OBJECT_KEYWORDS = frozenset({"properties", "required", "additionalProperties", "propertyNames"})
ARRAY_KEYWORDS = frozenset({"items", "maxItems"})
STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern"})
NUMBER_KEYWORDS = frozenset({"minimum", "maximum"})
KEYWORDS = (ANNOTATIONS | OBJECT_KEYWORDS | ARRAY_KEYWORDS | STRING_KEYWORDS | NUMBER_KEYWORDS
            | {"type", "enum", "const", "oneOf", "$ref"})
_DEF_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")


class UnsupportedSchema(ValueError):
    """The schema uses something the gate does not implement: check with jsonschema instead."""


def _is_number(x: Any) -> bool:
    """jsonschema's "number": any numbers.Number but a bool."""
    t = type(x)
    return t is float or t is int or (not isinstance(x, bool) and isinstance(x, numbers.Number))


def _is_integer(x: Any) -> bool:
    """jsonschema's "integer" (drafts 6 and later): an int but a bool, or a float such as 1.0."""
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "number": _is_number,
    "integer": _is_integer,
    "null": lambda x: x is None,
    "boolean": lambda x: isinstance(x, bool),
}
_SCALARS = (str, int, float, bool, type(None))
_TRUE, _FALSE = object(), object()


def _unbool(x: Any) -> Any:
    return _TRUE if x is True else _FALSE if x is False else x


def _json_equal(one: Any, two: Any) -> bool:
    """jsonschema's ``equal`` when one side is a scalar: 1 equals 1.0, True is not 1."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    return bool(_unbool(one) == _unbool(two))


def _always(x: Any) -> bool:
    return True


def _never(x: Any) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    """One check that passes when all of ``checks`` pass."""
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    every = tuple(checks)
    return lambda x: all(check(x) for check in every)


def _count(value: Any, name: str) -> int:
    if type(value) is not int or value < 0:
        raise UnsupportedSchema(f"{name} must be a non-negative integer, not {value!r}")
    return value


class _Compiler:
    """Turns one schema (and the ``$defs`` it refers to) into checks; see :func:`compile_gate`."""

    def __init__(self, root: Any) -> None:
        self.defs = root.get("$defs", {}) if isinstance(root, dict) else {}
        if not isinstance(self.defs, dict):
            raise UnsupportedSchema("$defs must be an object")
        self.compiled: dict[str, Check] = {}

    def ref(self, ref: Any) -> Check:
        """A check for ``#/$defs/<name>``, compiled once (late-bound while it is being compiled)."""
        name = ref[len("#/$defs/"):] if isinstance(ref, str) and ref.startswith("#/$defs/") else None
        if name is None or not _DEF_NAME.match(name) or name not in self.defs:
            raise UnsupportedSchema(f"$ref {ref!r}: only #/$defs/<name> is supported")
        if name not in self.compiled:
            self.compiled[name] = lambda x: self.compiled[name](x)  # a recursive reference, for now
            self.compiled[name] = self.schema(self.defs[name])
        return self.compiled[name]

    def schema(self, schema: Any, root: bool = False) -> Check:
        """The check for one (sub)schema."""
        if schema is True or schema is False:
            return _always if schema else _never
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"a schema must be an object or a boolean, not {schema!r}")
        unknown = schema.keys() - KEYWORDS - (ROOT_ONLY if root else set())
        if unknown:
            raise UnsupportedSchema(f"keywords the gate does not implement: {sorted(unknown)}")
        checks = []
        types = schema.get("type")
        names = [types] if isinstance(types, str) else types
        if names is not None and not (isinstance(names, list) and names and all(isinstance(n, str) and n in TYPES for n in names)):
            raise UnsupportedSchema(f"type {types!r}")
        single = names[0] if names is not None and len(names) == 1 else None
        if names is not None and single not in ("object", "array", "string", "number", "integer"):
            predicates = tuple(TYPES[n] for n in names)
            checks.append(predicates[0] if len(predicates) == 1 else lambda x: any(p(x) for p in predicates))
        if single == "object" or schema.keys() & OBJECT_KEYWORDS:
            checks.append(self.object(schema, required=single == "object"))
        if single == "array" or schema.keys() & ARRAY_KEYWORDS:
            checks.append(self.array(schema, required=single == "array"))
        if single == "string" or schema.keys() & STRING_KEYWORDS:
            checks.append(self.string(schema, required=single == "string"))
        if single in ("number", "integer") or schema.keys() & NUMBER_KEYWORDS:
            checks.append(self.number(schema, required=single in ("number", "integer"), integer=single == "integer"))
        if "enum" in schema:
            checks.append(self.enum(schema["enum"]))
        if "const" in schema:
            checks.append(self.enum([schema["const"]], const=True))
        if "oneOf" in schema:
            checks.append(self.one_of(schema["oneOf"]))
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        return _all(checks)

    def object(self, schema: dict[str, Any], required: bool) -> Check:
        """type object / properties / required / additionalProperties / propertyNames."""
        props = schema.get("properties", {})
        needed = schema.get("required", [])
        if not isinstance(props, dict) or not isinstance(needed, list) or not all(isinstance(k, str) for k in needed):
            raise UnsupportedSchema("properties must be an object and required a list of strings")
        checks = {key: self.schema(sub) for key, sub in props.items()}
        extra = self.schema(schema["additionalProperties"]) if "additionalProperties" in schema else _always
        names = self.schema(schema["propertyNames"]) if "propertyNames" in schema else None
        needed_keys = frozenset(needed)
        otherwise = not required
        get = checks.get

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return otherwise
            if not x.keys() >= needed_keys:
                return False
            if names is not None and not all(map(names, x)):
                return False
            for key, value in x.items():
                if not get(key, extra)(value):
                    return False
            return True
        return check

    def array(self, schema: dict[str, Any], required: bool) -> Check:
        """type array / items (one schema for every item) / maxItems."""
        item = self.schema(schema.get("items", True))
        most = _count(schema.get("maxItems", sys.maxsize), "maxItems")
        otherwise = not required

        def check(x: Any) -> bool:
            if not isinstance(x, list):
                return otherwise
            return len(x) <= most and all(map(item, x))
        return check

    def string(self, schema: dict[str, Any], required: bool) -> Check:
        """type string / minLength / maxLength (in code points, as ``len``) / pattern (ECMA-262)."""
        least = _count(schema.get("minLength", 0), "minLength")
        most = _count(schema.get("maxLength", sys.maxsize), "maxLength")
        pattern = schema.get("pattern")
        if pattern is not None and not isinstance(pattern, str):
            raise UnsupportedSchema(f"pattern {pattern!r}")
        search = _ecma_regex(pattern).search if pattern is not None else None
        otherwise = not required

        if search is None:
            def check(x: Any) -> bool:
                if not isinstance(x, str):
                    return otherwise
                return least <= len(x) <= most
        else:
            def check(x: Any) -> bool:
                if not isinstance(x, str):
                    return otherwise
                return least <= len(x) <= most and search(x) is not None
        return check

    def number(self, schema: dict[str, Any], required: bool, integer: bool) -> Check:
        """type number or integer / minimum / maximum (compared as jsonschema does: NaN passes)."""
        bounds = [schema.get("minimum", -float("inf")), schema.get("maximum", float("inf"))]
        if not all(type(b) in (int, float) for b in bounds):
            raise UnsupportedSchema(f"minimum/maximum must be numbers, not {bounds!r}")
        low, high = bounds
        member = _is_integer if integer else _is_number
        otherwise = not required

        def check(x: Any) -> bool:
            if not member(x):  # fails "type" if there is one; else minimum/maximum do not apply
                return otherwise
            return not (x < low or x > high)
        return check

    def enum(self, values: Any, const: bool = False) -> Check:
        """enum / const (a one-value enum), with JSON equality; only scalar values are supported.

        jsonschema compares ``equal(value, x)`` for enum and ``equal(x, value)`` for const.
        """
        if not isinstance(values, list) or not all(type(v) in _SCALARS for v in values):
            raise UnsupportedSchema(f"enum/const values must be strings, numbers, booleans or null: {values!r}")
        strings = frozenset(v for v in values if type(v) is str)
        every = tuple(values)

        def check(x: Any) -> bool:
            if type(x) is str:
                return x in strings
            if const:
                return _json_equal(x, every[0])
            return any(_json_equal(v, x) for v in every)
        return check

    def one_of(self, branches: Any) -> Check:
        """oneOf: exactly one branch passes (exact branches make the count exact)."""
        if not isinstance(branches, list) or not branches:
            raise UnsupportedSchema("oneOf must be a non-empty list")
        every = tuple(self.schema(b) for b in branches)

        def check(x: Any) -> bool:
            passed = False
            for branch in every:
                if branch(x):
                    if passed:
                        return False
                    passed = True
            return passed
        return check


def compile_gate(schema: Any) -> Check:
    """``gate(document)``: True only if the document certainly satisfies ``schema``.

    Raises :class:`UnsupportedSchema` if the schema uses anything the gate does not implement.
    The gate never raises: any exception while checking means "not sure", so False.
    """
    compiler = _Compiler(schema)
    check = compiler.schema(schema, root=True)
    for name in compiler.defs:  # a $defs entry nobody refers to must still be one we understand
        compiler.ref(f"#/$defs/{name}")

    def gate(document: Any) -> bool:
        try:
            return check(document) is True
        except Exception:  # RecursionError included: jsonschema will say what is wrong
            return False
    return gate


@lru_cache(maxsize=1)
def journey_gate() -> Check | None:
    """The gate for the journey schema (``schema_path()``), or None when it cannot be compiled.

    Any failure here (an unknown keyword, a pattern Python cannot compile, an unreadable file)
    just means no gate: jsonschema then checks every document, and reports such trouble as it
    always did.
    """
    try:
        return compile_gate(json.loads(schema_path().read_text(encoding="utf-8")))
    except Exception:
        return None
