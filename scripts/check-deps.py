#!/usr/bin/env python3
"""Holds the build to scripts/debian-packages.txt.

Reads a configured build's CMakeCache.txt, finds the Debian package behind
every CMake package directory (`<Name>_DIR`) and every library or tool
(`:FILEPATH=`) CMake loaded, and fails, naming the package, when it is
neither listed in debian-packages.txt nor pulled in by a listed package's
Depends/Pre-Depends. That is how a build that only worked because a package
happened to be on the machine is caught on a machine that has it.

Usage: check-deps.py BUILD_DIR [--packages FILE]
"""

import argparse
import os
import re
import subprocess
import sys


def listed_packages(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line)
    return names


def installed_index():
    """Maps each installed package to its dependency alternatives, and each
    virtual name to the installed packages that provide it."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${db:Status-Status}\t${Depends}, ${Pre-Depends}\t${Provides}\n"],
        check=True, capture_output=True, text=True).stdout
    depends, provides = {}, {}
    for line in out.splitlines():
        name, status, deps, prov = (line.split("\t") + ["", "", ""])[:4]
        if status != "installed":
            continue
        groups = []
        for group in deps.split(","):
            alternatives = [bare_name(a) for a in group.split("|") if bare_name(a)]
            if alternatives:
                groups.append(alternatives)
        depends[name] = groups
        for p in prov.split(","):
            if bare_name(p):
                provides.setdefault(bare_name(p), []).append(name)
    return depends, provides


def bare_name(spec):
    """'libc6 (>= 2.34)' or 'python3:any' -> 'libc6' / 'python3'."""
    spec = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", spec).strip()
    return spec.split(":", 1)[0].strip()


def closure(roots, depends, provides):
    """Every installed package a root brings in, following every installed
    alternative (whichever one apt picked on this machine)."""
    seen, queue = set(), list(roots)
    while queue:
        name = queue.pop()
        candidates = [name] if name in depends else provides.get(name, [])
        for pkg in candidates:
            if pkg in seen:
                continue
            seen.add(pkg)
            for alternatives in depends.get(pkg, []):
                queue.extend(alternatives)
    return seen


def loaded_files(cache_path):
    """Files that stand for what CMake loaded: each package's config file
    and each library or program it recorded."""
    files = []
    with open(cache_path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9_]+_DIR):PATH=(/.+)$", line.strip())
            if m and os.path.isdir(m.group(2)):
                configs = [c for c in sorted(os.listdir(m.group(2)))
                           if c.endswith("Config.cmake") or c.endswith("-config.cmake")]
                if configs:
                    files.append((m.group(1), os.path.join(m.group(2), configs[0])))
                continue
            m = re.match(r"^([A-Za-z0-9_]+):FILEPATH=(/.+)$", line.strip())
            if m and os.path.exists(m.group(2)):
                files.append((m.group(1), m.group(2)))
    return files


def owner(path):
    for candidate in (path, os.path.realpath(path)):
        r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.split(":", 1)[0].split(",")[0].strip()
        # dpkg records /lib paths where usrmerge made them /usr/lib.
        if candidate.startswith("/usr/"):
            r = subprocess.run(["dpkg", "-S", candidate[4:]], capture_output=True, text=True)
            if r.returncode == 0:
                return r.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir")
    parser.add_argument("--packages", default=os.path.join(here, "debian-packages.txt"))
    args = parser.parse_args()

    cache = os.path.join(args.build_dir, "CMakeCache.txt")
    if not os.path.exists(cache):
        sys.exit(f"check-deps: {cache} not found; configure the build first")

    listed = listed_packages(args.packages)
    depends, provides = installed_index()
    covered = closure(listed, depends, provides)

    missing, unowned = {}, []
    for entry, path in loaded_files(cache):
        pkg = owner(path)
        if pkg is None:
            unowned.append(f"{entry} = {path}")
        elif pkg not in covered:
            missing.setdefault(pkg, []).append(f"{entry} = {path}")

    for line in unowned:
        print(f"check-deps: note: no Debian package owns {line}")
    if missing:
        for pkg, entries in sorted(missing.items()):
            print(f"check-deps: the build loaded files of '{pkg}', which "
                  f"{os.path.basename(args.packages)} neither lists nor pulls in:")
            for e in entries:
                print(f"    {e}")
        print("check-deps: add the package(s) to scripts/debian-packages.txt")
        return 1
    print(f"check-deps: all {len(loaded_files(cache))} packages and tools CMake loaded "
          f"come from {len(listed)} listed Debian packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
