package dev.latchkey.core;

/** The {@code SameSite} cookie attribute. */
public enum SameSite {
    /** Sent on same-site requests and top-level cross-site navigations (links); the default. */
    LAX("Lax"),
    /** Sent on same-site requests only; a link from another site arrives signed out. */
    STRICT("Strict"),
    /** Sent on every request, cross-site included; requires {@code Secure}. */
    NONE("None");

    private final String attributeValue;

    SameSite(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value as written in {@code Set-Cookie}: {@code Lax}, {@code Strict} or {@code None}. */
    public String attributeValue() {
        return attributeValue;
    }

    /** Reads {@code lax}, {@code strict} or {@code none}, in any case. */
    public static SameSite parse(String value) {
        for (SameSite s : values()) {
            if (s.attributeValue.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("SameSite must be Lax, Strict or None but was: " + value);
    }
}
