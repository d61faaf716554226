# Two commands on a fresh clone: `make demo` and `make test`. Both create .venv first.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test bench install clean browser

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	# The system pip (23.x) cannot resolve lxml[html-clean]; upgrade first.
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/newsprism analyze examples/corpus --db newsprism.db --report report/report.html

# Browser tests drive Debian's Chromium (never a downloaded browser); they skip if it cannot be had.
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: browser tests will skip"

test: $(BIN)/.installed browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

$(BIN)/.bench: $(BIN)/.installed
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@

# Every benchmark in one go; each writes bench/results/<name>.md, collected into BENCHMARKS.md.
bench: $(BIN)/.bench
	for b in pipeline extraction langid time entities embed events claims reliability; do \
	  [ -f bench/$$b.py ] && $(BIN)/python bench/$$b.py || exit 1; done
	$(BIN)/python bench/collect.py

clean:
	rm -rf $(VENV) report newsprism.db newsprism.db-wal newsprism.db-shm
