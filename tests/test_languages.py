"""The usual spellings of Vietnamese and English are accepted everywhere a language is
asked for, and any other language is a clear error rather than English."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance_rules import LanguageError, check, evaluate, load_register, read_events
from governance_rules.i18n import fmt_date, language
from governance_rules.monitor import Monitor
from governance_rules.report import render_html, render_table
from tests.paths import EXAMPLE
from tests.test_cli import run

AS_OF = date(2026, 11, 30)


@pytest.mark.parametrize("tag", ["vi", "VI", "vi-VN", "vi_VN", "vi_VN.UTF-8", " vi "])
def test_vietnamese_spellings(tag: str) -> None:
    assert language(tag) == "vi"


@pytest.mark.parametrize("tag", ["en", "EN", "en-US", "en_GB.UTF-8"])
def test_english_spellings(tag: str) -> None:
    assert language(tag) == "en"


@pytest.mark.parametrize("tag", ["fr", "", "vietnamese", "zh-VI"])
def test_another_language_is_an_error(tag: str) -> None:
    with pytest.raises(LanguageError, match="use 'vi'"):
        language(tag)


def test_the_library_speaks_vietnamese_for_vi_vn_and_refuses_french() -> None:
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    plain = evaluate(register, intake.accepted, as_of=AS_OF, lang="vi")
    for tag in ("vi-VN", "vi_VN", "VI"):
        found = evaluate(register, intake.accepted, as_of=AS_OF, lang=tag)
        assert [f.message for f in found] == [f.message for f in plain]
    report = check(register, intake, as_of=AS_OF, lang="vi-VN")
    assert "Tỉnh Mẫu" in render_table(report, "vi_VN", register=register)
    for call in (
        lambda: evaluate(register, intake.accepted, as_of=AS_OF, lang="fr"),
        lambda: check(register, intake, as_of=AS_OF, lang="fr"),
        lambda: render_table(report, "fr"),
        lambda: Monitor(register, as_of=AS_OF, lang="fr"),
    ):
        with pytest.raises(LanguageError, match="unsupported language 'fr'"):
            call()


def test_the_command_line_takes_a_tag_and_refuses_another_language() -> None:
    assert run("explain", "GR-EVALUATION", "--lang", "vi-VN").stdout.startswith("GR-EVALUATION")
    assert "Đảng ủy xã" in run("explain", "GR-EVALUATION", "--lang", "vi-VN").stdout
    refused = run("explain", "GR-EVALUATION", "--lang", "fr")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "governance-rules: error: argument --lang: unsupported language 'fr': use 'vi'"
        " (Vietnamese) or 'en' (English)"
    ]


def test_every_policy_key_is_described_in_both_languages() -> None:
    from governance_rules import Policy
    from governance_rules.i18n import POLICY_LABELS

    assert set(POLICY_LABELS) == set(Policy.model_fields)
    assert all(vi and en and vi != en for vi, en in POLICY_LABELS.values())
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    report = check(register, intake, as_of=AS_OF, lang="vi")
    page = render_html(report, register, intake.accepted, "vi")
    policy = page.split('<section id="policy">')[1].split("</section>")[0]
    assert POLICY_LABELS["contact_window_days"][0] in policy


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_a_vietnamese_date_is_day_month_year(day: date) -> None:
    assert fmt_date(day, "vi") == day.strftime("%d/%m/%Y")
    assert fmt_date(day, "en") == day.isoformat()
