package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.Objects;
import java.util.Set;

/**
 * Selects alerts by rule, key, category and severity range, for {@link Silence}s and
 * {@link InhibitionRule}s. An empty set or a {@code null} bound matches anything; an alert matches
 * when it matches every criterion.
 *
 * @param rules       rule ids ({@code "threshold"}, {@code "news2"}, …)
 * @param keys        alert keys (for the threshold and technical packs, the vital: {@code "SPO2"})
 * @param categories  physiological, technical
 * @param minSeverity lowest severity matched, inclusive
 * @param maxSeverity highest severity matched, inclusive
 * @since 0.1
 */
public record AlertMatcher(Set<String> rules, Set<String> keys, Set<Category> categories, Severity minSeverity,
                           Severity maxSeverity) {
    private static final AlertMatcher ANY = new AlertMatcher(Set.of(), Set.of(), Set.of(), null, null);

    /**
     * Copies the sets and checks that the severity range is not empty.
     *
     * @param rules rule ids ({@code "threshold"}, {@code "news2"}, …)
     * @param keys alert keys (for the threshold and technical packs, the vital: {@code "SPO2"})
     * @param categories physiological, technical
     * @param minSeverity lowest severity matched, inclusive
     * @param maxSeverity highest severity matched, inclusive
     */
    public AlertMatcher {
        rules = Set.copyOf(Objects.requireNonNull(rules, "rules"));
        keys = Set.copyOf(Objects.requireNonNull(keys, "keys"));
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
        if (minSeverity != null && maxSeverity != null && minSeverity.isAbove(maxSeverity)) {
            throw new IllegalArgumentException("minSeverity " + minSeverity + " is above maxSeverity " + maxSeverity);
        }
    }

    /**
     * Matches every alert.
     *
     * @return a matcher with no criteria
     */
    public static AlertMatcher any() {
        return ANY;
    }

    /**
     * Alerts of these rules.
     *
     * @param ruleIds the rule ids to match ({@code "threshold"}, {@code "news2"}…); none matches any rule
     * @return a matcher for alerts of these rules
     */
    public static AlertMatcher rules(String... ruleIds) {
        return ANY.withRules(ruleIds);
    }

    /**
     * This matcher, restricted to these rules.
     *
     * @param ruleIds the rule ids to match; replaces any earlier rule criterion
     * @return this matcher, restricted to these rules
     */
    public AlertMatcher withRules(String... ruleIds) {
        return new AlertMatcher(Set.of(ruleIds), keys, categories, minSeverity, maxSeverity);
    }

    /**
     * This matcher, restricted to these keys.
     *
     * @param alertKeys the alert keys to match (e.g. {@code SPO2}); replaces any earlier key criterion
     * @return this matcher, restricted to these keys
     */
    public AlertMatcher withKeys(String... alertKeys) {
        return new AlertMatcher(rules, Set.of(alertKeys), categories, minSeverity, maxSeverity);
    }

    /**
     * This matcher, restricted to these categories.
     *
     * @param cats the categories to match; replaces any earlier category criterion
     * @return this matcher, restricted to these categories
     */
    public AlertMatcher withCategories(Category... cats) {
        return new AlertMatcher(rules, keys, Set.of(cats), minSeverity, maxSeverity);
    }

    /**
     * This matcher, restricted to severities from {@code min} up.
     *
     * @param min the least severity matched; null for no lower limit
     * @return this matcher, restricted to severities from {@code min} up
     */
    public AlertMatcher atLeast(Severity min) {
        return new AlertMatcher(rules, keys, categories, min, maxSeverity);
    }

    /**
     * This matcher, restricted to severities up to {@code max}.
     *
     * @param max the greatest severity matched; null for no upper limit
     * @return this matcher, restricted to severities up to {@code max}
     */
    public AlertMatcher atMost(Severity max) {
        return new AlertMatcher(rules, keys, categories, minSeverity, max);
    }

    /**
     * True if the alert matches every criterion.
     *
     * @param a the alert; not null
     * @return true if the alert matches every criterion
     */
    public boolean matches(Alert a) {
        return matches(a.ruleId(), a.key(), a.category(), a.severity());
    }

    /**
     * True if an alert with these properties matches every criterion.
     *
     * @param ruleId the alert's rule id
     * @param key the alert's key
     * @param category the alert's category
     * @param severity the alert's severity
     * @return true if an alert with these properties matches every criterion
     */
    public boolean matches(String ruleId, String key, Category category, Severity severity) {
        return (rules.isEmpty() || rules.contains(ruleId))
                && (keys.isEmpty() || keys.contains(key))
                && (categories.isEmpty() || categories.contains(category))
                && (minSeverity == null || !minSeverity.isAbove(severity))
                && (maxSeverity == null || !severity.isAbove(maxSeverity));
    }
}
