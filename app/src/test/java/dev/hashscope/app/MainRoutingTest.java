package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The installed launcher runs the command line for every command the CLI has: a command missing from
 * {@link Main#CLI_COMMANDS} would open the desktop app instead (as {@code hashscope live} once did).
 */
class MainRoutingTest {
    @Test
    void everyCommandOfTheCliIsRoutedToTheCli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        dev.hashscope.cli.Main.run(new String[]{"help"}, ps, ps);
        Matcher m = Pattern.compile("(?m)^  ([a-z]+) ").matcher(out.toString(StandardCharsets.UTF_8));
        List<String> commands = m.results().map(r -> r.group(1)).toList();
        assertTrue(commands.containsAll(List.of("analyze", "live", "help")), commands.toString());
        for (String c : commands) {
            assertTrue(Main.CLI_COMMANDS.contains(c), c + " is not routed to the command line");
        }
    }
}
