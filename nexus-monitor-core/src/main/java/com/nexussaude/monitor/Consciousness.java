package com.nexussaude.monitor;

/**
 * Level of consciousness on the ACVPU scale used by NEWS2: Alert, new Confusion, responds to Voice,
 * responds to Pain, Unresponsive. The ordinal is the order of severity.
 *
 * @since 0.1
 */
public enum Consciousness {
    /** A: alert (NEWS2 scores 0). */
    ALERT('A'),
    /** C: new confusion (NEWS2 scores 3). */
    CONFUSION('C'),
    /** V: responds to voice (NEWS2 scores 3). */
    VOICE('V'),
    /** P: responds to pain (NEWS2 scores 3). */
    PAIN('P'),
    /** U: unresponsive (NEWS2 scores 3). */
    UNRESPONSIVE('U');

    private final char code;

    Consciousness(char code) {
        this.code = code;
    }

    /**
     * The one-letter ACVPU code ({@code A}, {@code C}, {@code V}, {@code P}, {@code U}).
     *
     * @return the one-letter ACVPU code ({@code A}, {@code C}, {@code V}, {@code P}, {@code U})
     */
    public char code() {
        return code;
    }

    /**
     * Parses a one-letter ACVPU code or a constant name, case-insensitive.
     *
     * @param text {@code A}, {@code C}, {@code V}, {@code P}, {@code U} or a constant name such as
     *     {@code VOICE}
     * @return the level the text names
     * @throws IllegalArgumentException naming the value and the accepted codes
     */
    public static Consciousness parse(String text) {
        if (text != null) {
            String t = text.trim();
            for (Consciousness c : values()) {
                if (t.equalsIgnoreCase(String.valueOf(c.code)) || t.equalsIgnoreCase(c.name())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException(
                "consciousness must be one of A|C|V|P|U (ACVPU), but was '" + text + "'");
    }
}
