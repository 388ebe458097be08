"""The base of every model read from a user's file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every model: unknown fields are refused, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)
