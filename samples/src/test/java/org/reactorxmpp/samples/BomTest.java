package org.reactorxmpp.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM ({@code reactor-xmpp/bom/pom.xml}) has no parent, so nothing keeps it in step with the build but this:
 * its version and release metadata equal the parent's, and it manages every module the build publishes.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void versionAndMetadataEqualTheParents() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("reactor-xmpp/bom/pom.xml"));

        assertThat(text(bom, "artifactId")).isEqualTo("reactor-xmpp-bom");
        assertThat(text(bom, "packaging")).isEqualTo("pom");
        assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
        for (String field : List.of("groupId", "url", "inceptionYear")) {
            assertThat(text(bom, field)).as(field).isEqualTo(text(parent, field));
        }
        for (String block : List.of("licenses", "developers", "scm")) {
            assertThat(child(bom, block).getTextContent().strip()).as(block)
                .isEqualTo(child(parent, block).getTextContent().strip());
        }
        assertThat(text(bom, "description")).isNotBlank();
    }

    @Test
    void managesEveryPublishedModule() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("reactor-xmpp/bom/pom.xml"));
        List<String> managed = new ArrayList<>();
        NodeList deps = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(text(d, "version")).isEqualTo("${project.version}");
            managed.add(text(d, "artifactId") + (child(d, "type") == null ? "" : ":" + text(d, "type")));
        }

        List<String> published = new ArrayList<>();
        NodeList modules = child(parent, "modules").getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            Element properties = child(pom, "properties");
            boolean skipped = properties != null && child(properties, "maven.deploy.skip") != null
                && "true".equals(text(properties, "maven.deploy.skip"));
            if (!skipped && !"pom".equals(text(pom, "packaging"))) {
                published.add(text(pom, "artifactId"));
            }
        }

        assertThat(published).containsExactlyInAnyOrder("reactor-xmpp", "reactor-bosh", "reactor-im",
            "reactor-bosh-fleet");
        assertThat(managed).containsAll(published).contains("reactor-xmpp:test-jar");
    }

    private static Element pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        return doc.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
