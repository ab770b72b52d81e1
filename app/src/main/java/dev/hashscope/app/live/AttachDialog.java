package dev.hashscope.app.live;

import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.live.LiveTarget;
import dev.hashscope.live.LocalJvms;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Chooses a JVM to stream: a local one from the Attach API's list (pid, main class, Java version; listed off the
 * UI thread, with Refresh), or a remote JMX agent by URL or host:port with optional user, password and TLS. The
 * password lives only in the returned target's memory.
 */
public final class AttachDialog extends Dialog<LiveTarget> {
    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final TaskRunner runner;
    private final ObservableList<LocalJvms.LocalJvm> jvms = FXCollections.observableArrayList();
    private final TableView<LocalJvms.LocalJvm> table = new TableView<>(jvms);
    private final Label listState = new Label();
    private final TextField url = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox tls = new CheckBox("TLS (the agent runs with com.sun.management.jmxremote.ssl=true)");
    private final Label warning = new Label();
    private final TabPane tabs = new TabPane();

    public AttachDialog(TaskRunner runner) {
        this.runner = runner;
        setTitle("Attach to a running JVM");
        setHeaderText("Stream a JVM's events live (the target needs JDK 16 or newer)");
        setResizable(true);

        Tab local = new Tab("Local JVM", localPane());
        Tab remote = new Tab("Remote (JMX)", remotePane());
        local.setId("attach-local");
        remote.setId("attach-remote");
        tabs.getTabs().addAll(local, remote);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        getDialogPane().setContent(tabs);
        getDialogPane().setPrefSize(760, 420);
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);

        Button connect = (Button) getDialogPane().lookupButton(CONNECT);
        connect.disableProperty().bind(Bindings.createBooleanBinding(() -> tabs.getSelectionModel().getSelectedItem()
                        == local ? table.getSelectionModel().getSelectedItem() == null : url.getText().isBlank(),
                tabs.getSelectionModel().selectedItemProperty(), table.getSelectionModel().selectedItemProperty(),
                url.textProperty()));
        setResultConverter(b -> {
            if (b != CONNECT) {
                password.clear();
                return null;
            }
            LiveTarget t = tabs.getSelectionModel().getSelectedItem() == local
                    ? new LiveTarget.Local(table.getSelectionModel().getSelectedItem().pid())
                    : new LiveTarget.Remote(url.getText(), user.getText().isBlank() ? null : user.getText().trim(),
                    password.getText().isEmpty() ? null : password.getText().toCharArray(), tls.isSelected());
            password.clear();
            return t;
        });
        refresh();
    }

    private VBox localPane() {
        TableColumn<LocalJvms.LocalJvm, Number> pid = new TableColumn<>("PID");
        pid.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pid()));
        pid.setPrefWidth(80);
        TableColumn<LocalJvms.LocalJvm, String> main = new TableColumn<>("Main class or jar");
        main.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().mainClass()));
        main.setPrefWidth(460);
        TableColumn<LocalJvms.LocalJvm, String> version = new TableColumn<>("Java");
        version.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().javaVersion()));
        version.setPrefWidth(110);
        table.getColumns().setAll(List.of(pid, main, version));
        table.setPlaceholder(new Label("No other JVM of this user is running."));
        table.setId("jvm-table");
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<LocalJvms.LocalJvm>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    ((Button) getDialogPane().lookupButton(CONNECT)).fire();
                }
            });
            return row;
        });
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> refresh());
        HBox bar = new HBox(10, refresh, listState);
        VBox box = new VBox(8, table, bar);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return box;
    }

    private VBox remotePane() {
        url.setPromptText("host:port, or service:jmx:rmi:///jndi/rmi://host:port/jmxrmi");
        user.setPromptText("optional");
        password.setPromptText("optional; kept in memory only");
        url.setId("attach-url");
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("JMX URL or host:port"), url);
        g.addRow(1, new Label("User"), user);
        g.addRow(2, new Label("Password"), password);
        g.add(tls, 1, 3);
        GridPane.setHgrow(url, Priority.ALWAYS);
        warning.getStyleClass().add("attach-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(Bindings.createStringBinding(this::securityWarning, url.textProperty(),
                user.textProperty(), tls.selectedProperty()));
        VBox box = new VBox(12, g, warning, new Label("The agent must be started with "
                + "-Dcom.sun.management.jmxremote.port=PORT (and authentication and TLS on untrusted networks).")) ;
        box.setPadding(new Insets(10));
        return box;
    }

    /** Unauthenticated or plain-text JMX to another machine lets anyone on the way control that JVM. */
    String securityWarning() {
        if (url.getText().isBlank()) {
            return "";
        }
        LiveTarget.Remote r = new LiveTarget.Remote(url.getText(), null, null, tls.isSelected());
        if (r.loopback()) {
            return "";
        }
        if (user.getText().isBlank()) {
            return "⚠ No authentication: anyone who can reach " + r.host() + "'s JMX port can control that JVM.";
        }
        return tls.isSelected() ? "" : "⚠ Without TLS the password crosses the network in clear text.";
    }

    private void refresh() {
        listState.setText("Listing JVMs …");
        runner.run(ctx -> LocalJvms.list(3000), new TaskCallbacks<>() {
            @Override
            public void succeeded(List<LocalJvms.LocalJvm> value) {
                jvms.setAll(value);
                listState.setText(value.size() + " JVM" + (value.size() == 1 ? "" : "s"));
                if (!value.isEmpty() && table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
            }

            @Override
            public void failed(Throwable error) {
                listState.setText("Cannot list local JVMs: " + error.getMessage());
            }
        });
    }

    /** For tests: the local list and the remote fields. */
    TableView<LocalJvms.LocalJvm> table() {
        return table;
    }

    TabPane tabs() {
        return tabs;
    }
}
