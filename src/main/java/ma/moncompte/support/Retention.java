package ma.moncompte.support;

import java.util.List;

/**
 * Data a feature deletes once it no longer serves a purpose. Each feature declares a bean of its own,
 * with statements on its own tables; one hourly job runs them all. Statements must be idempotent, since
 * every instance runs them.
 */
public record Retention(String name, List<String> deletions) {
}
