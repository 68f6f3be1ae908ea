import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to one interface (by default 127.0.0.1) instead of every one.
 *
 * DynamoDB Local has no bind-address flag: its launcher, ServerRunner, builds a
 * DynamoDBProxyServer whose private field `server` is a Jetty Server with one ServerConnector
 * that has no host, which Jetty binds to every interface. This program builds the server the
 * same way (ServerRunner.createServerFromCommandLineArgs, which also applies -disableTelemetry),
 * sets every connector's host before anything is bound, then starts it.
 *
 * Run as a Java 17 single-file source program with DynamoDB Local on the class path:
 *
 *   java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackLauncher.java -host 127.0.0.1 -port 8000 ...
 *
 * `-host` is this program's own option; every other argument goes to DynamoDB Local unchanged.
 * Once bound it prints one line, "ocean-dynamo-local listening <host>:<port> <token>", where
 * the token is the value of `-startToken` (also this program's own), so that the process that
 * started it knows the port is held by this very process.
 */
public class LoopbackLauncher {
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    String token = "";
    List<String> passed = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-host") && i + 1 < args.length) {
        host = args[++i];
      } else if (args[i].equals("-startToken") && i + 1 < args.length) {
        token = args[++i];
      } else {
        passed.add(args[i]);
      }
    }

    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(passed.toArray(new String[0]));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);

    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setHost(host);
        bound++;
      }
    }
    if (bound == 0) {
      // A DynamoDB Local whose connectors changed shape: refuse rather than listen everywhere.
      System.err.println("Failed to bind: DynamoDB Local has no Jetty ServerConnector to restrict");
      System.exit(2);
    }

    try {
      proxy.safeStart();
    } catch (Exception e) {
      System.err.println("Failed to bind " + host + ": " + e);
      System.exit(1);
    }
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        System.out.println(
            "ocean-dynamo-local listening "
                + serverConnector.getHost()
                + ":"
                + serverConnector.getLocalPort()
                + " "
                + token);
      }
    }
    System.out.flush();
    jetty.join();
  }
}
