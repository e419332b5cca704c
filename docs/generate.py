"""Write the generated reference pages: the rule catalogue, the JSON Schemas, the policy keys.

    python docs/generate.py

The tests fail when a committed page differs from what this writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from governance_rules import CATALOGUE, CheckReport, Policy, Register
from governance_rules.model import EVENT_ADAPTER
from governance_rules.report import render_rules_markdown

DOCS = Path(__file__).resolve().parent


def schemas_page() -> str:
    """Every JSON Schema the command ``governance-rules schema`` prints."""
    schemas: list[tuple[str, str, dict[str, Any]]] = [
        ("events", "One event record (a line of JSON Lines).", EVENT_ADAPTER.json_schema()),
        ("register", "The register file.", Register.model_json_schema()),
        ("policy", "A policy file (every key optional).", Policy.model_json_schema()),
        (
            "findings",
            "The report that `check --format json` prints.",
            TypeAdapter(CheckReport).json_schema(mode="serialization"),
        ),
    ]
    lines = [
        "# JSON Schemas",
        "",
        "Generated from the models (`python docs/generate.py`); the same as",
        "`governance-rules schema events|register|policy|findings` prints.",
    ]
    for name, what, schema in schemas:
        text = json.dumps(schema, ensure_ascii=False, indent=2)
        lines += ["", f"## {name}", "", what, "", "```json", text, "```"]
    return "\n".join(lines) + "\n"


def policy_page() -> str:
    """Every policy key: its type, range and default, and the rules that read it."""
    schema = Policy.model_json_schema()["properties"]
    readers: dict[str, list[str]] = {}
    for rule in CATALOGUE:
        for key in rule.policy_keys:
            readers.setdefault(key, []).append(rule.id)
    lines = [
        "# Policy keys",
        "",
        "Generated from the policy model and the catalogue (`python docs/generate.py`). What",
        "each value means, and why it is the default, is in the",
        "[explanation](explanation.md#policy-values). A policy file overrides any of them:",
        "",
        "```yaml",
        "visit_interval_months: 2",
        "visit_cadence: calendar_quarter",
        "```",
        "",
        "| key | values | default | read by |",
        "| --- | --- | --- | --- |",
    ]
    for key, field in Policy.model_fields.items():
        spec = schema[key]
        if "enum" in spec:
            values = " or ".join(f"`{v}`" for v in spec["enum"])
        elif spec.get("type") == "integer":
            values = f"{spec.get('minimum', '')}..{spec.get('maximum', '')} ({_unit(key)})"
        else:
            values = "`MM-DD`"
        rules = ", ".join(f"`{r}`" for r in readers.get(key, [])) or "-"
        lines.append(f"| `{key}` | {values} | `{field.default}` | {rules} |")
    return "\n".join(lines) + "\n"


def _unit(key: str) -> str:
    return "months" if key.endswith("_months") else "days"


PAGES = {
    "rules.md": lambda: render_rules_markdown(CATALOGUE, "en"),
    "schemas.md": schemas_page,
    "policy.md": policy_page,
}


def main() -> int:
    for name, make in PAGES.items():
        (DOCS / name).write_text(make(), encoding="utf-8")
        print(DOCS / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
