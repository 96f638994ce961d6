#!/usr/bin/env python3
"""Fails when a tr() string of the console has no finished translation.

Runs lupdate over the console's sources into a temporary copy of each .ts
file given (so a string added to the code but never extracted counts as
missing too), then lists every message whose translation is empty or marked
unfinished. For the source language's file (--plural-ts, English), only the
plural forms are checked: "%n order(s)" must read "1 order" / "2 orders".
The repository's .ts files are not changed.

    check-translations.py --lupdate PATH --ts translations/vigia_es.ts [--ts ...]
                          [--plural-ts translations/vigia_en.ts] SOURCE...
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def untranslated(ts_path, plurals_only=False):
    """(context, source) of every message without a finished translation
    (with plurals_only: of every plural message with an empty form)."""
    missing = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source", default="")
            if translation is None:
                missing.append((name, source))
                continue
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            forms = translation.findall("numerusform")
            if plurals_only:
                if message.get("numerus") == "yes" and any(not (f.text or "").strip()
                                                           for f in forms):
                    missing.append((name, source))
                continue
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if kind == "unfinished" or any(not t.strip() for t in texts):
                missing.append((name, source))
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--ts", action="append", required=True)
    parser.add_argument("--plural-ts", action="append", default=[])
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args()

    failed = False
    with tempfile.TemporaryDirectory(prefix="vigia-ts-") as tmp:
        checks = [(ts, False) for ts in args.ts] + [(ts, True) for ts in args.plural_ts]
        for ts, plurals_only in checks:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copyfile(ts, copy)
            run = subprocess.run(
                [args.lupdate, "-silent", "-locations", "none", "-no-obsolete",
                 *(["-pluralonly"] if plurals_only else []), *args.sources, "-ts", copy],
                capture_output=True, text=True)
            if run.returncode != 0:
                print(f"lupdate failed on {ts}:\n{run.stdout}{run.stderr}", file=sys.stderr)
                return 2
            missing = untranslated(copy, plurals_only)
            if missing:
                failed = True
                print(f"{ts}: {len(missing)} string(s) without a finished translation "
                      f"(run `cmake --build BUILD --target vigia_lupdate` and translate them):")
                for context, source in missing:
                    print(f"  [{context}] {source!r}")
            else:
                print(f"{ts}: every string translated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
