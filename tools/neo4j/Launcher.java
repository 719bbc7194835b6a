// litgraph — a real Neo4j 5.26 Community server for the Neo4j sink's tests and benchmark.
// Runs Neo4j in-process (org.neo4j.test:neo4j-harness) with Bolt only, on 127.0.0.1:PORT, no TLS.
//   java -cp "$(cat tools/neo4j/cp.txt)" tools/neo4j/Launcher.java PORT DIR [--auth PASSWORD] [--from HOME]
// Auth is off unless --auth gives the password of user `neo4j`. --from copies the store of an
// earlier server's home (kept after a kill -9) so a test can restart on the same data.
// Prints "litgraph-neo4j ready <bolt uri> <home>" once serving; closes cleanly on SIGTERM.
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

public class Launcher {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String password = null, from = null;
        for (int i = 2; i + 1 < args.length; i += 2) {
            if (args[i].equals("--auth")) password = args[i + 1];
            else if (args[i].equals("--from")) from = args[i + 1];
        }
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(Path.of(args[1])).withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .withConfig(GraphDatabaseSettings.auth_enabled, password != null)
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0); // stop in ~1 s, not 11
        if (from != null) builder = builder.copyFrom(Path.of(from));
        Neo4j neo4j = builder.build();
        if (password != null) {
            // Embedded transactions bypass auth: set the password so Bolt clients must present it.
            neo4j.databaseManagementService().database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { neo4j.close(); closed.countDown(); }));
        System.out.println("litgraph-neo4j ready " + neo4j.boltURI() + " " + neo4j.config().get(GraphDatabaseSettings.neo4j_home));
        System.out.flush();
        closed.await();
    }
}
