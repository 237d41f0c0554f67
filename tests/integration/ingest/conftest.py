"""The parser the loader tests run with: the hand-built seed documents, and the real parser."""

from __future__ import annotations

import pytest

from ingest.load import Parser
from tests.integration.ingest.seed_docs import fake_parse


@pytest.fixture(params=["hand-built"])
def parser(request: pytest.FixtureRequest) -> Parser:
    """How seed files become ParsedDocuments in a test."""
    return fake_parse
