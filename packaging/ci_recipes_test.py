#!/usr/bin/env python3
"""The CI recipes of docs/ci.md: every ```yaml block parses, and every linkproof command in the
GitHub workflow's `run` steps and the GitLab job's scripts is accepted by the command line.

Usage: ci_recipes_test.py docs/ci.md path/to/linkproof SOURCE_DIR

Parsing uses python3-yaml when it is installed. Without it the check is the documented minimal
one: no tab characters, indentation by spaces, every non-blank line a `key:` entry, a `- ` list
item or the continuation of a `|` block, balanced quotes on each line.
Each command runs (through bash, so globs expand) in a scratch repository holding policies/*.json,
infra/world.json, infra/access.audit, tfplan.json and .linkproof-base/infra/ (the layout of
docs/ci.md) taken from the corpus, with the linkproof under test first on PATH; it must
answer (exit 0 or 1). A usage error or bad input (2) or an undecided answer (3) fails the test.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml  # python3-yaml
except ImportError:  # the minimal check below
    yaml = None


def yaml_blocks(markdown):
    return re.findall(r"^```yaml\n(.*?)^```", markdown, flags=re.M | re.S)


def minimal_check(block):
    in_literal, literal_indent = False, 0
    for n, line in enumerate(block.splitlines(), 1):
        if "\t" in line:
            raise ValueError(f"line {n}: a tab character")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if in_literal and indent > literal_indent:
            continue
        in_literal = False
        body = line.strip()
        if not (re.match(r"^(- )?[A-Za-z0-9_.\-/${}\[\] ]+:( |$)", body) or body.startswith("- ")):
            raise ValueError(f"line {n}: neither `key:` nor `- item`: {body}")
        for q in "\"'":
            if body.count(q) % 2:
                raise ValueError(f"line {n}: unbalanced {q}")
        if body.endswith("|") or body.endswith("|-"):
            in_literal, literal_indent = True, indent
    return None


def scripts(doc):
    """Every shell script text in a parsed workflow or GitLab file."""
    found = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in ("run", "script", "before_script", "after_script"):
            found.append(node)

    walk(doc)
    return found


def uploads(doc):
    """The report files a workflow hands to code scanning (`sarif_file:` of upload-sarif)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "sarif_file" and isinstance(v, str):
                    found.append(v)
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    return found


def minimal_scripts(block):
    """Without a YAML parser: the `run:` blocks and the `- ` items under `script:`."""
    out, lines, i = [], block.splitlines(), 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(\s*)(- )?run: ?(.*)$", line)
        if m:
            indent = len(m.group(1))
            if m.group(3) in ("|", "|-"):
                body = []
                i += 1
                while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                    body.append(lines[i].strip())
                    i += 1
                out.append("\n".join(body))
                continue
            out.append(m.group(3))
        m = re.match(r"^(\s*)script:\s*$", line)
        if m:
            i += 1
            while i < len(lines) and re.match(r"^\s*- ", lines[i]):
                out.append(lines[i].strip()[2:])
                i += 1
            continue
        i += 1
    return out


def commands(script):
    joined = re.sub(r"\\\n\s*", " ", script)
    return [line.strip() for line in joined.splitlines() if re.match(r"^\s*linkproof(\s|$)", line)]


def main():
    doc_path, binary, root = sys.argv[1:4]
    with open(doc_path, encoding="utf-8") as f:
        blocks = yaml_blocks(f.read())
    if len(blocks) < 2:
        sys.exit(f"{doc_path}: expected a GitHub workflow and a GitLab job (```yaml blocks), found {len(blocks)}")
    print("YAML parser:", "python3-yaml" if yaml else "none; the minimal check of this script's docstring")

    all_commands, all_uploads = [], []
    for b, block in enumerate(blocks, 1):
        try:
            if yaml:
                parsed = yaml.safe_load(block)
                texts = scripts(parsed)
                all_uploads += uploads(parsed)
            else:
                minimal_check(block)
                texts = minimal_scripts(block)
        except Exception as e:  # a parse error names the block
            sys.exit(f"{doc_path}: yaml block {b} does not parse: {e}")
        found = [c for t in texts for c in commands(t)]
        if not found:
            sys.exit(f"{doc_path}: yaml block {b} runs no linkproof command")
        all_commands += found

    scratch = tempfile.mkdtemp()
    try:
        os.makedirs(os.path.join(scratch, "policies"))
        os.makedirs(os.path.join(scratch, "infra"))
        for p in ("network-admin.json", "developer.json"):
            shutil.copy(os.path.join(root, "corpus/default/policies", p), os.path.join(scratch, "policies", p))
        shutil.copy(os.path.join(root, "corpus/world/multi-account-whitelist/world.json"),
                    os.path.join(scratch, "infra/world.json"))
        # Access rules that name nothing, so they hold or fail on any world (docs/audit.md).
        with open(os.path.join(scratch, "infra/access.audit"), "w", encoding="utf-8") as f:
            f.write('no service whitelists "*"\nno endpoint security group admits 0.0.0.0/0\n')
        shutil.copy(os.path.join(root, "corpus/import/guide-terraform/plan-change.json"),
                    os.path.join(scratch, "tfplan.json"))
        # The target branch's checkout of the GitHub recipe's new-access gate.
        shutil.copytree(os.path.join(scratch, "infra"), os.path.join(scratch, ".linkproof-base/infra"))
        bindir = os.path.join(scratch, ".bin")
        os.makedirs(bindir)
        os.symlink(os.path.abspath(binary), os.path.join(bindir, "linkproof"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        failures = 0
        for c in all_commands:
            r = subprocess.run(["bash", "-c", "set -o pipefail; " + c], cwd=scratch, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
            status = "ok" if r.returncode in (0, 1) else "FAILED"
            print(f"{status} (exit {r.returncode}): {c}")
            if status != "ok":
                failures += 1
                print(r.stderr, file=sys.stderr)
        # The commands write what the upload step sends (the SARIF report the audit writes).
        for u in all_uploads:
            if os.path.isfile(os.path.join(scratch, u)):
                print(f"ok: {u} written for the upload")
            else:
                print(f"FAILED: {u} is uploaded but no command wrote it", file=sys.stderr)
                failures += 1
        print(f"{len(all_commands) - failures} passed, {failures} failed")
        sys.exit(1 if failures else 0)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
