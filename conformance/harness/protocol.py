"""The process protocol's messages (``recbench-process/1``), as models for the published schemas.

The harness parses lines with ``json`` for speed and checks them with the same rules; these
models are the normative description (docs/process-protocol.md) and the source of the JSON
Schemas ``process-hello``, ``process-request`` and ``process-response``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

PROTOCOL = "recbench-process/1"
PROTOCOL_PATTERN = r"^recbench-process/1(\.[0-9]+)*$"


class ServedImplementation(BaseModel):
    """Identity of the implementation behind the child."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(description="Name of the implementation.")
    version: str = Field(description="Its version.")


class Hello(BaseModel):
    """First line the child writes, before reading any request."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"title": "recbench process protocol: hello"})

    protocol: str = Field(pattern=PROTOCOL_PATTERN, description="Protocol version: 'recbench-process/1'.")
    implementation: ServedImplementation | None = Field(None, description="Who answers.")
    interfaces: list[str] = Field(description="Names of the interfaces the child serves.")


class Request(BaseModel):
    """One line from the harness: call ``interface`` with ``input``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"title": "recbench process protocol: request"})

    id: int = Field(ge=0, description="Request number, echoed in the response; unique within a child's life.")
    interface: str = Field(description="Interface to call.")
    input: dict[str, Any] = Field(
        description="Input values by name: arrays as JSON arrays, bytes as lower-case hex strings."
    )


class OutputResponse(BaseModel):
    """The call returned outputs."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="The request's id.")
    output: dict[str, Any] = Field(description="Output values by name, encoded as inputs are.")


class RejectedResponse(BaseModel):
    """The implementation refused the input (what an 'invalid' vector expects)."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="The request's id.")
    rejected: str = Field(description="Why the input was refused.")


class ErrorResponse(BaseModel):
    """The call failed for another reason (judged an error, not a rejection)."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="The request's id.")
    error: str = Field(description="What went wrong.")


class Response(RootModel[OutputResponse | RejectedResponse | ErrorResponse]):
    """One line from the child per request: exactly one of output, rejected, error."""

    model_config = ConfigDict(json_schema_extra={"title": "recbench process protocol: response"})


def check_hello(message: Any) -> str | None:
    """Why a parsed hello line is unacceptable, or None."""
    if not isinstance(message, dict):
        return "the hello line is not a JSON object"
    protocol = message.get("protocol")
    if not isinstance(protocol, str) or not (protocol == PROTOCOL or protocol.startswith(PROTOCOL + ".")):
        return f"the hello line announces protocol {protocol!r}; this harness speaks {PROTOCOL!r}"
    interfaces = message.get("interfaces")
    if not isinstance(interfaces, list) or not all(isinstance(item, str) for item in interfaces):
        return "the hello line's 'interfaces' is not a list of names"
    implementation = message.get("implementation")
    if implementation is not None and not isinstance(implementation, dict):
        return "the hello line's 'implementation' is not an object"
    return None
