"""The data layer's one error type, and the words for what can be wrong with a journey.

:class:`JourneyError` carries every :class:`Problem` found. The rest of this module words the
JSON Schema's findings for a person: the value as JSON writes it and kept short (``null``, not
``None``; ``'NNN...' (5000 characters)``, never the whole of it), then the rule it breaks
("is too long: at most 500 characters"), never the schema's regular expressions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

SHOWN_CHARS = 40  # how much of a string value a message quotes
_PLAIN_KEY = re.compile(r"[a-zA-Z][a-zA-Z0-9_]*\Z")
_RECORD = re.compile(r"\.(places|stays|passages|names)\[[0-9]+\]\Z|\.(person)\Z|\.sources(?:\.[a-zA-Z][a-zA-Z0-9_]*|\['(?:[^'\\]|\\.)*'\])\Z")
_NOUNS = {"places": "place", "stays": "stay", "passages": "passage", "names": "other name", "person": "person", "sources": "source"}
_TYPES = {"string": "a string", "number": "a number", "integer": "a whole number", "boolean": "true or false",
          "null": "null", "array": "an array", "object": "an object"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a journey document, at a JSON path such as ``$.stays[3].end``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class JourneyError(Exception):
    """A journey file failed to load or validate.

    Carries the file name and every problem found, each with its JSON path, so a person can
    find and fix them all in one go. The CLI prints it and exits 2; the app shows a dialog.
    """

    def __init__(self, file: str, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.file = file
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.describe())

    def describe(self, limit: int | None = 20) -> str:
        """All problems as lines of ``file: path: message``, at most ``limit`` of them (None: all)."""
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [f"{self.file}: {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"{self.file}: ... and {len(self.problems) - len(shown)} more problems")
        return "\n".join(lines)


def child_path(path: str, key: str) -> str:
    """The JSON path of an object's member, written as jsonschema writes it."""
    if _PLAIN_KEY.match(key):
        return f"{path}.{key}"
    return "{}['{}']".format(path, key.replace("\\", "\\\\").replace("'", "\\'"))


# -- values in words -------------------------------------------------------------------------

def show(value: Any) -> str:
    """A value as JSON writes it, short: null, true, 12, 1e400, '1898/01/02', 'NNN...' (5000 characters)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN_CHARS else f"{repr(value[:SHOWN_CHARS])[:-1]}...' ({len(value)} characters)"
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= SHOWN_CHARS else f"{digits[:12]}...{digits[-4:]} (a number of {len(digits.lstrip('-'))} digits)"
    if isinstance(value, float):
        return _show_float(value)
    if isinstance(value, list):
        return f"an array of {len(value)} item{'' if len(value) == 1 else 's'}" if value else "an empty array"
    if isinstance(value, dict):
        return "an object" if value else "an empty object"
    return repr(value)[:SHOWN_CHARS]


def _show_float(value: float) -> str:
    """A float as written: the JSON text of one too large to hold (``1e400``), else Python's repr."""
    written = getattr(value, "json_text", None)
    if written is not None:
        return f"{written if len(written) <= SHOWN_CHARS else written[:SHOWN_CHARS] + '...'} (a number too large to hold)"
    return repr(value)


def what_was_found(value: Any) -> str:
    """What was found, with its kind: "null", "the string '53.1'", "the number 12", "an array of 3 items"."""
    if isinstance(value, str):
        return f"the string {show(value)}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"the number {show(value)}"
    return show(value)


def one_of(words: Iterable[str], last: str = "or") -> str:
    """"a, b or c"."""
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _listed(values: Iterable[Any]) -> str:
    """Allowed values, plainly: strings unquoted ("birth, residence"), others as JSON."""
    return ", ".join(v if isinstance(v, str) else show(v) for v in values)


# -- the schema's findings in words ----------------------------------------------------------

def schema_error_problems(error: Any, forms: dict[str, str]) -> list[Problem]:
    """A jsonschema ``ValidationError`` as problems a person can act on, at its JSON path.

    ``forms`` words the schema's patterns ("is not a date of the form ..."). A missing key
    or an unknown one is reported at that key's own path, one problem per key.
    """
    path, kind = error.json_path, error.validator
    if kind == "required":
        noun = record_noun(path)
        where = f"required in every {noun}" if noun else "required here"
        return [Problem(child_path(path, key), f"missing: {where}") for key in _missing(error)]
    if kind == "additionalProperties" and isinstance(error.instance, dict) and error.validator_value is False:
        allowed = list(error.schema.get("properties", {}))
        return [Problem(child_path(path, str(key)), f"unknown key; the keys allowed here are {', '.join(allowed)}")
                for key in error.instance if key not in allowed]
    return [Problem(path, schema_message(error, forms))]


def schema_message(error: Any, forms: dict[str, str]) -> str:
    """The words for one error of a single keyword (type, pattern, lengths, bounds, enum ...)."""
    value, rule, kind = error.instance, error.validator_value, error.validator
    if "propertyNames" in error.schema_path:
        return _key_message(value, rule, kind, forms)
    if kind in _WORDERS:
        return _WORDERS[kind](value, rule, error.schema, forms)
    if kind == "oneOf" and error.context:
        return _one_of_message(value, error.context, forms)
    message = str(error.message).replace(repr(value), show(value), 1)
    return message if len(message) <= 300 else message[:297] + "..."


def _key_message(key: Any, rule: Any, kind: str, forms: dict[str, str]) -> str:
    """A key that the object's ``propertyNames`` refuses."""
    if kind == "enum":
        return f"the key {show(key)} is not allowed here; the keys allowed are {_listed(rule)}"
    if kind == "pattern":
        return f"the key {show(key)} {forms.get(rule, 'does not have the form required here')}"
    return f"the key {show(key)} is not allowed here"


def _one_of_message(value: Any, context: list[Any], forms: dict[str, str]) -> str:
    """``oneOf`` in words: the types it takes if the value has none of them, else what its branch says."""
    wrong_type = [e for e in context if e.validator == "type"]
    if len(wrong_type) == len(context):
        return _type_message(value, [t for e in wrong_type for t in _as_list(e.validator_value)], {}, forms)
    return schema_message(next(e for e in context if e.validator != "type"), forms)


def record_noun(path: str) -> str | None:
    """The kind of record at a JSON path ("stay" for ``$.stays[3]``), or None."""
    if path == "$":
        return "journey"
    m = _RECORD.search(path)
    if m is None:
        return None
    return _NOUNS[m.group(1) or m.group(2) or "sources"]


def _missing(error: Any) -> list[str]:
    """The required keys the object lacks."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in error.validator_value if key not in instance]


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _type_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    expected = one_of([_TYPES.get(t, t) for t in dict.fromkeys(_as_list(rule))])
    return f"expected {expected}, found {what_was_found(value)}"


def _pattern_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return f"{show(value)} {forms.get(rule, 'does not have the form required here')}"


def _max_length_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return f"{show(value)} is too long: at most {rule} characters"


def _min_length_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return "must not be empty" if rule == 1 else f"{show(value)} is too short: at least {rule} characters"


def _bound_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    """minimum and maximum: the range when the schema gives both ends, else the one end."""
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"{show(value)} is out of range: it must be between {show(low)} and {show(high)}"
    if low is not None and value < low:
        return f"{show(value)} is too small: it must be at least {show(low)}"
    return f"{show(value)} is too large: it must be at most {show(high)}"


def _enum_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return f"{show(value)} is not one of the values allowed here: {_listed(rule)}"


def _const_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return f"must be {show(rule)}, not {show(value)}"


def _max_items_message(value: Any, rule: Any, schema: Any, forms: dict[str, str]) -> str:
    return f"has {len(value)} items; at most {rule} are allowed"


_WORDERS = {
    "type": _type_message, "pattern": _pattern_message, "maxLength": _max_length_message,
    "minLength": _min_length_message, "minimum": _bound_message, "maximum": _bound_message,
    "enum": _enum_message, "const": _const_message, "maxItems": _max_items_message,
}
