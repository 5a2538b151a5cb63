package io.checkoutrelay.deployment.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md, docs/ and the modules' READMEs leads to a file of this repository
 * (and to a heading of it, when it names one): a reader following the documentation never lands on
 * nothing, nor outside the clone.
 */
class DocumentationLinksTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyRelativeLinkOfTheDocumentationLeadsSomewhereInTheRepository() throws IOException {
        List<Path> pages = documentation();
        assertThat(pages).as("the pages checked").contains(ROOT.resolve("README.md"),
                ROOT.resolve("docs/architecture.md"), ROOT.resolve("docs/contracts.md"),
                ROOT.resolve("docs/external-apis.md"), ROOT.resolve("docs/merchant-setup.md"),
                ROOT.resolve("order-intake/README.md"));
        MarkdownLinks links = new MarkdownLinks(ROOT);
        List<String> problems = pages.stream().flatMap(page -> links.problems(page).stream()).toList();
        assertThat(problems).as("broken links").isEmpty();
    }

    @Test
    void theCheckFindsAMissingFileALinkOutOfTheRepositoryAndAMissingHeading(@TempDir Path repository) throws IOException {
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("docs/guide.md"), "# The guide\n## Step one\n");
        Path readme = repository.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "[fine](docs/guide.md) and [fine anchor](docs/guide.md#step-one), [web](https://example.com/x)",
                "[gone](docs/missing.md)",
                "[outside](../shared/design/ARCHITECTURE.md)",
                "[no such heading](docs/guide.md#step-two)",
                "`[in code](nowhere.md)`",
                "```",
                "[in a fence](nowhere.md)",
                "```"));

        assertThat(new MarkdownLinks(repository).problems(readme)).containsExactly(
                "README.md:2: docs/missing.md: no such file",
                "README.md:3: ../shared/design/ARCHITECTURE.md: points outside the repository",
                "README.md:4: docs/guide.md#step-two: no heading with the id #step-two in docs/guide.md");
    }

    @Test
    void headingIdsAreGitHubs() {
        assertThat(MarkdownLinks.headingId("Name split rule (what CheckoutChamp gets as firstName / lastName)"))
                .isEqualTo("name-split-rule-what-checkoutchamp-gets-as-firstname--lastname");
        assertThat(MarkdownLinks.headingId("Settings (besides those of [contracts.md](../docs/contracts.md#settings))"))
                .isEqualTo("settings-besides-those-of-contractsmd");
        assertThat(MarkdownLinks.headingId("`POST /v1/checkouts` — a new order")).isEqualTo("post-v1checkouts--a-new-order");
    }

    /** README.md, every Markdown file under docs/, and every other README (modules, the Helm chart) outside build output. */
    static List<Path> documentation() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs")); Stream<Path> readmes = Files.walk(ROOT, 4)) {
            Stream<Path> docPages = docs.filter(p -> p.toString().endsWith(".md"));
            Stream<Path> otherReadmes = readmes.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> ROOT.relativize(p).toString().split("/").length > 1)
                    .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|node_modules|\\..*)/.*"));
            return Stream.of(Stream.of(ROOT.resolve("README.md")), docPages, otherReadmes)
                    .flatMap(s -> s).distinct().sorted().toList();
        }
    }
}
