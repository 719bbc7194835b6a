// litgraph — a real Neo4j 5.26 Community server for the Neo4j sink's tests and benchmark.
// Runs Neo4j in-process (org.neo4j.test:neo4j-harness) with Bolt only, on 127.0.0.1:PORT, no TLS.
//   java -cp "$(cat tools/neo4j/cp.txt)" tools/neo4j/Launcher.java PORT DIR [--auth PASSWORD] [--from HOME] [--pagecache-mb N] [--gds]
// Auth is off unless --auth gives the password of user `neo4j`. --from copies the store of an
// earlier server's home (kept after a kill -9) so a test can restart on the same data. The page
// cache is 512 MiB unless --pagecache-mb says otherwise (the harness's own default, 8 MiB, makes
// a 100k-node import crawl through page faults). --gds registers the Graph Data Science
// procedures and functions (GDS 2.13, open edition, on the classpath through pom.xml); without it
// the server is plain Neo4j and starts a few seconds sooner.
// Prints "litgraph-neo4j ready <bolt uri> <home>" once serving; closes cleanly on SIGTERM.
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

public class Launcher {
    /**
     * Registers every GDS procedure and function class. Neo4j finds procedures only in jars of its
     * plugin folder, not on the classpath; GDS's jars list their procedure and function classes in
     * META-INF/services files, so registering those with the harness avoids scanning ~110 jars.
     * The kernel extension the procedures inject (opengds-extension) loads from the classpath.
     */
    static Neo4jBuilder withGds(Neo4jBuilder builder) throws Exception {
        ClassLoader loader = Launcher.class.getClassLoader();
        for (String kind : new String[] {"Procedure", "UserFunction"}) {
            Enumeration<URL> lists = loader.getResources("META-INF/services/org.neo4j.procedure." + kind);
            while (lists.hasMoreElements()) {
                String text;
                try (InputStream in = lists.nextElement().openStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String line : text.split("\\R")) {
                    String name = line.replaceAll("#.*", "").trim();
                    if (!name.startsWith("org.neo4j.gds.")) continue;
                    Class<?> type = Class.forName(name, false, loader);
                    builder = kind.equals("Procedure") ? builder.withProcedure(type) : builder.withFunction(type);
                }
            }
        }
        // GDS reads the store through internal APIs, which Neo4j allows only to unrestricted procedures.
        return builder.withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String password = null, from = null;
        long pagecacheMb = 512;
        boolean gds = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--gds")) gds = true;
            else if (i + 1 < args.length && args[i].equals("--auth")) password = args[++i];
            else if (i + 1 < args.length && args[i].equals("--from")) from = args[++i];
            else if (i + 1 < args.length && args[i].equals("--pagecache-mb")) pagecacheMb = Long.parseLong(args[++i]);
        }
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(Path.of(args[1])).withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .withConfig(GraphDatabaseSettings.auth_enabled, password != null)
            .withConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0); // stop in ~1 s, not 11
        if (gds) builder = withGds(builder);
        if (from != null) builder = builder.copyFrom(Path.of(from));
        Neo4j neo4j = builder.build();
        if (password != null) {
            // Embedded transactions bypass auth: set the password so Bolt clients must present it.
            try {
                neo4j.databaseManagementService().database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
            } catch (RuntimeException e) {
                boolean same = false; // a store copied with --from already has this password
                for (Throwable t = e; t != null; t = t.getCause()) same |= String.valueOf(t.getMessage()).contains("cannot be the same");
                if (!same) { neo4j.close(); throw e; }
            }
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { neo4j.close(); closed.countDown(); }));
        System.out.println("litgraph-neo4j ready " + neo4j.boltURI() + " " + neo4j.config().get(GraphDatabaseSettings.neo4j_home));
        System.out.flush();
        closed.await();
    }
}
