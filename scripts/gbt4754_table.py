#!/usr/bin/env python3
"""Generate Sources/GaoxinDomain/Enterprises/IndustryCatalogueTable.swift, the GB/T 4754-2017
table (97 divisions 大类, 473 groups 中类, 1381 classes 小类) behind `IndustryCatalogue`.

Run by hand when the table has to change; never by CI or the build (the generated file is
committed).

    python3 scripts/gbt4754_table.py --source category.js \
        --output Sources/GaoxinDomain/Enterprises/IndustryCatalogueTable.swift

Source: the full 2017 table as a JavaScript array of rows {class1..class4, level, name, remark},
`src/utils/category.js` of the public GitHub repository zmshe/capital at commit
897ccf5425791f8adc4a606c1b3813963ab904df (later commits removed the file). Only the codes and
names are taken. What this script corrects in it, each checked against the standard:
- names trimmed (some carry a trailing space), half-width brackets made full-width as the
  standard prints them (194 羽毛（绒）加工及制品制造, 7517 三维（3D）打印技术推广服务);
- 3741 飞机制造 is marked there as a second level-3 row of 374 and is read as the class it is;
- the 199 groups that have a single class (code ending in 0, e.g. 0190 其他农业) have no row of
  their own: the standard gives such a group its class's name, so the group takes it.
Cross-checked: every division name against the standard's list of 97; every name against two
other independent copies of the table (GitHub Czsx-525/Vue-init and Nightboys/Nightboys.github.io),
whose disagreements are their own errors or 2011 names (e.g. 木制品制造 for 203 木质制品制造) or
the 2019 amendment (9231 监察委员会), which this table does not carry.

English division titles: 06–46 as the China Statistical Yearbook prints them (in sentence case,
like `IndustrySection`); the others translated here in the same style, as no official English
table of the 2017 edition was at hand. Groups and classes are Chinese only.
"""
import argparse
import re
import sys

DIVISION_EN = {
    "01": "Agriculture",
    "02": "Forestry",
    "03": "Animal husbandry",
    "04": "Fishery",
    "05": "Professional and support activities for agriculture, forestry, animal husbandry and fishery",
    "06": "Mining and washing of coal",
    "07": "Extraction of petroleum and natural gas",
    "08": "Mining and processing of ferrous metal ores",
    "09": "Mining and processing of non-ferrous metal ores",
    "10": "Mining and processing of non-metal ores",
    "11": "Professional and support activities for mining",
    "12": "Mining of other ores",
    "13": "Processing of food from agricultural products",
    "14": "Manufacture of foods",
    "15": "Manufacture of liquor, beverages and refined tea",
    "16": "Manufacture of tobacco",
    "17": "Manufacture of textile",
    "18": "Manufacture of textile wearing apparel and accessories",
    "19": "Manufacture of leather, fur, feather and related products and footwear",
    "20": "Processing of timber, manufacture of wood, bamboo, rattan, palm and straw products",
    "21": "Manufacture of furniture",
    "22": "Manufacture of paper and paper products",
    "23": "Printing and reproduction of recording media",
    "24": "Manufacture of articles for culture, education, arts and crafts, sport and entertainment activities",
    "25": "Processing of petroleum, coal and other fuels",
    "26": "Manufacture of raw chemical materials and chemical products",
    "27": "Manufacture of medicines",
    "28": "Manufacture of chemical fibers",
    "29": "Manufacture of rubber and plastics products",
    "30": "Manufacture of non-metallic mineral products",
    "31": "Smelting and pressing of ferrous metals",
    "32": "Smelting and pressing of non-ferrous metals",
    "33": "Manufacture of metal products",
    "34": "Manufacture of general purpose machinery",
    "35": "Manufacture of special purpose machinery",
    "36": "Manufacture of automobiles",
    "37": "Manufacture of railway, ship, aerospace and other transport equipment",
    "38": "Manufacture of electrical machinery and apparatus",
    "39": "Manufacture of computers, communication and other electronic equipment",
    "40": "Manufacture of measuring instruments and machinery",
    "41": "Other manufacture",
    "42": "Utilization of waste resources",
    "43": "Repair service of metal products, machinery and equipment",
    "44": "Production and supply of electric power and heat power",
    "45": "Production and supply of gas",
    "46": "Production and supply of water",
    "47": "Building construction",
    "48": "Civil engineering construction",
    "49": "Construction installation activities",
    "50": "Building decoration, renovation and other construction activities",
    "51": "Wholesale trade",
    "52": "Retail trade",
    "53": "Rail transport",
    "54": "Road transport",
    "55": "Water transport",
    "56": "Air transport",
    "57": "Pipeline transport",
    "58": "Multimodal transport and transport agency",
    "59": "Loading, unloading and storage",
    "60": "Postal services",
    "61": "Accommodation",
    "62": "Catering services",
    "63": "Telecommunications, radio and television and satellite transmission services",
    "64": "Internet and related services",
    "65": "Software and information technology services",
    "66": "Monetary financial services",
    "67": "Capital market services",
    "68": "Insurance",
    "69": "Other financial services",
    "70": "Real estate",
    "71": "Leasing",
    "72": "Business services",
    "73": "Research and experimental development",
    "74": "Professional technical services",
    "75": "Technology promotion and application services",
    "76": "Management of water conservancy",
    "77": "Ecological protection and environmental governance",
    "78": "Management of public facilities",
    "79": "Land management",
    "80": "Services to households",
    "81": "Repair of motor vehicles, electronic products and household goods",
    "82": "Other services",
    "83": "Education",
    "84": "Health",
    "85": "Social work",
    "86": "News and publishing",
    "87": "Radio, television, film and sound recording production",
    "88": "Culture and arts",
    "89": "Sports",
    "90": "Entertainment",
    "91": "Organs of the Communist Party of China",
    "92": "State organs",
    "93": "CPPCC and democratic parties",
    "94": "Social security",
    "95": "Mass organisations, social organisations and other membership organisations",
    "96": "Grassroots self-governing mass organisations and other organisations",
    "97": "International organisations",
}

# Rows the source files under the wrong level: (level, code, name) -> the code they are.
MISFILED = {("3", "374", "飞机制造"): "3741"}

ROW = re.compile(r"\{(.*?)\n  \}", re.S)


def field(row, key):
    match = re.search(key + r":\s*'([^']*)'", row)
    return match.group(1) if match else ""


def normalise(name):
    return name.strip().replace("(", "（").replace(")", "）")


def read_source(path):
    names = {}
    for row in ROW.findall(open(path, encoding="utf-8").read()):
        level = field(row, "level")
        if level not in ("2", "3", "4"):
            continue
        code = field(row, "class" + level)
        code = MISFILED.get((level, code, field(row, "name").strip()), code)
        if code in names:
            sys.exit(f"duplicate code {code}")
        names[code] = normalise(field(row, "name"))
    for code in sorted(c for c in names if len(c) == 4):
        group = code[:3]
        if group not in names:
            if code[3] != "0":
                sys.exit(f"group {group} has no row and {code} is not its only class")
            names[group] = names[code]
    return names


# Lines per part file: the data is split so that no source file runs past a few hundred lines.
PART_LINES = 400
HEADER = (
    "// Generated by scripts/gbt4754_table.py (its docstring names the source and the checks);\n"
    "// edit the script, not this file.\n"
)


def emit(lines, output):
    """Writes the table (its parts joined) to `output` and the parts beside it (…Table+N.swift)."""
    parts = [lines[i:i + PART_LINES] for i in range(0, len(lines), PART_LINES)]
    names = [f"gbt4754_2017_part{n}" for n in range(1, len(parts) + 1)]
    main = (
        HEADER + "//\n"
        "// String literals, parsed once on first use, rather than a resource bundle or an array\n"
        "// literal: a string literal costs the compiler almost nothing (an array literal of ~2,000\n"
        "// values is slow to type-check), and unlike `Bundle.module` it cannot go missing when the\n"
        "// binary is deployed without its `.resources` folder. GaoxinDomain stays free of I/O.\n"
        "//\n"
        "// One line per code in the standard's order: code TAB Chinese name [TAB English name], in parts\n"
        "// of at most " + str(PART_LINES) + " lines (IndustryCatalogueTable+N.swift) joined here.\n"
        "// Divisions (2 digits) carry an English title; groups (3) and classes (4) are Chinese only.\n\n"
        "extension IndustryCatalogue {\n"
        "    static let gbt4754_2017 = [" + ", ".join(names) + "].joined(separator: \"\\n\")\n}\n"
    )
    size = len(main.encode())
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(main)
    for index, (name, chunk) in enumerate(zip(names, parts), start=1):
        source = (
            HEADER + "// Part of IndustryCatalogue.gbt4754_2017 (IndustryCatalogueTable.swift).\n\n"
            "extension IndustryCatalogue {\n"
            "    static let " + name + " = \"\"\"\n" + "\n".join(chunk) + "\n\"\"\"\n}\n"
        )
        with open(output.replace(".swift", f"+{index}.swift"), "w", encoding="utf-8") as handle:
            handle.write(source)
        size += len(source.encode())
    return size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    names = read_source(args.source)
    counts = {n: sum(1 for c in names if len(c) == n) for n in (2, 3, 4)}
    if counts != {2: 97, 3: 473, 4: 1381}:
        sys.exit(f"unexpected counts {counts}")
    if set(DIVISION_EN) != {c for c in names if len(c) == 2}:
        sys.exit("English titles do not cover exactly the divisions")
    lines = []
    for code in sorted(names):  # string order is the table's own order: 01, 011, 0111, …
        parts = [code, names[code]] + ([DIVISION_EN[code]] if len(code) == 2 else [])
        if any("\t" in p or "\\" in p or '"""' in p for p in parts):
            sys.exit(f"unexpected character in {parts}")
        lines.append("\t".join(parts))
    size = emit(lines, args.output)
    print(f"{args.output} and its parts: {counts[2]} divisions, {counts[3]} groups, {counts[4]} classes, {size} bytes")


if __name__ == "__main__":
    main()
