package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every DC's layout and slots, kept current by a watch on the registry's {@code tokens/} subtree ({@link CuratorCache}),
 * for readers that ask often and need no compare-and-set: the seed lists and the ring view. A read costs no ZooKeeper
 * request. Writes (claims, transitions) never go through here; they read ZooKeeper itself.
 *
 * <p>As Curator warns of its caches: changes are seen in order but not necessarily every one of them, and a view can
 * be a moment behind ZooKeeper. While disconnected it keeps the last data it saw.
 */
public final class SlotsCache implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(SlotsCache.class);

    /** A DC as last seen: its layout (absent while being laid out) and its held slots, lowest first. */
    public record Dc(String name, Optional<RingLayout> layout, List<SlotEntry> slots) {
    }

    private final CuratorCache cache;
    private final String root;
    private final ZnodeJson json = new ZnodeJson();
    private final CountDownLatch primed = new CountDownLatch(1);

    public SlotsCache(CuratorFramework zk, String cluster) {
        this.root = new ClusterPaths(cluster).tokens();
        this.cache = CuratorCache.build(zk, root);
        cache.listenable().addListener(CuratorCacheListener.builder().forInitialized(primed::countDown).build());
    }

    public void start() {
        cache.start();
    }

    /** Waits until the first full read of the subtree is in (true), or the timeout passed (false). */
    public boolean awaitPrimed(long timeout, TimeUnit unit) throws InterruptedException {
        return primed.await(timeout, unit);
    }

    public boolean primed() {
        return primed.getCount() == 0;
    }

    /** Every DC of the registry, by name. */
    public Map<String, Dc> dcs() {
        Map<String, Optional<RingLayout>> layouts = new TreeMap<>();
        Map<String, List<SlotEntry>> slots = new TreeMap<>();
        cache.stream().forEach(node -> {
            String relative = node.getPath().length() > root.length() ? node.getPath().substring(root.length() + 1) : "";
            if (relative.isEmpty()) {
                return;
            }
            String[] parts = relative.split("/");
            if (parts.length == 1) {
                layouts.put(parts[0], parse(node, RingLayout.class));
                slots.computeIfAbsent(parts[0], dc -> new ArrayList<>());
            } else if (parts.length == 2 && parts[1].chars().allMatch(Character::isDigit) && !parts[1].isEmpty()) {
                parse(node, SlotRecord.class).ifPresent(record -> slots.computeIfAbsent(parts[0], dc -> new ArrayList<>())
                        .add(new SlotEntry(Integer.parseInt(parts[1]), record, node.getStat().getVersion())));
            }
        });
        Map<String, Dc> out = new TreeMap<>();
        slots.forEach((dc, entries) -> {
            entries.sort(Comparator.comparingInt(SlotEntry::slot));
            out.put(dc, new Dc(dc, layouts.getOrDefault(dc, Optional.empty()), List.copyOf(entries)));
        });
        return out;
    }

    private <T> Optional<T> parse(ChildData node, Class<T> type) {
        byte[] data = node.getData();
        if (data == null || data.length == 0) {
            return Optional.empty(); // a doubling's guard create, or a parent made empty
        }
        try {
            return Optional.of(json.read(data, type, ZKPaths.getNodeFromPath(node.getPath())));
        } catch (IllegalStateException e) {
            log.warn("skipping {}: {}", node.getPath(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
