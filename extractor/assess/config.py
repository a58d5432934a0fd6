"""The assessment's rules as data: dimensions, weights, deadlines, patterns, thresholds.

The documented default ships as package data (default.toml); `--config FILE` overlays a file with
the same keys, table by table, so a region can change one deadline without restating the rest.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

AgencyKind = str  # "government", "department", "township" in the default; a config may add its own
Severity = Literal["fail", "warn", "info"]
DIMENSIONS: tuple[str, ...] = ("timeliness", "completeness", "accuracy", "copy", "change")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Deadline(_Strict):
    kind: AgencyKind
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    rule: str
    source: str


class TimelinessConfig(_Strict):
    late_days_to_zero: int = Field(gt=0)
    metadata_late_severity: Severity
    deadlines: list[Deadline]


class KindPattern(_Strict):
    kind: AgencyKind
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class AgencyKindConfig(_Strict):
    default: AgencyKind
    patterns: list[KindPattern]
    overrides: dict[str, AgencyKind] = Field(default_factory=dict)


class Topic(_Strict):
    topic: str
    words: list[str]


class CompletenessConfig(_Strict):
    sections: list[str]
    missing_section_penalty: float
    table_missing_penalty: float
    absent_cells_penalty: float
    blank_cells_penalty: float
    fee_statement_penalty: float
    topic_penalty: float
    year_missing_penalty: float
    year_mismatch_penalty: float
    topics: list[Topic]


class AccuracyConfig(_Strict):
    hard: list[str]
    soft: list[str]
    soft_weight: float
    r7_tolerance: float


class CopyConfig(_Strict):
    shingle_chars: int = Field(ge=3, le=40)
    warn: float = Field(gt=0, le=1)
    fail: float = Field(gt=0, le=1)
    min_chars: int
    boilerplate_share: float = Field(gt=0, le=1)
    boilerplate_min_agencies: int
    distinct_min: float = Field(ge=0, le=1)
    max_passages: int


class Indicator(_Strict):
    key: str
    label: str
    cells: list[str] = Field(default_factory=list)
    narrative: Literal["published_max"] | None = None
    words: list[str]
    explained_by: str | None = None


class ChangeConfig(_Strict):
    large_relative: float
    large_absolute: float
    change_words: list[str]
    indicators: list[Indicator]


class AssessConfig(_Strict):
    weights: dict[str, float]
    timeliness: TimelinessConfig
    agency_kind: AgencyKindConfig
    completeness: CompletenessConfig
    accuracy: AccuracyConfig
    copy_: CopyConfig = Field(alias="copy")
    change: ChangeConfig
    digest: str = ""  # sha256 of the merged settings, printed with every assessment

    def deadline_for(self, kind: AgencyKind) -> Deadline | None:
        return next((d for d in self.timeliness.deadlines if d.kind == kind), None)


class ConfigError(ValueError):
    """A config file that cannot be read or does not fit the schema; the message names the file."""


def _overlay(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (numbers, lists) replaces the default."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _overlay(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def default_text() -> str:
    return resources.files("extractor.assess").joinpath("default.toml").read_text(encoding="utf-8")


def load_config(path: Path | None = None) -> AssessConfig:
    """The default rules, overlaid with `path` when given."""
    data = tomllib.loads(default_text())
    if path is not None:
        try:
            data = _overlay(data, tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the assessment config ({exc})") from exc
    digest = hashlib.sha256(repr(sorted(data.items())).encode("utf-8")).hexdigest()[:12]
    try:
        config = AssessConfig.model_validate({**data, "digest": digest})
    except (ValidationError, re.error) as exc:
        raise ConfigError(f"{path or 'default.toml'}: {exc}") from exc
    unknown = set(config.weights) - set(DIMENSIONS)
    if unknown:
        raise ConfigError(f"{path or 'default.toml'}: unknown dimensions in [weights]: {', '.join(sorted(unknown))}")
    return config
