"""An independent reader of QR codes, from ISO/IEC 18004, for the tests of the QR codes the API
makes (api/service_files.py) and the search page prints."""

from __future__ import annotations

import re

# Whole matrices (one hex number per row, dark = 1) computed by an independent encoder, the
# `qrcode` package 8.2 (byte mode, level M): version, mask and rows. The API encodes with segno
# 1.6.6, which needs the same versions; it writes an extra zero codeword after the terminator,
# so its matrices (and sometimes its masks) differ from these.
REFERENCES = {
    "https://passerelle.be/v1/services/1712": (
        3,
        6,
        "1fd5987f 105dda41 1754c55d 1743cf5d 175f0b5d 10408d41 1fd5557f 0004c200 13f0ae97 "
        "0abdfe36 1ed2b104 169baaf9 1a429341 15a1e0ff 0f54aee5 09aa3215 0af37308 1fb2ee16 "
        "1a6d2a59 19ae529c 1e76fbfe 00196118 1fdb7758 10597f10 1755f3f9 17553381 174ee9b7 "
        "104f949d 1fd683b8",
    ),
    "http://127.0.0.1:8000/v1/services/cvfe-liege": (
        4,
        3,
        "1fdf9e77f 105785e41 17422af5d 175171f5d 1746c125d 104c8f541 1fd55557f 00180d300 "
        "16eb4fc4b 178412bed 08c3492b9 0891f6029 0ecc249b8 16081cd06 0f7a3c9bc 159397a8c "
        "104532b5c 1f3caca59 16c1f85d6 0324d1973 1d580720c 16ba24a45 004518357 0986961fa "
        "13456d1fb 00117b718 1fdf82750 105a40d17 1745cb3f5 17574fb8b 17590a3e0 1047fe311 "
        "1fdc6de04",
    ),
    (
        "https://passerelle.be/v1/services/centre-de-prise-en-charge-des-violences-sexuelles-"
        "cpvs-liege?lang=fr&source=fiche-1"
    ): (
        7,
        4,
        "1fd9a344e97f 1042691b3241 17474a46ba5d 175693a9a35d 175811f6df5d 1057871b9841 "
        "1fd55555557f 0019a1121c00 1170c5fad0f9 14959f25cbfc 055c30e44bf2 08972f4ab5a0 "
        "14e56ee6186a 0a03e025d366 1bfe7545fb76 10b092da3eeb 10d72d16de21 00a080c4db6c "
        "1144dd0ce962 0901c252bdea 09f96df015f9 191c4116c31e 055d9755f95a 0512ed1aff13 "
        "03f119f45bfb 1fb344ded8a6 18ecb9d57086 062ebd6e917a 1a48a28ab8b1 05969ffed8aa "
        "0371c174eb32 17a648a25572 0cd103b25919 07bda9fec8aa 016de135c2b6 0f0d9a86d4c0 "
        "136fa3fed5f1 0010db17cb1e 1fd24f57415a 1044ab1e1d12 175447f2fffa 174726f4ca18 "
        "1745f0dcc216 104785fc15a0 1fdd35f4d3a1",
    ),
}


def svg_matrix(svg: str) -> list[list[bool]]:
    """The modules of a QR code drawn by segno at one unit a module with a four-module quiet
    zone: one path of horizontal runs (`M x y.5`, `h n` dark run, `m dx dy` move)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1)) - 8  # type: ignore[union-attr]
    path = re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    matrix = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                matrix[int(y) - 4][column - 4] = True
            x += float(a)
    return matrix


# A reader of QR matrices from ISO/IEC 18004, written for these tests and independent of the encoder:
# it checks the fixed patterns and the format and version information (BCH), unmasks, reads the
# codewords in placement order, de-interleaves the blocks, checks every block's Reed-Solomon
# syndromes and returns the byte-mode payload.

BLOCKS_M = {
    1: (10, [16]),
    2: (16, [28]),
    3: (26, [44]),
    4: (18, [32, 32]),
    5: (24, [43, 43]),
    6: (16, [27] * 4),
    7: (18, [31] * 4),
    8: (22, [38, 38, 39, 39]),
    9: (22, [36, 36, 36, 37, 37]),
    10: (26, [43, 43, 43, 43, 44]),
}
CENTRES = {
    1: [],
    2: [6, 18],
    3: [6, 22],
    4: [6, 26],
    5: [6, 30],
    6: [6, 34],
    7: [6, 22, 38],
    8: [6, 24, 42],
    9: [6, 26, 46],
    10: [6, 28, 50],
}
MASKS = [
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: (x * y) % 2 + (x * y) % 3 == 0,
    lambda x, y: ((x * y) % 2 + (x * y) % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + (x * y) % 3) % 2 == 0,
]
EXP = [0] * 255
LOG = [0] * 256
_value = 1
for _power in range(255):
    EXP[_power], LOG[_value] = _value, _power
    _value = (_value << 1) ^ (0x11D if _value & 0x80 else 0)


def _bch(value: int, bits: int, generator: int) -> int:
    degree = generator.bit_length() - 1
    remainder = value << degree
    for shift in range(bits - 1, -1, -1):
        if remainder >> (shift + degree) & 1:
            remainder ^= generator << shift
    return value << degree | remainder


def _syndromes(block: list[int], count: int) -> list[int]:
    found = []
    for power in range(count):
        total = 0
        for word in block:
            total = (EXP[(LOG[total] + power) % 255] if total else 0) ^ word
        found.append(total)
    return found


def read_qr(m: list[list[bool]]) -> bytes:
    size = len(m)
    version = (size - 17) // 4
    assert size == 17 + 4 * version and 1 <= version <= 10

    # Finder patterns, timing patterns, the dark module.
    def finder(x0: int, y0: int) -> None:
        for dy in range(7):
            for dx in range(7):
                ring = max(abs(dx - 3), abs(dy - 3))
                assert m[y0 + dy][x0 + dx] == (ring != 2), (x0, y0)

    finder(0, 0)
    finder(size - 7, 0)
    finder(0, size - 7)
    assert all(m[6][i] == (i % 2 == 0) for i in range(8, size - 8))
    assert all(m[i][6] == (i % 2 == 0) for i in range(8, size - 8))
    assert m[size - 8][8]

    # Format information, both copies.
    first = [m[i][8] for i in range(6)] + [m[7][8], m[8][8], m[8][7]]
    first += [m[8][14 - i] for i in range(9, 15)]
    second = [m[8][size - 1 - i] for i in range(8)] + [m[size - 15 + i][8] for i in range(8, 15)]
    assert first == second
    word = sum(bit << i for i, bit in enumerate(first)) ^ 0x5412
    assert word == _bch(word >> 10, 5, 0x537)
    level, mask = word >> 13, (word >> 10) & 7
    assert level == 0  # M

    # Version information (7 and up), both copies.
    if version >= 7:
        for reading in (
            [m[i // 3][size - 11 + i % 3] for i in range(18)],
            [m[size - 11 + i % 3][i // 3] for i in range(18)],
        ):
            bits = sum(bit << i for i, bit in enumerate(reading))
            assert bits == _bch(version, 6, 0x1F25)

    # Which modules hold data.
    reserved = [[False] * size for _ in range(size)]

    def reserve(x0: int, y0: int, width: int, height: int) -> None:
        for y in range(y0, y0 + height):
            for x in range(x0, x0 + width):
                reserved[y][x] = True

    reserve(0, 0, 9, 9)
    reserve(size - 8, 0, 8, 9)
    reserve(0, size - 8, 9, 8)
    reserve(6, 0, 1, size)
    reserve(0, 6, size, 1)
    centres = CENTRES[version]
    for cy in centres:
        for cx in centres:
            if (cx, cy) not in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                reserve(cx - 2, cy - 2, 5, 5)
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        assert m[cy + dy][cx + dx] == (max(abs(dx), abs(dy)) != 1)
    if version >= 7:
        reserve(size - 11, 0, 3, 6)
        reserve(0, size - 11, 6, 3)

    # The codewords, in placement order: two-module columns from the right, up then down.
    bits = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for step in range(size):
            y = size - 1 - step if upward else step
            for x in (right, right - 1):
                if not reserved[y][x]:
                    bits.append(int(m[y][x]) ^ int(MASKS[mask](x, y)))
        right -= 2
    ec, lengths = BLOCKS_M[version]
    total = sum(lengths) + ec * len(lengths)
    assert len(bits) >= total * 8
    words = iter(int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, total * 8, 8))
    data: list[list[int]] = [[] for _ in lengths]
    for i in range(max(lengths)):
        for block, length in enumerate(lengths):
            if i < length:
                data[block].append(next(words))
    correction: list[list[int]] = [[] for _ in lengths]
    for _ in range(ec):
        for block in correction:
            block.append(next(words))
    for block, checks in zip(data, correction, strict=True):
        assert _syndromes(block + checks, ec) == [0] * ec

    stream = "".join(f"{word:08b}" for block in data for word in block)
    assert stream[:4] == "0100"  # byte mode
    width = 8 if version < 10 else 16
    count = int(stream[4 : 4 + width], 2)
    start = 4 + width
    payload = bytes(int(stream[start + 8 * i : start + 8 * i + 8], 2) for i in range(count))
    rest = stream[start + 8 * count :]
    assert set(rest[:4]) <= {"0"}  # terminator
    return payload
