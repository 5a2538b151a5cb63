package io.checkoutrelay.deployment.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and what is wrong with each: a target that does not exist, a
 * target outside the repository, or an anchor ({@code file.md#heading}) that names no heading of the
 * target (GitHub's heading ids). Links inside fenced code blocks and inline code are not links.
 * Absolute URLs (http, https, mailto) are not checked: the build machines have no internet.
 */
final class MarkdownLinks {

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at whitespace or ')'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private final Path root;

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One problem per broken link: {@code file:line: target: what is wrong}. */
    List<String> problems(Path markdown) {
        List<String> problems = new ArrayList<>();
        List<String> lines = read(markdown);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                String problem = check(markdown, target);
                if (problem != null) {
                    problems.add(root.relativize(markdown.toAbsolutePath().normalize()) + ":" + (i + 1) + ": "
                            + target + ": " + problem);
                }
            }
        }
        return problems;
    }

    private String check(Path markdown, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: ...
        }
        int hash = target.indexOf('#');
        String file = hash >= 0 ? target.substring(0, hash) : target;
        String anchor = hash >= 0 ? target.substring(hash + 1) : null;
        Path resolved = file.isEmpty() ? markdown.toAbsolutePath().normalize()
                : markdown.toAbsolutePath().getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !headingIds(resolved).contains(anchor)) {
            return "no heading with the id #" + anchor + " in " + root.relativize(resolved);
        }
        return null;
    }

    /** GitHub's ids: lower case, punctuation other than '-' and '_' dropped, each space a '-'; repeats get -1, -2. */
    static Set<String> headingIds(Path markdown) {
        Set<String> ids = new HashSet<>();
        boolean fenced = false;
        for (String line : read(markdown)) {
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String base = headingId(heading.group(1));
                String id = base;
                for (int n = 1; !ids.add(id); n++) {
                    id = base + "-" + n;
                }
            }
        }
        return ids;
    }

    static String headingId(String headingText) {
        String text = headingText.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // a link's text only
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replaceAll("\\s", "-");
    }

    private static List<String> read(Path markdown) {
        try {
            return Files.readAllLines(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
