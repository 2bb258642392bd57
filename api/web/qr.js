// A small QR Code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1 to 10
// (up to 213 bytes), which is plenty for the address of a directory record.
// PasserelleQR.encode(text) → {version, mask, size, modules}; modules[y][x] is true when dark.
// PasserelleQR.svg(text, label) → an <svg> element with a 4-module quiet zone.
// Tested against an independent encoder's matrices and by decoding: tests/web/test_search_page.py.
(function () {
  "use strict";

  // Level M, per version: EC codewords per block, then [blocks, data codewords per block] groups.
  var BLOCKS = [
    null,
    [10, [1, 16]],
    [16, [1, 28]],
    [26, [1, 44]],
    [18, [2, 32]],
    [24, [2, 43]],
    [16, [4, 27]],
    [18, [4, 31]],
    [22, [2, 38], [2, 39]],
    [22, [3, 36], [2, 37]],
    [26, [4, 43], [1, 44]],
  ];
  var ALIGNMENT = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
    [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];
  var MAX_VERSION = 10;
  var LEVEL_M = 0; // the two format bits of level M

  function dataCodewords(version) {
    return BLOCKS[version].slice(1).reduce(function (sum, g) { return sum + g[0] * g[1]; }, 0);
  }

  function capacity(version) { // bytes in byte mode
    return Math.floor((dataCodewords(version) * 8 - 4 - (version < 10 ? 8 : 16)) / 8);
  }

  // -- Reed-Solomon over GF(256), primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 ------------------

  function gfMultiply(a, b) {
    var product = 0;
    for (var i = 7; i >= 0; i--) {
      product = (product << 1) ^ ((product >>> 7) * 0x11d);
      product ^= ((b >>> i) & 1) * a;
    }
    return product;
  }

  function rsDivisor(degree) { // the generator polynomial (x - α^0)…(x - α^(degree-1)), no x^degree
    var divisor = [];
    for (var i = 0; i < degree - 1; i++) divisor.push(0);
    divisor.push(1);
    var root = 1;
    for (i = 0; i < degree; i++) {
      for (var j = 0; j < divisor.length; j++) {
        divisor[j] = gfMultiply(divisor[j], root);
        if (j + 1 < divisor.length) divisor[j] ^= divisor[j + 1];
      }
      root = gfMultiply(root, 0x02);
    }
    return divisor;
  }

  function rsRemainder(data, degree) {
    var divisor = rsDivisor(degree);
    var result = divisor.map(function () { return 0; });
    data.forEach(function (byte) {
      var factor = byte ^ result.shift();
      result.push(0);
      for (var i = 0; i < result.length; i++) result[i] ^= gfMultiply(divisor[i], factor);
    });
    return result;
  }

  // -- data codewords ----------------------------------------------------------------------------

  function codewords(bytes, version) {
    var bits = [];
    function put(value, length) {
      for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    }
    var total = dataCodewords(version) * 8;
    put(0x4, 4); // byte mode
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, total - bits.length)); // terminator
    put(0, (8 - (bits.length % 8)) % 8);
    for (var pad = 0xec; bits.length < total; pad ^= 0xec ^ 0x11) put(pad, 8);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) {
      data.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    }
    // Split into blocks, add each block's error correction, interleave.
    var ecLength = BLOCKS[version][0];
    var blocks = [];
    var offset = 0;
    BLOCKS[version].slice(1).forEach(function (group) {
      for (var n = 0; n < group[0]; n++) {
        var block = data.slice(offset, offset + group[1]);
        offset += group[1];
        blocks.push({ data: block, ec: rsRemainder(block, ecLength) });
      }
    });
    var result = [];
    var longest = blocks[blocks.length - 1].data.length;
    for (i = 0; i < longest; i++) {
      blocks.forEach(function (b) { if (i < b.data.length) result.push(b.data[i]); });
    }
    for (i = 0; i < ecLength; i++) {
      blocks.forEach(function (b) { result.push(b.ec[i]); });
    }
    return result;
  }

  // -- the matrix --------------------------------------------------------------------------------

  function Matrix(version) {
    this.version = version;
    this.size = version * 4 + 17;
    this.modules = [];
    this.fixed = []; // function patterns, never masked
    for (var y = 0; y < this.size; y++) {
      this.modules.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }

  Matrix.prototype.set = function (x, y, dark) {
    this.modules[y][x] = dark;
    this.fixed[y][x] = true;
  };

  Matrix.prototype.drawFunctionPatterns = function () {
    var size = this.size;
    for (var i = 0; i < size; i++) { // timing patterns
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    this.drawFinder(3, 3);
    this.drawFinder(size - 4, 3);
    this.drawFinder(3, size - 4);
    var positions = ALIGNMENT[this.version];
    var last = positions.length - 1;
    for (i = 0; i < positions.length; i++) {
      for (var j = 0; j < positions.length; j++) {
        var corner = (i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0);
        if (!corner) this.drawAlignment(positions[i], positions[j]);
      }
    }
    this.drawFormat(0); // reserves the format areas; drawn again with the chosen mask
    this.drawVersion();
  };

  Matrix.prototype.drawFinder = function (cx, cy) { // with its separator
    for (var dy = -4; dy <= 4; dy++) {
      for (var dx = -4; dx <= 4; dx++) {
        var x = cx + dx;
        var y = cy + dy;
        var distance = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < this.size && y >= 0 && y < this.size) {
          this.set(x, y, distance !== 2 && distance !== 4);
        }
      }
    }
  };

  Matrix.prototype.drawAlignment = function (cx, cy) {
    for (var dy = -2; dy <= 2; dy++) {
      for (var dx = -2; dx <= 2; dx++) {
        this.set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  };

  Matrix.prototype.drawFormat = function (mask) {
    var data = (LEVEL_M << 3) | mask;
    var rem = data;
    for (var i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    var bits = ((data << 10) | rem) ^ 0x5412;
    var bit = function (n) { return ((bits >>> n) & 1) === 1; };
    var size = this.size;
    for (i = 0; i <= 5; i++) this.set(8, i, bit(i)); // around the top left finder
    this.set(8, 7, bit(6));
    this.set(8, 8, bit(7));
    this.set(7, 8, bit(8));
    for (i = 9; i < 15; i++) this.set(14 - i, 8, bit(i));
    for (i = 0; i < 8; i++) this.set(size - 1 - i, 8, bit(i)); // the copy, split in two
    for (i = 8; i < 15; i++) this.set(8, size - 15 + i, bit(i));
    this.set(8, size - 8, true); // the dark module
  };

  Matrix.prototype.drawVersion = function () {
    if (this.version < 7) return;
    var rem = this.version;
    for (var i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    var bits = (this.version << 12) | rem;
    for (i = 0; i < 18; i++) {
      var dark = ((bits >>> i) & 1) === 1;
      var a = this.size - 11 + (i % 3);
      var b = Math.floor(i / 3);
      this.set(a, b, dark);
      this.set(b, a, dark);
    }
  };

  Matrix.prototype.drawCodewords = function (data) {
    var size = this.size;
    var i = 0;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5; // skip the vertical timing pattern
      var upward = ((right + 1) & 2) === 0;
      for (var vert = 0; vert < size; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j;
          var y = upward ? size - 1 - vert : vert;
          if (!this.fixed[y][x] && i < data.length * 8) {
            this.modules[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
            i++;
          }
        }
      }
    }
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return ((x * y) % 2) + ((x * y) % 3) === 0; },
    function (x, y) { return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0; },
    function (x, y) { return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0; },
  ];

  Matrix.prototype.applyMask = function (mask) { // applying it twice undoes it
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.fixed[y][x] && MASKS[mask](x, y)) this.modules[y][x] = !this.modules[y][x];
      }
    }
  };

  // The four penalty rules of ISO/IEC 18004 (section 7.8.3), lower is better.
  Matrix.prototype.penalty = function () {
    var size = this.size;
    var m = this.modules;
    var score = 0;
    var lines = [];
    for (var a = 0; a < size; a++) {
      var row = [];
      var column = [];
      for (var b = 0; b < size; b++) {
        row.push(m[a][b]);
        column.push(m[b][a]);
      }
      lines.push(row, column);
    }
    lines.forEach(function (line) {
      // N1: runs of five or more modules of one colour.
      var run = 1;
      for (var i = 1; i <= size; i++) {
        if (i < size && line[i] === line[i - 1]) {
          run++;
        } else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
      // N3: each 1:1:3:1:1 finder-like pattern with four light modules before or after it
      // (outside the symbol counts as light).
      var text = "0000" + line.map(function (d) { return d ? "1" : "0"; }).join("") + "0000";
      for (i = text.indexOf("1011101"); i !== -1; i = text.indexOf("1011101", i + 1)) {
        if (text.substr(i - 4, 4) === "0000" || text.substr(i + 7, 4) === "0000") score += 40;
      }
    });
    // N2: 2×2 blocks of one colour.
    for (var y = 0; y < size - 1; y++) {
      for (var x = 0; x < size - 1; x++) {
        var c = m[y][x];
        if (c === m[y][x + 1] && c === m[y + 1][x] && c === m[y + 1][x + 1]) score += 3;
      }
    }
    // N4: the proportion of dark modules, 10 points per 5 % away from 50 %.
    var dark = 0;
    m.forEach(function (r) { r.forEach(function (d) { if (d) dark++; }); });
    score += Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size)) * 10;
    return score;
  };

  function utf8(text) {
    return Array.from(new TextEncoder().encode(text));
  }

  function encode(text, forcedMask) {
    var bytes = utf8(text);
    var version = 1;
    while (version <= MAX_VERSION && capacity(version) < bytes.length) version++;
    if (version > MAX_VERSION) throw new RangeError("too long for a QR code up to version 10");
    var matrix = new Matrix(version);
    matrix.drawFunctionPatterns();
    matrix.drawCodewords(codewords(bytes, version));
    var best = forcedMask;
    if (best === undefined) {
      var lowest = Infinity;
      for (var mask = 0; mask < 8; mask++) {
        matrix.applyMask(mask);
        matrix.drawFormat(mask);
        var score = matrix.penalty();
        if (score < lowest) {
          lowest = score;
          best = mask;
        }
        matrix.applyMask(mask);
      }
    }
    matrix.applyMask(best);
    matrix.drawFormat(best);
    return { version: version, mask: best, size: matrix.size, modules: matrix.modules };
  }

  var SVG = "http://www.w3.org/2000/svg";

  function svg(text, label) {
    var code = encode(text);
    var quiet = 4;
    var full = code.size + 2 * quiet;
    var element = document.createElementNS(SVG, "svg");
    element.setAttribute("viewBox", "0 0 " + full + " " + full);
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", label);
    element.setAttribute("class", "qr");
    element.setAttribute("shape-rendering", "crispEdges");
    element.dataset.version = String(code.version);
    element.dataset.size = String(code.size);
    var background = document.createElementNS(SVG, "rect");
    background.setAttribute("width", String(full));
    background.setAttribute("height", String(full));
    background.setAttribute("fill", "#fff");
    element.appendChild(background);
    var path = [];
    code.modules.forEach(function (row, y) {
      row.forEach(function (dark, x) {
        if (dark) path.push("M" + (x + quiet) + " " + (y + quiet) + "h1v1h-1z");
      });
    });
    var modules = document.createElementNS(SVG, "path");
    modules.setAttribute("d", path.join(""));
    modules.setAttribute("fill", "#000");
    element.appendChild(modules);
    return element;
  }

  window.PasserelleQR = { encode: encode, svg: svg, rsRemainder: rsRemainder, capacity: capacity };
})();
