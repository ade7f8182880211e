package com.nexussaude.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * nexus-monitor-bom has no parent (so importing it pins nothing but Nexus Monitor), so nothing keeps it
 * in step with the build by itself: this test does. It lives here because the BOM module has no code.
 */
class BomTest {
    /** Modules of the build that are not shipped as libraries, so not in the BOM. */
    static final Set<String> NOT_SHIPPED = Set.of("nexus-monitor-bom", "nexus-monitor-examples", "benchmarks");

    static final Path ROOT = Path.of("..");

    @Test
    void theBomListsEveryShippedModuleAtTheBuildsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("nexus-monitor-bom/pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version"))
                .as("nexus-monitor-bom/pom.xml's version must be the parent's")
                .isEqualTo(child(parent.getDocumentElement(), "version"));

        List<String> shipped = new ArrayList<>(texts(parent, "module"));
        shipped.removeAll(NOT_SHIPPED);
        List<String> pinned = texts(bom, "artifactId").stream().filter(a -> !a.equals("nexus-monitor-bom")).toList();
        assertThat(pinned).as("the artifacts nexus-monitor-bom/pom.xml pins (add a new shipped module there)")
                .containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength()).as("the BOM's parent").isZero();
        assertThat(texts(bom, "license").toString()).contains("MIT").contains("GPL-2.0");
    }

    static Document read(Path pom) throws Exception {
        assertThat(pom).as("run from the module folder, as Maven does").exists();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    static String child(Element e, String name) {
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    static List<String> texts(Document d, String tag) {
        NodeList nodes = d.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }
}
