package org.nqpf.indicator.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code an entity carries, by kind: a region's GB/T 2260 administrative division code, an industry's GB/T 4754
 * classification code, an enterprise's unified social credit code (GB 32100) or any other identifier. Returns the
 * reason a code is wrong, or empty.
 */
final class EntityCodes {

    private static final Pattern REGION = Pattern.compile("\\d{6}");
    private static final Pattern INDUSTRY = Pattern.compile("[A-T]|\\d{2,4}");
    /** GB 32100-2015: registering authority and type, 6-digit division code, 9-character organisation code, check. */
    private static final Pattern USCC_SHAPE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern ANY = Pattern.compile("\\S(.{0,62}\\S)?");

    private EntityCodes() {
    }

    static Optional<String> problem(String kind, String code) {
        if (code == null || code.isBlank()) {
            return Optional.of("required");
        }
        return switch (kind) {
            case "REGION" -> REGION.matcher(code).matches() ? Optional.empty()
                    : Optional.of("'" + code + "' is not a GB/T 2260 administrative division code: 6 digits, e.g. 110000 (Beijing) or 110105 (Chaoyang District)");
            case "INDUSTRY" -> INDUSTRY.matcher(code).matches() ? Optional.empty()
                    : Optional.of("'" + code + "' is not a GB/T 4754 industry code: a section letter A-T, or a 2-digit division, 3-digit group or 4-digit class, e.g. I, 65, 651 or 6511");
            case "ENTERPRISE" -> enterprise(code);
            default -> Optional.empty(); // the kind itself is reported
        };
    }

    private static Optional<String> enterprise(String code) {
        if (USCC_SHAPE.matcher(code).matches()) {
            char expected = usccCheckCharacter(code);
            return code.charAt(17) == expected ? Optional.empty()
                    : Optional.of("'" + code + "' has the form of a unified social credit code but its check character is '"
                            + code.charAt(17) + "', not '" + expected + "' (GB 32100-2015): a mistyped character?");
        }
        return ANY.matcher(code).matches() ? Optional.empty()
                : Optional.of("'" + code + "' must be 1 to 64 characters without leading or trailing spaces");
    }

    /** GB 32100-2015 check character: 31 - (sum of character value × weight mod 31), 31 written as 0. */
    static char usccCheckCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_CHARS.indexOf(code.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    /**
     * Whether a child's code can sit under its parent's in the same classification: a county under its prefecture or
     * province (shared leading digits), an industry group under its division. Returns the reason when it cannot.
     */
    static Optional<String> underParent(String kind, String code, String parentKind, String parentCode) {
        if (!kind.equals(parentKind)) {
            return Optional.empty();
        }
        if (kind.equals("REGION")) {
            String prefix = significant(parentCode);
            if (prefix.isEmpty()) {
                return Optional.empty(); // the country (000000) holds every region
            }
            if (code.equals(parentCode) || !code.startsWith(prefix) || prefix.length() == 6) {
                return Optional.of("region " + code + " cannot sit under region " + parentCode
                        + ": a GB/T 2260 division lies under the province or prefecture whose leading digits it shares ("
                        + (prefix.length() == 6 ? parentCode + " is a county-level division" : prefix + "…") + ")");
            }
            return Optional.empty();
        }
        if (kind.equals("INDUSTRY")) {
            boolean parentIsSection = Character.isLetter(parentCode.charAt(0));
            boolean childIsSection = Character.isLetter(code.charAt(0));
            if (childIsSection || (!parentIsSection && (code.length() <= parentCode.length() || !code.startsWith(parentCode)))) {
                return Optional.of("industry " + code + " cannot sit under industry " + parentCode
                        + ": GB/T 4754 nests sections, 2-digit divisions, 3-digit groups and 4-digit classes, each starting with its parent's digits");
            }
        }
        return Optional.empty();
    }

    /** The digits of a GB/T 2260 code that name it: 11 for 110000, 1101 for 110100, all six for a county. */
    private static String significant(String regionCode) {
        if (regionCode.equals("000000")) {
            return "";
        }
        if (regionCode.endsWith("0000")) {
            return regionCode.substring(0, 2);
        }
        if (regionCode.endsWith("00")) {
            return regionCode.substring(0, 4);
        }
        return regionCode;
    }
}
