#!/usr/bin/env python3
"""Executes Jupyter notebooks with nbclient, in their own folder, and reports every failing one.

usage: run_notebooks.py [--timeout SECONDS] [--jobs N] [--save DIR] NOTEBOOK.ipynb …

Each notebook must be valid nbformat and saved without outputs (they would churn the repository and
could show stale numbers); then it runs top to bottom in a fresh kernel ("python3") with its own
folder as working directory, and the first cell that raises stops it.
The notebooks on disk are never rewritten (outputs stay out of the repository); --save DIR writes
the executed copies, with their outputs and failures, into DIR for reading. Exit status 1 if any
notebook failed, naming the notebook, the cell number and the error; 0 otherwise.
"""
import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def run(path: Path, timeout: int, save: Path | None) -> tuple[Path, float, str | None]:
    """Runs one notebook; returns (path, seconds, None) or (path, seconds, what failed)."""
    started = time.monotonic()
    notebook = nbformat.read(path, as_version=4)
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        return path, 0.0, f"not a valid notebook: {error.message}"
    saved = [i + 1 for i, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    if saved:
        return path, 0.0, (f"cells {saved} were saved with outputs or execution counts: clear them "
                           f"(Jupyter: Edit > Clear Outputs of All Cells; or `jupyter nbconvert --clear-output --inplace`)")
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    problem = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        # The error's type and message (the command and laborstat's message for a failed call),
        # not the whole colored traceback; --save keeps that.
        message = f"{error.ename}: {error.evalue}" if hasattr(error, "ename") else str(error)
        problem = f"{failing_cell(notebook)}:\n{message}"
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, save / path.name)
    return path, time.monotonic() - started, problem


def failing_cell(notebook) -> str:
    """nbclient stops at the first failing cell: the one with an error output, else the last one run."""
    failed = next((i for i, cell in enumerate(notebook.cells) if any(
        o.get("output_type") == "error" for o in cell.get("outputs", []))), None)
    if failed is None:
        failed = max((i for i, cell in enumerate(notebook.cells) if cell.get("execution_count")), default=0)
    lines = notebook.cells[failed].source.strip().splitlines()
    return f"cell {failed + 1} (starts `{lines[0] if lines else ''}`)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at the same time (default 2)")
    parser.add_argument("--save", type=Path, help="also write the executed notebooks into this folder")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda p: run(p, args.timeout, args.save), args.notebooks))
    failures = 0
    for path, seconds, problem in results:
        if problem is None:
            print(f"ok    {path} ({seconds:.1f} s)")
        else:
            failures += 1
            print(f"FAIL  {path} ({seconds:.1f} s): {problem}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
