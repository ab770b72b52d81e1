package dev.hashscope.app;

import javafx.application.Application;

/**
 * Entry point of the app jar. A plain class, not an {@link Application}: the JDK's launcher refuses to start
 * an Application subclass whose JavaFX is on the class path rather than the module path; going through this
 * class it runs from the class path ({@code java -jar hashscope-app.jar [FILE]}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(HashscopeApp.class, args);
    }
}
