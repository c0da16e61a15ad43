#!/usr/bin/env bash
# Long fuzzing runs of the device decoders with libFuzzer (the unit test runs 100,000 payloads per
# decoder type; this runs for as long as you let it). Builds the decoders with -sanitize=fuzzer in
# their own scratch folder (.build-fuzz), links scripts/fuzz/DecoderFuzzTarget.swift against them,
# seeds a corpus from every definition's examples, then runs libFuzzer.
#
#   scripts/fuzz-decoders.sh                  # fuzz all definitions until stopped
#   scripts/fuzz-decoders.sh -max_total_time=600 -jobs=2
#   FIREWATCH_FUZZ_MODEL=mingkong/pressure-gauge scripts/fuzz-decoders.sh -runs=1000000
#
# Crashes are written as crash-<sha1> files in the corpus folder's parent; replay one with
#   .build-fuzz/decoder-fuzzer crash-<sha1>
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-fuzz
flags=(-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library)
swift build -c release --scratch-path "$scratch" --target FireWatchDecoders "${flags[@]}"
release="$scratch/release"
objects=()
for module in FireWatchCore FireWatchDecoders Yams CYaml; do
    while IFS= read -r -d '' o; do objects+=("$o"); done < <(find "$release/$module.build" -name '*.o' -print0)
done
swiftc -O -sanitize=fuzzer -parse-as-library -I "$release/Modules" -I "$scratch/checkouts/Yams/Sources/CYaml/include" \
    scripts/fuzz/DecoderFuzzTarget.swift "${objects[@]}" -o "$scratch/decoder-fuzzer"
corpus="$scratch/decoder-corpus"
mkdir -p "$corpus"
# Seed: every example, prefixed with the definition index and fPort the target reads first.
python3 - "$corpus" <<'PY'
import os, re, sys, glob, binascii
corpus = sys.argv[1]
only = os.environ.get("FIREWATCH_FUZZ_MODEL")
# The target sorts definitions by id; so do the seeds.
ids = sorted(f[len("Devices/"):-len(".yaml")] for f in glob.glob("Devices/*/*.yaml"))
if only: ids = [only]
for index, model in enumerate(ids):
    path = f"Devices/{model}.yaml"
    text = open(path, encoding="utf-8").read()
    for n, block in enumerate(re.split(r"\n  - description:", text)[1:]):
        port = re.search(r"\n    fport: (\d+)", block)
        hexm = re.search(r'hex: "([0-9a-fA-F ]+)"', block)
        jsonm = re.search(r"json: '(.*)'", block)
        payload = binascii.unhexlify(hexm.group(1).replace(" ", "")) if hexm else (jsonm.group(1).encode() if jsonm else None)
        if payload is None: continue
        with open(os.path.join(corpus, f"{index:02d}-{n:02d}"), "wb") as out:
            out.write(bytes([index, int(port.group(1)) if port else 0]) + payload)
PY
FIREWATCH_DEVICES=Devices exec "$scratch/decoder-fuzzer" "$corpus" -max_len=2048 -timeout=5 "$@"
