#!/usr/bin/python3
"""Screenshots of a letter and a dossier in headless Chromium (docs/letters.md,
"Screenshot test").

The pages are the golden files the library's output is checked against byte for
byte (tests/letter_test.cpp, tests/dossier_test.cpp), so what is looked at here
is what the library writes. Each page is

  1. measured: a copy with a small script appended before </body> is loaded
     with --dump-dom at two widths, 794 px (A4's 210 mm at 96 px/in) and
     688 px (A4 less the dossier's 14 mm @page margins each side: 182 mm);
     the script writes the document's scrollWidth and scrollHeight and the
     elements whose right edge passes the window into a <meta> the test reads
     back. A page wider than the window fails, naming those elements;
  2. photographed at 794 px wide and its full height (the scrollHeight just
     measured), the PNG written to the artefact directory and its path
     printed;
  3. checked on its pixels: a valid PNG of exactly the requested size, a white
     background, enough dark (text) pixels, enough distinct colours and lines
     of text, and blank margins down the left and right edges (nothing cut off
     at the A4 width).

Run by ctest (label `screenshot`) as
  /usr/bin/python3 tests/screenshot_test.py --source-dir SRC --out-dir DIR
Chromium missing is a failure with a message, never a skip: scripts/setup
installs it (Debian `chromium`, and `fonts-dejavu-core` for the glyphs).

PNGs are decoded with the standard library (zlib + struct): Chromium writes
8-bit RGB or RGBA, non-interlaced, which is all the reader below accepts
(docs/decisions.md, "Letters").
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib
from random import Random

# A4 width at 96 CSS px per inch: 210 mm / 25.4 * 96 = 793.7 px.
A4_WIDTH_PX = 794
# The printed dossier's content box: (210 - 2 * 14) mm = 182 mm = 687.9 px
# (data/dossier/*/dossier.html: @page { margin: 16mm 14mm }). Letters set no
# @page margins, so print gets Chromium's default of about 1 cm a side, a
# wider box: 688 px is a floor for both. (The pages are measured with screen
# styles in a window that wide, an approximation of print: the letters'
# @media print rules only widen their body.)
PRINT_CONTENT_WIDTH_PX = 688
# A page taller than this is a runaway layout (the French dossier is about
# 2,600 px at 794 px wide), not a page to photograph.
MAX_HEIGHT_PX = 12000
# One Chromium run takes about a second here; a minute means it hangs.
CHROMIUM_TIMEOUT_S = 60
# fonts-dejavu-core: the dossier asks for "DejaVu Serif" by name and the
# letters' Georgia/Times fall back to it through fontconfig, so the glyphs
# (hence line breaks and widths) are the same on every machine with it.
DEJAVU_SERIF = pathlib.Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

PAGES = [
    # (name, path under the source tree)
    ("letter_formal_notice.fr", "tests/golden/letters/formal_notice.fr.html"),
    ("letter_formal_notice.en", "tests/golden/letters/formal_notice.en.html"),
    ("dossier_martin.fr", "tests/golden/dossier/martin_2026-03-31.fr.html"),
    ("dossier_martin.en", "tests/golden/dossier/martin_2026-03-31.en.html"),
]

# Appended before </body>. It changes no layout: it only reads it, then adds a
# <meta> to <head> for --dump-dom to print. 0.5 px of slack for sub-pixel
# rounding of right edges.
MEASURE_SCRIPT = """<script>
(function () {
  var root = document.documentElement, width = root.clientWidth, over = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var right = e.getBoundingClientRect().right;
    if (right > width + 0.5)
      over.push(e.tagName.toLowerCase() +
                (e.className ? "." + e.className : "") +
                " (right edge at " + right.toFixed(1) + " px)");
  });
  var meta = document.createElement("meta");
  meta.id = "relance-measure";
  meta.setAttribute("content", JSON.stringify({
    scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight,
    clientWidth: width, overflowing: over.slice(0, 5)}));
  document.head.appendChild(meta);
})();
</script>
"""


class CheckFailed(Exception):
    pass


def FindChromium():
    chromium = shutil.which("chromium")
    if chromium is None:
        raise CheckFailed(
            "chromium is not installed (no `chromium` on PATH): the screenshot "
            "test needs Debian's `chromium` package; run scripts/setup, or "
            "apt-get install chromium fonts-dejavu-core")
    if not DEJAVU_SERIF.is_file():
        raise CheckFailed(
            f"{DEJAVU_SERIF} is missing: the screenshot test needs Debian's "
            "`fonts-dejavu-core` package; run scripts/setup")
    return chromium


def RunChromium(chromium, scratch, width, height, *args):
    """Runs one headless Chromium with a fresh profile under `scratch`; returns
    its stdout. Fails on a non-zero exit or after CHROMIUM_TIMEOUT_S, killing
    the whole process group it started (Chromium forks helpers)."""
    profile = tempfile.mkdtemp(prefix="profile-", dir=scratch)
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
        "--force-device-scale-factor=1", f"--user-data-dir={profile}",
        f"--window-size={width},{height}", *args
    ]
    # HOME and XDG_* inside the scratch directory: nothing written to the
    # user's home. Root in CI needs --no-sandbox (above).
    env = dict(os.environ, HOME=scratch, XDG_CONFIG_HOME=scratch,
               XDG_CACHE_HOME=scratch)
    process = subprocess.Popen(command, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=CHROMIUM_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise CheckFailed(f"chromium did not finish within "
                          f"{CHROMIUM_TIMEOUT_S} s: {' '.join(command)}")
    if process.returncode != 0:
        raise CheckFailed(
            f"chromium exited with {process.returncode}: {' '.join(command)}\n"
            + err.decode("utf-8", "replace")[-2000:])
    return out.decode("utf-8", "replace")


def Measure(chromium, scratch, name, html_path, width):
    """Loads the page at `width` px with MEASURE_SCRIPT; returns its dict."""
    source = html_path.read_text(encoding="utf-8")
    end = source.rfind("</body>")
    if end < 0:
        raise CheckFailed(f"{html_path}: no </body>")
    measured = pathlib.Path(scratch) / f"{name}.measure.html"
    measured.write_text(source[:end] + MEASURE_SCRIPT + source[end:],
                        encoding="utf-8")
    dom = RunChromium(chromium, scratch, width, 1123, "--dump-dom",
                      measured.as_uri())
    match = re.search(r'<meta id="relance-measure" content="([^"]*)"', dom)
    if match is None:
        raise CheckFailed(f"{html_path}: the measuring script left no result "
                          f"at {width} px (did the page load?)")
    text = (match.group(1).replace("&quot;", '"').replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))
    return json.loads(text)


def ReadPng(path):
    """Decodes an 8-bit RGB or RGBA non-interlaced PNG (what Chromium writes).

    Returns (width, height, rows): rows[y] is a bytes of width * 3 (RGB; an
    alpha channel is dropped, Chromium's screenshots are opaque). Checks the
    signature, every chunk's CRC and the IHDR fields; anything else fails."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise CheckFailed(f"{path}: not a PNG (bad signature)")
    position, header, idat = 8, None, []
    while position < len(data):
        if position + 12 > len(data):
            raise CheckFailed(f"{path}: truncated chunk at byte {position}")
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(
            ">I", data[position + 8 + length:position + 12 + length])
        if len(body) != length or zlib.crc32(kind + body) != crc:
            raise CheckFailed(f"{path}: chunk {kind!r} at byte {position} is "
                              "truncated or fails its CRC")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None or not idat:
        raise CheckFailed(f"{path}: no IHDR or no IDAT chunk")
    width, height, depth, colour, compression, filtering, interlace = header
    channels = {2: 3, 6: 4}.get(colour)
    if (depth != 8 or channels is None or compression != 0 or filtering != 0
            or interlace != 0):
        raise CheckFailed(f"{path}: unsupported PNG (bit depth {depth}, colour "
                          f"type {colour}, interlace {interlace}); expected "
                          "8-bit RGB or RGBA, non-interlaced")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise CheckFailed(f"{path}: image data is {len(raw)} bytes, expected "
                          f"{height * (stride + 1)} for {width}x{height}")
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind in (3, 4):  # Average, Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                c = previous[i - channels] if i >= channels else 0
                line[i] = (line[i] + _Predictor(kind, a, previous[i], c)
                           ) & 0xFF
        elif kind != 0:
            raise CheckFailed(f"{path}: row {y} has unknown filter {kind}")
        previous = line
        if channels == 4:
            rgb = bytearray(width * 3)
            for c in range(3):
                rgb[c::3] = line[c::4]
            rows.append(bytes(rgb))
        else:
            rows.append(bytes(line))
    return width, height, rows


def _Predictor(kind, a, b, c):
    """PNG filter `kind`'s prediction from left a, up b, up-left c."""
    if kind == 0:
        return 0
    if kind == 1:
        return a
    if kind == 2:
        return b
    if kind == 3:
        return (a + b) >> 1
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def CheckReader(scratch):
    """ReadPng against an image written here with each of the five filters
    (rows cycle through None, Sub, Up, Average, Paeth), in RGB and in RGBA:
    Chromium's screenshots use whichever it likes, so each must decode
    exactly. Samples are drawn (seeded) from 0, 51, 102, ..., 255: equal
    neighbours, odd sums for Average's rounding down (0 + 51) and Paeth's
    ties between up and up-left (left 153, up 0, up-left 102: the rule picks
    up) all occur many times. (A tie between left and up cannot matter: it
    puts up-left midway, and up-left is then the one chosen.)"""
    samples = range(0, 256, 51)
    def Chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body)))
    width, height = 9, 20
    random = Random(15948)
    for colour, channels in ((2, 3), (6, 4)):
        stride = width * channels
        image = [bytes(random.choice(samples) for _ in range(stride))
                 for _ in range(height)]
        raw, previous = bytearray(), bytes(stride)
        for y, line in enumerate(image):
            kind = y % 5
            raw.append(kind)
            for i in range(stride):
                # Written again from the PNG specification (ISO/IEC 15948,
                # 9.2-9.4), not with _Predictor, so that a mistake there
                # does not cancel out.
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                estimate = a + b - c
                # The nearest of a, b, c to the estimate; ties to a, then b.
                paeth = min((abs(estimate - a), 0, a),
                            (abs(estimate - b), 1, b),
                            (abs(estimate - c), 2, c))[2]
                predicted = (0, a, b, (a + b) // 2, paeth)[kind]
                raw.append((line[i] - predicted) & 0xFF)
            previous = line
        path = pathlib.Path(scratch) / f"reader_check_{channels}.png"
        path.write_bytes(
            b"\x89PNG\r\n\x1a\n" +
            Chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour,
                                       0, 0, 0)) +
            Chunk(b"IDAT", zlib.compress(bytes(raw))) + Chunk(b"IEND", b""))
        expected = [bytes(v for i, v in enumerate(row) if i % 4 != 3)
                    if channels == 4 else row for row in image]
        if ReadPng(path) != (width, height, expected):
            raise CheckFailed(f"the PNG reader misdecodes its own "
                              f"{width}x{height} test image with "
                              f"{channels} channels")


# Pixel thresholds. The pages are dark grey text (#222, #111, #333, #555) on
# white, with grey table rules and header shading.
#
# A pixel is "dark" when its luminance is below 100 of 255: the cores of
# anti-aliased glyphs in #111-#555 are below 90, while table rules (#999,
# 153) and header shading (#eee, 238) are above, so dark pixels are text
# (and the underline of a link, #00e: luminance 26).
DARK_LUMINANCE = 100
# At least 1 % of the page dark: these pages of 8.5-11 pt text are 3-4 % dark
# pixels (formal notice 3.6 % fr, 3.0 % en; dossier 3.5 %), a page holding
# only a heading or a few lines far less (one "Hello" line: 0.01 %). At most
# 25 %: more means a filled (e.g. black) page, not text on paper.
MIN_DARK_FRACTION, MAX_DARK_FRACTION = 0.01, 0.25
# Anti-aliased text alone gives dozens of grey levels; a blank or failed
# render is one or two colours.
MIN_DISTINCT_COLOURS = 16
# Text lines, counted as bands of rows holding dark pixels separated by rows
# with none: at 794 px the formal notice has 60 such bands in either
# language, the dossier 108 (fr) and 141 (en). 25 catches a page that
# rendered only its top, and leaves room for template edits.
MIN_TEXT_LINES = 25
# Blank strips along the left and right edges: the dossier's body keeps the
# browser's default 8 px margin, the letters are centred in 44em with wider
# margins; a table or line cut off at the A4 width would reach the edge.
EDGE_MARGIN_PX = 6


def Luminance(r, g, b):
    # ITU-R BT.601 weights, in integers.
    return (299 * r + 587 * g + 114 * b) // 1000


def CheckPixels(path, expected_width, expected_height):
    """The property checks of one screenshot; returns a one-line summary."""
    width, height, rows = ReadPng(path)
    if (width, height) != (expected_width, expected_height):
        raise CheckFailed(f"{path}: {width}x{height} px, expected "
                          f"{expected_width}x{expected_height}")
    colours, dark, text_lines, in_line = {}, 0, 0, False
    for row in rows:
        row_dark = 0
        for x in range(width):
            pixel = row[3 * x:3 * x + 3]
            colours[pixel] = colours.get(pixel, 0) + 1
            if Luminance(*pixel) < DARK_LUMINANCE:
                row_dark += 1
        dark += row_dark
        if row_dark and not in_line:
            text_lines += 1
        in_line = row_dark > 0
    background = max(colours, key=colours.get)
    if background != b"\xff\xff\xff":
        raise CheckFailed(f"{path}: the commonest colour is "
                          f"#{background.hex()}, not white paper")
    fraction = dark / (width * height)
    if not MIN_DARK_FRACTION <= fraction <= MAX_DARK_FRACTION:
        raise CheckFailed(f"{path}: {fraction:.2%} of the pixels are dark, "
                          f"expected {MIN_DARK_FRACTION:.0%} to "
                          f"{MAX_DARK_FRACTION:.0%} (blank or filled page?)")
    if len(colours) < MIN_DISTINCT_COLOURS:
        raise CheckFailed(f"{path}: {len(colours)} distinct colours, expected "
                          f"at least {MIN_DISTINCT_COLOURS} (no text drawn?)")
    if text_lines < MIN_TEXT_LINES:
        raise CheckFailed(f"{path}: {text_lines} lines of text, expected at "
                          f"least {MIN_TEXT_LINES}")
    white = b"\xff\xff\xff" * EDGE_MARGIN_PX
    for y, row in enumerate(rows):
        for side, strip in (("left", row[:3 * EDGE_MARGIN_PX]),
                            ("right", row[-3 * EDGE_MARGIN_PX:])):
            if strip != white:
                raise CheckFailed(
                    f"{path}: row {y} is not blank in the {side}-most "
                    f"{EDGE_MARGIN_PX} px columns: content reaches the edge "
                    f"of the {width} px page (cut off, or no margin)")
    return (f"{width}x{height} px, {fraction:.1%} dark, {len(colours)} "
            f"colours, {text_lines} text lines")


def CheckPage(chromium, scratch, out_dir, name, html_path):
    for width in (A4_WIDTH_PX, PRINT_CONTENT_WIDTH_PX):
        measure = Measure(chromium, scratch, name, html_path, width)
        if (measure["scrollWidth"] > measure["clientWidth"]
                or measure["overflowing"]):
            raise CheckFailed(
                f"{html_path}: at {width} px the page is "
                f"{measure['scrollWidth']} px wide; overflowing: "
                f"{', '.join(measure['overflowing']) or '(none named)'}")
        if width == A4_WIDTH_PX:
            height = measure["scrollHeight"]
    if not 0 < height <= MAX_HEIGHT_PX:
        raise CheckFailed(f"{html_path}: page height {height} px, expected "
                          f"1 to {MAX_HEIGHT_PX}")
    png = out_dir / f"{name}.png"
    png.unlink(missing_ok=True)
    RunChromium(chromium, scratch, A4_WIDTH_PX, height,
                f"--screenshot={png}", html_path.as_uri())
    if not png.is_file():
        raise CheckFailed(f"chromium wrote no screenshot {png}")
    return png, CheckPixels(png, A4_WIDTH_PX, height)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=pathlib.Path, required=True)
    parser.add_argument("--out-dir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    failures = 0
    try:
        chromium = FindChromium()
    except CheckFailed as error:
        print(f"FAIL: {error}", file=sys.stderr)
        return 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="relance-screenshot-") as scratch:
        try:
            CheckReader(scratch)
        except CheckFailed as error:
            print(f"FAIL png reader: {error}", file=sys.stderr)
            return 1
        for name, relative in PAGES:
            try:
                png, summary = CheckPage(chromium, scratch, args.out_dir, name,
                                         (args.source_dir / relative).resolve())
                print(f"ok   {name}: {png} ({summary})")
            except CheckFailed as error:
                failures += 1
                print(f"FAIL {name}: {error}", file=sys.stderr)
    print(f"screenshots in {args.out_dir.resolve()}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
