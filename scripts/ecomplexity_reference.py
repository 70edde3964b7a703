#!/usr/bin/env python3
"""Run the Growth Lab's ecomplexity package (the reference Gaoxin's complexity must match) on a
CSV with the same options as `gaoxin complexity`, and write its results as CSV.

    python3 scripts/ecomplexity_reference.py --input in.csv --output out.csv [--proximity prox.csv]
        [--threshold X] [--presence-test rca|rpop|both|manual] [--population pop.csv]
        [--rpop-threshold X] [--continuous] [--asymmetric] [--proximity-input given.csv] [--coerce]
    python3 scripts/ecomplexity_reference.py --batch jobs.txt
        (one job per line, its arguments separated by tabs: the package is imported once, which
        saves about two seconds per job)

Input: year,loc,prod,val (codes kept as text). Output: year,loc,prod,rca,mcp,diversity,ubiquity,
eci,pci,density,coi,cog (+ rpop), one row per (year, loc, prod) the package returns; NaN is an empty
field. Used by GaoxinComplexityTests (test vectors made in the test run) and scripts/bench-complexity.
Needs: pip install ecomplexity==0.5.3 "pandas>=2.2,<3" (pandas 3 silently stops the package's
NaN-to-zero coercion, see the tests).
"""
import argparse
import sys
import time
import warnings

import numpy as np
import pandas as pd

from ecomplexity import ecomplexity, proximity

COLUMNS = ["rca", "mcp", "diversity", "ubiquity", "eci", "pci", "density", "coi", "cog"]
COLS_INPUT = {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}


def parse_arguments(words=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--proximity")
    parser.add_argument("--threshold", type=float, default=1.0)
    parser.add_argument("--presence-test", default="rca", choices=["rca", "rpop", "both", "manual"])
    parser.add_argument("--population")
    parser.add_argument("--rpop-threshold", type=float, default=1.0)
    parser.add_argument("--continuous", action="store_true")
    parser.add_argument("--asymmetric", action="store_true")
    parser.add_argument("--proximity-input")
    parser.add_argument("--coerce", action="store_true",
                        help="leave values as text so that the package's own coercion applies")
    parser.add_argument("--timing", action="store_true", help="print the time of each package call")
    return parser.parse_args(words)


def read_input(path, coerce):
    if coerce:
        # pandas' own reading: empty cells and markers such as "n/a" become NaN, which the
        # package then turns into 0. (A column with other text stays text, and the package
        # fails when it merges its results back onto the input.)
        return pd.read_csv(path, dtype={"year": str, "loc": str, "prod": str}, float_precision="round_trip")
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    # Python's float() is correctly rounded, like the Swift reader; the package's own
    # pd.to_numeric then sees numbers and changes nothing.
    data["val"] = data["val"].map(float)
    return data


def main():
    warnings.simplefilter("ignore")
    print(f"ecomplexity reference: pandas {pd.__version__}, numpy {np.__version__}", file=sys.stderr)
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        with open(sys.argv[2], encoding="utf-8") as jobs:
            for job in jobs.read().splitlines():
                if job:
                    run(parse_arguments(job.split("\t")))
    else:
        run(parse_arguments())


def run(args):
    data = read_input(args.input, args.coerce)
    options = dict(presence_test=args.presence_test, rca_mcp_threshold=args.threshold,
                   rpop_mcp_threshold=args.rpop_threshold, continuous=args.continuous,
                   asymmetric=args.asymmetric)
    if args.population:
        pop = pd.read_csv(args.population, dtype=str, keep_default_na=False)
        pop["pop"] = pop["pop"].map(float)
        options["pop"] = pop[["year", "loc", "pop"]]
    extra = {}
    if args.proximity_input:
        given = pd.read_csv(args.proximity_input, dtype=str, keep_default_na=False)
        given = given.rename(columns={"prod_1": "prod1", "prod_2": "prod2"})
        given["proximity"] = given["proximity"].map(float)
        extra["proximity_edgelist"] = given[["prod1", "prod2", "proximity"]]

    # The log-supermodularity check only prints a diagnostic; the package has no branch for the
    # test "both" there and fails, so it is switched off for that test alone.
    extra["check_logsupermodularity"] = args.presence_test != "both"

    started = time.perf_counter()
    result = ecomplexity(data, COLS_INPUT, verbose=False, **options, **extra)
    after_ecomplexity = time.perf_counter()
    proximities = proximity(data, COLS_INPUT, **options) if args.proximity else None
    after_proximity = time.perf_counter()
    if args.timing:
        print(f"ecomplexity() {after_ecomplexity - started:.2f} s, "
              f"proximity() {after_proximity - after_ecomplexity:.2f} s", file=sys.stderr)

    columns = COLUMNS + (["rpop"] if "rpop" in result.columns else [])
    # The package merges its grid back onto the input on (year, loc, prod, val), so a row whose
    # value it coerced appears twice; keep the computed one.
    result = result.sort_values("diversity", na_position="last", kind="stable")
    result = result.drop_duplicates(subset=["year", "loc", "prod"], keep="first")
    result[["year", "loc", "prod"] + columns].to_csv(args.output, index=False)
    if proximities is not None:
        proximities.to_csv(args.proximity, index=False)


if __name__ == "__main__":
    main()
