import java.nio.file.Path;
import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.YamlConfigurationLoader;

/**
 * Loads a cassandra.yaml with Cassandra's own loader (run with Cassandra's class path as a single-file
 * program: java -cp 'lib/*' CassandraYamlCheck.java <file>). Cassandra rejects unknown keys and bad values here.
 */
public class CassandraYamlCheck {
    public static void main(String[] args) throws Exception {
        Config c = new YamlConfigurationLoader().loadConfig(Path.of(args[0]).toUri().toURL());
        System.out.println("cluster_name=" + c.cluster_name);
        System.out.println("num_tokens=" + c.num_tokens);
        System.out.println("listen_address=" + c.listen_address);
        System.out.println("native_transport_port=" + c.native_transport_port);
        System.out.println("data_file_directories=" + String.join(",", c.data_file_directories));
        System.out.println("endpoint_snitch=" + c.endpoint_snitch);
    }
}
