"""What every check rule is made of.

A rule is a small module in this package with one `Rule` subclass: a code, a
category (authority, duplication, alignment, consistency, coverage,
deadlines), a severity, the article it enforces (in the module docstring and
in `citation`), and `check(context)` yielding `FindingDraft`s with a message
in Indonesian and English, evidence, and the records involved.

A rule resting on a point the sources mark UNVERIFIED sets `verified = False`:
it is off until an administrator enables it (`RuleSetting`), and its
findings say it is a setting, not law.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class FindingDraft:
    """A finding before reconciliation with earlier runs."""

    rule: str
    key: str
    message_id: str
    message_en: str
    plan: Any = None
    cycle: Any = None
    activity: Any = None
    other_activity: Any = None
    regional_sub_activity: Any = None
    region_codes: list[str] = field(default_factory=list)
    score: float | None = None
    evidence: dict = field(default_factory=dict)
    # What the finding depends on: when it changes, the finding is re-opened.
    content: Any = None
    severity: str | None = None

    def content_hash(self) -> str:
        payload = json.dumps(self.content if self.content is not None else self.evidence, sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


class Rule:
    code: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str] = "warning"
    citation: ClassVar[str] = ""
    title_id: ClassVar[str] = ""
    title_en: ClassVar[str] = ""
    verified: ClassVar[bool] = True
    # Defaults an administrator may override in RuleSetting.params.
    default_params: ClassVar[dict] = {}

    def __init__(self, params: dict | None = None) -> None:
        self.params = {**self.default_params, **(params or {})}

    def check(self, context) -> Iterable[FindingDraft]:
        raise NotImplementedError

    def draft(self, *, key_parts: Iterable[Any], message_id: str, message_en: str, **kwargs) -> FindingDraft:
        key = ":".join([self.code, *(str(p) for p in key_parts)])
        return FindingDraft(rule=self.code, key=key[:200], message_id=message_id, message_en=message_en, **kwargs)


_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in _RULES:
        raise ValueError(f"Duplicate rule code {cls.code}")
    _RULES[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    from selaras.sync import rules  # noqa: F401  (imports every rule module)

    return dict(sorted(_RULES.items()))
