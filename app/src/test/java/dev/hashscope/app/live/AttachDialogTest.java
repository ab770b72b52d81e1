package dev.hashscope.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.task.FxTaskRunner;
import dev.hashscope.live.LiveTarget;
import dev.hashscope.samples.HashtableContention;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The attach dialog, headless: it lists a running JVM off the FX thread and builds the target the user chose. */
@ExtendWith(ApplicationExtension.class)
class AttachDialogTest {
    private FxTaskRunner runner;
    private AttachDialog dialog;
    private Process child;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = new File(HashtableContention.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getPath();
        child = new ProcessBuilder(java, "-Xmx64m", "-Dhashscope.sample.seconds=60", "-cp", cp,
                HashtableContention.class.getName()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        runner = new FxTaskRunner();
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fx(() -> {
            if (dialog != null) {
                dialog.close();
            }
            return null;
        });
        runner.shutdown();
        FxToolkit.cleanupStages();
    }

    @Test
    void listsTheRunningWorkloadAndReturnsTheChosenPid() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        boolean listed = false;
        while (!listed && System.nanoTime() < deadline) {
            // A fresh dialog lists again: the child may not have been attachable at the first listing.
            fx(() -> {
                if (dialog != null) {
                    dialog.close();
                }
                dialog = new AttachDialog(runner);
                dialog.initOwner(stage);
                dialog.show();
                return null;
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (!listed && System.nanoTime() < until) {
                WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
                listed = fx(() -> dialog.table().getItems().stream().anyMatch(j -> j.pid() == child.pid()));
            }
        }
        assertTrue(listed, "the child JVM is listed");
        LiveTarget chosen = fx(() -> {
            dialog.table().getItems().stream().filter(j -> j.pid() == child.pid()).findFirst()
                    .ifPresent(j -> dialog.table().getSelectionModel().select(j));
            assertTrue(dialog.table().getSelectionModel().getSelectedItem().mainClass()
                    .endsWith("HashtableContention"));
            ((Button) dialog.getDialogPane().lookupButton(AttachDialog.CONNECT)).fire();
            return dialog.getResult();
        });
        assertEquals(new LiveTarget.Local(child.pid()), chosen);
    }

    @Test
    void theRemoteTabWarnsAboutUnauthenticatedRemoteJmxAndBuildsTheTarget() throws Exception {
        LiveTarget chosen = fx(() -> {
            dialog = new AttachDialog(runner);
            dialog.initOwner(stage);
            dialog.show();
            dialog.tabs().getSelectionModel().select(1);
            javafx.scene.control.TextField url = (javafx.scene.control.TextField) dialog.getDialogPane()
                    .lookup("#attach-url");
            url.setText("db1.example.com:9010");
            assertTrue(dialog.securityWarning().startsWith("⚠ No authentication"), dialog.securityWarning());
            url.setText("localhost:9010");
            assertEquals("", dialog.securityWarning(), "loopback needs no warning");
            ((Button) dialog.getDialogPane().lookupButton(AttachDialog.CONNECT)).fire();
            return dialog.getResult();
        });
        LiveTarget.Remote r = assertInstanceOf(LiveTarget.Remote.class, chosen);
        assertEquals("service:jmx:rmi:///jndi/rmi://localhost:9010/jmxrmi", r.serviceUrl());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
