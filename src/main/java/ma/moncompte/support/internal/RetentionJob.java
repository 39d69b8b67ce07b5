package ma.moncompte.support.internal;

import java.util.List;

import ma.moncompte.support.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final DatabaseClient db;

	private final List<Retention> retentions;

	RetentionJob(DatabaseClient db, List<Retention> retentions) {
		this.db = db;
		this.retentions = retentions;
	}

	@Scheduled(cron = "${moncompte.retention-cron:0 40 * * * *}")
	Mono<Long> run() {
		return Flux.fromIterable(this.retentions).concatMap(this::apply).reduce(0L, Long::sum);
	}

	Mono<Long> apply(Retention retention) {
		return Flux.fromIterable(retention.deletions())
			.concatMap(sql -> this.db.sql(sql).fetch().rowsUpdated())
			.reduce(0L, Long::sum)
			.doOnNext(rows -> log.debug("Retention {}: {} rows removed", retention.name(), rows))
			.onErrorResume(ex -> {
				log.warn("Retention {} failed: {}", retention.name(), ex.toString());
				return Mono.just(0L);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class IdempotencyRetention {

		/** An answer is replayed for a day; after that the key may be used afresh. */
		@Bean
		Retention idempotencyKeys() {
			return new Retention("idempotency keys",
					List.of("DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'"));
		}

	}

}
