# Course tasks. Everything runs from .venv, created from the pins in environment.yml,
# so nothing needs an activated virtualenv (nbgrader calls programs by name).
PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
# Lessons and tests must not pick up a learner's shell settings for the live app.
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help lab test lint format bench exercises snapshots nav venv clean grade check

help:
	@echo "make lab        open the course in JupyterLab (creates .venv on first run)"
	@echo "make test       run every check of the course"
	@echo "make bench      time each lesson and the autograding of each exercise"
	@echo "make exercises  regenerate exercises/ from solutions/ (nbgrader generate_assignment)"
	@echo "make snapshots  regenerate sample_projects/ from the lessons' listing cells"
	@echo "make format     ruff format + fix code and notebooks"
	@echo "make check A=flask01_routing   your score on an exercise, hidden tests included"
	@echo "make grade A=flask01_routing [JOBS=N] [FORCE=1]   grade a class (docs/instructors.md)"

venv: $(VENV)/.installed

# Pins come from environment.yml's pip section: the one list of dependencies.
$(VENV)/.installed: environment.yml pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found). Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $$(awk '/^ *- [A-Za-z0-9_.-]+==/ {print $$2}' environment.yml)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m coursekit.jupyter_setup
	touch $@

lab: venv
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python -m coursekit.bench

exercises: venv
	$(BIN)/python -m coursekit.exercises generate

snapshots: venv
	$(BIN)/python -m coursekit.snapshots generate

clean:
	rm -rf $(VENV) workspace

nav: venv
	$(BIN)/python -m coursekit.nav write

# A learner's own score on an exercise (hidden tests run, their code is not shown).
check: venv
	@test -n "$(A)" || { echo "Usage: make check A=<exercise>, e.g. make check A=flask01_routing"; exit 2; }
	$(BIN)/python -m coursekit.grade check $(A)

# Grade a class: autograde in JOBS processes (default: the number of cores),
# feedback, grades.csv, and a summary table. FORCE=1 regrades everyone.
grade: venv
	@test -n "$(A)" || { echo "Usage: make grade A=<assignment> [JOBS=N] [FORCE=1]"; exit 2; }
	$(BIN)/python -m coursekit.grade class $(A) $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force)
