package org.nqpf.indicator.ingest.format;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A CSV body as the parser reads it: decoded strictly as UTF-8 (Jackson's own decoder reads the overlong
 * {@code C0 AF} as '/' and CESU-8 bytes as lone surrogates), without its byte order mark, and with each NUL handed on
 * as {@link #NUL_MARK}. The parser trims every character up to U+0020 off a cell's ends, NUL among them, so a cell of
 * NULs would arrive blank and be stored as no unit or no source. A strict decoder never yields a lone surrogate, so
 * the mark stands for a NUL and nothing else.
 */
final class StrictUtf8Reader extends FilterReader {

    static final char NUL_MARK = '\uDFFF';

    private boolean started;

    StrictUtf8Reader(InputStream in) {
        super(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** The cell's text as it was sent, NULs where they were. */
    static String unmarked(String cell) {
        return cell.indexOf(NUL_MARK) < 0 ? cell : cell.replace(NUL_MARK, '\u0000');
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && !started) {
            started = true;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                if (--n == 0) {
                    return read(buffer, offset, length);
                }
            }
        }
        for (int i = offset; i < offset + n; i++) {
            if (buffer[i] == '\u0000') {
                buffer[i] = NUL_MARK;
            }
        }
        return n;
    }
}
