package com.nexussaude.monitor.channels;

/** Text helpers that respect Unicode. */
final class Text {

    /** What a truncated text ends with: ASCII, so an SMS stays in the GSM-7 alphabet. */
    static final String ELLIPSIS = "...";

    private Text() {
    }

    /**
     * {@code text} if it has at most {@code max} UTF-16 units, else its start and {@link #ELLIPSIS}
     * in exactly {@code max} units or fewer, never splitting a surrogate pair (an emoji).
     */
    static String truncate(String text, int max) {
        if (max < ELLIPSIS.length()) {
            throw new IllegalArgumentException("max must be at least " + ELLIPSIS.length() + ", but was " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    /** Collapses every run of whitespace (newlines and tabs included) to one space. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
