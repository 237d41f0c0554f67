"""The parser the loader tests run with: the hand-built seed documents, and the real parser."""

from __future__ import annotations

import pytest

from ingest.load import Parser
from ingest.parse import parse_file
from tests.integration.ingest.seed_docs import fake_parse


@pytest.fixture(params=["hand-built", "parser"])
def parser(request: pytest.FixtureRequest) -> Parser:
    """How seed files become ParsedDocuments: the loader alone, then the whole import."""
    return fake_parse if request.param == "hand-built" else parse_file
