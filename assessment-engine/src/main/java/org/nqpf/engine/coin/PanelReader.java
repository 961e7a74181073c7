package org.nqpf.engine.coin;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;

/**
 * Reads a COINr iData CSV file straight into the panel's {@code double[period][unit][indicator]} arrays, with the
 * rules and messages of {@link Csv} and {@link CoinrFiles#panel(Csv, Framework)}: the file is read once, in
 * line-aligned byte ranges parsed in parallel (a few per core on a large file), each read through a small buffer, and
 * each number is parsed from its bytes (no String, no boxing, no map per row). Each row's value array becomes the
 * panel's row as it is, without a copy.
 * <p>
 * A line holding a double quote or a non-ASCII byte goes through {@link Csv#fields} as text (quoted fields, names
 * in any script); plain lines are split on their bytes. When a file has several problems, the first in file order
 * is reported.
 */
public final class PanelReader {

    /** Below this size one thread reads the whole file: starting threads would cost more than it saves. */
    private static final long PARALLEL_FROM_BYTES = 8L << 20;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final int NOT_A_COLUMN = -1;
    private static final int UCODE = -2;
    private static final int UNAME = -3;
    private static final int TIME = -4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

    private final String file;
    private final List<String> indicators;
    private final int[] roles; // per header column: indicator index, or one of the negative roles above
    private final int width;
    private final boolean timed;

    private PanelReader(String file, List<String> header, List<String> indicators) {
        this.file = file;
        this.indicators = indicators;
        this.width = header.size();
        this.timed = header.contains("Time");
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < indicators.size(); j++) {
            index.put(indicators.get(j), j);
        }
        roles = new int[width];
        for (int k = 0; k < width; k++) {
            String column = header.get(k);
            roles[k] = switch (column) {
                case "uCode" -> UCODE;
                case "uName" -> UNAME;
                case "Time" -> TIME;
                default -> index.getOrDefault(column, NOT_A_COLUMN);
            };
        }
    }

    /** @param name how the file is named in error messages */
    public static Panel read(Path path, String name, Framework framework) {
        // A few ranges per core: a range whose thread waits for a busy core does not hold the others up.
        return read(path, name, framework, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param ranges the file is split into at most this many byte ranges, parsed on the common fork-join pool (1: all
     *               on the calling thread)
     */
    public static Panel read(Path path, String name, Framework framework, int ranges) {
        return read(path, name, framework, ranges, PARALLEL_FROM_BYTES);
    }

    /** @param parallelFrom smaller files are read by one thread (tests split small files with 0) */
    static Panel read(Path path, String name, Framework framework, int ranges, long parallelFrom) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            Header header = header(channel, size, name);
            List<String> columns = header.columns;
            CoinrFiles.checkDataHeader(name, columns::contains, framework);
            List<String> indicators = framework.hierarchy().indicators();
            PanelReader reader = new PanelReader(name, columns, indicators);
            long[] bounds = bounds(channel, header.end, size,
                    size - header.end < parallelFrom ? 1 : Math.max(1, ranges));
            Chunk[] chunks = new Chunk[bounds.length - 1];
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = reader.new Chunk(channel, bounds[c], bounds[c + 1]);
            }
            if (chunks.length == 1) {
                chunks[0].run();
            }
            else {
                IntStream.range(0, chunks.length).parallel().forEach(c -> chunks[c].run());
            }
            for (Chunk chunk : chunks) {
                if (chunk.failure != null) {
                    throw new InputFileException(name, 0, "cannot be read (" + chunk.failure.getClass().getSimpleName()
                            + ": " + chunk.failure.getMessage() + ")");
                }
            }
            return reader.panel(chunks, header.line + 1);
        }
        catch (IOException e) {
            throw new InputFileException(name, 0, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    /** The header row: its columns, its 1-based line, and the byte offset just after it. */
    private record Header(List<String> columns, int line, long end) {
    }

    private static Header header(FileChannel channel, long size, String name) throws IOException {
        byte[] buf = new byte[(int) Math.min(size, 1 << 16)];
        int len = readFully(channel, buf, 0, buf.length, 0);
        int p = len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF ? 3 : 0;
        int line = 1;
        while (true) {
            int nl = indexOf(buf, p, len, (byte) '\n');
            if (nl < 0 && len < size) { // a longer header than read so far: read more
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
                len += readFully(channel, buf, len, buf.length - len, len);
                continue;
            }
            int end = nl < 0 ? len : nl;
            if (end > p && buf[end - 1] == '\r') {
                end--;
            }
            String text = utf8(buf, p, end - p, name);
            if (!text.isBlank()) {
                return new Header(Csv.header(text, name, line), line, nl < 0 ? len : nl + 1);
            }
            if (nl < 0) {
                throw new InputFileException(name, 0, "is empty: a header row is needed");
            }
            p = nl + 1;
            line++;
        }
    }

    /** Offsets splitting [from, size) into at most {@code parts} ranges, each starting at a line's first byte. */
    private static long[] bounds(FileChannel channel, long from, long size, int parts) throws IOException {
        List<Long> bounds = new ArrayList<>(List.of(from));
        byte[] probe = new byte[1 << 16];
        for (int k = 1; k < parts; k++) {
            long at = Math.max(bounds.get(bounds.size() - 1), from + (size - from) * k / parts);
            long cut = -1;
            while (cut < 0 && at < size) {
                int n = readFully(channel, probe, 0, (int) Math.min(probe.length, size - at), at);
                int nl = indexOf(probe, 0, n, (byte) '\n');
                cut = nl < 0 ? -1 : at + nl + 1;
                at += n;
            }
            if (cut < 0 || cut >= size) {
                break;
            }
            if (cut > bounds.get(bounds.size() - 1)) {
                bounds.add(cut);
            }
        }
        bounds.add(size);
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /** One byte range of the file, parsed into rows; stops at its first problem. */
    private final class Chunk implements Runnable {
        private final FileChannel channel;
        private final long start;
        private final long end;
        /** Lines ended by a newline in this range (the row at local line k is file line base + k). */
        int lines;
        final List<double[]> values = new ArrayList<>();
        final List<String> units = new ArrayList<>();
        final List<String> periods = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        int[] localLines = new int[1024];
        /** The first problem: its local line (-1: the whole file) and text; for a bad value, its row's unit and time. */
        String problem;
        int problemLine;
        String problemUnit;
        String problemPeriod;
        IOException failure;

        // one line's fields: [fieldStart[k], fieldEnd[k]) in buf
        private final int[] fieldStart = new int[width];
        private final int[] fieldEnd = new int[width];

        Chunk(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                parse();
            }
            catch (IOException e) {
                failure = e;
            }
        }

        private void parse() throws IOException {
            byte[] buf = new byte[(int) Math.min(BUFFER_BYTES, Math.max(1, end - start))];
            long pos = start;
            int len = 0;
            int p = 0;
            while (problem == null) {
                int i = scanLine(buf, p, len);
                if (i == len && pos < end) { // the line goes on past the buffer: keep its start, read more
                    System.arraycopy(buf, p, buf, 0, len - p);
                    len -= p;
                    p = 0;
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, 2 * buf.length);
                    }
                    int n = readFully(channel, buf, len, (int) Math.min(buf.length - len, end - pos), pos);
                    pos += n;
                    len += n;
                    continue;
                }
                if (i == len && p == len) {
                    break; // the range ended with a newline
                }
                int e = i > p && buf[i - 1] == '\r' ? i - 1 : i;
                int nf = fields;
                if (nf < width) {
                    fieldStart[nf] = fieldFrom;
                    fieldEnd[nf] = Math.max(fieldFrom, e);
                }
                nf++;
                if (plain) {
                    if (nf != 1 || !blank(buf, p, e)) {
                        plainRow(buf, nf);
                    }
                }
                else {
                    textRow(buf, p, e);
                }
                if (i == len) {
                    break; // the file's last line, without a newline
                }
                if (problem == null) {
                    lines++;
                }
                p = i + 1;
            }
        }

        // set by scanLine: the commas seen, where the last field starts, whether the line is plain ASCII without quotes
        private int fields;
        private int fieldFrom;
        private boolean plain;

        /**
         * Finds the line's end (its newline, or {@code len} when the buffer ends first) and its commas, eight bytes
         * at a time: a word without a comma, newline, quote or non-ASCII byte (most of a number) costs one test.
         */
        private int scanLine(byte[] buf, int p, int len) {
            int nf = 0;
            int fs = p;
            boolean ascii = true;
            int i = p;
            for (; i + 8 <= len; i += 8) {
                long w = (long) LONGS.get(buf, i);
                long hits = zeroBytes(w ^ COMMAS) | zeroBytes(w ^ NEWLINES) | zeroBytes(w ^ QUOTES) | (w & HIGH_BITS);
                while (hits != 0) {
                    int at = i + lowestByte(hits);
                    byte b = buf[at];
                    if (b == ',') {
                        if (nf < width) {
                            fieldStart[nf] = fs;
                            fieldEnd[nf] = at;
                        }
                        nf++;
                        fs = at + 1;
                    }
                    else if (b == '\n') {
                        fields = nf;
                        fieldFrom = fs;
                        plain = ascii;
                        return at;
                    }
                    else {
                        ascii = false;
                    }
                    hits &= hits - 1;
                }
            }
            for (; i < len; i++) {
                byte b = buf[i];
                if (b == ',') {
                    if (nf < width) {
                        fieldStart[nf] = fs;
                        fieldEnd[nf] = i;
                    }
                    nf++;
                    fs = i + 1;
                }
                else if (b == '\n') {
                    break;
                }
                else if (b == '"' || b < 0) {
                    ascii = false;
                }
            }
            fields = nf;
            fieldFrom = fs;
            plain = ascii;
            return i;
        }

        private void fail(String text) {
            problem = text;
            problemLine = lines;
        }

        private void plainRow(byte[] buf, int nf) {
            if (nf != width) {
                fail("has " + nf + " fields but the header has " + width);
                return;
            }
            String unit = null;
            String name = null;
            String period = "";
            for (int k = 0; k < width; k++) {
                int role = roles[k];
                if (role <= UCODE) {
                    int s = trimStart(buf, fieldStart[k], fieldEnd[k]);
                    int t = trimEnd(buf, s, fieldEnd[k]);
                    String cell = new String(buf, s, t - s, StandardCharsets.ISO_8859_1); // ASCII: checked above
                    if (role == UCODE) {
                        unit = cell;
                    }
                    else if (role == UNAME) {
                        name = cell;
                    }
                    else {
                        period = cell;
                    }
                }
            }
            if (!check(unit, period)) {
                return;
            }
            double[] row = new double[indicators.size()];
            Arrays.fill(row, Double.NaN);
            for (int k = 0; k < width; k++) {
                int j = roles[k];
                if (j < 0) {
                    continue;
                }
                int s = trimStart(buf, fieldStart[k], fieldEnd[k]);
                int t = trimEnd(buf, s, fieldEnd[k]);
                if (missing(buf, s, t)) {
                    continue;
                }
                double v = number(buf, s, t);
                if (!Double.isFinite(v)) {
                    badValue(new String(buf, s, t - s, StandardCharsets.ISO_8859_1), j, unit, period);
                    return;
                }
                row[j] = v;
            }
            add(unit, name, period, row);
        }

        /** A line with quotes or non-ASCII bytes: split as text, by the same rules as {@link Csv}. */
        private void textRow(byte[] buf, int from, int to) {
            String line;
            try {
                line = utf8(buf, from, to - from, file);
            }
            catch (InputFileException ex) {
                problem = ex.problem();
                problemLine = -1;
                return;
            }
            if (line.isBlank()) {
                return;
            }
            List<String> cells;
            try {
                cells = Csv.fields(line, file, 0);
            }
            catch (InputFileException ex) {
                fail(ex.problem());
                return;
            }
            if (cells.size() != width) {
                fail("has " + cells.size() + " fields but the header has " + width);
                return;
            }
            String unit = null;
            String name = null;
            String period = "";
            for (int k = 0; k < width; k++) {
                switch (roles[k]) {
                    case UCODE -> unit = cells.get(k).trim();
                    case UNAME -> name = cells.get(k).trim();
                    case TIME -> period = cells.get(k).trim();
                    default -> {
                    }
                }
            }
            if (!check(unit, period)) {
                return;
            }
            double[] row = new double[indicators.size()];
            Arrays.fill(row, Double.NaN);
            for (int k = 0; k < width; k++) {
                int j = roles[k];
                String cell = cells.get(k).trim();
                if (j < 0 || Csv.missing(cell)) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(cell);
                }
                catch (NumberFormatException ex) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    badValue(cell, j, unit, period);
                    return;
                }
                row[j] = v;
            }
            add(unit, name, period, row);
        }

        private boolean check(String unit, String period) {
            if (Csv.missing(unit)) {
                fail("uCode is empty");
                return false;
            }
            if (timed && Csv.missing(period)) {
                fail("Time is empty for " + unit);
                return false;
            }
            return true;
        }

        private void badValue(String cell, int j, String unit, String period) {
            fail("value '" + cell + "' of " + indicators.get(j) + " for " + unit
                    + " is not a number (write NA or leave it empty when missing)");
            // A second row for the same unit and time is reported first, as when the values were checked after it.
            problemUnit = unit;
            problemPeriod = period;
        }

        private void add(String unit, String name, String period, double[] row) {
            if (units.size() == localLines.length) {
                localLines = Arrays.copyOf(localLines, 2 * localLines.length);
            }
            localLines[units.size()] = lines;
            units.add(unit);
            names.add(Csv.missing(name) ? null : name);
            periods.add(period);
            values.add(row);
        }
    }

    /** Units in order of first appearance; periods in numeric order when all are numbers, else as they appear. */
    private Panel panel(Chunk[] chunks, int firstLine) {
        Map<String, Integer> unitIndex = new LinkedHashMap<>();
        Map<String, Integer> periodIndex = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        List<BitSet> seen = new ArrayList<>(); // per unit, the periods it has a row for
        int[][] unitOf = new int[chunks.length][];
        int[][] periodOf = new int[chunks.length][];
        int base = firstLine;
        for (int c = 0; c < chunks.length; c++) {
            Chunk chunk = chunks[c];
            int rows = chunk.units.size();
            unitOf[c] = new int[rows];
            periodOf[c] = new int[rows];
            for (int r = 0; r < rows; r++) {
                String unit = chunk.units.get(r);
                unitOf[c][r] = unitIndex.computeIfAbsent(unit, u -> unitIndex.size());
                periodOf[c][r] = periodIndex.computeIfAbsent(chunk.periods.get(r), t -> periodIndex.size());
                if (chunk.names.get(r) != null) {
                    names.putIfAbsent(unit, chunk.names.get(r));
                }
                once(seen, unitOf[c][r], periodOf[c][r], unit, chunk.periods.get(r), base + chunk.localLines[r]);
            }
            if (chunk.problem != null) {
                if (chunk.problemUnit != null) {
                    once(seen, unitIndex.getOrDefault(chunk.problemUnit, -1),
                            periodIndex.getOrDefault(chunk.problemPeriod, -1), chunk.problemUnit,
                            chunk.problemPeriod, base + chunk.problemLine);
                }
                throw new InputFileException(file, chunk.problemLine < 0 ? 0 : base + chunk.problemLine,
                        chunk.problem);
            }
            base += chunk.lines;
        }
        if (unitIndex.isEmpty()) {
            throw new InputFileException(file, 0, "has no data rows");
        }
        List<String> periods = CoinrFiles.chronological(periodIndex.keySet());
        int[] order = new int[periods.size()]; // appearance index → chronological index
        for (int t = 0; t < periods.size(); t++) {
            order[periodIndex.get(periods.get(t))] = t;
        }
        int n = unitIndex.size();
        int m = indicators.size();
        double[][][] values = new double[periods.size()][n][];
        for (int c = 0; c < chunks.length; c++) {
            for (int r = 0; r < unitOf[c].length; r++) {
                values[order[periodOf[c][r]]][unitOf[c][r]] = chunks[c].values.get(r);
            }
        }
        for (double[][] slice : values) {
            for (int i = 0; i < n; i++) {
                if (slice[i] == null) { // a unit without a row in this period
                    slice[i] = new double[m];
                    Arrays.fill(slice[i], Double.NaN);
                }
            }
        }
        List<String> unitList = new ArrayList<>(unitIndex.keySet());
        List<String> unitNames = unitList.stream().map(u -> names.getOrDefault(u, u)).toList();
        return new Panel(unitList, unitNames, timed ? periods : List.of("all"), values);
    }

    private void once(List<BitSet> seen, int unit, int period, String code, String time, int line) {
        if (unit < 0 || period < 0) {
            return;
        }
        if (unit == seen.size()) {
            seen.add(new BitSet());
        }
        BitSet periods = seen.get(unit);
        boolean twice = periods.get(period);
        periods.set(period);
        if (twice) {
            throw new InputFileException(file, line, "unit " + code
                    + (timed ? " has a second row for Time " + time : " appears twice (add a Time column for panels)"));
        }
    }

    // ---- bytes ----------------------------------------------------------------------------------------------------

    /**
     * The number in {@code buf[s, e)} as {@link Double#parseDouble} reads it (same syntax, correctly rounded); NaN
     * when it is none. A fast path of our own for short decimals (Clinger's) was tried: no faster on this file.
     */
    static double number(byte[] buf, int s, int e) {
        try {
            return JavaDoubleParser.parseDouble(buf, s, e - s);
        }
        catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /**
     * Index of the lowest byte flagged in {@code hits} (flags are high bits of bytes): the lowest flag isolated is
     * 2^(8k+7); shifted down it multiplies the byte ladder so that byte k lands on top. No numberOfTrailingZeros,
     * which the C1 compiler ./nqpf assess runs with does not turn into one instruction.
     */
    private static int lowestByte(long hits) {
        return (int) ((((hits & -hits) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /** The high bit of each zero byte of {@code x}, exactly (no carries between bytes). */
    private static long zeroBytes(long x) {
        return ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
    }

    private static int readFully(FileChannel channel, byte[] buf, int off, int len, long pos) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buf, off, len);
        int total = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Strict UTF-8, as {@code Files.readString} reads. */
    private static String utf8(byte[] buf, int off, int len, String name) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, off, len));
            return chars.toString();
        }
        catch (CharacterCodingException e) {
            throw new InputFileException(name, 0, "is not UTF-8 text");
        }
    }

    // String.trim's rule: bytes up to the space are trimmed.
    private static int trimStart(byte[] buf, int s, int e) {
        while (s < e && (buf[s] & 0xff) <= ' ') {
            s++;
        }
        return s;
    }

    private static int trimEnd(byte[] buf, int s, int e) {
        while (e > s && (buf[e - 1] & 0xff) <= ' ') {
            e--;
        }
        return e;
    }

    /** As {@link Csv#missing}: empty, NA or NaN. */
    private static boolean missing(byte[] buf, int s, int e) {
        int len = e - s;
        return len == 0 || (len == 2 && buf[s] == 'N' && buf[s + 1] == 'A')
                || (len == 3 && buf[s] == 'N' && buf[s + 1] == 'a' && buf[s + 2] == 'N');
    }

    /** As {@link String#isBlank} on an ASCII line. */
    private static boolean blank(byte[] buf, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
    }
}
