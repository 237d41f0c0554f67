# The two commands: `make demo` and `make test`. Each target sets up .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck layers dockerlint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/motebot demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy bot handlers storage ingest language

layers: $(STAMP)
	$(BIN)/lint-imports

dockerlint: $(STAMP)
	$(BIN)/hadolint Dockerfile

check: test lint typecheck layers dockerlint

bench: $(STAMP)
	$(BIN)/python bench/ingest_rate.py
	$(BIN)/python bench/score_ingest.py
	$(BIN)/python bench/commands.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/slack_http.py
	$(BIN)/python bench/slack_oauth.py
	$(BIN)/python bench/understanding.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/fuzz.py --messages 20000 --documents 300 --seconds 900

clean:
	rm -rf $(VENV) motebot.db motebot.db-wal motebot.db-shm demo.db*
