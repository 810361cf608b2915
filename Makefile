# Course tasks. Everything runs from .venv, created from the pins in environment.yml,
# so nothing needs an activated virtualenv (nbgrader calls programs by name).
PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
# Lessons and tests must not pick up a learner's shell settings for the live app.
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help lab test lint format bench exercises snapshots nav venv clean edition hub-test grade check

help:
	@echo "make lab        open the course in JupyterLab (creates .venv on first run)"
	@echo "make test       run every check of the course"
	@echo "make bench      time each lesson and the autograding of each exercise"
	@echo "make exercises  regenerate exercises/ from solutions/ (nbgrader generate_assignment)"
	@echo "make snapshots  regenerate sample_projects/ from the lessons' listing cells"
	@echo "make format     ruff format + fix code and notebooks"
	@echo "make nav        rewrite the lessons' footers and \"What you built\" galleries"
	@echo "make screenshots  retake the galleries' pictures from the snapshots (Chromium)"
	@echo "make edition OUT=../bookmarks-course-learner   build the learner edition (no solutions)"
	@echo "make hub-test   run the course on a real JupyterHub on loopback (root only)"
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

# The repository root is Lab's root folder; extra options: make lab ARGS="--port 9999"
lab: venv
	$(BIN)/python -m coursekit.lab $(ARGS)

# Independent checks run in parallel, one process per core; tests sharing a server
# (xdist_group) stay in one process. The apps' own suites keep running serially.
test: venv
	$(BIN)/python -m pytest -n auto --dist loadgroup $(ARGS)

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

# Also the JupyterHub check's own environments (rebuilt when their pins change).
clean:
	rm -rf $(VENV) workspace deploy/jupyterhub/.venv deploy/jupyterhub/.course-venv deploy/jupyterhub/node_modules

nav: venv
	$(BIN)/python -m coursekit.nav write

# Pictures of each step's pages for the lessons' "What you built" (Chromium needed);
# then the lessons' galleries are rewritten (as `make nav` does).
.PHONY: screenshots
screenshots: venv
	$(BIN)/python -m coursekit.screenshots
	$(BIN)/python -m coursekit.nav write

# The learner edition: this repository without solutions/, hidden tests or gradebook.
# REPO is its GitHub owner/name, for its Binder badge; FORCE=1 updates a non-empty OUT.
OUT ?= ../bookmarks-course-learner
edition: venv
	$(BIN)/python -m coursekit.edition build "$(OUT)" $(if $(REPO),--repo "$(REPO)") $(if $(FORCE),--force)

# The course on a real JupyterHub (deploy/jupyterhub/): the test builds the hub's own
# virtualenv and proxy there on first use, creates Unix users (needs root) and
# removes them afterwards.
hub-test: venv
	$(BIN)/python -m pytest tests/test_hub.py -q

# A learner's own score on an exercise (hidden tests run, their code is not shown).
check: venv
	@test -n "$(A)" || { echo "Usage: make check A=<exercise>, e.g. make check A=flask01_routing"; exit 2; }
	$(BIN)/python -m coursekit.grade check $(A)

# Grade a class: autograde in JOBS processes (default: the number of cores),
# feedback, grades.csv, and a summary table. FORCE=1 regrades everyone.
grade: venv
	@test -n "$(A)" || { echo "Usage: make grade A=<assignment> [JOBS=N] [FORCE=1]"; exit 2; }
	$(BIN)/python -m coursekit.grade class $(A) $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force)
