"""Execute one notebook headless with nbclient and report the outcome as JSON.

Usage: python3 nbexec.py IN.ipynb OUT.ipynb TIMEOUT_SECONDS

Prints one JSON line on stdout: {"ok": true} or {"ok": false, "cell": N, "source": "...",
"error": "..."}; the executed copy (with outputs) is written to OUT even on failure.
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, f"{output.get('ename')}: {output.get('evalue')}"
    return None


def main():
    src, dst, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="tslab",
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
        record_timing=True,
    )
    result = {"ok": True}
    try:
        client.execute()
    except CellExecutionError as error:
        result = {"ok": False, "error": str(error).strip()}
    except CellTimeoutError as error:
        result = {"ok": False, "error": f"timeout: {error}"}
    except DeadKernelError as error:
        result = {"ok": False, "error": f"the kernel died: {error}"}
    except Exception as error:  # noqa: BLE001 - report anything else the same way
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    if not result["ok"]:
        found = first_error(nb)
        if found is None:
            # tslab reports some failures only on stderr: find the last cell that ran.
            ran = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
            index = ran[-1] if ran else 0
            found = (index, nb.cells[index] if nb.cells else {"source": ""}, None)
        index, cell, message = found
        stderr = "".join(
            o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr"
        )
        result["cell"] = index
        result["source"] = cell.get("source", "")
        result["detail"] = message or stderr.strip() or result["error"]
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    nbformat.write(nb, dst)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
