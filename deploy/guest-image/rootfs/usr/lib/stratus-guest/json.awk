# json.awk: flattens one JSON document into lines "PATH<TAB>VALUE", one per scalar.
#
# PATH joins object keys and array indexes with dots:
#   {"hostname": "vm1", "public_keys": {"k1": "ssh-ed25519 AAAA... me"}, "links": [{"mtu": 1450}]}
# gives
#   hostname<TAB>vm1
#   public_keys.k1<TAB>ssh-ed25519 AAAA... me
#   links.0.mtu<TAB>1450
# A string holding newlines gives one line per non-empty line, all with the same PATH (a
# public_keys entry may hold several keys). Escapes (\n, \", \\, \/, \uXXXX, ...) are decoded;
# true/false and numbers are printed as written; null prints nothing (as if the key were absent). Runs under busybox awk (used in the guest,
# which has no jq); the files it reads (meta_data.json, network_data.json) are a few kilobytes.

BEGIN { RS = "\001" }                      # no such byte in JSON text: the whole file is one record

{
    s = $0; n = length(s); i = 1
    parse_value("")
}

function skip_ws() {
    while (i <= n && index(" \t\r\n", substr(s, i, 1)) > 0) i++
}

function emit(path, value,    lines, k, m) {
    m = split(value, lines, "\n")
    for (k = 1; k <= m; k++) {
        sub(/\r$/, "", lines[k])
        if (lines[k] != "" || m == 1) print path "\t" lines[k]
    }
}

function parse_value(path,    c) {
    skip_ws()
    c = substr(s, i, 1)
    if (c == "{") parse_object(path)
    else if (c == "[") parse_array(path)
    else if (c == "\"") emit(path, parse_string())
    else { c = parse_bare(); if (c != "null") emit(path, c) }
}

function parse_object(path,    key, c) {
    i++                                         # past '{'
    skip_ws()
    if (substr(s, i, 1) == "}") { i++; return }
    while (i <= n) {
        skip_ws()
        key = parse_string()
        skip_ws()
        i++                                     # past ':'
        parse_value(path == "" ? key : path "." key)
        skip_ws()
        c = substr(s, i, 1); i++                # ',' or '}'
        if (c != ",") return
    }
}

function parse_array(path,    idx, c) {
    i++                                         # past '['
    skip_ws()
    if (substr(s, i, 1) == "]") { i++; return }
    idx = 0
    while (i <= n) {
        parse_value(path == "" ? idx : path "." idx)
        idx++
        skip_ws()
        c = substr(s, i, 1); i++                # ',' or ']'
        if (c != ",") return
    }
}

# A number, true, false or null: everything up to the next delimiter.
function parse_bare(    start) {
    start = i
    while (i <= n && index(",}] \t\r\n", substr(s, i, 1)) == 0) i++
    return substr(s, start, i - start)
}

function parse_string(    out, c, e, code) {
    i++                                         # past the opening quote
    out = ""
    while (i <= n) {
        c = substr(s, i, 1)
        if (c == "\"") { i++; return out }
        if (c != "\\") { out = out c; i++; continue }
        e = substr(s, i + 1, 1); i += 2
        if (e == "n") out = out "\n"
        else if (e == "t") out = out "\t"
        else if (e == "r") out = out "\r"
        else if (e == "b" || e == "f") out = out " "
        else if (e == "u") { code = hex(substr(s, i, 4)); i += 4; out = out utf8(code) }
        else out = out e                        # \" \\ \/
    }
    return out
}

function hex(h,    k, v, d) {
    v = 0
    for (k = 1; k <= length(h); k++) {
        d = index("0123456789abcdef", tolower(substr(h, k, 1))) - 1
        if (d < 0) return 63                    # '?' for a malformed escape
        v = v * 16 + d
    }
    return v
}

# UTF-8 bytes of one code point of the Basic Multilingual Plane (surrogates print as '?').
function utf8(cp) {
    if (cp < 128) return sprintf("%c", cp)
    if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
    if (cp >= 55296 && cp < 57344) return "?"
    return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
}
