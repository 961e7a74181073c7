package org.nqpf.engine.coin;

/** A bad input file: the message says which file, which line (1 = the header) and what is wrong. */
public class InputFileException extends IllegalArgumentException {

    private final String file;
    private final int line;
    private final String problem;

    public InputFileException(String file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
