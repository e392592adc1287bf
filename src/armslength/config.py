"""Settings and the clinician's profile, in one TOML file.

Where the file lives, in order of precedence:

1. the path given with ``--config FILE`` (or ``load_settings(path)``);
2. the ``ARMSLENGTH_CONFIG`` environment variable;
3. ``config.toml`` in the user's config directory (``platformdirs``).

A missing default file means "all defaults"; a missing explicit file is an error.
Every key is documented in ``docs/configuration.md``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from armslength._checks import check_optional_path
from armslength._io import read_text
from armslength.errors import ConfigError
from armslength.model import Jurisdiction, Role, Tone

APP_NAME = "armslength"
ENV_CONFIG = "ARMSLENGTH_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Channels(_Section):
    """Professional channels that replies point patients to."""

    website: str | None = None
    portal: str | None = None
    email: str | None = None
    phone: str | None = None
    professional_page: str | None = None

    @field_validator("website", "portal", "professional_page")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be a URL starting with http:// or https://")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and ("@" not in value or " " in value.strip()):
            raise ValueError("must be an e-mail address")
        return value

    def any(self) -> bool:
        return any(v for v in self.model_dump().values())


class Profile(_Section):
    """Who the clinician is and where patients should go instead."""

    role: Role = Role.DOCTOR
    jurisdiction: Jurisdiction = Jurisdiction.INTL
    practice_name: str | None = None
    tone: Tone = Tone.WARM
    channels: Channels = Field(default_factory=Channels)


class ScreenSettings(_Section):
    allow_terms: list[str] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    """Screen rule ids to turn off (``armslength screen --list-rules`` lists them)."""


class ExportLimits(_Section):
    """Safety limits for reading archives (bytes and ratios)."""

    max_total_uncompressed: int = 8 * 1024**3
    max_member_size: int = 2 * 1024**3
    max_compression_ratio: float = 200.0
    max_nesting_depth: int = 2
    max_members: int = 500_000


class Settings(_Section):
    profile: Profile = Field(default_factory=Profile)
    screen: ScreenSettings = Field(default_factory=ScreenSettings)
    exports: ExportLimits = Field(default_factory=ExportLimits)
    database_url: str | None = None
    policy: str | None = None
    """An organisation override file for the rulebook (YAML); every face applies it."""
    retention_days: int | None = Field(default=None, ge=0)
    source: str | None = Field(default=None, exclude=True)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def resolve_config_path(path: str | Path | None = None) -> tuple[Path, bool]:
    """The config file to use and whether the user named it explicitly."""
    if path is not None:
        return Path(path), True
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env), True
    return default_config_path(), False


def _key_of(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def settings_from_dict(data: dict[str, Any], *, source: str = "<config>") -> Settings:
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = _key_of(first["loc"])
        raise ConfigError(f"invalid value: {first['msg']}", path=source, field=key) from None
    return settings.model_copy(update={"source": source})


def load_settings(path: str | Path | None = None) -> Settings:
    """Read the settings; defaults when no file exists at the default location."""
    config_path, explicit = resolve_config_path(check_optional_path("path", path))
    if not explicit and not config_path.exists():
        return Settings()
    text = read_text(config_path, what="config file", error=ConfigError, stdin=False)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", path=config_path) from None
    return settings_from_dict(data, source=str(config_path))


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    return value


def write_settings(settings: Settings, path: str | Path | None = None) -> Path:
    """Write *settings* as TOML (creating the directory) and return the path."""
    config_path, _ = resolve_config_path(path)
    config_path.parent.mkdir(parents=True, exist_ok=True)
    data = _strip_none(settings.model_dump(mode="json"))
    config_path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return config_path
