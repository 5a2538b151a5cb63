package io.checkoutrelay.localstack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a documentation page that are marked {@code <!-- snippet: name -->} on the line
 * before their opening fence, by name, exactly as a reader copies them: tests run what the docs show,
 * not a copy of it.
 */
public final class MarkdownSnippets {

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*([a-z0-9-]+)\\s*-->\\s*$");

    private final Path guide;
    private final Map<String, String> snippets;

    private MarkdownSnippets(Path guide, Map<String, String> snippets) {
        this.guide = guide;
        this.snippets = snippets;
    }

    public static MarkdownSnippets of(Path guide) {
        List<String> lines;
        try {
            lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the guide " + guide + " cannot be read", e);
        }
        Map<String, String> snippets = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).trim());
            if (!marker.matches()) {
                continue;
            }
            String name = marker.group(1);
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
                throw new IllegalStateException(guide + ":" + (i + 1) + ": snippet " + name + " is not followed by a code block");
            }
            StringBuilder code = new StringBuilder();
            int line = i + 2;
            while (line < lines.size() && !lines.get(line).startsWith("```")) {
                code.append(lines.get(line)).append('\n');
                line++;
            }
            if (line == lines.size()) {
                throw new IllegalStateException(guide + ": snippet " + name + " has no closing fence");
            }
            if (snippets.put(name, code.toString()) != null) {
                throw new IllegalStateException(guide + ": snippet " + name + " is marked twice");
            }
            i = line;
        }
        return new MarkdownSnippets(guide, snippets);
    }

    /** The names of the marked snippets, in the page's order. */
    public java.util.Set<String> names() {
        return snippets.keySet();
    }

    public String get(String name) {
        String code = snippets.get(name);
        if (code == null) {
            throw new IllegalStateException(guide + " has no snippet " + name + " (marked <!-- snippet: " + name + " -->)");
        }
        return code;
    }
}
