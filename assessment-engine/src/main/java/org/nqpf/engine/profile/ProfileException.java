package org.nqpf.engine.profile;

/**
 * A profile that cannot be used; the message names the source and the JSON path at fault, and {@link #setting()}
 * gives that path on its own (for an API's field error), where there is one.
 */
public class ProfileException extends IllegalArgumentException {

    private final String setting;

    public ProfileException(String message) {
        this(message, null, null);
    }

    public ProfileException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private ProfileException(String message, String setting, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /**
     * @param source  the file or document the profile came from, null for none
     * @param setting the JSON path at fault, e.g. {@code normalise.method}
     * @param rest    what is wrong, continuing the sentence after the path
     */
    public static ProfileException at(String source, String setting, String rest) {
        return new ProfileException((source == null ? "" : source + ": ") + setting + rest, setting, null);
    }

    /** The JSON path of the setting at fault, e.g. {@code weights.matrices.OVERALL.matrix}; null when none. */
    public String setting() {
        return setting;
    }
}
