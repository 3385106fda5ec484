package io.ringkeeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringkeeper.cloud.CloudProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Reads ringkeeper.yaml: parse the YAML, lay it over the bundled defaults, bind the result into immutable
 * records, validate. Any problem becomes a {@link ConfigException} whose message is one line naming the
 * file, the key and the fix. Unknown keys are errors: a typo must never be silently ignored.
 *
 * <p>An empty value ({@code key:} with nothing after it) means "the default". The selected cloud
 * provider's section (the top-level key named like the provider) is bound to the provider's own record.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("/etc/ringkeeper/ringkeeper.yaml");
    static final String ROOT_DEFAULTS = "io/ringkeeper/config/defaults.yaml";

    private final List<CloudProvider<?>> providers;
    private final YamlBinder yaml = new YamlBinder();

    public ConfigLoader(List<CloudProvider<?>> providers) {
        this.providers = List.copyOf(providers);
    }

    /** A loader that knows every cloud provider on the classpath. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static ConfigLoader withInstalledProviders() {
        List<CloudProvider<?>> found = new ArrayList<>();
        for (CloudProvider p : ServiceLoader.load(CloudProvider.class)) {
            found.add(p);
        }
        return new ConfigLoader(found);
    }

    public List<CloudProvider<?>> providers() {
        return providers;
    }

    public Optional<CloudProvider<?>> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public LoadedConfig load(Path file) {
        String shown = file.toString();
        ObjectNode user = yaml.readMapping(file);
        Path baseDir = YamlBinder.directoryOf(file);

        // Provider sections bind to the provider's own record; take them out before the root is bound.
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        for (CloudProvider<?> p : providers) {
            JsonNode section = user.remove(p.name());
            if (section != null) {
                sections.put(p.name(), section);
            }
        }

        JsonNode rootDefaults = rootDefaults();
        RingkeeperConfig settings = yaml.bind(shown, "", YamlBinder.merge(rootDefaults, user), rootDefaults,
                RingkeeperConfig.class, baseDir);

        CloudProvider<?> selected = provider(settings.cloud()).orElseThrow(() -> new ConfigException(shown
                + ": cloud: \"" + settings.cloud() + "\" is not an installed cloud provider; installed: "
                + providers.stream().map(CloudProvider::name).sorted().collect(Collectors.joining(", "))));

        Object cloudSettings = null;
        for (CloudProvider<?> p : providers) {
            JsonNode section = sections.get(p.name());
            if (p == selected || section != null) {
                // Sections of providers not in use are still checked, so a typo there is caught today.
                JsonNode defaults = defaults(p);
                Object bound = yaml.bind(shown, p.name(), YamlBinder.merge(defaults, section), defaults,
                        p.settingsType(), baseDir);
                if (p == selected) {
                    cloudSettings = bound;
                }
            }
        }
        return new LoadedConfig(file, settings, cloudSettings);
    }

    /** The defaults of the daemon-wide keys. */
    public JsonNode rootDefaults() {
        return yaml.readResource(ROOT_DEFAULTS);
    }

    /** The defaults of a provider's section. */
    public JsonNode defaults(CloudProvider<?> provider) {
        return yaml.readResource(provider.defaultsResource());
    }
}
