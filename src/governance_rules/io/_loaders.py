"""Loading the register and the policy from YAML or JSON, with every problem located."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._text import load_mapping_file
from ..errors import PolicyError, Problem, RegisterError, suggest
from ..model import Policy, Register


def _load_mapping(path: Path) -> Any:
    return load_mapping_file(path)


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def _problems(error: ValidationError, source: str) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "missing"
        elif item["type"] == "extra_forbidden":
            message = "unknown field"
        elif not isinstance(item["input"], dict | list):
            message += f" (got {item['input']!r})"
        location = f"{source}: {_path(item['loc'])}" if source else _path(item["loc"])
        problems.append(Problem(location, message))
    return problems


def parse_register(data: Any, source: str = "") -> Register:
    """Validate register data (a mapping, as parsed from YAML or JSON).

    Raises:
        RegisterError: Listing every problem, each with its path (``communes[3].district``).
    """
    if not isinstance(data, Mapping):
        raise RegisterError([Problem(source, "expected a mapping at the top level")])
    try:
        register = Register.model_validate(data)
    except ValidationError as error:
        raise RegisterError(_problems(error, source)) from None
    problems = register.problems()
    if problems:
        prefix = f"{source}: " if source else ""
        raise RegisterError(Problem(f"{prefix}{p.location}", p.message) for p in problems)
    return register


def load_register(path: str | Path) -> Register:
    """Load and validate a register file (YAML; JSON by its ``.json`` suffix; a workbook by
    ``.xlsx``, see :mod:`governance_rules.xlsx`).

    Raises:
        InputError: If the file cannot be read or parsed.
        RegisterError: Listing every problem of its content.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from ..xlsx import load_register_xlsx

        return load_register_xlsx(path)
    return parse_register(_load_mapping(path), str(path))


def parse_policy(data: Any, source: str = "") -> Policy:
    """Validate policy overrides (a mapping of policy keys to values).

    Raises:
        PolicyError: Naming each unknown key (with "did you mean") and each bad value.
    """
    if data is None:
        return Policy()
    if not isinstance(data, Mapping):
        raise PolicyError([Problem(source, "expected a mapping of policy keys to values")])
    prefix = f"{source}: " if source else ""
    unknown = [
        Problem(f"{prefix}{key}", f"unknown policy key{suggest(str(key), Policy.model_fields)}")
        for key in data
        if key not in Policy.model_fields
    ]
    try:
        policy = Policy.model_validate({k: v for k, v in data.items() if k in Policy.model_fields})
    except ValidationError as error:
        raise PolicyError(unknown + _problems(error, source)) from None
    if unknown:
        raise PolicyError(unknown)
    return policy


def load_policy(path: str | Path) -> Policy:
    """Load a policy file (YAML): the defaults, with the values it sets.

    Raises:
        InputError: If the file cannot be read or parsed.
        PolicyError: For an unknown key or a bad value.
    """
    path = Path(path)
    return parse_policy(_load_mapping(path), str(path))
