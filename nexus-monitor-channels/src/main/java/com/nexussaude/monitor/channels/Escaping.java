package com.nexussaude.monitor.channels;

import java.io.IOException;
import java.io.Writer;

/** How a template escapes {@code {{variables}}}; {@code {{{triple}}}} ones are never escaped. */
enum Escaping {
    /** Plain text: SMS, e-mail subject and text parts, push titles. */
    NONE {
        @Override
        void write(String value, Writer out) throws IOException {
            out.write(value);
        }
    },
    /** HTML element content and attribute values. */
    HTML {
        @Override
        void write(String value, Writer out) throws IOException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.write("&amp;");
                    case '<' -> out.write("&lt;");
                    case '>' -> out.write("&gt;");
                    case '"' -> out.write("&quot;");
                    case '\'' -> out.write("&#39;");
                    default -> out.write(c);
                }
            }
        }
    },
    /** The inside of a JSON string literal: the template supplies the quotes. */
    JSON {
        @Override
        void write(String value, Writer out) throws IOException {
            writeJson(value, out);
        }
    },
    /**
     * JSON string content for Slack text fields: Slack reads {@code &}, {@code <} and {@code >} as
     * control characters (links, mentions), so they become entities before JSON escaping.
     */
    SLACK_JSON {
        @Override
        void write(String value, Writer out) throws IOException {
            writeJson(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), out);
        }
    };

    abstract void write(String value, Writer out) throws IOException;

    static void writeJson(String value, Writer out) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                case '\b' -> out.write("\\b");
                case '\f' -> out.write("\\f");
                default -> {
                    // Other control characters, and the two line separators JavaScript chokes on.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
    }
}
