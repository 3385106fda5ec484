package io.ringkeeper.desired;

/**
 * One kind of desired-state record ({@code logging}, {@code backup}, …): its name and the immutable Java record its
 * {@code spec} binds to. The schema is the record: its components are the fields, and its compact constructor refuses
 * out-of-range values by throwing {@link InvalidSpec} with the pointer of the field (relative to itself). Register a
 * kind with {@code DesiredKinds.bind(binder()).addBinding()}, beside its {@link KindHandler}.
 *
 * @param name     the kind's name in paths and URLs: lower case letters, digits and dashes
 * @param specType the record its spec binds to
 * @param summary  one line for listings and the API document
 */
public record DesiredKind<T extends Record>(String name, Class<T> specType, String summary) {
    public DesiredKind {
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a kind's name is lower case letters, digits and dashes: " + name);
        }
    }
}
