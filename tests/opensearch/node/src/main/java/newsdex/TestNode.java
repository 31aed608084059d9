package newsdex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch node on loopback and writes its URL to {@code HOME/url} once it answers.
 *
 * <p>Usage: {@code java -cp ... newsdex.TestNode HOME}. The node keeps its data under HOME and runs
 * until the process is ended (node.sh stop sends SIGTERM; the shutdown hook closes the node).
 */
public final class TestNode {
    /** A Node whose plugins come from the classpath instead of a plugins folder. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings) {
            super(
                InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> "newsdex-test"),
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class),
                true
            );
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TestNode HOME");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home);
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "newsdex-test")
            .put("node.name", "newsdex-test")
            .put("network.host", "127.0.0.1")
            // A range: the node takes the first free port, so two test runs never collide.
            .put("http.port", "9250-9349")
            .put("transport.port", "9350-9449")
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A nearly full CI disk must not turn the test index read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            .build();
        LogConfigurator.configureWithoutConfig(settings);

        Node node = new ClasspathNode(settings);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                System.err.println("closing the node: " + e);
            }
            closed.countDown();
        }));
        node.start();

        TransportAddress address = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        String url = "http://" + address.getAddress() + ":" + address.getPort();
        // Written whole then renamed, so a reader never sees half a URL.
        Path tmp = home.resolve("url.tmp");
        Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, home.resolve("url"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("newsdex test node listening on " + url);
        closed.await();
    }
}
