package io.checkoutrelay.localstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSnippetsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheMarkedCodeBlocksExactlyAndOnlyThose() throws IOException {
        Path page = page("""
                # Guide
                ```sh
                echo unmarked
                ```
                <!-- snippet: first -->
                ```html
                <p>one</p>
                  <p>indented</p>
                ```
                text
                <!--snippet: second-one-->
                ```sh
                curl -i "$INTAKE/x"
                ```
                """);
        MarkdownSnippets snippets = MarkdownSnippets.of(page);
        assertThat(snippets.names()).containsExactly("first", "second-one");
        assertThat(snippets.get("first")).isEqualTo("<p>one</p>\n  <p>indented</p>\n");
        assertThat(snippets.get("second-one")).isEqualTo("curl -i \"$INTAKE/x\"\n");
        assertThatThrownBy(() -> snippets.get("third")).hasMessageContaining("has no snippet third");
    }

    @Test
    void aMarkerWithoutACodeBlockOrMarkedTwiceIsAnError() throws IOException {
        assertThatThrownBy(() -> MarkdownSnippets.of(page("<!-- snippet: lost -->\ntext\n")))
                .hasMessageContaining("snippet lost is not followed by a code block");
        assertThatThrownBy(() -> MarkdownSnippets.of(page("<!-- snippet: a -->\n```\nx\n```\n<!-- snippet: a -->\n```\ny\n```\n")))
                .hasMessageContaining("snippet a is marked twice");
        assertThatThrownBy(() -> MarkdownSnippets.of(page("<!-- snippet: open -->\n```\nx\n")))
                .hasMessageContaining("snippet open has no closing fence");
    }

    private Path page(String text) throws IOException {
        Path page = Files.createTempFile(dir, "page", ".md");
        Files.writeString(page, text);
        return page;
    }
}
