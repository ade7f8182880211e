package com.nexussaude.monitor.internal.lifecycle;

import com.espertech.esper.common.client.annotation.Tag;
import com.espertech.esper.runtime.client.EPStatement;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules whose alerts headline an incident before the single-parameter alerts they co-occur with:
 * rules that combine several vitals (a shock pattern, NEWS2) explain them. A statement declares it with
 * {@code @Tag(name = 'headline', value = 'RULE')} naming the rule id(s) it raises ({@code 'a|b'} for
 * several), so a host's rule file takes part as the bundled packs do. Kept per deployment (a rule file's
 * deployment id, or {@code pack:NAME} for a bundled pack): replacing or undeploying a rule file withdraws
 * its rules. Same thread, same lock as {@link AlertBook}.
 */
public final class HeadlineRules {
    /** The tag's name. */
    static final String TAG = "headline";

    private final Map<String, Set<String>> byDeployment = new HashMap<>();
    private Set<String> all = Set.of();

    /**
     * The rule ids a deployment's statements tag as headline.
     *
     * @throws IllegalArgumentException naming the statement, when a headline tag names no rule id
     */
    public static Set<String> tagged(EPStatement[] statements) {
        Set<String> rules = new LinkedHashSet<>();
        for (EPStatement s : statements) {
            for (Annotation a : s.getAnnotations()) {
                if (a instanceof Tag t && t.name().equals(TAG)) {
                    for (String rule : t.value().split("\\|", -1)) {
                        if (rule.isBlank()) {
                            throw new IllegalArgumentException("statement '" + s.getName() + "': @Tag(name = '" + TAG
                                    + "', value = '" + t.value() + "') must name the rule id(s) the statement raises,"
                                    + " separated by '|', but names an empty one");
                        }
                        rules.add(rule.trim());
                    }
                }
            }
        }
        return rules;
    }

    private static final Pattern TAG_IN_SOURCE = Pattern.compile(
            "@Tag\\s*\\(\\s*name\\s*=\\s*'" + TAG + "'\\s*,\\s*value\\s*=\\s*'([^']*)'\\s*\\)");

    /**
     * The rule ids a bundled pack's EPL text tags as headline. The engine restores incidents from the
     * journal before its Esper runtime exists, so it reads the bundled packs' tags from their text (in the
     * form the packs write them; HeadlineRulesTest holds this to what the deployed statements declare).
     */
    public static Set<String> inSource(String epl) {
        String code = epl.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        Set<String> rules = new LinkedHashSet<>();
        Matcher m = TAG_IN_SOURCE.matcher(code);
        while (m.find()) {
            for (String rule : m.group(1).split("\\|")) {
                rules.add(rule.trim());
            }
        }
        return rules;
    }

    /** A deployment's headline rules count from now on (none: nothing changes). */
    public void deployed(String deploymentId, Set<String> rules) {
        if (!rules.isEmpty()) {
            byDeployment.put(deploymentId, Set.copyOf(rules));
            recount();
        }
    }

    /** An undeployed deployment's headline rules no longer count (unless another deployment tags them too). */
    public void undeployed(String deploymentId) {
        if (byDeployment.remove(deploymentId) != null) {
            recount();
        }
    }

    boolean contains(String ruleId) {
        return all.contains(ruleId);
    }

    /** Every headline rule, sorted: what the deployed statements declare. */
    List<String> rules() {
        List<String> out = new ArrayList<>(all);
        out.sort(null);
        return out;
    }

    private void recount() {
        Set<String> union = new LinkedHashSet<>();
        byDeployment.values().forEach(union::addAll);
        all = Set.copyOf(union);
    }
}
