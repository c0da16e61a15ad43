# FireWatch: two commands on a fresh Debian machine.
#   make run    install what is missing, build, start a loopback mosquitto if needed, run firewatchd
#   make test   install what is missing, build, run every test
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= Config/firewatch.yaml
PREFIX ?= /usr/local
APT_PACKAGES := mosquitto mosquitto-clients libmosquitto-dev libsqlite3-dev pkg-config curl coreutils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release run test bench clean check-config install uninstall deb

## Install the Debian packages that are missing (apt), once.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift not found: install Swift 6 (swift.org) and put it on PATH"; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Start a loopback broker if the config points at one that is not running, then run the daemon.
run: build
	scripts/ensure-broker.sh $(CONFIG)
	.build/debug/firewatchd --config $(CONFIG)

check-config: build
	.build/debug/firewatchd --config $(CONFIG) --check-config

## Every test: unit tests, definition examples, integration tests over a real mosquitto.
test: deps
	$(SWIFT) build --build-tests
	.build/debug/firewatch devices test Devices
	$(SWIFT) test

## Benchmarks in a release build (results and how to read them: docs/BENCHMARKS.md).
BENCH_COUNT ?= 100000
BENCH_DEVICES ?= 5000
BENCH_FLEET ?= 200000
bench: deps
	$(SWIFT) build -c release
	.build/release/firewatch-bench ingest --count $(BENCH_COUNT) --devices $(BENCH_DEVICES) --envelope raw
	.build/release/firewatch-bench ingest --count $(BENCH_COUNT) --devices $(BENCH_DEVICES) --envelope chirpstack
	.build/release/firewatch-bench latency --smoke $(BENCH_DEVICES) --fleet $(BENCH_FLEET)
	ulimit -n 20000 2>/dev/null; .build/release/firewatch-bench gb26875 --devices 1000 --alarms 30 --heartbeat 5
	.build/release/firewatch bench-decode --seconds 5
	scripts/bench-report.sh .build/release

## Install binaries, definitions, config (never overwriting an existing one) and systemd files.
## PREFIX=/usr/local by default; DESTDIR for packaging.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)/usr/share/firewatch $(DESTDIR)/etc/firewatch \
	  $(DESTDIR)/lib/systemd/system $(DESTDIR)/usr/lib/sysusers.d $(DESTDIR)/usr/lib/tmpfiles.d
	install -m 0755 .build/release/firewatchd .build/release/firewatch $(DESTDIR)$(PREFIX)/bin/
	rm -rf $(DESTDIR)/usr/share/firewatch/Devices && cp -r Devices $(DESTDIR)/usr/share/firewatch/Devices
	cp -r seeds $(DESTDIR)/usr/share/firewatch/
	[ -e $(DESTDIR)/etc/firewatch/firewatch.yaml ] || scripts/installed-config.sh > $(DESTDIR)/etc/firewatch/firewatch.yaml
	sed 's|/usr/bin/env firewatchd|$(PREFIX)/bin/firewatchd|g' systemd/firewatchd.service > $(DESTDIR)/lib/systemd/system/firewatchd.service
	install -m 0644 systemd/firewatch.sysusers $(DESTDIR)/usr/lib/sysusers.d/firewatch.conf
	install -m 0644 systemd/firewatch.tmpfiles $(DESTDIR)/usr/lib/tmpfiles.d/firewatch.conf
	@echo "installed; next: systemd-sysusers && systemd-tmpfiles --create && systemctl daemon-reload && systemctl enable --now firewatchd"

## dist/firewatch_VERSION_ARCH.deb: a release build with the Swift runtime linked in, so the target
## machine needs no Swift (only the C libraries named in the package's Depends: libmosquitto1,
## libsqlite3-0, libcurl4 for Foundation's URLSession, ...). Static Foundation links against libcurl.
DEB_BUILD := .build-deb
DEB_APT_PACKAGES := libcurl4-openssl-dev dpkg-dev
deb: deps
	@missing=""; for p in $(DEB_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(DEB_BUILD) --product firewatchd
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(DEB_BUILD) --product firewatch
	scripts/make-deb.sh "$$($(SWIFT) build -c release --static-swift-stdlib --scratch-path $(DEB_BUILD) --show-bin-path)" dist

## Remove what install put down; the config in /etc/firewatch and the data in /var/lib/firewatch stay.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/firewatchd $(DESTDIR)$(PREFIX)/bin/firewatch
	rm -rf $(DESTDIR)/usr/share/firewatch
	rm -f $(DESTDIR)/lib/systemd/system/firewatchd.service $(DESTDIR)/usr/lib/sysusers.d/firewatch.conf \
	  $(DESTDIR)/usr/lib/tmpfiles.d/firewatch.conf

clean:
	rm -rf .build run
