"""Read a dossier workbook with openpyxl, normally and in read-only mode,
and print what an independent reader sees as JSON (used by external_test.go)."""
import datetime
import json
import sys

import openpyxl

path = sys.argv[1]
out = {"normal": {}, "read_only": {}}

wb = openpyxl.load_workbook(path)
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    info = {
        "rows": ws.max_row,
        "cols": ws.max_column,
        "freeze": ws.freeze_panes,
        "tables": sorted(ws.tables.keys()),
        "header": header,
        "validations": [dv.formula1 for dv in ws.data_validations.dataValidation],
        "dates": 0,
        "formulas": [],
        "quoted": [],
        "unquoted_formula_like": [],
    }
    for row in ws.iter_rows(min_row=1):
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                info["dates"] += 1
            if c.data_type == "f":
                info["formulas"].append(v)
                continue
            if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
                if c.quotePrefix:
                    info["quoted"].append(v)
                else:
                    info["unquoted_formula_like"].append(v)
    out["normal"][ws.title] = info
wb.close()

wb = openpyxl.load_workbook(path, read_only=True)
for ws in wb.worksheets:
    rows = list(ws.iter_rows(values_only=True))
    out["read_only"][ws.title] = {
        "dimension": ws.calculate_dimension(),
        "rows": len(rows),
        "nonempty_rows": sum(1 for r in rows if any(v is not None for v in r)),
        "first": [None if v is None else str(v) for v in rows[0]] if rows else [],
    }
wb.close()
json.dump(out, sys.stdout)
