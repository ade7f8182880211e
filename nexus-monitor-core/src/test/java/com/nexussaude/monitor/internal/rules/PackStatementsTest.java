package com.nexussaude.monitor.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.annotation.Name;
import com.espertech.esper.common.client.annotation.Tag;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.common.client.util.StatementProperty;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled packs as deployed: every statement that processes events is named, and every statement that raises alerts
 * declares its severity and category as tags, so an operator reading the runtime (or a log line naming a
 * statement) knows what each one is for.
 */
class PackStatementsTest {
    /**
     * Declarations (variables, tables, schemas, expressions) process no events and need no name; every
     * other statement (selects, inserts, merges, named windows, contexts) must carry one.
     */
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(@\\w+(\\([^)]*\\))?\\s*)*create\\s+(variable|constant|table|expression|schema|objectarray|map|json|avro|xml)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyStatementIsNamedAndEveryAlertingStatementTagsSeverityAndCategory() throws Exception {
        Configuration cfg = EsperSetup.configuration();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("pack-statements-test", cfg);
        try {
            List<EPCompiled> path = new ArrayList<>();
            List<String> unnamed = new ArrayList<>();
            List<String> untagged = new ArrayList<>();
            Map<String, String> severities = new TreeMap<>();
            int alerting = 0;
            for (String pack : EsperSetup.PACKS) {
                EPCompiled compiled = EsperSetup.loadPack(pack, cfg, path);
                path.add(compiled);
                EPDeployment d = runtime.getDeploymentService().deploy(compiled);
                for (EPStatement s : d.getStatements()) {
                    String epl = String.valueOf(s.getProperty(StatementProperty.EPL));
                    String code = epl.replaceAll("(?m)//.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
                    if (find(s, Name.class) == null && !DECLARATION.matcher(code).find()) {
                        unnamed.add(pack + ": " + s.getName() + ": " + epl);
                    }
                    if (!code.contains("insert into AlertSignal")) {
                        continue;
                    }
                    alerting++;
                    String severity = tag(s, "severity");
                    String category = tag(s, "category");
                    if (severity == null || category == null) {
                        untagged.add(pack + ": " + s.getName() + " severity=" + severity + " category=" + category);
                    } else {
                        severities.put(s.getName(), severity + "/" + category);
                    }
                }
            }
            assertThat(unnamed).as("statements without @Name").isEmpty();
            assertThat(untagged).as("alerting statements without severity and category tags").isEmpty();
            assertThat(alerting).as("alerting statements found").isGreaterThanOrEqualTo(10);
            assertThat(severities.values()).allSatisfy(v -> assertThat(v).matches(
                    "(low|medium|high|critical)(\\|(low|medium|high|critical))*/(physiological|technical)"));
            System.out.println("alerting statements: " + severities);
        } finally {
            runtime.destroy();
        }
    }

    private static <A extends Annotation> A find(EPStatement s, Class<A> type) {
        for (Annotation a : s.getAnnotations()) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    private static String tag(EPStatement s, String name) {
        for (Annotation a : s.getAnnotations()) {
            if (a instanceof Tag t && t.name().equals(name)) {
                return t.value();
            }
        }
        return null;
    }
}
