package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RuleOutput reads a signal's severity and category as {@code fromWireName} does: same names, same errors. */
class RuleOutputWireNamesTest {
    @Test
    void everySeverityReadsAsFromWireNameReadsIt() {
        List<String> names = new ArrayList<>();
        for (Severity s : Severity.values()) {
            names.addAll(List.of(s.wireName(), s.name(), " " + s.wireName() + " ",
                    Character.toUpperCase(s.wireName().charAt(0)) + s.wireName().substring(1)));
        }
        for (String name : names) {
            assertThat(RuleOutput.severityOf(name)).as(name).isEqualTo(Severity.fromWireName(name));
        }
        assertThat(RuleOutput.severityOf("critical")).isEqualTo(Severity.CRITICAL);
        assertThat(RuleOutput.severityOf("low")).isEqualTo(Severity.LOW);
    }

    @Test
    void everyCategoryReadsAsFromWireNameReadsIt() {
        for (Category c : Category.values()) {
            for (String name : List.of(c.wireName(), c.name(), " " + c.wireName())) {
                assertThat(RuleOutput.categoryOf(name)).as(name).isEqualTo(Category.fromWireName(name));
            }
        }
        assertThat(RuleOutput.categoryOf("technical")).isEqualTo(Category.TECHNICAL);
    }

    @Test
    void aBadNameFailsAsFromWireNameFails() {
        for (String bad : new String[] {"urgent", "", null}) {
            String expected = messageOf(() -> Severity.fromWireName(bad));
            assertThatThrownBy(() -> RuleOutput.severityOf(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
            String expectedCategory = messageOf(() -> Category.fromWireName(bad));
            assertThatThrownBy(() -> RuleOutput.categoryOf(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expectedCategory);
        }
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an IllegalArgumentException");
    }
}
