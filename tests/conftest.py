from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tinh-mau"


@pytest.fixture
def example() -> Path:
    return EXAMPLE
