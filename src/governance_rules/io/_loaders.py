"""Loading the register and the policy from YAML or JSON, with every problem located."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._text import load_mapping_file, validation_problems
from ..errors import PolicyError, Problem, suggest
from ..model import Policy, Register
from ._xlsx import load_register_xlsx

parse_register = Register.parse
"""Validate register data: :meth:`Register.parse`."""


def load_register(path: str | Path) -> Register:
    """Load and validate a register file (YAML; JSON by its ``.json`` suffix; a workbook by
    ``.xlsx``, see :mod:`governance_rules.xlsx`).

    Raises:
        InputError: If the file cannot be read or parsed.
        RegisterError: Listing every problem of its content.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return load_register_xlsx(path)
    return parse_register(load_mapping_file(path), str(path))


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
        raise PolicyError(unknown + validation_problems(error, source)) from None
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
    return parse_policy(load_mapping_file(path), str(path))
