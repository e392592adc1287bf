"""Typed requests the faces build from their input (CLI options, JSON bodies, form fields)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from armslength.config import Profile
from armslength.model import (
    Account,
    Interaction,
    Jurisdiction,
    Kind,
    Platform,
    Relationship,
    Role,
    Tone,
)


class AdviseRequest(BaseModel):
    """An interaction to advise on; role, jurisdiction and tone default to the profile's."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"relationship": "current-patient", "kind": "friend", "account": "personal"},
                {
                    "relationship": "former-patient",
                    "kind": "message",
                    "platform": "facebook",
                    "jurisdiction": "uk",
                    "message": "Could you look at my test results?",
                },
            ]
        },
    )

    relationship: Relationship = Relationship.UNKNOWN
    kind: Kind = Kind.FRIEND
    account: Account = Account.PERSONAL
    platform: Platform = Platform.OTHER
    role: Role | None = None
    jurisdiction: Jurisdiction | None = None
    preexisting: bool = False
    message: str | None = Field(default=None, max_length=10_000)
    tone: Tone | None = None

    def interaction(self, profile: Profile) -> Interaction:
        """The interaction, with the profile's role and jurisdiction where none was given."""
        return Interaction(
            relationship=self.relationship,
            kind=self.kind,
            account=self.account,
            platform=self.platform,
            role=self.role or profile.role,
            jurisdiction=self.jurisdiction or profile.jurisdiction,
            preexisting=self.preexisting,
            message=self.message,
        )

    def profile(self, profile: Profile) -> Profile:
        """The profile with this request's tone, when it sets one."""
        return profile if self.tone is None else profile.model_copy(update={"tone": self.tone})
