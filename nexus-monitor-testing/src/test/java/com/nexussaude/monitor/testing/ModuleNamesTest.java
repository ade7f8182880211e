package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every jar of the build names its module on the module path (Automatic-Module-Name), so a host that uses
 * the module path gets stable names instead of ones guessed from file names. The name is set once per
 * module (the automatic.module.name property) and written into the manifest by the parent's jar plugin:
 * this test keeps both in step, as BomTest does for the BOM, and a module with a module-info.java
 * declares the same name. Core's real jar is checked on the module path
 * by ModulePathIT in nexus-monitor-core.
 */
class ModuleNamesTest {
    static final String PREFIX = "com.nexussaude.monitor.";
    static final Pattern MODULE_DECLARATION = Pattern.compile("(?m)^module\\s+([\\w.]+)\\s*\\{");

    @Test
    void everyModuleWithAJarNamesItsModuleOnceAndValidly() throws Exception {
        Document parent = BomTest.read(BomTest.ROOT.resolve("pom.xml"));
        Map<String, String> owner = new HashMap<>();
        List<String> modules = BomTest.texts(parent, "module").stream().filter(m -> !m.equals("nexus-monitor-bom")).toList();
        assertThat(modules).as("the parent's modules").contains("nexus-monitor-core", "nexus-monitor-notify-spi");
        for (String module : modules) {
            Document pom = BomTest.read(BomTest.ROOT.resolve(module).resolve("pom.xml"));
            String name = property(pom, "automatic.module.name");
            assertThat(name).as("%s/pom.xml: <properties><automatic.module.name>", module).isNotBlank();
            assertThat(name).as("%s/pom.xml: automatic.module.name", module).startsWith(PREFIX);
            assertThatCode(() -> ModuleDescriptor.newModule(name))
                    .as("%s/pom.xml: automatic.module.name %s is a legal module name", module, name)
                    .doesNotThrowAnyException();
            Path descriptor = BomTest.ROOT.resolve(module).resolve("src/main/java/module-info.java");
            if (Files.exists(descriptor)) {
                Matcher declared = MODULE_DECLARATION.matcher(Files.readString(descriptor));
                assertThat(declared.find()).as("%s declares a module", descriptor).isTrue();
                assertThat(declared.group(1)).as("the module %s declares", descriptor).isEqualTo(name);
            }
            String previous = owner.put(name, module);
            assertThat(previous).as("module name %s is also %s's", name, previous).isNull();
        }
    }

    @Test
    void theParentWritesTheNameIntoEachModulesOwnJar() throws Exception {
        Document parent = BomTest.read(BomTest.ROOT.resolve("pom.xml"));
        var xpath = XPathFactory.newInstance().newXPath();
        Element execution = (Element) xpath.evaluate(
                "/project/build/pluginManagement/plugins/plugin[artifactId='maven-jar-plugin']"
                        + "/executions/execution[id='default-jar']",
                parent, XPathConstants.NODE);
        assertThat(execution).as("pom.xml: the jar plugin's default-jar execution in pluginManagement").isNotNull();
        String entry = xpath.evaluate("configuration/archive/manifestEntries/Automatic-Module-Name", execution).trim();
        assertThat(entry).as("pom.xml: default-jar's Automatic-Module-Name manifest entry")
                .isEqualTo("${automatic.module.name}");
    }

    static String property(Document pom, String name) {
        List<String> found = new ArrayList<>();
        var nodes = pom.getDocumentElement().getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode().getNodeName().equals("properties")) {
                found.add(nodes.item(i).getTextContent().trim());
            }
        }
        assertThat(found).as("<%s> in <properties>", name).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }
}
