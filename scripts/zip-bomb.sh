#!/usr/bin/env bash
# Measurement (not a test): peak memory and time of `parkscore import` on a 1.5 MB
# zip bomb — the sample city's collection template whose fill-in sheet unpacks to
# 1.5 GB — once with honest sizes in the zip directory, once declaring 1 KiB.
# Usage: scripts/zip-bomb.sh [UNPACKED_MB] (default 1536). Needs python3 and /usr/bin/time.
# Env: PARKSCORE (binary; default target/release/parkscore, built if missing), WORK (scratch).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mb="${1:-1536}"
bin="${PARKSCORE:-$root/target/release/parkscore}"
work="${WORK:-$root/target/zip-bomb}"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 2; }
[ -x "$bin" ] || (cd "$root" && cargo build --release --quiet)
rm -rf "$work" && mkdir -p "$work"
cp -r "$root/data" "$work/data"
"$bin" template --data "$work/data" --year 2023 --out "$work/template.xlsx" >/dev/null
python3 - "$work" "$mb" <<'PY'
import struct, sys, zipfile, zlib
work, mb = sys.argv[1], int(sys.argv[2])
src = zipfile.ZipFile(f"{work}/template.xlsx")
def bomb(path, lie):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info.filename, src.read(info.filename))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b"<worksheet><sheetData>")
            chunk = b" " * (1 << 20)
            for _ in range(mb):
                f.write(chunk)
    if lie:  # declare 1 KiB in every header that names the sheet
        data = bytearray(open(path, "rb").read())
        name = b"xl/worksheets/sheet1.xml"
        i = data.find(b"PK\x01\x02")
        while i >= 0:
            n = struct.unpack_from("<H", data, i + 28)[0]
            if data[i + 46:i + 46 + n] == name:
                struct.pack_into("<I", data, i + 24, 1024)
                extra = struct.unpack_from("<H", data, i + 30)[0]
                j = i + 46 + n  # zip64 extra field: the 8-byte sizes come first
                if extra >= 12 and struct.unpack_from("<H", data, j)[0] == 1:
                    struct.pack_into("<Q", data, j + 4, 1024)
            i = data.find(b"PK\x01\x02", i + 4)
        open(path, "wb").write(data)
bomb(f"{work}/bomb-honest.xlsx", False)
bomb(f"{work}/bomb-liar.xlsx", True)
PY
for kind in honest liar; do
  f="$work/bomb-$kind.xlsx"
  set +e
  /usr/bin/time -v "$bin" import "$f" --data "$work/data" --year 2023 --dry-run >"$work/$kind.out" 2>"$work/$kind.err"
  code=$?
  set -e
  rss=$(grep "Maximum resident set size" "$work/$kind.err" | awk '{print $NF}')
  wall=$(grep "Elapsed (wall clock)" "$work/$kind.err" | awk '{print $NF}')
  echo "$kind: $(stat -c %s "$f") bytes zipped, ${mb} MiB unpacked; exit $code; peak RSS $((rss / 1024)) MiB; wall $wall"
  grep -m1 -E "error|problem" "$work/$kind.err" || true
done
