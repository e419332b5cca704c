"""governance_rules: a provincial Regulation on monitoring communes as executable rules.

The Regulation's duties, deadlines and relationships are declarative rules (data), evaluated
over event streams by a pure engine, and reported as findings that cite their clauses::

    from datetime import date
    import governance_rules as gr

    register = gr.load_register("examples/tinh-mau/register.yaml")
    intake = gr.read_events(["examples/tinh-mau/events.jsonl"], register, date(2026, 6, 30))
    findings = gr.evaluate(register, intake.accepted, as_of=date(2026, 6, 30))
"""

from __future__ import annotations

from ._check import StreamedCheck, check, read_events, stream_check, summarize
from ._version import __version__
from .engine import evaluate
from .errors import (
    BackendError,
    CatalogueError,
    DefinitionError,
    GovernanceRulesError,
    InputError,
    LanguageError,
    PolicyError,
    Problem,
    RegisterError,
)
from .io import (
    Intake,
    load_policy,
    load_register,
    parse_policy,
    parse_register,
)
from .model import (
    STATUSES,
    Accounting,
    CheckReport,
    Event,
    Finding,
    Period,
    Policy,
    Register,
    Rejection,
    Status,
    Subject,
    Timeline,
    Window,
)
from .monitor import Monitor
from .regulation import CLAUSES, CLAUSES_BY_ID, Clause
from .rules import CATALOGUE, Catalogue, Rule
from .store import EventStore, StoreError

__all__ = [
    "CATALOGUE",
    "CLAUSES",
    "CLAUSES_BY_ID",
    "STATUSES",
    "Accounting",
    "BackendError",
    "Catalogue",
    "CatalogueError",
    "CheckReport",
    "Clause",
    "DefinitionError",
    "Event",
    "EventStore",
    "Finding",
    "GovernanceRulesError",
    "InputError",
    "Intake",
    "LanguageError",
    "Monitor",
    "Period",
    "Policy",
    "PolicyError",
    "Problem",
    "Register",
    "RegisterError",
    "Rejection",
    "Rule",
    "Status",
    "StoreError",
    "StreamedCheck",
    "Subject",
    "Timeline",
    "Window",
    "__version__",
    "check",
    "evaluate",
    "load_policy",
    "load_register",
    "parse_policy",
    "parse_register",
    "read_events",
    "stream_check",
    "summarize",
]
