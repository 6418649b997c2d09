package io.llmopt.cli;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * How every help page is laid out, whatever the command. Descriptions are written in source as
 * lines of a paragraph; picocli would print each as its own line, so they are joined back. A
 * command list shows each command's first whole sentence (picocli shows a description's first
 * line, cut wherever the source line ended). Examples too long for the page continue on the next
 * line after a shell continuation ({@code \}), broken between words and never inside a quoted
 * argument or a URL, so they can still be pasted.
 */
final class HelpLayout {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

    private HelpLayout() {
    }

    /** Applies the layout to {@code cl} and every command under it. */
    static void apply(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.description(joinParagraphs(usage.description()));
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                apply(sub);
            }
        }
    }

    /** Joins lines of a paragraph: a line that does not end a sentence goes on with the next one. */
    static String[] joinParagraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean continues = current != null && !line.isBlank() && !line.startsWith(" ") && !line.startsWith("-")
                    && !endsSentence(current.toString());
            if (continues) {
                current.append(' ').append(line.strip());
            } else {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    private static boolean endsSentence(String s) {
        String t = s.stripTrailing();
        return t.isEmpty() || t.endsWith(".") || t.endsWith(":") || t.endsWith("!") || t.endsWith("?");
    }

    /** A command's summary: its header's first line, or its description's first whole sentence. */
    static String summary(CommandLine.Model.CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0 && !header[0].isBlank()) {
            return header[0];
        }
        String[] description = joinParagraphs(spec.usageMessage().description());
        if (description.length == 0) {
            return "";
        }
        String first = formatted(description[0]);
        Matcher m = SENTENCE_END.matcher(first);
        return m.find() ? first.substring(0, m.end()) : first;
    }

    /** A help text as picocli prints it: texts are format strings ("95%% interval"). */
    static String formatted(String text) {
        try {
            return String.format(Locale.ROOT, text);
        } catch (IllegalFormatException e) {
            return text;
        }
    }

    private static String commandList(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        int names = 0;
        for (Help sub : subcommands.values()) {
            names = Math.max(names, sub.commandNamesText(", ").plainString().length());
        }
        int nameColumn = Math.min(names + 4, width / 3);
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(nameColumn, 2, Column.Overflow.SPAN),
                new Column(width - nameColumn, 2, Column.Overflow.WRAP));
        for (Help sub : subcommands.values()) {
            table.addRowValues(sub.commandNamesText(", "), help.colorScheme().text(summary(sub.commandSpec())));
        }
        return table.toString();
    }

    private static String footer(Help help) {
        String[] lines = help.commandSpec().usageMessage().footer();
        int room = help.commandSpec().usageMessage().width();
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            for (String out : wrap(formatted(line), room)) {
                sb.append(out).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /**
     * One footer line as page lines of at most {@code room} columns where words allow: an indented
     * line (an example) continues with " \" and four more spaces of indent; a prose line simply wraps.
     */
    static List<String> wrap(String line, int room) {
        if (line.length() <= room) {
            return List.of(line);
        }
        int indent = line.length() - line.stripLeading().length();
        boolean example = indent > 0;
        String continuation = example ? " \\" : "";
        String nextIndent = " ".repeat(example ? indent + 4 : indent);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder(line.substring(0, indent));
        boolean empty = true;
        for (String word : words(line.substring(indent))) {
            if (!empty && current.length() + 1 + word.length() + continuation.length() > room) {
                out.add(current + continuation);
                current = new StringBuilder(nextIndent);
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        out.add(current.toString());
        return out;
    }

    /** Words split at spaces outside quotes: a quoted argument stays whole. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote == 0 && c == ' ') {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }
}
