package org.nqpf.engine;

/**
 * The ten grades of the coupling coordination degree D used in the Chinese literature, in steps of 0.1:
 * (0, 0.1] extreme imbalance … (0.9, 1] high-quality coordination (D = 0 counts as extreme imbalance).
 */
public enum CouplingGrade {
    EXTREME_IMBALANCE("极度失调", "extreme imbalance"),
    SERIOUS_IMBALANCE("严重失调", "serious imbalance"),
    MODERATE_IMBALANCE("中度失调", "moderate imbalance"),
    MILD_IMBALANCE("轻度失调", "mild imbalance"),
    VERGE_OF_IMBALANCE("濒临失调", "on the verge of imbalance"),
    BARELY_COORDINATED("勉强协调", "barely coordinated"),
    PRIMARY_COORDINATION("初级协调", "primary coordination"),
    INTERMEDIATE_COORDINATION("中级协调", "intermediate coordination"),
    GOOD_COORDINATION("良好协调", "good coordination"),
    HIGH_QUALITY_COORDINATION("优质协调", "high-quality coordination");

    private final String chinese;
    private final String english;

    CouplingGrade(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** A grade as it is stored or shown: its name, its Chinese or its English label; empty for anything else. */
    public static java.util.Optional<CouplingGrade> parse(String text) {
        for (CouplingGrade g : values()) {
            if (g.name().equals(text) || g.chinese.equals(text) || g.english.equals(text)) {
                return java.util.Optional.of(g);
            }
        }
        return java.util.Optional.empty();
    }

    /** The grade of D in [0, 1]; upper bounds are inclusive: D = 0.3 is moderate imbalance, (0.2, 0.3]. */
    public static CouplingGrade of(double d) {
        if (Double.isNaN(d) || d < -1e-9 || d > 1 + 1e-9) {
            throw new IllegalArgumentException("coupling coordination degree " + d + " is outside [0, 1]");
        }
        // Round first so that 0.30000000000000004 falls in (0.2, 0.3], as the reader of the table expects.
        double tenths = Math.round(d * 10 * 1e9) / 1e9;
        int index = (int) Math.ceil(tenths) - 1;
        return values()[Math.max(0, Math.min(9, index))];
    }
}
