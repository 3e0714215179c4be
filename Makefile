# Two commands for a fresh machine:  `make run`  and  `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install ocr browser run test bench

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# the CPU build of torch first, or sentence-transformers pulls a multi-GB CUDA build
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[ui,test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Tesseract reads tables printed as images in PDFs (optional: without it they are reported, not read)
ocr:
	@command -v tesseract >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q tesseract-ocr tesseract-ocr-eng || \
	  echo "tesseract-ocr not installed: tables printed as images will be reported, not read"; }

# Debian's Chromium for the browser tests (Playwright drives it; no browser download)
browser:
	@command -v chromium >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver; }

run: install ocr
	$(VENV)/bin/kgqa serve

test: install ocr browser
	$(PY) -m pytest -q

bench: install ocr
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/bench_pdf.py
	$(PY) bench/bench_index.py
