package dev.hashscope.app;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javafx.application.Application;

/**
 * Entry point of the app jar and of the installed {@code hashscope} launcher. A plain class, not an
 * {@link Application}: the JDK's launcher refuses to start an Application subclass whose JavaFX is on the class
 * path rather than the module path; going through this class it runs from the class path
 * ({@code java -jar hashscope-app.jar [FILE]}).
 *
 * <p>One launcher serves both faces of an install: {@code hashscope analyze x.jfr} (and the other commands of
 * {@link dev.hashscope.cli.Main}) runs the command line without starting JavaFX, {@code hashscope --self-check FILE}
 * the installers' smoke test ({@link SelfCheck}), and anything else ({@code hashscope}, {@code hashscope x.jfr},
 * {@code hashscope app x.jfr}) the desktop app.
 */
public final class Main {
    /** The command line's commands (dev.hashscope.cli.Main); a file of one of these names opens as {@code app NAME}. */
    static final Set<String> CLI_COMMANDS = Set.of("analyze", "summary", "flame", "live", "bench", "help", "--help",
            "-h");

    private Main() {
    }

    public static void main(String[] args) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String first = args.length == 0 ? "" : args[0];
        if (CLI_COMMANDS.contains(first)) {
            dev.hashscope.cli.Main.main(args);
        } else if (SelfCheck.FLAG.equals(first)) {
            System.exit(SelfCheck.run(rest, System.out, System.err));
        } else {
            Application.launch(HashscopeApp.class, "app".equals(first) ? rest.toArray(String[]::new) : args);
        }
    }
}
