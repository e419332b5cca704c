from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import EXAMPLE


@pytest.fixture
def example() -> Path:
    return EXAMPLE
