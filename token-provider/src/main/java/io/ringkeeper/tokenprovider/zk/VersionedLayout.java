package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;

/** The DC's layout as read, with the layout znode's version (what every dependent write checks). */
record VersionedLayout(RingLayout layout, int version) {
}
