package org.nqpf.roadmap.report;

import java.util.Locale;
import java.util.Optional;

/** The languages a report is written in. */
public enum Lang {
    zh, en;

    /** The language a code names (zh, en, zh-CN, en-GB, any case), if it is one of ours. */
    public static Optional<Lang> of(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String primary = code.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        for (Lang l : values()) {
            if (l.name().equals(primary)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The plan's own bilingual text in this language. */
    public String pick(String english, String chinese) {
        return this == Lang.zh ? (chinese != null ? chinese : english) : (english != null ? english : chinese);
    }
}
