package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.RuleCompilationException.Problem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The allow-list for integrator rule files: what is outside the fence, named with its line; what is inside. */
class RuleFenceTest {

    @Test
    void everyBundledPackIsInsideTheFence() {
        for (String pack : EsperSetup.PACKS) {
            assertThat(RuleFence.check(pack + ".epl", EsperSetup.packSource(pack))).as(pack).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select java.lang.Runtime.getRuntime().exec('touch /tmp/x') from VitalSign | getRuntime",
            "select Runtime.getRuntime() from VitalSign | Runtime.getRuntime",
            "select System.exit(1) from VitalSign | System.exit",
            "select java.lang.System.setProperty('a', 'b') from VitalSign | setProperty",
            "select 'x'.getClass().forName('java.lang.Runtime') from VitalSign | getClass",
            "select java.util.Collections.emptyList().size() from VitalSign | java.util.Collections.emptyList",
            "select new java.io.File('/etc/passwd') from VitalSign | new java.io.File",
            "select * from VitalSign, method:com.x.Evil.rows() | method:",
            "select * from VitalSign, sql:db ['select 1'] | sql:",
            "expression string js:evil() [ java.lang.System.exit(0) ] select evil() from VitalSign | script expression",
            "create expression double mvel:twice(x) [ x * 2 ] | script expression",
            "@Hook(type=HookType.SQLCOL, hook='com.x.Evil') select * from VitalSign | @Hook",
            "@JsonSchema(className='com.x.Evil') create json schema J() | @JsonSchema",
            "create schema Evil as java.lang.ProcessBuilder | Java class",
            "create dataflow F BeaconSource -> s {} | create dataflow",
            "inlined_class \"\"\" public class X { } \"\"\" select 1 from VitalSign | inlined",
            "create inlined_class \"\"\" public class X { } \"\"\" | inlined",
    })
    void forbiddenConstructIsNamedWithItsLine(String statement, String named) {
        String epl = "// a rule file\n\n" + statement.replace(" from ", "\n  from ") + ";\n";
        List<Problem> problems = RuleFence.check("evil.epl", epl);
        assertThat(problems).isNotEmpty();
        assertThat(problems).extracting(Problem::source).containsOnly("evil.epl");
        assertThat(problems).extracting(Problem::line).allMatch(line -> line == 3 || line == 4);
        assertThat(problems).extracting(Problem::message).anyMatch(m -> m.contains(named));
    }

    @Test
    void importIsRejectedAtItsLine() {
        List<Problem> problems = RuleFence.check("imp.epl", "// header\nimport java.lang.*;\nselect * from VitalSign;\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("'import' is not allowed");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select News2.score(value, 1, 1, 1, 1, 'ALERT', false) from VitalSign",
            "select com.nexussaude.monitor.score.Qsofa.points(1, 2, false) from VitalSign",
            "select Math.round(value), java.lang.Math.abs(value), Math.max(1, 2) from VitalSign",
            "select window(*).where(v => v.value > 1).countOf() from VitalSign#time(1 min)",
            "select patientId.toUpperCase(), patientId.startsWith('bed') from VitalSign",
            "select evidence('a', 1).get('a') from VitalSign",
            "select new { a = 1 } as m from VitalSign",
            "expression twice { x => x * 2 } select twice(value) from VitalSign",
            "@Name('x') @Tag(name='a', value='b') @Priority(1) @public @buseventtype create schema S (a string)",
            "select 'Runtime.getRuntime().exec(1)' from VitalSign // java.lang.System.exit(0)",
            "select * from pattern [every a=VitalSign -> timer:interval(10 sec)]",
            "select * from VitalSign(value in [1:10])",
            "create schema S as (patientId string, n long)",
    })
    void plainEplTheScoresAndMathAreInside(String statement) {
        assertThat(RuleFence.check("ok.epl", statement + ";")).isEmpty();
    }
}
