package com.nexussaude.monitor.internal.rules;

import com.nexussaude.monitor.RuleCompilationException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fence around integrator rule files: plain EPL, the EPL functions the monitor configures, the
 * score classes ({@code com.nexussaude.monitor.score}) and {@code Math}, and nothing else. Esper would
 * otherwise call any Java static or instance method a statement names ({@code
 * java.lang.Runtime.getRuntime().exec(...)}), compile inlined Java classes, run script expressions,
 * instantiate classes ({@code new com.x.Y()}), join Java methods and SQL, and honour hook annotations.
 *
 * <p>The check runs on the EPL's tokens before Esper sees the file, so a forbidden construct is rejected
 * without compiling anything, and each is reported with its own line. It is an allow-list: a method call
 * through a dot is allowed only when its name is one of Esper's enumeration or date-time methods or a
 * side-effect-free {@code String}/number method, or when it is a static call on an allowed class. The
 * bundled packs are inside the fence too ({@code RuleFenceTest} checks them), so anything they do an
 * integrator rule may do.
 */
public final class RuleFence {
    /** Classes whose static methods a rule may call, besides the score package. */
    private static final Set<String> ALLOWED_CLASSES = Set.of("Math", "java.lang.Math", "StrictMath",
            "java.lang.StrictMath");
    private static final String SCORE_PACKAGE = "com.nexussaude.monitor.score.";
    /** The monitor's own event classes (VitalMinute, VitalTrend) may be event types, as in schema.epl. */
    private static final String OWN_PACKAGE = "com.nexussaude.monitor.";

    /** Methods allowed after a dot on any value: Esper's enumeration and date-time methods, pure accessors. */
    private static final Set<String> ALLOWED_METHODS = lower(
            // enumeration methods
            "aggregate", "allOf", "anyOf", "arrayOf", "average", "countOf", "distinctOf", "except", "firstOf",
            "groupBy", "intersect", "lastOf", "leastFrequent", "max", "maxBy", "min", "minBy", "mostFrequent",
            "orderBy", "orderByDesc", "reverse", "selectFrom", "sequenceEqual", "sumOf", "take", "takeLast",
            "takeWhile", "takeWhileLast", "toMap", "union", "where",
            // date-time methods
            "after", "before", "between", "coincides", "during", "finishes", "finishedBy", "format", "get",
            "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getEra", "getHourOfDay", "getMillisOfSecond",
            "getMinuteOfHour", "getMonthOfYear", "getSecondOfMinute", "getWeekyear", "getYear", "includes",
            "meets", "metBy", "minus", "overlaps", "overlappedBy", "plus", "roundCeiling", "roundFloor",
            "roundHalf", "set", "startedBy", "starts", "toCalendar", "toDate", "toMillis", "withDate",
            "withMax", "withMin", "withTime",
            // side-effect-free String, number and collection accessors
            "length", "isEmpty", "isBlank", "startsWith", "endsWith", "contains", "containsKey", "substring",
            "toUpperCase", "toLowerCase", "trim", "strip", "equals", "equalsIgnoreCase", "compareTo", "indexOf",
            "lastIndexOf", "charAt", "doubleValue", "intValue", "longValue", "floatValue", "booleanValue", "size",
            "isNaN", "isInfinite");

    /**
     * The public instance methods of the score classes' results ({@code Sirs.score(...).withFeverOrHypothermia()}):
     * the score package is the monitor's own, side-effect-free code.
     */
    private static final Set<String> SCORE_RESULT_METHODS = scoreMethods(
            com.nexussaude.monitor.score.Mews.class, com.nexussaude.monitor.score.MewsScore.class,
            com.nexussaude.monitor.score.News2.class, com.nexussaude.monitor.score.News2Score.class,
            com.nexussaude.monitor.score.News2ScoredValues.class, com.nexussaude.monitor.score.Qsofa.class,
            com.nexussaude.monitor.score.QsofaScore.class, com.nexussaude.monitor.score.ShockIndex.class,
            com.nexussaude.monitor.score.Sirs.class, com.nexussaude.monitor.score.SirsScore.class);

    /** Annotations a rule may carry: naming, tagging, ordering and visibility; no hooks, no Java classes. */
    private static final Set<String> ALLOWED_ANNOTATIONS = lower("Name", "Description", "Tag", "Priority", "Drop",
            "Hint", "Public", "Protected", "Private", "BusEventType", "EventRepresentation", "Audit", "NoLock",
            "IterableUnbound",
            // not annotations, but written with @: contained-event types and context "start @now"
            "type", "now", "inclusive");

    /** Joins with an outside source: SQL (sql:db [...]) and Java methods (method:Class.m(...)). */
    private static final Set<String> JOIN_PREFIXES = lower("sql", "method");

    private RuleFence() {
    }

    /** Every construct outside the fence, in file order, each on its own line; empty when the file is inside. */
    public static List<Problem> check(String source, String epl) {
        List<Token> tokens = Lexer.tokens(epl);
        List<Problem> problems = new ArrayList<>();
        boolean statementStart = true;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String word = t.kind == Kind.IDENT ? t.text.toLowerCase(Locale.ROOT) : null;
            if (t.is(";")) {
                statementStart = true;
                continue;
            }
            boolean atStart = statementStart;
            statementStart = false;
            if (word == null) {
                if (t.is("@") && i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.IDENT) {
                    String name = dotted(tokens, i + 1);
                    if (!ALLOWED_ANNOTATIONS.contains(name.toLowerCase(Locale.ROOT))) {
                        problems.add(problem(source, t, "annotation @" + name + " is not allowed in a rule file"
                                + " (allowed: @Name, @Description, @Tag, @Priority, @Drop, @Hint, @public, @buseventtype,"
                                + " @EventRepresentation, @Audit)"));
                    }
                    if (i > 0 && !tokens.get(i - 1).is(")") && !tokens.get(i - 1).is("]")) {
                        statementStart = atStart; // annotations precede a statement's first keyword
                    }
                } else if (t.kind == Kind.TRIPLE) {
                    problems.add(problem(source, t, "a triple-quoted block (inlined Java class) is not allowed"
                            + " in a rule file"));
                }
                continue;
            }
            if (atStart && word.equals("import")) {
                problems.add(problem(source, t, "'import' is not allowed in a rule file: rules may call only"
                        + " the EPL functions, Math and the score classes (com.nexussaude.monitor.score)"));
            } else if (word.equals("inlined_class")) {
                problems.add(problem(source, t, "an inlined Java class (inlined_class) is not allowed in a rule file"));
            } else if (word.equals("dataflow") && i > 0 && tokens.get(i - 1).word("create")) {
                problems.add(problem(source, t, "'create dataflow' is not allowed in a rule file"));
            } else if (word.equals("new") && i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.IDENT) {
                problems.add(problem(source, t, "'new " + dotted(tokens, i + 1) + "(...)' instantiates a Java class;"
                        + " not allowed in a rule file (new { name = value } is)"));
            } else if (JOIN_PREFIXES.contains(word) && next(tokens, i, ":")) {
                problems.add(problem(source, t, "a '" + t.text + ":' join runs " + (word.equals("sql") ? "SQL"
                        : "a Java method") + "; not allowed in a rule file"));
            } else if (word.equals("expression") && isScript(tokens, i)) {
                problems.add(problem(source, t, "a script expression (expression dialect:name(...) [...]) is not"
                        + " allowed in a rule file; declare it as expression name { ... }"));
            } else if (word.equals("as") && i >= 3 && tokens.get(i - 2).word("schema") && tokens.get(i - 3).word("create")
                    && i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.IDENT
                    && !dotted(tokens, i + 1).startsWith(OWN_PACKAGE)) {
                problems.add(problem(source, t, "'create schema " + tokens.get(i - 1).text + " as "
                        + dotted(tokens, i + 1) + "' makes an event type of a Java class; not allowed in a rule file"
                        + " (declare its fields: create schema " + tokens.get(i - 1).text + " (name type, ...))"));
            } else if (next(tokens, i, "(") && i > 0 && tokens.get(i - 1).is(".")) {
                String receiver = receiver(tokens, i - 1);
                boolean allowed = allowedClass(receiver)
                        || (ALLOWED_METHODS.contains(word) || SCORE_RESULT_METHODS.contains(word))
                        && (receiver == null || !javaClass(receiver));
                if (!allowed) {
                    problems.add(problem(source, t, "call of '" + (receiver == null ? "" : receiver) + "." + t.text
                            + "(...)' is not allowed in a rule file: rules may call the EPL functions, Esper's"
                            + " enumeration and date-time methods, Math and the score classes"
                            + " (com.nexussaude.monitor.score), not other Java methods"));
                }
            }
        }
        return problems;
    }

    private static Set<String> scoreMethods(Class<?>... classes) {
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (Class<?> c : classes) {
            for (java.lang.reflect.Method m : c.getMethods()) {
                if (m.getDeclaringClass() != Object.class && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                    names.add(m.getName().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(names);
    }

    private static Set<String> lower(String... names) {
        java.util.HashSet<String> set = new java.util.HashSet<>();
        for (String n : names) {
            set.add(n.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(set);
    }

    private static Problem problem(String source, Token t, String message) {
        return new Problem(source, t.line, message);
    }

    private static boolean next(List<Token> tokens, int i, String punct) {
        return i + 1 < tokens.size() && tokens.get(i + 1).is(punct);
    }

    /** {@code a.b.c} starting at {@code i}, as far as it goes (stops before a call's name). */
    private static String dotted(List<Token> tokens, int i) {
        StringBuilder sb = new StringBuilder(tokens.get(i).text);
        int k = i + 1;
        while (k + 1 < tokens.size() && tokens.get(k).is(".") && tokens.get(k + 1).kind == Kind.IDENT) {
            sb.append('.').append(tokens.get(k + 1).text);
            k += 2;
        }
        return sb.toString();
    }

    /**
     * The dotted name before the dot at {@code dot} ({@code java.lang.Math} in {@code java.lang.Math.abs(}),
     * or null when the receiver is an expression's value ({@code f(x).get(}).
     */
    private static String receiver(List<Token> tokens, int dot) {
        int k = dot - 1;
        if (k < 0 || tokens.get(k).kind != Kind.IDENT) {
            return null;
        }
        StringBuilder sb = new StringBuilder(tokens.get(k).text);
        while (k - 2 >= 0 && tokens.get(k - 1).is(".") && tokens.get(k - 2).kind == Kind.IDENT) {
            k -= 2;
            sb.insert(0, tokens.get(k).text + ".");
        }
        if (k - 1 >= 0 && tokens.get(k - 1).is(".")) {
            return null; // the chain hangs off a call's value
        }
        return sb.toString();
    }

    private static boolean allowedClass(String receiver) {
        if (receiver == null) {
            return false;
        }
        if (ALLOWED_CLASSES.contains(receiver)) {
            return true;
        }
        String name = receiver.startsWith(SCORE_PACKAGE) ? receiver : SCORE_PACKAGE + receiver;
        if (name.substring(SCORE_PACKAGE.length()).contains(".")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(name, false, RuleFence.class.getClassLoader());
            return java.lang.reflect.Modifier.isPublic(c.getModifiers());
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Whether a dotted receiver names a Java class rather than a stream, property or alias: a qualified
     * name in a Java package, or a class Esper imports by default (java.lang, java.util, java.math,
     * java.text). An allowed method name ({@code size}, {@code get}) on a class is still a static call.
     */
    private static boolean javaClass(String receiver) {
        int dot = receiver.indexOf('.');
        if (dot > 0 && Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io", "groovy", "kotlin", "scala")
                .contains(receiver.substring(0, dot))) {
            return true;
        }
        if (dot > 0) {
            return false;
        }
        for (String pkg : new String[] {"java.lang.", "java.util.", "java.math.", "java.text."}) {
            try {
                Class.forName(pkg + receiver, false, RuleFence.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this package
            }
        }
        return false;
    }

    /** {@code expression [type] dialect:name(...) [ ... ]}: a name followed by a colon before any brace. */
    private static boolean isScript(List<Token> tokens, int i) {
        for (int k = i + 1; k < tokens.size() && k <= i + 4; k++) {
            Token t = tokens.get(k);
            if (t.is("{") || t.is(";")) {
                return false;
            }
            if (t.is("[") || t.is(":")) {
                return true;
            }
        }
        return false;
    }

    enum Kind { IDENT, NUMBER, STRING, TRIPLE, PUNCT }

    record Token(Kind kind, String text, int line) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean word(String w) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(w);
        }
    }

    /** EPL's lexical structure, as far as the fence needs it: comments and strings never hold code. */
    static final class Lexer {
        private final String s;
        private int pos;
        private int line = 1;
        private final List<Token> out = new ArrayList<>();

        private Lexer(String s) {
            this.s = s;
        }

        static List<Token> tokens(String epl) {
            Lexer l = new Lexer(epl);
            l.run();
            return l.out;
        }

        private void run() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (s.startsWith("//", pos)) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    skipTo(end < 0 ? s.length() : end + 2);
                } else if (s.startsWith("\"\"\"", pos)) {
                    int start = line;
                    int end = s.indexOf("\"\"\"", pos + 3);
                    skipTo(end < 0 ? s.length() : end + 3);
                    out.add(new Token(Kind.TRIPLE, "\"\"\"", start));
                } else if (c == '\'' || c == '"') {
                    int start = line;
                    pos++;
                    while (pos < s.length() && s.charAt(pos) != c) {
                        if (s.charAt(pos) == '\\') {
                            pos++;
                        }
                        if (pos < s.length() && s.charAt(pos) == '\n') {
                            line++;
                        }
                        pos++;
                    }
                    pos++;
                    out.add(new Token(Kind.STRING, "'", start));
                } else if (c == '`') {
                    int end = s.indexOf('`', pos + 1);
                    int stop = end < 0 ? s.length() : end;
                    out.add(new Token(Kind.IDENT, s.substring(pos + 1, stop), line));
                    skipTo(Math.min(s.length(), stop + 1));
                } else if (Character.isJavaIdentifierStart(c)) {
                    int start = pos;
                    while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) {
                        pos++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(start, pos), line));
                } else if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                            && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
                        pos++;
                    }
                    out.add(new Token(Kind.NUMBER, s.substring(start, pos), line));
                } else {
                    out.add(new Token(Kind.PUNCT, String.valueOf(c), line));
                    pos++;
                }
            }
        }

        private void skipTo(int end) {
            for (int k = pos; k < end; k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                }
            }
            pos = end;
        }
    }
}
